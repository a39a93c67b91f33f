"""Who is acting in the current request, for the audit trail."""

from contextvars import ContextVar

from domain.access import Actor

current_actor_var: ContextVar[Actor | None] = ContextVar("current_actor", default=None)
