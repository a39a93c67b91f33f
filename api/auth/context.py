"""Who is acting in the current request, for the audit trail."""

from contextvars import ContextVar

from domain.access import Actor

current_actor_var: ContextVar[Actor | None] = ContextVar("current_actor", default=None)
#: Who changes things when no one is logged in: "system", or "demo" while the demo data is loaded.
change_origin_var: ContextVar[str] = ContextVar("change_origin", default="system")
