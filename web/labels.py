"""Names of the kinds of things, in the page's language."""

from web.i18n import N_, current_language, gettext

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


def organisation_name(organisation: dict | None) -> str:
    """An organisation's name as the page's language writes it: Swedish pages use a bilingual municipality's
    Swedish name (Vasa, Jakobstad), every other page the Finnish one."""
    if not organisation:
        return ""
    if current_language.get() == "sv" and organisation.get("name_sv"):
        return str(organisation["name_sv"])
    return str(organisation.get("name_fi") or organisation.get("name") or "")
