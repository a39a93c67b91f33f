"""Names of the kinds of things, in the page's language."""

from web.i18n import N_, gettext

KIND_LABELS = {
    "municipality": N_("Municipality"),
    "state_agency": N_("State agency"),
    "wellbeing_services_county": N_("Wellbeing services county"),
    "education_provider": N_("Education provider"),
    "association": N_("Association"),
    "company": N_("Company"),
    "other": N_("Other"),
    "employment_area": N_("Employment area"),
    "municipal_pilot": N_("Municipal pilot"),
    "project": N_("Project"),
}


def kind_label(kind: str) -> str:
    return gettext(KIND_LABELS.get(kind, kind))
