"""The API's fixed English messages, listed here so that extraction finds the API's messages.

The pages pass each message and detail from the API through `i18n.gettext`, but the API and the
domain rules (api/, domain/) are not scanned by `make messages` and do not mark their strings.
Listing the constant ones here, wrapped in the no-op marker `N_`, puts them in the catalogs so the
pages can show them in Finnish and Swedish. Messages built with f-strings or `.format` (those that
name a value) cannot be looked up and are not listed. Keep this list in step with the API's texts:
a message changed there and not here is shown in English.
"""

N_ = lambda s: s  # noqa: E731 - a marker for extraction; returns the message unchanged


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
    # pydantic's own messages for the fields the pages send
    N_("Field required"),
    N_("value is not a valid email address: An email address must have an @-sign."),
]
