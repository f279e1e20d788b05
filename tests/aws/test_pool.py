"""The call budget and the per-scan tracker: bounds, accounting, cancellation, crashes.

Deterministic: tasks block on events, retry timers are fired by hand in the order under test.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import boto3
import pytest

from cloudwarden.aws.credentials import Identity
from cloudwarden.aws.pool import CallBudget, ScanTracker, Task
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.scan.discover import DiscoveryScope, discover
from cloudwarden.scan_control import CancelToken


@pytest.fixture
def budget() -> Iterator[CallBudget]:
    with CallBudget(2) as shared:
        yield shared


@dataclass
class ManualTimer:
    """A retry timer the test fires by hand. Like :class:`threading.Timer`, ``cancel`` cannot
    stop a firing that has already begun (the test models that by firing after cancel)."""

    fire: Task
    started: bool = False
    cancelled: bool = False

    def start(self) -> None:
        self.started = True

    def cancel(self) -> None:
        self.cancelled = True


@dataclass
class ManualClock:
    """The tracker's timer factory: keeps every timer made, for the test to fire."""

    timers: list[ManualTimer] = field(default_factory=list)

    def __call__(self, delay: float, fire: Task) -> ManualTimer:
        timer = ManualTimer(fire)
        self.timers.append(timer)
        return timer


class InFlight:
    """Counts tasks running at once, through a wrapper around each task."""

    def __init__(self) -> None:
        self.now = 0
        self.most = 0
        self.ran = 0
        self.changed = threading.Condition()

    def wrap(self, task: Task) -> Task:
        def counted() -> None:
            with self.changed:
                self.now += 1
                self.most = max(self.most, self.now)
                self.changed.notify_all()
            try:
                task()
            finally:
                with self.changed:
                    self.now -= 1
                    self.ran += 1
                    self.changed.notify_all()

        return counted

    def wait_for(self, predicate: Callable[[InFlight], bool]) -> None:
        with self.changed:
            assert self.changed.wait_for(lambda: predicate(self), timeout=60)


def test_work_spawned_by_work_is_waited_for(budget: CallBudget) -> None:
    tracker = ScanTracker(budget, CancelToken())
    ran: list[str] = []

    def child() -> None:
        ran.append("child")

    def parent() -> None:
        ran.append("parent")
        assert tracker.submit(child)

    assert tracker.submit(parent)
    tracker.wait()
    assert ran == ["parent", "child"]
    assert tracker.pending == 0


def test_a_cancelled_scan_refuses_new_work_and_waits_for_nothing(budget: CallBudget) -> None:
    cancel = CancelToken()
    tracker = ScanTracker(budget, cancel)
    cancel.cancel()
    assert tracker.submit(lambda: pytest.fail("ran after cancel")) is False
    assert tracker.submit_later(1.0, lambda: pytest.fail("ran after cancel")) is False
    tracker.wait()
    assert tracker.pending == 0


def test_the_budget_bounds_the_tasks_in_flight_of_every_scan_on_it(budget: CallBudget) -> None:
    counter = InFlight()
    release = threading.Event()
    scans = [ScanTracker(budget, CancelToken()) for _ in range(2)]
    for tracker in scans:
        for _ in range(5):
            assert tracker.submit(counter.wrap(release.wait))
    counter.wait_for(lambda c: c.now == budget.max_in_flight)
    release.set()
    for tracker in scans:
        tracker.wait()
    assert counter.ran == 10
    assert counter.most == budget.max_in_flight


def test_cancelling_one_scan_leaves_another_on_the_same_budget_running(
    budget: CallBudget,
) -> None:
    cancel_a = CancelToken()
    scan_a = ScanTracker(budget, cancel_a)
    scan_b = ScanTracker(budget, CancelToken())
    a_started, a_release = threading.Event(), threading.Event()

    def a_task() -> None:
        a_started.set()
        a_release.wait()

    assert scan_a.submit(a_task)
    assert a_started.wait(timeout=60)
    cancel_a.cancel()
    assert scan_a.submit(lambda: pytest.fail("ran after cancel")) is False
    ran_b: list[int] = []
    for i in range(3):
        assert scan_b.submit(lambda i=i: ran_b.append(i))
    scan_b.wait()  # returns while scan A's task still holds a slot
    assert sorted(ran_b) == [0, 1, 2]
    assert scan_a.pending == 1
    a_release.set()
    scan_a.wait()
    assert scan_a.pending == 0


def test_a_retry_timer_that_fires_runs_its_task_once(budget: CallBudget) -> None:
    clock = ManualClock()
    tracker = ScanTracker(budget, CancelToken(), timer=clock)
    ran: list[str] = []
    assert tracker.submit_later(5.0, lambda: ran.append("retry"))
    (timer,) = clock.timers
    assert timer.started
    assert tracker.pending == 1
    timer.fire()
    tracker.wait()
    assert ran == ["retry"]
    assert tracker.pending == 0


def test_a_timer_cancelled_with_its_scan_is_accounted_once(budget: CallBudget) -> None:
    cancel = CancelToken()
    clock = ManualClock()
    tracker = ScanTracker(budget, cancel, timer=clock)
    assert tracker.submit_later(5.0, lambda: pytest.fail("ran after cancel"))
    cancel.cancel()
    tracker.wait()
    (timer,) = clock.timers
    assert timer.cancelled
    assert tracker.pending == 0


def test_a_timer_firing_while_being_cancelled_is_accounted_once(budget: CallBudget) -> None:
    # The timer's thread had begun to fire when wait() cancelled it: cancel() could not stop
    # it, and it runs its firing after wait() took the timer's count back.
    cancel = CancelToken()
    clock = ManualClock()
    tracker = ScanTracker(budget, cancel, timer=clock)
    assert tracker.submit_later(5.0, lambda: pytest.fail("ran after cancel"))
    assert tracker.submit_later(5.0, lambda: pytest.fail("ran after cancel"))
    cancel.cancel()
    tracker.wait()
    for timer in clock.timers:
        timer.fire()
    assert tracker.pending == 0
    tracker.wait()  # still returns: the count never went below zero


def test_a_timer_firing_after_cancel_but_before_wait_drops_its_task(budget: CallBudget) -> None:
    cancel = CancelToken()
    clock = ManualClock()
    tracker = ScanTracker(budget, cancel, timer=clock)
    assert tracker.submit_later(5.0, lambda: pytest.fail("ran after cancel"))
    cancel.cancel()
    (timer,) = clock.timers
    timer.fire()
    assert tracker.pending == 0
    tracker.wait()
    assert not timer.cancelled  # it had fired: nothing was left for wait() to cancel


def test_a_real_retry_timer_is_cancelled_when_its_scan_is(budget: CallBudget) -> None:
    cancel = CancelToken()
    tracker = ScanTracker(budget, cancel)
    assert tracker.submit_later(3600.0, lambda: pytest.fail("ran after cancel"))
    cancel.cancel()
    tracker.wait()  # does not wait the hour
    assert tracker.pending == 0


def test_a_crashed_task_is_raised_by_wait_after_the_other_work(budget: CallBudget) -> None:
    tracker = ScanTracker(budget, CancelToken())
    ran: list[str] = []

    def crash() -> None:
        raise KeyError("a bug in a collector")

    assert tracker.submit(crash)
    assert tracker.submit(lambda: ran.append("other"))
    with pytest.raises(KeyError, match="a bug in a collector"):
        tracker.wait()
    assert ran == ["other"]
    assert tracker.pending == 0


def test_a_scan_closes_only_a_budget_it_owns() -> None:
    shared = CallBudget(1)
    try:
        ScanTracker(shared, CancelToken()).finish()
        later = ScanTracker(shared, CancelToken())
        ran: list[str] = []
        assert later.submit(lambda: ran.append("still open"))
        later.wait()
        assert ran == ["still open"]
    finally:
        shared.close()
    private = CallBudget(1)
    ScanTracker(private, CancelToken(), owns_budget=True).finish()
    with pytest.raises(RuntimeError):
        private.submit(lambda: None)


def test_a_budget_needs_at_least_one_slot() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        CallBudget(0)


class CountingBudget(CallBudget):
    """The real budget, each task wrapped to count how many run at once."""

    def __init__(self, max_in_flight: int) -> None:
        super().__init__(max_in_flight)
        self.in_flight = InFlight()

    def submit(self, task: Task) -> None:
        super().submit(self.in_flight.wrap(task))


def _view(inventory: Inventory) -> list[tuple[str, str, str]]:
    return sorted((r.type, r.region, r.arn or r.id) for r in inventory.resources)


def test_two_discoveries_share_one_budget_and_cancelling_one_leaves_the_other(
    aws: boto3.Session, identity: Identity
) -> None:
    for region in ("us-east-1", "eu-west-1"):
        aws.client("sqs", region_name=region).create_queue(QueueName=f"cw-shared-{region}")
        aws.client("kms", region_name=region).create_key(Description="cw-shared")
    kept = DiscoveryScope(services=("sqs", "kms"), regions=("us-east-1", "eu-west-1"))
    alone = discover(aws, identity, kept)
    cancel = CancelToken()
    results: dict[str, Inventory] = {}

    def run_cancelled(budget: CallBudget) -> None:
        session = boto3.Session(region_name="us-east-1")
        scope = DiscoveryScope(services=("sqs", "kms"))
        results["cancelled"] = discover(session, identity, scope, cancel=cancel, budget=budget)

    def run_kept(budget: CallBudget) -> None:
        # The other scan is cancelled when this one's first unit is done: the rest of this
        # one's units run after that cancel.
        session = boto3.Session(region_name="us-east-1")
        results["kept"] = discover(
            session, identity, kept, budget=budget, progress=lambda _: cancel.cancel()
        )

    with CountingBudget(3) as budget:
        threads = [
            threading.Thread(target=run, args=(budget,)) for run in (run_cancelled, run_kept)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert results["cancelled"].complete is False
    assert results["kept"].complete is True
    assert _view(results["kept"]) == _view(alone)
    assert len(_view(alone)) == 4
    assert results["kept"].all_errors() == []
    assert budget.in_flight.ran > 0
    assert budget.in_flight.most <= 3
