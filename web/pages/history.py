"""The change history (muutoshistoria) of a resource, for the pages that show one, told in the words of the domain:
"Nokia: Kaupunginhallitus hyväksyi 16.12.2024 § 123", "Versio 2 lähetettiin osapuolille 4.11.2024". Never a
table or field name, an enum value, an id or an ISO date."""

import re
from typing import Any

from web import i18n
from web.client import ApiClient, ApiError
from web.i18n import N_, gettext
from web.labels import kind_label, organisation_name
from web.pages import agreement_labels
from web.rendering import templates

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: What happened to a thing of each kind, as a sentence; the generic ones name the kind.
KIND_NAMES = {
    "organisations": N_("Organisation"), "areas": N_("Area"), "area_members": N_("Membership of the area"),
    "sub_regions": N_("Sub-region"), "sub_region_municipalities": N_("Municipality of a sub-region"),
    "user_roles": N_("Role"), "users": N_("Person"), "api_keys": N_("API key"), "agreements": N_("Agreement"),
    "agreement_links": N_("Link between agreements"), "agreement_versions": N_("Version"),
    "agreement_parties": N_("Party"), "agreement_annexes": N_("Annex"), "agreement_signatures": N_("Signature"),
    "agreement_notices": N_("Notice"), "decisions": N_("Decision"), "cost_plans": N_("Cost plan"),
    "cost_plan_participants": N_("Participant of a cost plan"), "cost_pools": N_("Cost pool"),
    "statistic_values": N_("Statistic"), "obligations": N_("Obligation"),
    "obligation_holders": N_("Holder of an obligation"), "obligation_instances": N_("Duty of a period"),
    "obligation_marks": N_("Mark on a duty"),
}
ACTIONS = {
    "create": N_("%(kind)s added"), "update": N_("%(kind)s changed"), "delete": N_("%(kind)s removed"),
    "forbidden": N_("%(kind)s: a change was refused"), "login_failed": N_("A failed login"),
}
#: How a body's decision reads in a sentence: "Kaupunginhallitus hyväksyi".
OUTCOME_VERBS = {
    "approved": N_("%(body)s approved on %(date)s"),
    "approved_unanimously": N_("%(body)s approved unanimously on %(date)s"),
    "rejected": N_("%(body)s rejected on %(date)s"),
    "tabled": N_("%(body)s tabled on %(date)s"),
    "returned": N_("%(body)s returned for preparation on %(date)s"),
    "noted": N_("%(body)s noted on %(date)s"),
}
FIELD_NAMES = {
    "name_fi": N_("Name in Finnish"), "name_sv": N_("Name in Swedish"), "name": N_("Name"), "title": N_("Title"),
    "kind": N_("Kind"), "business_id": N_("Business ID"), "municipality_code": N_("Municipality code"),
    "region": N_("Region"), "description": N_("Description"), "role": N_("Role"), "from_date": N_("From"),
    "to_date": N_("Until"), "email": N_("E-mail"), "is_active": N_("Active"),
    "status": N_("Status"), "sent_on": N_("Sent to the parties"), "effective_date": N_("Effective date"),
    "notice_months": N_("Notice period in months"), "rule": N_("Entry into force"), "reasons": N_("Reasons"),
    "body": N_("Body"), "body_name": N_("Body as the minutes name it"), "meeting_date": N_("Meeting date"),
    "section": N_("§ number"), "case_number": N_("Case number"), "outcome": N_("Outcome"),
    "commitment_cap": N_("Money committed, at most (€)"), "given_on": N_("Notice given on"),
    "signed_on": N_("Signed on"), "year": N_("Year"), "reference_date": N_("Reference date"),
    "amount": N_("Amount"), "ends_agreement": N_("Ends the agreement"), "note": N_("Note"),
    "street_address": N_("Street address"), "postal_code": N_("Postal code"), "post_office": N_("Post office"),
    "wellbeing_county": N_("Wellbeing services county"), "population": N_("Population"),
    "lead_organisation_id": N_("Lead"), "coordinator_name": N_("Coordinator"),
    "coordinator_email": N_("Coordinator's e-mail"),
}
VALUE_GROUPS = {"status": "status", "outcome": "outcome", "body": "body", "role": "role", "rule": "rule"}


async def change_history(api: ApiClient, resource_id: str, limit: int = 20) -> list[dict[str, Any]] | None:
    """The newest entries about the resource and its parts; None when the reader may not see them."""
    try:
        return (await api.get("/audit", resource_id=resource_id, limit=limit))["items"]
    except ApiError as error:
        if error.status in (401, 403):
            return None
        raise


def agreement_names(agreement: dict[str, Any]) -> dict[str, str]:
    """The names an agreement's history refers to by id: its parties, and its versions by number."""
    names = {row["organisation"]["id"]: organisation_name(row["organisation"]) for row in agreement.get("matrix") or []}
    for party in agreement.get("parties") or []:
        names[party["organisation"]["id"]] = organisation_name(party["organisation"])
    names.update({v["id"]: gettext("Version %(number)s") % {"number": v["number"]} for v in agreement["versions"]})
    return names


def author(entry: dict[str, Any]) -> str:
    """Who made the change: a person or key by name, the demo data or the system as such."""
    if entry.get("actor_type") == "demo":
        return gettext("Demo data loader")
    if entry.get("actor_type") == "system" or not entry.get("actor_label"):
        return gettext("Sopimo (automatic)")
    if entry.get("actor_type") == "api_key":
        return gettext("API key %(name)s") % {"name": entry["actor_label"]}
    return str(entry["actor_label"])


def shown_value(field: str, value: Any, names: dict[str, str]) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if field in VALUE_GROUPS and isinstance(value, str):
        return agreement_labels.label(VALUE_GROUPS[field], value)
    if field == "kind" and isinstance(value, str):
        return kind_label(value)
    if field == "commitment_cap" or field == "amount":
        return i18n.format_money(value)
    if isinstance(value, str) and ISO_DATE.match(value):
        return i18n.format_date(value)
    if isinstance(value, str) and value in names:
        return names[value]
    return str(value)


def changed_fields(entry: dict[str, Any], names: dict[str, str]) -> list[tuple[str, str, str]]:
    """The fields a change touched that a person reads, with their labels and values before and after."""
    before, after = entry.get("before") or {}, entry.get("after") or {}
    rows = []
    for field, label in FIELD_NAMES.items():
        if field in after and before.get(field) != after.get(field) and entry.get("action") == "update":
            rows.append((gettext(label), shown_value(field, before.get(field), names),
                         shown_value(field, after.get(field), names)))
    return rows


def decision_sentence(values: dict[str, Any], names: dict[str, str]) -> str:
    body = values.get("body_name") or agreement_labels.label("body", values.get("body"))
    verb = OUTCOME_VERBS.get(values.get("outcome") or "", OUTCOME_VERBS["approved"])
    text = gettext(verb) % {"body": body, "date": i18n.format_date(values.get("meeting_date"))}
    if values.get("section"):
        text += f" § {values['section']}"
    party = names.get(str(values.get("organisation_id")))
    return f"{party}: {text}" if party else text


def history_sentence(entry: dict[str, Any], names: dict[str, str]) -> str:
    """What happened, as a sentence of the domain."""
    kind, action = entry.get("resource_type") or "", entry.get("action") or ""
    before, after = entry.get("before") or {}, entry.get("after") or {}
    values = after or before
    party = names.get(str(values.get("organisation_id")), "")
    version = names.get(str(values.get("version_id") or entry.get("resource_id")), "")
    if kind == "decisions" and action == "create":
        return decision_sentence(values, names)
    if kind == "decisions" and action == "delete":
        return gettext("Removed: %(decision)s") % {"decision": decision_sentence(values, names)}
    if kind == "agreement_versions" and action == "update" and after.get("sent_on") and not before.get("sent_on"):
        return gettext("%(version)s was sent to the parties on %(date)s") % {
            "version": version, "date": i18n.format_date(after["sent_on"])}
    if kind == "agreement_versions" and action == "create":
        return gettext("%(version)s was drafted") % {"version": version}
    if kind == "agreement_parties" and action in ("create", "delete") and party:
        template = N_("%(party)s is a party of %(version)s") if action == "create" else N_(
            "%(party)s is no longer a party of %(version)s")
        return gettext(template) % {"party": party, "version": version}
    if kind == "agreement_notices" and action == "create" and party:
        return gettext("%(party)s gave notice on %(date)s") % {
            "party": party, "date": i18n.format_date(values.get("given_on"))}
    if kind == "agreement_notices" and action == "delete" and party:
        return gettext("The notice of %(party)s was withdrawn") % {"party": party}
    if kind == "agreement_signatures" and action == "create" and party:
        return gettext("%(party)s signed on %(date)s") % {
            "party": party, "date": i18n.format_date(values.get("signed_on"))}
    if kind == "agreements" and action == "create":
        return gettext("The agreement %(title)s was created") % {"title": values.get("title", "")}
    subject = gettext(KIND_NAMES.get(kind, N_("Item")))
    name = values.get("title") or values.get("name_fi") or values.get("name") or party
    text = gettext(ACTIONS.get(action, N_("%(kind)s changed"))) % {"kind": subject}
    return f"{text}: {name}" if name and action != "update" else text


templates.env.globals.update(history_sentence=history_sentence, history_author=author,
                             history_changes=changed_fields)
