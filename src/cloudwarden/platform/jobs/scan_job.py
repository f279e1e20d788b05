"""Run one scan job by id: the same code whichever worker carries it.

Idempotent by job id: a job that is not ``running`` (claimed) is left alone, and a job whose
report is stored is never run again.
"""

from __future__ import annotations

import threading
import time

from cloudwarden.aws.clients import EndpointResolver
from cloudwarden.aws.settings import EngineSettings
from cloudwarden.exceptions import CloudwardenError
from cloudwarden.platform.logging import get_logger
from cloudwarden.platform.repositories import audit, reports, scans
from cloudwarden.platform.repositories import integrations as integration_repo
from cloudwarden.platform.runtime import Runtime
from cloudwarden.platform.schemas import JobState, Status
from cloudwarden.platform.services import aws, trust
from cloudwarden.platform.services.integrations import enabled_policies
from cloudwarden.scan.discover import DiscoveryScope
from cloudwarden.scan.pipeline import scan
from cloudwarden.scan_control import CancelToken, ProgressEvent

log = get_logger(__name__)


def run_scan_job(rt: Runtime, job_id: str, cancel: CancelToken) -> None:
    started = time.monotonic()
    with rt.sessions.begin() as session:
        job = scans.get_any(session, job_id)
        if job is None or job.state != JobState.RUNNING or reports.by_scan(session, job_id):
            return
        row = integration_repo.get_any(session, job.integration_id)
        if row is None or row.removed_at is not None:
            job.state, job.finished_at = JobState.CANCELLED, rt.clock()
            job.message = "the integration was removed"
            return
        try:
            options = aws.credential_options(rt, session, row)
        except CloudwardenError as exc:
            _fail(rt, job_id, str(exc), started)
            return
        allow, deny = tuple(row.regions_allow), tuple(row.regions_deny)
        uids = enabled_policies(rt, row)
        space_id, integration_id = row.space_id, row.id
    progress = _Progress(rt, job_id, cancel)
    try:
        connection = aws.connect(
            options, row, rt.aws_endpoint
        )  # row is detached: expire_on_commit=False
        del options
        trust_findings = trust.findings(rt.settings, connection.session, rt.aws_endpoint, row)
        report = scan(
            connection.session,
            connection.identity,
            DiscoveryScope(regions=allow or None, exclude_regions=deny),
            rt.policies.selection(uids),
            progress=progress.on_event,
            cancel=cancel,
            endpoint_for=_endpoint_for(rt.aws_endpoint),
            settings=EngineSettings(max_attempts=rt.settings.aws_max_attempts),
        )
    except CloudwardenError as exc:
        _fail(rt, job_id, str(exc), started)
        return
    except Exception as exc:  # noqa: BLE001 - a worker boundary: the job fails, the worker lives
        # The type only: an exception text could quote a credential.
        log.error("job.internal_error", error_type=type(exc).__name__)  # noqa: TRY400
        _fail(
            rt,
            job_id,
            "the scan failed on an internal error; it is logged for the operator",
            started,
        )
        return
    cancelled = cancel.cancelled or not report.complete
    problem = aws.denied_problem(report, progress.units_total)
    with rt.sessions.begin() as session:
        stored = reports.store(
            session, report, space_id, integration_id, job_id, trust_findings=trust_findings
        )
        now = rt.clock()
        scans.set_fields(
            session,
            job_id,
            state=JobState.CANCELLED if cancelled else JobState.SUCCEEDED,
            finished_at=now,
            incomplete=cancelled,
            api_calls=report.discovery.api_calls,
            errors=len(report.collection_errors),
            duration_seconds=time.monotonic() - started,
            message="cancelled: the report holds what was collected" if cancelled else problem,
        )
        row = integration_repo.get_any(session, integration_id)
        if row is not None and row.removed_at is None:
            row.last_scan_at, row.account_id = now, report.account_id
            row.trust_findings = trust_findings
            row.status = Status.ERROR if problem else Status.ACTIVE
            row.status_message = problem
        audit.record(session, space_id, None, "scan.finish", job_id, details={"report": stored.id})


class _Progress:
    """Progress into the job row (monotonic: events arrive from several pool threads), and
    the cancel flag of the row into the token (a cancel may come from another process)."""

    def __init__(self, rt: Runtime, job_id: str, cancel: CancelToken) -> None:
        self._rt, self._job_id, self._cancel = rt, job_id, cancel
        self._lock = threading.Lock()
        self.units_done = 0
        self.units_total = 0

    def on_event(self, event: ProgressEvent) -> None:
        for listener in self._rt.progress_listeners:
            listener(self._job_id, event)
        with self._lock:
            self.units_done = max(self.units_done, event.units_done)
            self.units_total = max(self.units_total, event.units_total)
            with self._rt.sessions.begin() as session:
                scans.set_fields(
                    session, self._job_id, units_done=self.units_done, units_total=self.units_total
                )
                current = scans.get_any(session, self._job_id)
                if current is not None and current.cancel_requested:
                    self._cancel.cancel()


def _fail(rt: Runtime, job_id: str, message: str, started: float) -> None:
    with rt.sessions.begin() as session:
        job = scans.get_any(session, job_id)
        if job is None:
            return
        job.state, job.finished_at, job.message = JobState.FAILED, rt.clock(), message
        job.duration_seconds = time.monotonic() - started
        row = integration_repo.get_any(session, job.integration_id)
        if row is not None and row.removed_at is None:
            row.status, row.status_message = Status.ERROR, message


def _endpoint_for(endpoint: str | None) -> EndpointResolver | None:
    """Every service at ``endpoint`` (the demo's emulator), or boto3's own endpoints."""
    if endpoint is None:
        return None
    return lambda _service, _region: endpoint
