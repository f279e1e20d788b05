"""Scan jobs: the database says what must happen; a worker only carries it out."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from cloudwarden.platform.db.models import Integration, ScanJob
from cloudwarden.platform.repositories.paging import page
from cloudwarden.platform.schemas import ACTIVE_JOB_STATES, JobState

MAX_ATTEMPTS = 3


def get(session: Session, space_id: str, scan_id: str) -> ScanJob | None:
    return session.scalar(
        select(ScanJob).where(ScanJob.id == scan_id, ScanJob.space_id == space_id)
    )


def get_any(session: Session, scan_id: str) -> ScanJob | None:
    return session.get(ScanJob, scan_id)


def active_for(session: Session, integration_id: str) -> ScanJob | None:
    return session.scalar(
        select(ScanJob).where(
            ScanJob.integration_id == integration_id, ScanJob.state.in_(ACTIVE_JOB_STATES)
        )
    )


def active_for_update(session: Session, integration_id: str) -> ScanJob | None:
    """``active_for`` with the integration row write-locked until the transaction ends, so two
    transactions (scheduler, scan now) cannot both see none and both enqueue one.

    The lock is a no-op ``UPDATE`` rather than ``SELECT ... FOR UPDATE``: PostgreSQL locks the
    row either way, but SQLite has no row locks and pysqlite starts a transaction only at the
    first write, so only a write makes the following read and insert one atomic step there."""
    session.execute(
        update(Integration)
        .where(Integration.id == integration_id)
        .values(id=Integration.id)
        .execution_options(synchronize_session=False)
    )
    return active_for(session, integration_id)


def enqueue(session: Session, space_id: str, integration_id: str, trigger: str) -> ScanJob:
    job = ScanJob(
        space_id=space_id, integration_id=integration_id, state=JobState.QUEUED, trigger=trigger
    )
    session.add(job)
    session.flush()
    return job


def list_page(
    session: Session,
    space_id: str,
    *,
    integration_id: str | None,
    state: str | None,
    offset: int,
    limit: int,
) -> tuple[list[ScanJob], int]:
    query = select(ScanJob).where(ScanJob.space_id == space_id)
    if integration_id is not None:
        query = query.where(ScanJob.integration_id == integration_id)
    if state is not None:
        query = query.where(ScanJob.state == state)
    return page(session, query.order_by(ScanJob.created_at.desc(), ScanJob.id), offset, limit)


def next_queued(session: Session) -> ScanJob | None:
    """The oldest queued job no other worker is claiming right now: on PostgreSQL the row is
    locked (``FOR UPDATE SKIP LOCKED``) so concurrent workers take different jobs; ``claim``
    stays the compare-and-set that decides."""
    return session.scalar(
        select(ScanJob)
        .where(ScanJob.state == JobState.QUEUED)
        .order_by(ScanJob.created_at, ScanJob.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )


def claim(session: Session, job_id: str, now: datetime) -> bool:
    """queued -> running, only for the one worker whose update matched."""
    result = session.execute(
        update(ScanJob)
        .where(ScanJob.id == job_id, ScanJob.state == JobState.QUEUED)
        .values(state=JobState.RUNNING, started_at=now, attempts=ScanJob.attempts + 1)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def set_fields(session: Session, job_id: str, **values: Any) -> None:
    session.execute(update(ScanJob).where(ScanJob.id == job_id).values(**values))


def recover_interrupted(session: Session) -> list[str]:
    """Jobs left ``running`` by a process that died: re-queued, or failed after 3 attempts."""
    recovered = []
    # An agent's scan runs in the customer's account, not in a worker that died.
    hosted = select(Integration.id).where(Integration.auth_type != "serverless")
    running = select(ScanJob).where(
        ScanJob.state == JobState.RUNNING, ScanJob.integration_id.in_(hosted)
    )
    for job in session.scalars(running):
        if job.attempts >= MAX_ATTEMPTS:
            job.state = JobState.FAILED
            job.message = f"the scan was interrupted {job.attempts} times; start a new scan"
        else:
            job.state = JobState.QUEUED
            job.message = "the scan was interrupted by a restart and is retried"
            recovered.append(job.id)
    return recovered
