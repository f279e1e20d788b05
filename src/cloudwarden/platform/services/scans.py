"""Scan now (deduplicated), cancel, and reading scans."""

from __future__ import annotations

from cloudwarden.platform.db.models import ScanJob
from cloudwarden.platform.errors import ConflictError, NotFoundError
from cloudwarden.platform.repositories import audit, reports
from cloudwarden.platform.repositories import scans as repo
from cloudwarden.platform.runtime import Runtime
from cloudwarden.platform.schemas import JobState, Page, ScanOut
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.services import agent_commands, agent_launch
from cloudwarden.platform.services.access import Actor, authorize
from cloudwarden.platform.services.integrations import get_row


def to_out(job: ScanJob, report_id: str | None) -> ScanOut:
    return ScanOut.model_validate(
        {**ScanOut.model_validate(job).model_dump(), "report_id": report_id}
    )


def scan_now(rt: Runtime, actor: Actor, space_id: str, integration_id: str) -> tuple[ScanOut, bool]:
    """The queued or running scan if there is one (and False), else a new queued one (True).

    A serverless integration's scan runs in the agent: the job starts ``running`` (no worker
    of the platform claims it) and a scan_now command carrying its id goes to the agent's bus;
    the job ends when the agent's last slice arrives."""
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.EDITOR)
        row = get_row(session, space_id, integration_id)
        existing = repo.active_for_update(session, row.id)
        if existing is not None:
            return to_out(existing, None), False
        job = repo.enqueue(session, space_id, row.id, "manual")
        if row.auth_type == agent_launch.SERVERLESS:
            job.state, job.started_at = JobState.RUNNING, rt.clock()
            session.flush()
            # Inside the transaction: a refused command leaves no job behind.
            agent_commands.send(rt, row, "scan_now", {"scan_id": job.id})
            audit.record(
                session,
                space_id,
                actor.user_id,
                "scan.start",
                job.id,
                details={"integration": row.id},
            )
            return to_out(job, None), True
        audit.record(
            session, space_id, actor.user_id, "scan.start", job.id, details={"integration": row.id}
        )
        out = to_out(job, None)
    rt.queue.submit(out.id)
    return out, True


def cancel(rt: Runtime, actor: Actor, space_id: str, scan_id: str) -> ScanOut:
    """A queued scan is dropped; a running one stops and keeps what it collected."""
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.EDITOR)
        job = repo.get(session, space_id, scan_id)
        if job is None:
            raise NotFoundError(f"there is no scan {scan_id} in this space")
        if job.state == JobState.QUEUED:
            job.state, job.finished_at = JobState.CANCELLED, rt.clock()
            job.message = "cancelled before it started"
        elif job.state == JobState.RUNNING:
            job.cancel_requested = True
        else:
            raise ConflictError(
                f"the scan is already {job.state}; only a queued or running scan can be cancelled"
            )
        audit.record(
            session,
            space_id,
            actor.user_id,
            "scan.cancel",
            job.id,
            details={"integration": job.integration_id},
        )
        out = to_out(job, None)
    rt.queue.cancel(scan_id)
    return out


def get(rt: Runtime, actor: Actor, space_id: str, scan_id: str) -> ScanOut:
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        job = repo.get(session, space_id, scan_id)
        if job is None:
            raise NotFoundError(f"there is no scan {scan_id} in this space")
        report = reports.by_scan(session, job.id)
        return to_out(job, report.id if report else None)


def list_page(
    rt: Runtime,
    actor: Actor,
    space_id: str,
    *,
    integration_id: str | None,
    state: JobState | None,
    offset: int,
    limit: int,
) -> Page[ScanOut]:
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        rows, total = repo.list_page(
            session,
            space_id,
            integration_id=integration_id,
            state=state,
            offset=offset,
            limit=limit,
        )
        items = []
        for job in rows:
            report = reports.by_scan(session, job.id)
            items.append(to_out(job, report.id if report else None))
        return Page(items=items, total=total, offset=offset, limit=limit)
