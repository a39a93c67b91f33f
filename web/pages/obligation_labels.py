"""Names of the obligations' kinds, holders, schedules and statuses, in the page's language."""

from web.i18n import N_, gettext
from web.rendering import templates

KINDS = {
    "name_body_or_person": N_("Name a body or a person"),
    "provide": N_("Provide something"),
    "deliver_document": N_("Deliver a document"),
    "meet": N_("Meet"),
    "keep_up_to_date": N_("Keep information up to date"),
    "assess_beforehand": N_("Assess beforehand"),
    "other": N_("Other duty"),
}
SCOPES = {
    "each_party": N_("Each party"),
    "lead": N_("The lead"),
    "named_parties": N_("Named parties"),
    "group": N_("A group"),
    "employment_authority": N_("The employment authority"),
}
SCHEDULES = {"one_off": N_("Once"), "recurring": N_("Recurring"), "continuous": N_("Continuous")}
EVERY = {"yearly": N_("Every year"), "quarterly": N_("Every quarter"), "monthly": N_("Every month")}
STATUSES = {"open": N_("Open"), "done": N_("Done"), "overdue": N_("Overdue"), "not_applicable": N_("Not applicable")}
MARKS = {"done": N_("Marked done"), "not_applicable": N_("Marked not applicable"), "reopened": N_("Reopened")}
FIELDS = {"title": N_("title"), "description": N_("description"), "kind": N_("kind"), "clause": N_("clause"),
          "holders": N_("holders"), "schedule": N_("schedule")}
GROUPS = {"field": FIELDS, "kind": KINDS, "scope": SCOPES, "schedule": SCHEDULES, "every": EVERY, "status": STATUSES,
          "mark": MARKS}


def label(group: str, value: str | None) -> str:
    if value is None:
        return ""
    return gettext(GROUPS[group].get(value, value))


def field_label(value: str) -> str:
    return label("field", value)


templates.env.globals["obligation_label"] = label
templates.env.filters["duty_field"] = field_label
templates.env.globals["obligation_groups"] = GROUPS
