"""Bounded concurrency for API calls: a shared budget, and one tracker per scan.

Work is continuation-passing: a task makes one API call (or walks one paginated listing) and
submits the calls that depend on its result as new tasks. No task ever waits for another, so the
budget cannot deadlock, and a scan's wall time approaches (rounds of dependent calls) x latency.

A :class:`CallBudget` is the bound: at most ``max_in_flight`` tasks run at once, whatever scans
they belong to (a worker scanning many accounts shares one). A :class:`ScanTracker` is one scan's
view of it: the work still pending, the retry timers waiting, the crashes, and its own cancel
token, so cancelling one scan never stops another.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

from cloudwarden.scan_control import CancelToken

log = logging.getLogger(__name__)

Task = Callable[[], None]

CANCEL_POLL_SECONDS = 0.2
"""How often a waiting scan looks at its cancel token (the token has no callback)."""


class CallBudget:
    """At most ``max_in_flight`` tasks running at once, shared by every scan submitted to it.

    Long-lived and thread-safe; whoever creates it closes it (:meth:`close`, or ``with``).
    """

    def __init__(self, max_in_flight: int) -> None:
        if max_in_flight < 1:
            raise ValueError("max_in_flight must be at least 1")
        self.max_in_flight = max_in_flight
        self._executor = ThreadPoolExecutor(max_in_flight, thread_name_prefix="cloudwarden-call")

    def submit(self, task: Task) -> None:
        """Queue ``task``; it runs when one of the budget's slots is free."""
        self._executor.submit(task)

    def close(self) -> None:
        """Wait for the running tasks, then release the threads (later submits fail)."""
        self._executor.shutdown(wait=True)

    def __enter__(self) -> CallBudget:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


class Timer(Protocol):
    """What the tracker needs of :class:`threading.Timer`."""

    def start(self) -> None: ...

    def cancel(self) -> None: ...


TimerFactory = Callable[[float, Task], Timer]


def _daemon_timer(delay: float, fire: Task) -> Timer:
    timer = threading.Timer(delay, fire)
    timer.daemon = True
    return timer


class ScanTracker:
    """One scan's work on a budget: knows when all of it, including work spawned by work, is done.

    Every task and every retry timer is counted in ``pending`` exactly once and uncounted exactly
    once. A timer is uncounted by whoever takes it out of ``_timers`` under the lock: its own
    firing (which then runs or drops the task), or :meth:`wait` cancelling it. A timer that fires
    while being cancelled finds itself gone and does nothing.
    """

    def __init__(
        self,
        budget: CallBudget,
        cancel: CancelToken,
        *,
        owns_budget: bool = False,
        timer: TimerFactory = _daemon_timer,
    ) -> None:
        self._budget = budget
        self._owns_budget = owns_budget
        self._cancel = cancel
        self._make_timer = timer
        self._pending = 0
        self._idle = threading.Condition()
        self._crashes: list[BaseException] = []
        self._timers: dict[int, Timer] = {}
        self._next_timer = 0

    @property
    def cancelled(self) -> bool:
        return self._cancel.cancelled

    @property
    def pending(self) -> int:
        """Tasks submitted or waiting on a timer that have not finished."""
        with self._idle:
            return self._pending

    def submit(self, task: Task) -> bool:
        """Run ``task`` on the budget; False (and nothing runs) once the scan is cancelled."""
        if self._cancel.cancelled:
            return False
        with self._idle:
            self._pending += 1
        self._to_budget(task)
        return True

    def submit_later(self, delay: float, task: Task) -> bool:
        """Run ``task`` after ``delay`` seconds without holding a slot while waiting."""
        if self._cancel.cancelled:
            return False
        with self._idle:
            self._pending += 1
            key = self._next_timer
            self._next_timer += 1
            timer = self._make_timer(delay, lambda: self._fire(key, task))
            self._timers[key] = timer
        timer.start()
        return True

    def _fire(self, key: int, task: Task) -> None:
        with self._idle:
            if self._timers.pop(key, None) is None:
                return  # cancelled by wait(), which accounted for it
        if self._cancel.cancelled:
            self._done()
        else:
            self._to_budget(task)

    def _to_budget(self, task: Task) -> None:
        try:
            self._budget.submit(lambda: self._run(task))
        except RuntimeError as exc:  # the budget was closed under a running scan
            with self._idle:
                self._crashes.append(exc)
            self._done()

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
            if self._pending <= 0:
                self._idle.notify_all()

    def wait(self) -> None:
        """Block until no work is pending (or, once cancelled, until running calls return).

        Re-raises the first task crash. The tracker can take new work afterwards.
        """
        with self._idle:
            while self._pending > 0:
                if self._cancel.cancelled and self._timers:
                    timers = list(self._timers.values())
                    self._timers.clear()
                    self._pending -= len(timers)
                    for timer in timers:
                        timer.cancel()
                    continue
                self._idle.wait(timeout=CANCEL_POLL_SECONDS)
            crash = self._crashes[0] if self._crashes else None
        if crash is not None:
            raise crash

    def close(self) -> None:
        """Close the budget if this tracker created it (a shared one is its owner's to close)."""
        if self._owns_budget:
            self._budget.close()

    def finish(self) -> None:
        """:meth:`wait`, then :meth:`close`, even when a task crashed."""
        try:
            self.wait()
        finally:
            self.close()
