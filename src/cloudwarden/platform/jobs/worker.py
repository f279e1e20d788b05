"""The embedded worker: threads in the serving process that claim queued job rows."""

from __future__ import annotations

import threading
from collections.abc import Callable

import structlog

from cloudwarden.platform.jobs.scan_job import run_scan_job
from cloudwarden.platform.logging import get_logger
from cloudwarden.platform.metrics import PlatformMetrics
from cloudwarden.platform.repositories import scans
from cloudwarden.platform.runtime import Runtime
from cloudwarden.platform.schemas import ACTIVE_JOB_STATES
from cloudwarden.scan_control import CancelToken

log = get_logger(__name__)

JobFunction = Callable[[Runtime, str, CancelToken], None]


class EmbeddedWorker:
    """Implements the JobQueue: ``submit`` wakes a thread, ``cancel`` trips the job's token."""

    def __init__(
        self,
        rt: Runtime,
        threads: int,
        job: JobFunction = run_scan_job,
        metrics: PlatformMetrics | None = None,
    ) -> None:
        self._rt = rt
        self._metrics = metrics
        self._threads = threads
        self._job = job
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._tokens: dict[str, CancelToken] = {}
        self._lock = threading.Lock()
        self._running: list[threading.Thread] = []

    def start(self) -> None:
        """Re-queue what a dead process left running, then start the threads."""
        with self._rt.sessions.begin() as session:
            recovered = scans.recover_interrupted(session)
        if recovered:
            log.warning("jobs.requeued", count=len(recovered), job_ids=recovered)
        for index in range(self._threads):
            thread = threading.Thread(target=self._loop, name=f"cw-worker-{index}", daemon=True)
            thread.start()
            self._running.append(thread)

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        with self._lock:
            for token in self._tokens.values():
                token.cancel()
        self._wake.set()
        for thread in self._running:
            thread.join(timeout)

    def submit(self, job_id: str) -> None:
        self._wake.set()

    def cancel(self, job_id: str) -> None:
        with self._lock:
            token = self._tokens.get(job_id)
        if token is not None:
            token.cancel()

    def run_one(self) -> bool:
        """Claim and run the oldest queued job; False when there is none."""
        with self._rt.sessions.begin() as session:
            job = scans.next_queued(session)
            if job is None:
                return False
            claimed = scans.claim(session, job.id, self._rt.clock())
            job_id, integration_id, space_id = job.id, job.integration_id, job.space_id
        if not claimed:
            return True
        token = CancelToken()
        with self._lock:
            self._tokens[job_id] = token
        with structlog.contextvars.bound_contextvars(
            job_id=job_id, scan_id=job_id, integration_id=integration_id, space_id=space_id
        ):
            log.info("job.start")
            try:
                self._job(self._rt, job_id, token)
            finally:
                with self._lock:
                    self._tokens.pop(job_id, None)
                self._finished(job_id)
        return True

    def _finished(self, job_id: str) -> None:
        """The job's outcome as the row says it (whatever path the job took to it)."""
        with self._rt.sessions() as session:
            job = scans.get_any(session, job_id)
            if job is None or job.state in ACTIVE_JOB_STATES:
                return
            state, duration = job.state, job.duration_seconds
        log.info("job.finish", outcome=state, duration_seconds=duration)
        if self._metrics is not None:
            self._metrics.scan_finished(state, duration)

    def _loop(self) -> None:
        while not self._stop.is_set():
            if self.run_one():
                continue
            self._wake.wait(self._rt.settings.worker_poll_seconds)
            self._wake.clear()
