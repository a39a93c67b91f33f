"""Writes an audit entry for every create, update and delete, in the same transaction as the change."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, cast

from sqlalchemy import Table, event, insert, inspect
from sqlalchemy.orm import Session, UOWTransaction

from api.audit.models import AuditEntry
from api.auth.context import change_origin_var, current_actor_var
from api.http_security import client_address_var
from api.models import utc_now
from api.request_log import request_id_var

# Bookkeeping columns say nothing a reader of the history needs.
NOT_RECORDED = frozenset({"version", "created_at", "updated_at", "search_text"})


def plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def is_audited(instance: object) -> bool:
    return getattr(type(instance), "__audited__", True) and hasattr(type(instance), "__tablename__")


def snapshot(instance: object, *, previous: bool = False) -> dict[str, Any]:
    state = inspect(instance)
    excluded = NOT_RECORDED | getattr(type(instance), "__audit_exclude__", frozenset())
    values = {}
    for attribute in state.mapper.column_attrs:
        key = attribute.key
        if key in excluded:
            continue
        value = getattr(instance, key)
        if previous:
            history = state.attrs[key].history
            if history.deleted:
                value = history.deleted[0]
        values[key] = plain(value)
    return values


def identity(instance: Any) -> tuple[uuid.UUID | None, uuid.UUID | None, uuid.UUID | None]:
    """(resource id, parent id, area id) of a changed row."""
    resource_id = getattr(instance, "id", None)
    area_id = instance.audit_area_id() if hasattr(instance, "audit_area_id") else getattr(instance, "area_id", None)
    parent_id = instance.audit_parent_id() if hasattr(instance, "audit_parent_id") else None
    if parent_id is None and resource_id is None:
        parent_id = next((getattr(instance, c.key) for c in inspect(instance).mapper.primary_key), None)
    if parent_id is None and area_id is not None and area_id != resource_id:
        parent_id = area_id
    return resource_id, parent_id, area_id


def entry(action: str, instance: Any, before: dict | None, after: dict | None) -> dict[str, Any]:
    actor = current_actor_var.get()
    resource_id, parent_id, area_id = identity(instance)
    return {
        "id": uuid.uuid4(),
        "occurred_at": utc_now(),
        "action": action,
        "resource_type": getattr(type(instance), "__audit_type__", instance.__tablename__),
        "resource_id": resource_id,
        "parent_id": parent_id,
        "area_id": area_id,
        "actor_type": actor.kind.value if actor else change_origin_var.get(),
        "actor_id": actor.id if actor else None,
        "actor_label": actor.label if actor else change_origin_var.get(),
        "before": before,
        "after": after,
        "request_id": request_id_var.get() if request_id_var.get() != "-" else None,
        "client_address": client_address_var.get(),
    }


def record_changes(session: Session, _flush: UOWTransaction) -> None:
    """After the flush's SQL ran (keys and foreign keys are known) and before its history is forgotten."""
    entries = []
    for instance in list(session.new):
        if is_audited(instance):
            entries.append(entry("create", instance, None, snapshot(instance)))
    for instance in list(session.dirty):
        if is_audited(instance) and session.is_modified(instance, include_collections=False):
            before, after = snapshot(instance, previous=True), snapshot(instance)
            if before != after:
                entries.append(entry("update", instance, before, after))
    for instance in list(session.deleted):
        if is_audited(instance):
            entries.append(entry("delete", instance, snapshot(instance, previous=True), None))
    if entries:
        # A declarative class's __table__ is typed as any FromClause; AuditEntry's is the Table its __tablename__ makes.
        session.connection().execute(insert(cast(Table, AuditEntry.__table__)), entries)


def install_audit_recorder() -> None:
    if not event.contains(Session, "after_flush", record_changes):
        event.listen(Session, "after_flush", record_changes)


def refused_entry(detail: str, resource_type: str | None, resource_id: uuid.UUID | None,
                  area_id: uuid.UUID | None) -> AuditEntry:
    """A refused authorisation, without the request's payload or any secret."""
    actor = current_actor_var.get()
    return AuditEntry(
        id=uuid.uuid4(),
        action="forbidden",
        resource_type=resource_type or "request",
        resource_id=resource_id,
        area_id=area_id,
        actor_type=actor.kind.value if actor else None,
        actor_id=actor.id if actor else None,
        actor_label=actor.label if actor else None,
        request_id=request_id_var.get(),
        client_address=client_address_var.get(),
        detail=detail[:1000],
    )
