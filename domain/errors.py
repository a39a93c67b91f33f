"""Errors the rules raise; the API maps them to HTTP answers in one place."""


class DomainError(Exception):
    """A rule refuses what was asked (the API answers 409 Conflict)."""


class InvalidValue(DomainError, ValueError):
    """One field's value breaks a rule; the message is meant for the person who typed it."""

    def __init__(self, field: str, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.code = code


class ReferencedElsewhere(DomainError):
    """The thing cannot be deleted while something else refers to it."""
