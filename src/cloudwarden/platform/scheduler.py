"""Due integrations become scan jobs, jittered; a compare-and-set keeps one scheduler per scan."""

from __future__ import annotations

import random
import threading
from datetime import datetime, timedelta

from cloudwarden.platform.logging import get_logger
from cloudwarden.platform.repositories import integrations, reports, scans
from cloudwarden.platform.runtime import Runtime
from cloudwarden.platform.services import agent_scans, agents
from cloudwarden.platform.services.integrations import jittered

BATCH = 500
log = get_logger(__name__)


class Scheduler:
    def __init__(self, rt: Runtime, rng: random.Random | None = None) -> None:
        self._rt = rt
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not a secret
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def tick(self, now: datetime) -> list[str]:
        """One pass: the ids of the jobs it queued."""
        queued: list[str] = []
        while True:
            with self._rt.sessions.begin() as session:
                due = integrations.due(session, now, BATCH)
                for row in due:
                    assert row.next_scan_at is not None
                    following = jittered(now, row.interval_seconds, self._rng)
                    if not integrations.claim_schedule(
                        session, row.id, row.next_scan_at, following
                    ):
                        continue  # another scheduler took it
                    if scans.active_for_update(session, row.id) is None:
                        queued.append(scans.enqueue(session, row.space_id, row.id, "schedule").id)
            if len(due) < BATCH:
                break
        for job_id in queued:
            self._rt.queue.submit(job_id)
        return queued

    def prune(self, now: datetime) -> int:
        """Apply the report retention (``report_retention_days``); the reports deleted."""
        days = self._rt.settings.report_retention_days
        if days is None:
            return 0
        with self._rt.sessions.begin() as session:
            deleted = reports.prune(session, now - timedelta(days=days))
        if deleted:
            log.info("reports.pruned", count=deleted, retention_days=days)
        return deleted

    def agent_pass(self, now: datetime) -> tuple[list[str], list[str]]:
        """Serverless integrations silent for an hour become `missing`; agent scans past their
        deadline are stored incomplete. The integrations and scans it changed."""
        missing = agents.mark_missing(self._rt, now)
        if missing:
            log.warning("agents.missing", integrations=missing)
        return missing, agent_scans.finish_overdue(self._rt, now)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="cw-scheduler", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)

    def _loop(self) -> None:
        while not self._stop.is_set():
            now = self._rt.clock()
            self.tick(now)
            self.prune(now)
            self.agent_pass(now)
            self._stop.wait(self._rt.settings.scheduler_tick_seconds)
