"""Refusals that belong to the API rather than to the rules: authentication, rights, concurrency, sizes.

Like the domain's errors each has a stable code and parameters; api.problems maps the classes to HTTP.
"""

import uuid

from domain.errors import CodedError, DomainError, InvalidValue

# --- who is asking --------------------------------------------------------------------------------------


class NotAuthenticated(CodedError):
    """No credentials, or credentials that do not hold (401)."""

    code = "auth.not_authenticated"
    message = "Log in or send an API key: Authorization: Bearer <token>."


class TokenNotValid(NotAuthenticated):
    code = "auth.token_not_valid"
    message = "The token is not valid: it has expired, was revoked or never existed. Log in again."


class WrongCredentials(NotAuthenticated):
    code = "auth.wrong_credentials"
    message = "The e-mail address or the password is wrong."


class TooManyLogins(CodedError):
    """Failed logins are throttled (429, with Retry-After)."""

    code = "auth.too_many_logins"
    message = "Too many failed logins. Try again in {seconds} seconds."


class Forbidden(CodedError):
    """A refused authorisation (403); the request's transaction keeps a record of it in the audit trail."""

    code = "auth.forbidden"
    message = "You may not do this."

    def __init__(self, *, resource_type: str | None = None, resource_id: uuid.UUID | None = None,
                 area_id: uuid.UUID | None = None, **params: object) -> None:
        self.resource_type = resource_type
        self.resource_id = resource_id
        self.area_id = area_id
        super().__init__(**params)


class RolesDoNotAllow(Forbidden):
    code = "auth.roles_do_not_allow"
    message = "You may not {permission} here: your roles do not cover it."


class KeyDoesNotAllow(Forbidden):
    code = "auth.key_does_not_allow"
    message = "This API key may not {permission} here: it lacks the scope or belongs to another area."


class AdministratorsOnly(Forbidden):
    code = "auth.administrators_only"
    message = "Only an administrator of the installation may do this."


class AreaAdminsOnly(Forbidden):
    code = "auth.area_admins_only"
    message = "Only the area's admins may do this."


# --- concurrency -------------------------------------------------------------------------------------------


class IfMatchRequired(CodedError):
    """A change of a resource people edit names the version it was made on (428)."""

    code = "concurrency.if_match_required"
    message = "Send the resource's ETag in an If-Match header, so that a change made meanwhile is not overwritten."


class StaleVersion(CodedError):
    """The version named in If-Match is no longer the stored one (412); the answer carries the current ETag."""

    code = "concurrency.stale"
    message = "Someone changed this resource after you read it. Reload it, check the changes and try again."

    def __init__(self, current_etag: str | None = None) -> None:
        self.current_etag = current_etag  # None when the write lost a race: the winner's ETag is not known here
        super().__init__()


class ConflictingWrite(DomainError):
    """A write that the database refused because data stored meanwhile conflicts with it, and that no more
    specific refusal describes (409)."""

    code = "concurrency.conflict"
    message = "Someone changed related data at the same time. Reload, check the changes and try again."


# --- requests ------------------------------------------------------------------------------------------------


class UploadTooLarge(CodedError):
    """An upload beyond its limit (413)."""

    code = "upload.too_large"
    message = "The file is larger than {limit_mb} MB."


class ReadersBusy(CodedError):
    """Every worker that reads uploaded files is busy, and stayed busy for as long as one file may take (503)."""

    code = "upload.busy"
    message = "Too many files are being read at the moment; try again in {seconds} seconds."


# --- PDF files of the pages ---------------------------------------------------------------------------------


class PdfRefused(CodedError):
    """A page whose PDF file cannot be made within the limits of one (413); the page itself still prints."""


class PdfTooManyPages(PdfRefused):
    code = "pdf.too_many_pages"
    message = "The PDF file would have {pages} pages; at most {limit} are made."


class PdfTooLarge(PdfRefused):
    code = "pdf.too_large"
    message = "The PDF file would be larger than {limit_mb} MB."


class PdfTooComplex(PdfRefused):
    code = "pdf.too_complex"
    message = "Making the PDF file needed more than {limit_mb} MB of memory; it was stopped."


class PdfTookTooLong(CodedError):
    """Making a PDF file took longer than the time allowed for one (503); it was stopped."""

    code = "pdf.took_too_long"
    message = "Making the PDF file took longer than {limit_seconds} seconds; it was stopped."


class PdfMakersBusy(ReadersBusy):
    """The PDF files are made by the workers that read uploaded files; all of them stayed busy (503)."""

    code = "pdf.busy"
    message = "Too many files are being read or made at the moment; try again in {seconds} seconds."


class UnknownCursor(InvalidValue):
    """A page cursor this API did not give out (400)."""

    code = "cursor.unknown"
    message = "The cursor is not one this API gave out; start again without it."

    def __init__(self) -> None:
        super().__init__("cursor")


class NoSuchPath(CodedError):
    code = "request.no_such_path"
    message = "No resource at {path}."


class MethodNotAllowed(CodedError):
    code = "request.method_not_allowed"
    message = "{method} is not allowed at {path}."


class InvalidRequest(CodedError):
    """The payload or the query does not match the schema (422), each field with its own code."""

    code = "request.invalid"
    message = "The request has {count} invalid fields: {fields}."


class NulCharacter(CodedError):
    """A text held a NUL character, which PostgreSQL cannot store (422)."""

    code = "value.nul"
    message = "Text cannot contain a NUL character."


class ServerFault(CodedError):
    code = "server.fault"
    message = "The server failed to handle this request; it has been logged."


class DatabaseUnavailable(CodedError):
    """The database does not answer (503, with Retry-After): nothing was stored, and asking again later may work."""

    code = "database.unavailable"
    message = "The database does not answer at the moment; nothing was changed. Try again in {seconds} seconds."

    def __init__(self, seconds: int = 5) -> None:
        super().__init__(seconds=seconds)


class RequestRefused(CodedError):
    """A request the framework could not take at all (a body that is not form data, say)."""

    code = "request.refused"
    message = "The request was refused: {reason}."


class OrganisationNotYours(Forbidden):
    code = "auth.organisation_not_yours"
    message = "Only the organisation's own coordinators, the admins of its areas and the installation's admins may change it."


class OrganisationCreatorsOnly(Forbidden):
    code = "auth.organisation_creators_only"
    message = "Only area admins and the installation's admins may add organisations."


class PeopleListRefused(Forbidden):
    code = "auth.people_list"
    message = "Only administrators and area admins may list people."


class KeysCannotReadAudit(Forbidden):
    code = "auth.keys_cannot_read_audit"
    message = "API keys cannot read the audit trail."


class KeysHaveNoCalendar(Forbidden):
    code = "auth.keys_have_no_calendar"
    message = "API keys have no calendar: the calendar feeds are each person's own."


class StatisticsNotYours(Forbidden):
    code = "auth.statistics_not_yours"
    message = ("You may not change the statistics of {organisation}: it is not a member of an area whose costs "
               "you handle.")


class PasswordTooShort(InvalidValue):
    code = "password.too_short"
    message = "A password has at least {minimum} characters."


class PasswordTooLong(InvalidValue):
    code = "password.too_long"
    message = "A password has at most {maximum} characters."


class PasswordTooCommon(InvalidValue):
    code = "password.too_common"
    message = "This password is among the most common ones, which are tried first when guessing; choose another."
