"""Due integrations become scan jobs, jittered; a compare-and-set keeps one scheduler per scan."""

from __future__ import annotations

import random
import threading
from datetime import datetime

from cloudwarden.platform.repositories import integrations, scans
from cloudwarden.platform.runtime import Runtime
from cloudwarden.platform.services.integrations import jittered

BATCH = 500


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

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="cw-scheduler", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.tick(self._rt.clock())
            self._stop.wait(self._rt.settings.scheduler_tick_seconds)
