"""The one bounded pool of in-flight API calls shared by every service and region.

Work is continuation-passing: a task makes one API call (or walks one paginated listing) and
submits the calls that depend on its result as new tasks. No task ever waits for another, so the
pool cannot deadlock, and a scan's wall time approaches (rounds of dependent calls) x latency.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from cloudwarden.scan_control import CancelToken

log = logging.getLogger(__name__)

Task = Callable[[], None]


class CallPool:
    """A bounded thread pool that knows when all work, including work spawned by work, is done."""

    def __init__(self, max_in_flight: int, cancel: CancelToken) -> None:
        if max_in_flight < 1:
            raise ValueError("max_in_flight must be at least 1")
        self._executor = ThreadPoolExecutor(max_in_flight, thread_name_prefix="cloudwarden-call")
        self._cancel = cancel
        self._pending = 0
        self._idle = threading.Condition()
        self._crashes: list[BaseException] = []
        self._timers: set[threading.Timer] = set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.cancelled

    def submit(self, task: Task) -> bool:
        """Run ``task`` in the pool; False (and nothing runs) once the scan is cancelled."""
        if self._cancel.cancelled:
            return False
        with self._idle:
            self._pending += 1
        self._executor.submit(self._run, task)
        return True

    def submit_later(self, delay: float, task: Task) -> bool:
        """Run ``task`` after ``delay`` seconds without holding a slot while waiting."""
        if self._cancel.cancelled:
            return False
        with self._idle:
            self._pending += 1

        def fire() -> None:
            with self._idle:
                self._timers.discard(timer)
            if self._cancel.cancelled:
                self._done()
                return
            self._executor.submit(self._run, task)

        timer = threading.Timer(delay, fire)
        timer.daemon = True
        with self._idle:
            self._timers.add(timer)
        timer.start()
        return True

    def _run(self, task: Task) -> None:
        try:
            task()
        except BaseException as exc:  # a bug in a collector: keep it, re-raise it in wait()
            log.debug("collector task crashed", exc_info=exc)
            with self._idle:
                self._crashes.append(exc)
        finally:
            self._done()

    def _done(self) -> None:
        with self._idle:
            self._pending -= 1
            if self._pending == 0:
                self._idle.notify_all()

    def wait(self) -> None:
        """Block until no work is pending (or, once cancelled, until running calls return)."""
        with self._idle:
            while self._pending:
                if self._cancel.cancelled:
                    for timer in list(self._timers):
                        timer.cancel()
                        self._timers.discard(timer)
                        self._pending -= 1
                self._idle.wait(timeout=0.2)
        self._executor.shutdown(wait=True)
        if self._crashes:
            raise self._crashes[0]
