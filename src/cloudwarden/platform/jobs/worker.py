"""The embedded worker: threads in the serving process that claim queued job rows."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from cloudwarden.platform.jobs.scan_job import run_scan_job
from cloudwarden.platform.repositories import scans
from cloudwarden.platform.runtime import Runtime
from cloudwarden.scan_control import CancelToken

log = logging.getLogger(__name__)

JobFunction = Callable[[Runtime, str, CancelToken], None]


class EmbeddedWorker:
    """Implements the JobQueue: ``submit`` wakes a thread, ``cancel`` trips the job's token."""

    def __init__(self, rt: Runtime, threads: int, job: JobFunction = run_scan_job) -> None:
        self._rt = rt
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
            log.warning("re-queued %d scan(s) interrupted by a restart", len(recovered))
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
            job_id = job.id
        if not claimed:
            return True
        token = CancelToken()
        with self._lock:
            self._tokens[job_id] = token
        try:
            self._job(self._rt, job_id, token)
        finally:
            with self._lock:
                self._tokens.pop(job_id, None)
        return True

    def _loop(self) -> None:
        while not self._stop.is_set():
            if self.run_one():
                continue
            self._wake.wait(self._rt.settings.worker_poll_seconds)
            self._wake.clear()
