"""The API's fixed English messages, listed here so that extraction finds the API's messages.

The pages pass each message and detail from the API through `i18n.gettext`, but the API and the
domain rules (api/, domain/) are not scanned by `make messages` and do not mark their strings.
Listing the constant ones here, wrapped in the no-op marker `N_`, puts them in the catalogs so the
pages can show them in Finnish and Swedish. Messages built with f-strings or `.format` (those that
name a value) cannot be looked up and are not listed. Keep this list in step with the API's texts:
a message changed there and not here is shown in English.
"""

from web.i18n import N_

API_MESSAGES = [
    # domain/organisations.py
    N_("A business ID is seven digits, a hyphen and a check digit, e.g. 0211675-2."),
    N_("A municipality code is three digits, e.g. 837."),
    N_("Only a municipality has a municipality code."),
    N_("A municipality needs its three-digit municipality code."),
    # domain/areas.py
    N_("A membership cannot end before it starts."),
    N_("The organisation is already a member of this area during that period."),
    # domain/reference_data.py
    N_("The file is not text in UTF-8."),
    N_("The file is empty."),
    N_(
        "The first line must name the columns: code and name_fi (a municipality list) "
        "or code and business_id (a list of business IDs)."
    ),
    N_("The file has a header but no rows."),
    N_("The Finnish name is missing."),
    # api/problems.py
    N_("Invalid value."),
    N_("The server failed to handle this request; it has been logged."),
    # api/concurrency.py
    N_("Send the resource's ETag in an If-Match header, so that a change made meanwhile is not overwritten."),
    N_("Someone changed this resource after you read it. Reload it, check the changes and try again."),
    # api/areas/service.py
    N_("This field cannot be empty."),
    N_("A membership needs a start date."),
    N_("A sub-region can only hold municipalities that are members of the area."),
    N_("A sub-region needs a name."),
    # api/organisations/imports.py
    N_("The file is larger than 5 MB."),
    # api/pagination.py
    N_("The cursor is not one this API gave out; start again without it."),
    N_("Unknown cursor."),
    # api/agreements/decision_schemas.py
    N_("Write the amount in euros as a decimal string, e.g. 1950.00."),
    N_("The amount must be zero or more and less than a trillion euros."),
    N_("The amount has more than two decimals (cents)."),
    # api/agreements/decision_service.py
    N_("The version belongs to another area."),
    N_("Say which agreement version the decision concerns, or at least its area."),
    N_("This version is still a draft; send it to the parties before recording decisions."),
    N_("This organisation is not a party of the version."),
    # api/agreements/endpoints.py
    N_("This annex is a link; it has no file."),
    N_("The agreement has only one version; there is nothing to compare."),
    N_("The file is larger than 10 MB."),
    N_("Send a file or paste the text."),
    # api/agreements/service.py
    N_("This version has been sent to the parties and can no longer be changed; start an amendment instead."),
    N_("An amendment starts from the version in force, and no version is in force."),
    N_("An organisation is listed twice as a party."),
    N_("An agreement cannot refer to itself."),
    N_("An agreement sent to its parties is a public document and cannot be deleted."),
    N_("This agreement already has a draft; finish or delete it before starting another."),
    N_("Only a draft can be deleted; a version sent to the parties is a public document."),
    N_("This is the agreement's only version; delete the agreement instead."),
    N_("An annex may be at most 10 MB."),
    N_("A draft cannot be signed; send it to the parties first."),
    N_("This party has already signed the version."),
    N_("Notice is given on an agreement in force, and none is in force on that date."),
    N_("This organisation is not a party of the agreement in force."),
    N_("This party has already given notice; withdraw that notice first."),
    N_("The version in force names no notice period; amend it to give one."),
    N_("The notice period would end beyond the year 9999."),
    N_("Send the text either as `text` or as `preamble` and `sections`, not both."),
    # api/auth/dependencies.py
    N_("Log in or send an API key: Authorization: Bearer <token>."),
    N_("The token is not valid: it has expired, was revoked or never existed. Log in again."),
    N_("Only an administrator of the installation may do this."),
    # api/auth/endpoints.py
    N_("The e-mail address or the password is wrong."),
    # api/auth/passwords.py
    N_("A password has at least 8 characters."),
    N_("A password has at most 128 characters."),
    # api/auth/users.py
    N_("No such organisation."),
    N_("A role names an area that does not exist."),
    N_("Only administrators and area admins may list people."),
    N_("Already in use."),
    # api/organisations/service.py
    N_("This value already belongs to another organisation."),
    # api/costs/calculations.py
    N_("Give at most 24 instalment dates between the years 1990 and 2100."),
    # api/costs/engine.py
    N_("The co-financing rate is between 0 and 1, e.g. 0.80."),
    N_("The co-financing rate has at most six decimals."),
    # api/costs/service.py
    N_("Instalment dates are between the years 1990 and 2100."),
    N_("Give at least one instalment date."),
    N_("The instalment dates must be in ascending order, each once."),
    N_("A cost plan needs at least one participant."),
    N_("The previous plan must be another plan of the same area."),
    N_("The lead must be one of the plan's participants."),
    N_("The agreement version has no parties and the area no members that year: name the participants."),
    N_("An actual cost cannot be negative."),
    N_("The actual cost is too large."),
    # domain/costs/plans.py
    N_("This plan has been approved and can no longer be changed; start a change (a new draft from it) instead."),
    N_("Only an approved plan is changed through a new draft; change this draft itself."),
    # api/costs/statistics_service.py
    N_("A statistic needs a value."),
    # pydantic's own messages for the fields the pages send
    N_("Field required"),
    N_("value is not a valid email address: An email address must have an @-sign."),
]
