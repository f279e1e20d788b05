"""The audit log of a space: who did what; details never hold a secret (callers pass ids)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloudwarden.platform.db.models import AuditEvent
from cloudwarden.platform.repositories.paging import page


def record(
    session: Session,
    space_id: str,
    actor_id: str | None,
    action: str,
    target: str,
    *,
    details: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditEvent(
            space_id=space_id,
            actor_id=actor_id,
            action=action,
            target=target,
            details=details or {},
        )
    )


def list_events(
    session: Session, space_id: str, action: str | None, offset: int, limit: int
) -> tuple[list[AuditEvent], int]:
    query = select(AuditEvent).where(AuditEvent.space_id == space_id)
    if action is not None:
        query = query.where(AuditEvent.action == action)
    return page(session, query.order_by(AuditEvent.id.desc()), offset, limit)
