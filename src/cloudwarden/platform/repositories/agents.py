"""Serverless agents: registration tokens, the signatures seen, and the slices of their scans."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from cloudwarden.platform.db.models import (
    AgentSignature,
    AgentSlice,
    Integration,
    RegistrationToken,
    ScanJob,
)
from cloudwarden.platform.schemas import JobState, Status

SERVERLESS = "serverless"


def token_by_hash(session: Session, token_hash: str) -> RegistrationToken | None:
    return session.scalar(
        select(RegistrationToken).where(RegistrationToken.token_hash == token_hash)
    )


def spend_token(session: Session, token_id: str, now: datetime) -> bool:
    """unused -> used, for the one request whose update matched: a token registers once."""
    result = session.execute(
        update(RegistrationToken)
        .where(RegistrationToken.id == token_id, RegistrationToken.used_at.is_(None))
        .values(used_at=now)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def by_agent(session: Session, agent_id: str) -> Integration | None:
    """The integration an agent speaks for, while it holds a key (not after its stack left)."""
    return session.scalar(
        select(Integration).where(
            Integration.agent_id == agent_id,
            Integration.agent_public_key.is_not(None),
            Integration.removed_at.is_(None),
        )
    )


def seen_signature(session: Session, signature_hash: str) -> bool:
    return session.get(AgentSignature, signature_hash) is not None


def forget_signatures(session: Session, before: datetime) -> int:
    """Signatures whose timestamps the window refuses anyway need no replay record."""
    result = session.execute(delete(AgentSignature).where(AgentSignature.at < before))
    return int(result.rowcount)  # type: ignore[attr-defined]


def overdue_checkins(session: Session, before: datetime) -> list[Integration]:
    return list(
        session.scalars(
            select(Integration).where(
                Integration.auth_type == SERVERLESS,
                Integration.removed_at.is_(None),
                Integration.status == Status.ACTIVE,
                Integration.last_checkin_at < before,
            )
        )
    )


def lock_scan(session: Session, scan_id: str) -> None:
    """Write-lock the scan's row so concurrent slices of one scan are merged one at a time
    (a no-op UPDATE, for SQLite's sake, as in ``scans.active_for_update``)."""
    session.execute(
        update(ScanJob)
        .where(ScanJob.id == scan_id)
        .values(id=ScanJob.id)
        .execution_options(synchronize_session=False)
    )


def slice_of(session: Session, scan_id: str, slice_id: str) -> AgentSlice | None:
    return session.scalar(
        select(AgentSlice).where(AgentSlice.scan_id == scan_id, AgentSlice.slice_id == slice_id)
    )


def slices(session: Session, scan_id: str) -> list[AgentSlice]:
    return list(
        session.scalars(
            select(AgentSlice).where(AgentSlice.scan_id == scan_id).order_by(AgentSlice.slice_id)
        )
    )


def slice_count(session: Session, scan_id: str) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(AgentSlice).where(AgentSlice.scan_id == scan_id)
        )
        or 0
    )


def drop_slices(session: Session, scan_id: str) -> None:
    session.execute(delete(AgentSlice).where(AgentSlice.scan_id == scan_id))


def overdue_scans(session: Session, started_before: datetime) -> list[ScanJob]:
    """Agent scans still waiting for slices since before ``started_before``."""
    return list(
        session.scalars(
            select(ScanJob)
            .join(Integration, Integration.id == ScanJob.integration_id)
            .where(
                Integration.auth_type == SERVERLESS,
                ScanJob.state == JobState.RUNNING,
                ScanJob.started_at < started_before,
            )
        )
    )
