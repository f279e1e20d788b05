"""Agent scans: slice inventories arrive one by one, are merged once all of a scan are in (or
its deadline passed), evaluated with the integration's policies and stored as one report,
exactly like a hosted scan's.

The agent sends inventory slices rather than evaluated reports so that cross-resource checks
(a KMS key read by a bucket's check...) are evaluated on the whole account.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from cloudwarden.aws.collectors import load_all
from cloudwarden.exceptions import InventoryFileError
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.inventory.registry import resource_types
from cloudwarden.platform.db.models import AgentSlice, Integration, ScanJob
from cloudwarden.platform.db.models import Report as ReportRow
from cloudwarden.platform.errors import ConflictError, InvalidInputError, NotFoundError
from cloudwarden.platform.logging import get_logger
from cloudwarden.platform.repositories import agents as repo
from cloudwarden.platform.repositories import audit, reports, scans
from cloudwarden.platform.runtime import Runtime
from cloudwarden.platform.schemas import JobState, Status
from cloudwarden.platform.services.agents import AgentCaller
from cloudwarden.platform.services.integrations import enabled_policies
from cloudwarden.protocol import SliceReport
from cloudwarden.scan import build, evaluate, merge

SCAN_DEADLINE = timedelta(hours=6)
"""An agent scan still missing slices this long after it started is stored incomplete."""

log = get_logger(__name__)


def parse_inventory(data: SliceReport, account_id: str | None) -> Inventory:
    """The slice as an inventory of the integration's account; anything else is refused."""
    load_all()  # the resource models the inventory's types are read with
    try:
        inventory = Inventory.from_json(json.dumps(data.inventory), resource_types)
    except InventoryFileError as exc:
        raise InvalidInputError(f"the slice is not an inventory: {exc}") from exc
    if inventory.account_id != account_id:
        raise InvalidInputError(
            "the slice is of another AWS account than the one the agent registered from"
        )
    return inventory


def receive_slice(rt: Runtime, caller: AgentCaller, data: SliceReport) -> str | None:
    """Keep one slice; when it completes the scan, store the report. Its id, or None while
    slices are missing. A slice sent again (an SQS retry) replaces the first one."""
    now = rt.clock()
    with rt.sessions.begin() as session:
        row = session.get(Integration, caller.integration_id)
        assert row is not None  # the caller was authenticated against it
        inventory = parse_inventory(data, row.account_id)
        repo.lock_scan(session, data.scan_id)
        job = scans.get_any(session, data.scan_id)
        if job is None:
            # A scan the agent's schedule (or a policy change) started.
            job = ScanJob(
                id=data.scan_id,
                space_id=row.space_id,
                integration_id=row.id,
                state=JobState.RUNNING,
                trigger="schedule",
                started_at=now,
            )
            session.add(job)
            session.flush()
            repo.lock_scan(session, job.id)
        elif job.integration_id != row.id:
            raise NotFoundError(f"there is no scan {data.scan_id} of this integration")
        elif job.state != JobState.RUNNING:
            raise ConflictError(f"scan {data.scan_id} is already {job.state}: start a new one")
        document = inventory.to_json(indent=None)
        kept = repo.slice_of(session, job.id, data.slice_id)
        if kept is None:
            session.add(
                AgentSlice(
                    scan_id=job.id,
                    slice_id=data.slice_id,
                    slices_total=data.slices_total,
                    document=document,
                    received_at=now,
                )
            )
            session.flush()
        else:
            kept.document, kept.received_at = document, now
        job.units_total = data.slices_total
        job.units_done = repo.slice_count(session, job.id)
        if job.units_done < data.slices_total:
            return None
        return _store(rt, session, row, job, complete=True).id


def finish_overdue(rt: Runtime, now: datetime) -> list[str]:
    """Agent scans past their deadline: stored incomplete with the slices that arrived, or
    failed when none did. The ids of the scans finished."""
    finished = []
    with rt.sessions.begin() as session:
        for job in repo.overdue_scans(session, now - SCAN_DEADLINE):
            row = session.get(Integration, job.integration_id)
            assert row is not None
            if repo.slice_count(session, job.id):
                _store(rt, session, row, job, complete=False)
            else:
                job.state, job.finished_at = JobState.FAILED, now
                job.message = "no slice of the scan arrived from the agent"
            finished.append(job.id)
    return finished


def _store(
    rt: Runtime, session: Session, row: Integration, job: ScanJob, *, complete: bool
) -> ReportRow:
    load_all()
    parts = [Inventory.from_json(s.document, resource_types) for s in repo.slices(session, job.id)]
    inventory = merge(parts)
    if not complete:
        inventory.complete = False
    now = rt.clock()
    selected = rt.policies.selection(enabled_policies(rt, row))
    report = build(selected, inventory, evaluate(selected, inventory, now), now)
    stored = reports.store(session, report, row.space_id, row.id, job.id)
    repo.drop_slices(session, job.id)
    job.state = JobState.SUCCEEDED if complete else JobState.CANCELLED
    job.finished_at, job.incomplete = now, not complete
    job.api_calls = inventory.stats.api_calls
    job.errors = len(report.collection_errors)
    if job.started_at is not None:
        job.duration_seconds = (now - job.started_at).total_seconds()
    if not complete:
        job.message = "some slices never arrived: the report holds what did"
    row.last_scan_at, row.account_id = now, report.account_id
    if row.status in {Status.CONFIGURING, Status.ERROR}:
        row.status, row.status_message = Status.ACTIVE, None
    audit.record(session, row.space_id, None, "scan.finish", job.id, details={"report": stored.id})
    log.info("agent.scan_stored", integration=row.id, scan=job.id, slices=len(parts))
    return stored
