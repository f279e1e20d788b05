"""Integrations; a removed one stays as a row (its reports point at it) but is never listed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from cloudwarden.platform.db.models import Integration
from cloudwarden.platform.repositories.paging import page


def get(session: Session, space_id: str, integration_id: str) -> Integration | None:
    return session.scalar(
        select(Integration).where(
            Integration.id == integration_id,
            Integration.space_id == space_id,
            Integration.removed_at.is_(None),
        )
    )


def get_any(session: Session, integration_id: str) -> Integration | None:
    """Removed ones included: for jobs and reports."""
    return session.get(Integration, integration_id)


def add(session: Session, integration: Integration) -> Integration:
    session.add(integration)
    session.flush()
    return integration


def list_page(
    session: Session, space_id: str, status: str | None, offset: int, limit: int
) -> tuple[list[Integration], int]:
    query = select(Integration).where(
        Integration.space_id == space_id, Integration.removed_at.is_(None)
    )
    if status is not None:
        query = query.where(Integration.status == status)
    return page(session, query.order_by(Integration.created_at, Integration.id), offset, limit)


def due(session: Session, now: datetime, limit: int) -> list[Integration]:
    return list(
        session.scalars(
            select(Integration)
            .where(Integration.removed_at.is_(None), Integration.next_scan_at <= now)
            .order_by(Integration.next_scan_at)
            .limit(limit)
        )
    )


def claim_schedule(
    session: Session, integration_id: str, expected: datetime, following: datetime
) -> bool:
    """Move the next scan time only if nobody moved it since we read it (one scheduler wins).

    No synchronization of the session's loaded rows: the scheduler reads hundreds per batch,
    and evaluating each UPDATE against all of them made a pass quadratic in the batch."""
    result = session.execute(
        update(Integration)
        .where(Integration.id == integration_id, Integration.next_scan_at == expected)
        .values(next_scan_at=following)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]
