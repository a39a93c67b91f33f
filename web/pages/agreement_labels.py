"""Names of the agreements' kinds, statuses, roles and outcomes, in the page's language."""

from web.i18n import N_, gettext
from web.rendering import templates

AGREEMENT_KINDS = {
    "letter_of_intent": N_("Letter of intent"),
    "cooperation_agreement": N_("Cooperation agreement"),
    "partnership": N_("Partnership agreement"),
    "main_agreement": N_("Main agreement"),
    "project_agreement": N_("Project agreement"),
    "other": N_("Other agreement"),
}
STATUSES = {
    "draft": N_("Draft"),
    "circulating": N_("Circulating for decision"),
    "adopted": N_("Adopted"),
    "in_force": N_("In force"),
    "superseded": N_("Superseded"),
    "terminated": N_("Terminated"),
}
ROLES = {
    "lead": N_("Lead"),
    "member": N_("Member"),
    "financier": N_("Financier"),
    "service_provider": N_("Service provider"),
    "other": N_("Other role"),
}
RULES = {
    "all_parties_approve": N_("When all parties have approved"),
    "fixed_date": N_("On a fixed date, once all parties have approved"),
    "on_signature": N_("When all parties have approved and signed"),
}
LINK_KINDS = {
    "follows_letter_of_intent": N_("Follows the letter of intent"),
    "annex_of": N_("Is an annex of"),
    "supersedes": N_("Supersedes"),
}
INCOMING_LINK_KINDS = {
    "follows_letter_of_intent": N_("Followed by"),
    "annex_of": N_("Has the annex"),
    "supersedes": N_("Superseded by"),
}
OUTCOMES = {
    "approved": N_("Approved"),
    "approved_unanimously": N_("Approved unanimously"),
    "rejected": N_("Rejected"),
    "tabled": N_("Tabled"),
    "returned": N_("Returned for preparation"),
    "noted": N_("Noted"),
}
BODIES = {
    "municipal_board": N_("Municipal board (KH)"),
    "council": N_("Council"),
    "committee": N_("Committee"),
    "division": N_("Division"),
    "other": N_("Other body"),
}
STANDINGS = {
    "approved": N_("Approved"),
    "blocking": N_("Blocks"),
    "pending": N_("Awaited"),
}
CHANGES = {
    "unchanged": N_("Unchanged"),
    "changed": N_("Changed"),
    "added": N_("Added"),
    "removed": N_("Removed"),
}
GROUPS = {
    "kind": AGREEMENT_KINDS, "status": STATUSES, "role": ROLES, "rule": RULES, "link": LINK_KINDS,
    "incoming_link": INCOMING_LINK_KINDS, "outcome": OUTCOMES, "body": BODIES, "standing": STANDINGS,
    "change": CHANGES,
}


def label(group: str, value: str | None) -> str:
    if value is None:
        return ""
    return gettext(GROUPS[group].get(value, value))


templates.env.globals["agreement_label"] = label
