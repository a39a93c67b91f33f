"""Errors with a stable code and parameters; the API maps their classes to HTTP answers in one table.

Every refusal is a class with a `code` (e.g. ``version.too_few_parties``) that programs and the pages'
translations key on, and an English `message` template (``str.format``) that its `params` fill for the
API's `detail`. The pages never show `message`: they translate by `code`. A code is declared once, on
its class, so that every code can be listed (see `all_error_classes`) and checked for translations.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from typing import Any, ClassVar


class CodedError(Exception):
    """Base of every error that leaves the service: a code, its parameters, an English message."""

    code: str = "error"
    message: str = "The request cannot be handled."
    #: Parameters the error carries beyond those its English message names (a page's text may use them).
    declared_params: ClassVar[tuple[str, ...]] = ()

    def __init__(self, **params: Any) -> None:
        self.params: dict[str, Any] = params
        super().__init__(self.detail)

    def __reduce__(self) -> tuple[Any, ...]:
        # An error raised in a worker process travels back pickled; its __init__ signatures differ, so it is
        # rebuilt from its state rather than by calling the class with its arguments.
        return rebuild_error, (type(self), self.__dict__)

    @property
    def detail(self) -> str:
        """The message in English with its parameters filled in (for developers and logs)."""
        return self.message.format(**{name: plain_text(value) for name, value in self.params.items()})

    @property
    def field_problems(self) -> list[FieldProblem]:
        """The fields at fault, each with its own code; empty when the error concerns no field."""
        return []

    @classmethod
    def param_names(cls) -> set[str]:
        named = {name.split("!")[0].split(".")[0] for _, name, _, _ in string.Formatter().parse(cls.message) if name}
        return named | set(cls.declared_params)


class DomainError(CodedError):
    """A rule refuses what was asked because of the state of things (the API answers 409 Conflict)."""

    code = "rule.refused"
    message = "The rules do not allow this."


class NotFound(CodedError):
    """The thing asked about does not exist, or the caller may not know that it does (404)."""

    code = "resource.not_found"
    message = "{resource} {id} does not exist."

    def __init__(self, resource: str, id: object) -> None:
        super().__init__(resource=resource, id=str(id))


class OnField(DomainError):
    """A refusal that concerns one field of the request, which it names."""

    def __init__(self, field: str, **params: Any) -> None:
        self.field = field
        super().__init__(**params)

    @property
    def field_problems(self) -> list[FieldProblem]:
        return [FieldProblem(self.field, self.code, self.params, self.detail)]


class InvalidValue(OnField, ValueError):
    """One field's value breaks a rule (422, the field named). Subclasses give the code and the message."""

    code = "value.invalid"
    message = "This value is not valid."


class Required(InvalidValue):
    code = "value.required"
    message = "This field cannot be empty."


class UnknownReference(InvalidValue):
    """A payload names a thing (by id) that does not exist."""

    code = "value.unknown_reference"
    message = "No {resource} has the id {id}."

    def __init__(self, field: str, resource: str, id: object) -> None:
        super().__init__(field, resource=resource, id=str(id))


class InvalidField(InvalidValue):
    """Another refusal laid on the field of the payload it concerns, keeping that refusal's code and values
    (e.g. the cost engine refusing a pool sent in a request)."""

    def __init__(self, field: str, cause: CodedError) -> None:
        self.cause = cause
        super().__init__(field, **cause.params)
        self.code = cause.code

    @property
    def detail(self) -> str:
        return self.cause.detail


class InvalidValues(DomainError, ValueError):
    """Several fields at fault at once (422), each with its own code."""

    code = "request.invalid_fields"
    message = "{count} fields are not valid."

    def __init__(self, problems: list[InvalidValue]) -> None:
        self.problems = problems
        super().__init__(count=len(problems))

    @property
    def field_problems(self) -> list[FieldProblem]:
        return [problem for error in self.problems for problem in error.field_problems]


class ValueTaken(OnField):
    """A value that must be unique is already another's (409, the field named)."""

    code = "value.taken"
    message = "This value already belongs to another {resource}."


class ReferencedElsewhere(DomainError):
    """The thing cannot be deleted while something else refers to it."""

    code = "resource.referenced"
    message = "{name} cannot be deleted while these refer to it: {references}."


class LastAdministrator(DomainError):
    """The installation's last active administrator (pääkäyttäjä) stays one: nobody else could manage people."""

    code = "user.last_admin"
    message = ("{email} is the last active administrator of the installation and cannot be deleted, deactivated "
               "or made an ordinary user; make another person an administrator first.")


class FieldProblem:
    """One field's fault: its dotted name, code, parameters and English message."""

    __slots__ = ("code", "field", "message", "params")

    def __init__(self, field: str, code: str, params: dict[str, Any], message: str) -> None:
        self.field = field
        self.code = code
        self.params = params
        self.message = message


def rebuild_error(cls: type[CodedError], state: dict[str, Any]) -> CodedError:
    """A coded error from its pickled state (see `CodedError.__reduce__`)."""
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, error.detail)
    return error


def plain_text(value: Any) -> Any:
    """Dates as ISO strings, other values as they are: the parameters travel as JSON."""
    isoformat = getattr(value, "isoformat", None)
    return isoformat() if callable(isoformat) else value


def all_error_classes(base: type[CodedError] = CodedError) -> Iterator[type[CodedError]]:
    """Every error class that declares a code of its own (import the modules that define them first)."""
    seen: set[type] = set()
    pending: list[type[CodedError]] = [base]
    while pending:
        cls = pending.pop()
        if cls in seen:
            continue
        seen.add(cls)
        if "code" in cls.__dict__:
            yield cls
        pending.extend(cls.__subclasses__())
