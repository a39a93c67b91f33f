"""What the pages say for each error code the API gives, in the page's language.

The API's problems carry a stable `code` and `params`; the pages never show its English `detail`.
Each code's text is written here once for the pages' readers (municipal officials, not developers) and
translated in the Babel catalogs; tests/web/test_error_texts.py fails on a code without a text or a
translation. Parameters that name a fixed word (a quantity, a resource, a permission, a unit) are
translated by the tables below; ISO dates are written as Finns write them.
"""

import re
from collections.abc import Mapping
from typing import Any

from web import i18n
from web.i18n import N_

ERROR_TEXTS: dict[str, str] = {
    # the request itself
    "error": N_("The request could not be handled."),
    "request.invalid": N_("Check the marked fields."),
    "request.invalid_fields": N_("Check the marked fields."),
    "request.no_such_path": N_("This page does not exist."),
    "request.method_not_allowed": N_("This action is not possible here."),
    "request.refused": N_("The request was refused. Reload the page and try again."),
    "database.unavailable": N_("The service cannot reach its database at the moment, and nothing was changed. "
                               "Try again in %(seconds)s seconds."),
    "server.fault": N_("Something went wrong on the server. The error has been logged; try again in a moment."),
    "cursor.unknown": N_("The list has changed since it was opened. Start again from the first page."),
    "upload.too_large": N_("The file is larger than %(limit_mb)s MB."),
    "upload.busy": N_("Many files are being read at the moment. Try again in %(seconds)s seconds."),
    "pdf.busy": N_("Many files are being read or made at the moment. Try again in %(seconds)s seconds."),
    "pdf.took_too_long": N_("Making the PDF file took longer than %(limit_seconds)s seconds and was stopped. Print the "
                            "page from the browser instead."),
    "pdf.too_many_pages": N_("The PDF file would have %(pages)s pages; at most %(limit)s are made. Print the page from "
                             "the browser instead."),
    "pdf.too_large": N_("The PDF file would be larger than %(limit_mb)s MB. Print the page from the browser instead."),
    "pdf.too_complex": N_("The document is too large to be made into a PDF file. Print the page from the browser "
                          "instead."),
    # who is asking
    "auth.not_authenticated": N_("Log in to continue."),
    "auth.token_not_valid": N_("Your login has ended. Log in again."),
    "auth.wrong_credentials": N_("The e-mail address or the password is wrong."),
    "auth.too_many_logins": N_("Too many failed logins. Try again in %(seconds)s seconds."),
    "auth.forbidden": N_("You do not have the rights to do this."),
    "auth.roles_do_not_allow": N_("You do not have the rights to do this: your roles do not cover it."),
    "auth.key_does_not_allow": N_("This API key does not have the rights to do this."),
    "auth.administrators_only": N_("Only an administrator of the installation may do this."),
    "auth.area_admins_only": N_("Only the area's admins may do this."),
    "auth.organisation_not_yours": N_(
        "Only the organisation's own coordinators, the admins of its areas and the installation's admins may change it."
    ),
    "auth.organisation_creators_only": N_("Only area admins and the installation's admins may add organisations."),
    "auth.people_list": N_("Only administrators and area admins may list people."),
    "auth.keys_cannot_read_audit": N_("API keys cannot read the change history."),
    "auth.keys_have_no_calendar": N_("API keys have no calendar: the calendar addresses are each person's own."),
    "auth.statistics_not_yours": N_(
        "You may not change the statistics of %(organisation)s: it is not a member of an area whose costs you handle."
    ),
    "password.too_short": N_("A password has at least %(minimum)s characters."),
    "password.too_long": N_("A password has at most %(maximum)s characters."),
    "password.too_common": N_("This password is among the most common ones, which are tried first when guessing; "
                              "choose another."),
    # concurrency
    "concurrency.if_match_required": N_("Reload the page and try again."),
    "concurrency.stale": N_("Someone else changed this meanwhile. Reload the page, check the changes and try again."),
    "concurrency.conflict": N_("Someone changed related data at the same time. Reload the page, check the changes and "
                               "try again."),
    # values of fields
    "value.required": N_("This field is required."),
    "value.invalid": N_("This value is not valid."),
    "value.unknown_field": N_("This field is not known."),
    "value.too_long": N_("At most %(max_length)s characters."),
    "value.too_short": N_("At least %(min_length)s characters."),
    "value.too_many": N_("At most %(max_length)s items."),
    "value.too_few": N_("At least %(min_length)s items."),
    "value.pattern": N_("The value does not have the expected form."),
    "value.date": N_("Write a date as 5.6.2025."),
    "value.datetime": N_("Write a date and a time."),
    "value.integer": N_("Write a whole number."),
    "value.decimal": N_("Write a number, e.g. 1 949,85."),
    "value.decimal_string": N_("Write a number, e.g. 1 949,85."),
    "value.too_many_digits": N_("At most %(max_digits)s digits."),
    "value.too_many_decimals": N_("At most %(decimal_places)s decimals."),
    "value.too_small": N_("The value is too small (at least %(limit)s)."),
    "value.too_large": N_("The value is too large (at most %(limit)s)."),
    "value.not_a_choice": N_("Choose one of the options."),
    "value.id": N_("Choose an item from the list."),
    "value.boolean": N_("Choose yes or no."),
    "value.text": N_("Write text."),
    "value.list": N_("Choose one or more items."),
    "value.object": N_("This value is not valid."),
    "value.url": N_("Write an address starting with http:// or https://."),
    "value.json": N_("The request could not be read."),
    "value.nul": N_("The text contains a character that cannot be saved (NUL). Remove it and try again."),
    "value.email": N_("Write an e-mail address, e.g. nimi@kunta.fi."),
    "value.taken": N_("This value already belongs to another %(resource)s."),
    "value.unknown_reference": N_("The chosen %(resource)s does not exist."),
    "resource.not_found": N_("The %(resource)s does not exist, or you may not see it."),
    "resource.referenced": N_("%(name)s cannot be deleted while other records refer to it."),
    "user.last_admin": N_("%(email)s is the last active administrator of the installation and cannot be deleted, "
                          "deactivated or made an ordinary user; make another person an administrator first."),
    "rule.refused": N_("The rules do not allow this."),
    "money.format": N_("Write the amount in euros, e.g. 1 950,00."),
    "money.range": N_("The amount must be zero or more and less than a trillion euros."),
    "money.cents": N_("The amount has more than two decimals (cents)."),
    # organisations and areas
    "business_id.checksum": N_("The check digit of the business ID is wrong."),
    "business_id.format": N_("A business ID is seven digits, a hyphen and a check digit, e.g. 0211675-2."),
    "municipality_code.format": N_("A municipality code is three digits, e.g. 837."),
    "municipality_code.missing": N_("A municipality needs its three-digit municipality code."),
    "municipality_code.only_municipalities": N_("Only a municipality has a municipality code."),
    "organisation.value_taken": N_("%(value)s already belongs to %(holder)s."),
    "membership.ends_before_start": N_("A membership cannot end before it starts."),
    "membership.overlap": N_("The organisation is already a member of this area during that period."),
    "sub_region.not_a_member": N_("A sub-region can only hold municipalities that are members of the area."),
    "sub_region.not_a_municipality": N_("%(organisation)s is not a municipality."),
    # files and their rows
    "file.unreadable": N_("The file cannot be read."),
    "file.not_text": N_("The file is not text in UTF-8."),
    "file.empty": N_("The file is empty."),
    "file.not_csv": N_("The file is not a valid CSV file."),
    "file.no_rows": N_("The file has a header but no rows."),
    "file.too_large": N_("The file is larger than %(limit_mb)s MB."),
    "file.took_too_long": N_(
        "Reading the file took longer than %(limit_seconds)s seconds and was stopped. Split the file or simplify it."
    ),
    "file.too_complex": N_("The file is too complex to read. Split the file or simplify it."),
    "import.rows_with_errors": N_("%(count)s rows have errors; nothing was saved. Correct them and upload the file again."),
    "import.nothing_sent": N_("Choose a file or paste the text."),
    "reference_file.columns": N_(
        "The first line must name the columns: code and name_fi (a municipality list) "
        "or code and business_id (a list of business IDs)."
    ),
    "statistics_file.columns": N_(
        "The first line must name the columns: code, statistic, reference_date and value, "
        "or code and one column per statistic such as population_2020."
    ),
    "row.duplicate_code": N_("Municipality code %(municipality_code)s is already on line %(line)s."),
    "row.name_missing": N_("The Finnish name is missing."),
    "row.municipality_kind": N_("The kind must be city or municipality, not %(kind)s."),
    "row.population_not_whole": N_("The population must be a whole number, not %(value)s."),
    "row.unknown_municipality": N_(
        "No municipality with code %(municipality_code)s is stored; import the municipalities first."
    ),
    "row.business_id_taken": N_("Business ID %(business_id)s already belongs to municipality %(municipality_code)s."),
    "row.date_format": N_("Write the date as 31.12.2020, not %(value)s."),
    "row.column_date": N_("The column %(column)s does not name a valid date."),
    "row.duplicate_value": N_("The same value is already on line %(line)s."),
    "row.duplicate_item": N_("The same value is already item %(item)s."),
    "row.organisation_required": N_("Give the organisation or its municipality code."),
    "row.unknown_organisation_id": N_("The organisation does not exist."),
    "row.unknown_municipality_code": N_("No organisation has the municipality code %(municipality_code)s."),
    "row.statistics_not_yours": N_(
        "You may not change the statistics of %(organisation)s: it is not a member of an area whose costs you handle."
    ),
    "statistic.name_format": N_(
        "A statistic's name is lower-case letters, digits and underscores, e.g. population or jobseekers."
    ),
    "statistic.value_missing": N_("The value is missing."),
    "statistic.value_not_a_number": N_("The value must be a number, not %(value)s."),
    "statistic.value_negative": N_("The value cannot be negative (%(value)s)."),
    "statistic.value_too_precise": N_("The value has more than %(max_decimals)s decimals."),
    "statistic.value_too_large": N_("The value is too large."),
    "statistic.exists": N_("%(organisation)s already has a value of %(statistic)s on %(on)s; change that one instead."),
    # agreements
    "agreement.refused": N_("The agreement rules do not allow this."),
    "agreement.published": N_("An agreement sent to its parties is a public document and cannot be deleted."),
    "agreement.draft_exists": N_("This agreement already has a draft; finish or delete it before starting another."),
    "amendment.none_in_force": N_("An amendment starts from the version in force, and no version is in force."),
    "version.not_editable": N_(
        "This version was sent to the parties on %(sent_on)s and can no longer be changed; start an amendment instead."
    ),
    "version.incomplete": N_("The version cannot be sent yet. Check the marked points."),
    "version.too_few_parties": N_("An agreement needs at least %(minimum)s parties."),
    "version.party_listed_twice": N_("A party is listed twice."),
    "version.no_sections": N_("The version has no sections."),
    "version.effective_date_missing": N_("A version that comes into force on a fixed date needs its effective date."),
    "version.not_in_force": N_("An amendment starts from the version in force, and this version is not in force."),
    "version.not_a_draft": N_("Only a draft can be deleted; a version sent to the parties is a public document."),
    "version.only_version": N_("This is the agreement's only version; delete the agreement instead."),
    "chain.invalid": N_("The versions of the agreement do not form a chain."),
    "chain.duplicate_version": N_("The versions of the agreement do not form a chain: a version appears twice."),
    "chain.unknown_base": N_("The versions of the agreement do not form a chain: a version amends an unknown one."),
    "chain.cycle": N_("The versions of the agreement do not form a chain: they amend each other in a cycle."),
    "link.self": N_("An agreement cannot refer to itself."),
    "redline.one_version": N_("The agreement has only one version; there is nothing to compare."),
    "annex.is_link": N_("This annex is a link; it has no file."),
    "signature.draft": N_("A draft cannot be signed; send it to the parties first."),
    "signature.already_signed": N_("This party has already signed the version."),
    "party.not_of_version": N_("This organisation is not a party of the version."),
    "party.not_in_force": N_("This organisation is not a party of the agreement in force."),
    "notice.invalid": N_("The notice cannot be computed."),
    "notice.none_in_force": N_("Notice is given on an agreement in force, and none is in force on %(given_on)s."),
    "notice.already_given": N_("This party has already given notice; withdraw that notice first."),
    "notice.no_period": N_("The version in force names no notice period; amend it to give one."),
    "notice.beyond_calendar": N_("The notice period would end beyond the year 9999."),
    "notice.period_not_whole": N_("The notice period must be whole months."),
    "notice.period_negative": N_("The notice period cannot be negative."),
    "decision.already_recorded": N_("This party's decision at this meeting and § is already recorded; correct that "
                                    "decision instead."),
    "decision.conflicting": N_(
        "The party already has a decision with another outcome at the same meeting and § (%(meeting_date)s § "
        "%(section)s); correct that decision instead."
    ),
    "decision.before_sent": N_(
        "The decision is dated %(meeting_date)s, before the version was sent to the parties on %(sent_on)s."
    ),
    "decision.in_future": N_("The decision is dated %(meeting_date)s, after today. Record a decision once it is made."),
    "decision.after_departure": N_(
        "The decision is dated %(meeting_date)s, after %(last_day)s, the organisation's last day as a party after its notice."
    ),
    "version.text_with_sections": N_("Give the text either as text or as sections, not both."),
    "decision.on_draft": N_("This version is still a draft; send it to the parties before recording decisions."),
    "decision.other_area": N_("The version belongs to another area."),
    "decision.target_required": N_("Choose the agreement version the decision concerns, or at least its area."),
    # documents
    "document.unreadable": N_("The document cannot be read."),
    "document.unsupported": N_("This kind of file cannot be imported; use UTF-8 text, .docx or PDF."),
    "document.zip_not_docx": N_("%(filename)s is a zip archive, not a Word (.docx) document."),
    "document.old_word": N_("This is an old Word (.doc) file; save it as .docx, PDF or UTF-8 text."),
    "document.not_utf8": N_("The text file is not UTF-8 text; save it as UTF-8 and try again."),
    "document.empty": N_("The document contains no text."),
    "document.empty_file": N_("The file is empty."),
    "document.pdf_without_text": N_(
        "The PDF has no text layer (a scanned document?); import a text, .docx or searchable PDF version."
    ),
    "document.damaged": N_("%(filename)s is not a valid %(kind)s document."),
    "document.docx_unreadable": N_("The .docx document cannot be read."),
    "document.pdf_encrypted": N_("The PDF is password-protected."),
    "document.pdf_unreadable": N_("The PDF cannot be read."),
    "document.too_large": N_("The document is too large to import."),
    "document.unpacked_too_large": N_(
        "The .docx document unpacks to more than %(limit_mb)s MB. Remove large images or save it as PDF or text."
    ),
    "document.text_too_long": N_("The document's text is longer than %(limit)s characters. Import it in parts."),
    "document.too_complex": N_("The document is too complex to import."),
    "document.too_many_parts": N_("The .docx document has more than %(limit)s parts. Save it as PDF or text."),
    "document.too_many_pages": N_("The PDF has more than %(limit)s pages. Import it in parts."),
    "document.too_many_sections": N_("The document has more than %(limit)s sections. Import it in parts."),
    "document.too_many_blocks": N_("A section of the document has more than %(limit)s paragraphs and lists."),
    "document.list_too_long": N_("A list in the document has more than %(limit)s items."),
    "document.paragraph_too_long": N_(
        "A paragraph or a list item of the document is longer than %(limit)s characters. Check that the text has "
        "line breaks between its paragraphs."
    ),
    "import.warning": N_("Check the preview."),
    "import.unnumbered_headings": N_("The headings have no numbers; the sections were found by the layout. Check them."),
    "import.no_sections_found": N_("No numbered sections were found; the text is kept as one section."),
    "import.section_without_text": N_("Section %(number)s (%(title)s) has no text."),
    # cost sharing
    "cost.refused": N_("The cost plan cannot be computed as it is."),
    "cost.invalid": N_("The cost plan is not valid."),
    "cost.not_exact_number": N_("%(quantity)s must be a number."),
    "cost.not_finite": N_("%(quantity)s must be a number."),
    "cost.finer_than_minor_unit": N_("%(quantity)s %(value)s has more decimals than %(unit)s allow."),
    "cost.negative": N_("%(quantity)s cannot be negative (%(value)s)."),
    "cost.not_whole_units": N_("%(quantity)s %(value)s must be whole when shares are rounded to whole units."),
    "cost.rate_out_of_range": N_("The co-financing rate must be between 0 and 100 %%."),
    "cost.rate_too_precise": N_("The co-financing rate has at most %(decimals)s decimals."),
    "cost.too_large": N_("%(quantity)s %(value)s is too large."),
    "cost.pool_name_missing": N_("A pool needs a name."),
    "cost.unknown_choice": N_("%(quantity)s cannot be %(value)s."),
    "cost.not_participant_ids": N_("Choose the participants from the list."),
    "cost.duplicate_participant": N_("A participant is listed twice."),
    "cost.duplicate_pool_name": N_("Two pools are named %(pool)s."),
    "cost.pool_without_participants": N_("Pool %(pool)s has no participants."),
    "cost.unknown_participant": N_("Pool %(pool)s names a participant that is not a party of the plan."),
    "cost.lead_required": N_("Pool %(pool)s gives the excess over caps to the lead municipality, but the plan has no lead."),
    "cost.statistic_name_missing": N_("Choose the statistic the pool is split by."),
    "cost.reference_date_missing": N_("Pool %(pool)s is split by %(statistic)s, but the plan has no reference date."),
    "cost.statistic_given_twice": N_("%(statistic)s is given twice for the same municipality on %(on)s."),
    "cost.statistic_missing": N_(
        "%(participant)s has no %(statistic)s value on %(on)s; a missing value is not read as zero."
    ),
    "cost.statistic_unknown": N_(
        "Pool %(pool)s is split by %(statistic)s, but none of its participants has a value of it on %(on)s. "
        "Check the statistic and the plan's reference date."
    ),
    "cost.percentages_not_100": N_("The fixed percentages add up to %(total)s, not 100."),
    "cost.percentage_missing": N_("Pool %(pool)s splits by fixed percentages but gives none for %(participant)s."),
    "cost.percentage_negative": N_("A fixed percentage cannot be negative (%(value)s)."),
    "cost.mix_empty": N_("A weighted mix needs at least one key."),
    "cost.mix_weight_negative": N_("A weight of the mix cannot be negative (%(value)s)."),
    "cost.not_a_key": N_("Choose how the pool is split."),
    "cost.mix_weights_not_1": N_("The weights of the mix add up to %(total)s, not 1 (100 %%)."),
    "cost.zero_total_weight": N_("Pool %(pool)s cannot be split by %(key)s: the values of its participants add up to 0."),
    "cost.instalment_dates_missing": N_("Give at least one instalment date."),
    "cost.instalment_dates_order": N_("The instalment dates must be in ascending order, each once."),
    "cost.instalment_years": N_("Instalment dates are between the years %(first_year)s and %(last_year)s."),
    "cost.too_many_instalments": N_("Give at most %(maximum)s instalment dates."),
    "cost.actual_cost_missing": N_("No actual cost is given for pool %(pool)s."),
    "cost.actual_cost_unknown_pool": N_("An actual cost is given for %(pool)s, which is not a pool of the plan."),
    "cost_plan.approved": N_("This plan has been approved and can no longer be changed; start a change instead."),
    "cost_plan.not_approved": N_("Only an approved plan is changed through a new draft; change this draft itself."),
    "cost_plan.no_participants": N_("A cost plan needs at least one participant."),
    "cost_plan.no_default_participants": N_(
        "The agreement version has no parties and the area no members that year: choose the participants."
    ),
    "cost_plan.previous_plan": N_("The previous plan must be another plan of the same area."),
    "cost_plan.lead_not_participant": N_("The lead must be one of the plan's participants."),
    "link.format": N_("Give a web address that starts with https:// or http://."),
    "obligation.refused": N_("The rules on obligations do not allow this."),
    "calendar.not_found": N_("There is no calendar at this address: it was reset, or it is not yours to read."),
    "obligation.schedule_invalid": N_("Check the schedule: it gives no due dates as written."),
    "obligation.too_many_occurrences": N_("The schedule gives more than %(maximum)s due dates; choose a longer interval."),
    "obligation.holders_invalid": N_("Check the holders: each one named must be a party of the agreement version."),
    "obligation_instance.already_marked": N_("This duty was already marked %(state)s on %(marked_on)s; reopen it first."),
    "obligation_instance.not_marked": N_("This duty is not marked, so there is nothing to reopen."),
    "obligation_instance.reason_required": N_("Say why the duty does not apply."),
    "group.refused": N_("The rules of groups do not allow this."),
    "membership.deputy_without_member": N_(
        "A deputy stands for one member of the group whose term covers the deputy's: choose that member."),
    "membership.deputy_of_another_organisation": N_(
        "A deputy represents the same organisation as the member they stand for."),
    "membership.term_out_of_order": N_("A membership ends on or after the day it begins."),
}

#: Parameters that name a fixed word, and the words in the page's language.
QUANTITIES = {
    "amount": N_("The amount"),
    "cap": N_("The cap"),
    "co_financing_rate": N_("The co-financing rate"),
    "percentage": N_("A fixed percentage"),
    "mix_weight": N_("A weight of the mix"),
    "statistic_value": N_("A statistic's value"),
    "actual_cost": N_("The actual cost"),
    "instalment": N_("The amount to invoice"),
    "unit": N_("The unit"),
    "rounding": N_("The rounding"),
    "excess": N_("The rule for the excess over caps"),
    "participants": N_("The participants"),
    "excluded": N_("The excluded participants"),
}
RESOURCES = {
    "organisation": N_("organisation"),
    "area": N_("area"),
    "member": N_("member"),
    "sub_region": N_("sub-region"),
    "agreement": N_("agreement"),
    "version": N_("agreement version"),
    "annex": N_("annex"),
    "notice": N_("notice"),
    "decision": N_("decision"),
    "cost_plan": N_("cost plan"),
    "pool": N_("pool"),
    "share": N_("share"),
    "statistic": N_("statistic"),
    "user": N_("person"),
    "person": N_("person"),
    "api_key": N_("API key"),
    "obligation": N_("obligation"),
    "obligation_instance": N_("duty of a period"),
    "file": N_("file"),
}
UNITS = {"eur": N_("euros"), "person_year": N_("person-years")}
STATES = {"done": N_("done"), "not_applicable": N_("not applicable")}
WORDS = {"quantity": QUANTITIES, "resource": RESOURCES, "unit": UNITS, "state": STATES}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _Params(dict[str, str]):
    """Parameters for a text: a missing one is left empty rather than breaking the page."""

    def __missing__(self, key: str) -> str:
        return ""


def shown(name: str, value: Any) -> str:
    if name in WORDS and isinstance(value, str) and value in WORDS[name]:
        return i18n.gettext(WORDS[name][value])
    if isinstance(value, str) and ISO_DATE.match(value):
        return i18n.format_date(value)
    return "" if value is None else str(value)


def error_text(code: str | None, params: Mapping[str, Any] | None = None) -> str:
    """The text of an error code in the page's language, its parameters filled in."""
    template = ERROR_TEXTS.get(code or "") or ERROR_TEXTS["error"]
    values = _Params({name: shown(name, value) for name, value in (params or {}).items()})
    return i18n.gettext(template) % values


def problem_text(problem: Mapping[str, Any] | None) -> str:
    """The text of a problem (or of one of its field errors, or of an error brief) as the API gave it."""
    if not problem:
        return ""
    return error_text(problem.get("code"), problem.get("params"))
