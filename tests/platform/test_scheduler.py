"""The scheduler with a simulated clock: intervals, jitter bounds, no double scheduling,
nothing for a removed integration."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from cloudwarden.platform.repositories import scans
from cloudwarden.platform.runtime import build_runtime
from cloudwarden.platform.scheduler import Scheduler
from cloudwarden.platform.schemas import AccessKeyIn, IntegrationIn, JobState
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.services import integrations, spaces

T0 = datetime(2026, 1, 1, tzinfo=UTC)
HOUR = timedelta(hours=1)


class SimulatedClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def make(settings, count, interval=3600):
    clock = SimulatedClock(T0)
    rt = build_runtime(settings, clock=clock)
    token = spaces.bootstrap_user(rt, "owner@example.com", "acme", Role.OWNER)
    owner = spaces.authenticate(rt, token.token)
    space = spaces.list_spaces(rt, owner).items[0].id
    created = [
        integrations.create(
            rt,
            owner,
            space,
            IntegrationIn(
                name=f"account {i}",
                interval_seconds=interval,
                credentials=AccessKeyIn(
                    type="access_key",
                    access_key_id="AKIAIOSFODNN7EXAMPLE",
                    secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                ),
            ),
        )
        for i in range(count)
    ]
    return rt, clock, owner, space, created


def finish_all(rt):
    with rt.sessions.begin() as session:
        while (job := scans.next_queued(session)) is not None:
            job.state = JobState.SUCCEEDED


def test_new_integrations_are_due_at_once_then_every_interval_within_the_jitter(settings):
    rt, clock, owner, space, created = make(settings, 50)
    scheduler = Scheduler(rt, random.Random(7))
    assert len(scheduler.tick(clock.now)) == 50
    assert scheduler.tick(clock.now) == [], "a second pass at the same time schedules nothing"
    due = [integrations.get(rt, owner, space, i.id).next_scan_at for i in created]
    assert all(T0 + 0.9 * HOUR <= d <= T0 + 1.1 * HOUR for d in due)
    assert len(set(due)) > 40, "jittered: the scans do not all fire together"
    finish_all(rt)
    clock.now = T0 + 0.95 * HOUR
    early = scheduler.tick(clock.now)
    assert 0 < len(early) < 50, "only those whose jittered time has come"
    clock.now = T0 + 1.1 * HOUR
    assert len(early) + len(scheduler.tick(clock.now)) == 50


def test_one_queued_or_running_scan_per_integration_and_two_schedulers_do_not_double(settings):
    rt, clock, _owner, space, _created = make(settings, 5)
    first, second = Scheduler(rt, random.Random(1)), Scheduler(rt, random.Random(2))
    assert len(first.tick(clock.now)) + len(second.tick(clock.now)) == 5
    clock.now = T0 + 2 * HOUR  # due again, but each still has its queued scan
    assert first.tick(clock.now) == []
    with rt.sessions.begin() as session:
        queued, total = scans.list_page(
            session, space, integration_id=None, state=JobState.QUEUED, offset=0, limit=100
        )
    assert total == 5
    assert len({job.integration_id for job in queued}) == 5


def test_a_removed_integration_is_never_scheduled_again(settings):
    rt, clock, owner, space, created = make(settings, 2)
    scheduler = Scheduler(rt, random.Random(3))
    integrations.remove(rt, owner, space, created[0].id)
    queued = scheduler.tick(clock.now)
    with rt.sessions.begin() as session:
        jobs = [scans.get_any(session, job_id) for job_id in queued]
    assert [job.integration_id for job in jobs if job] == [created[1].id]
    finish_all(rt)
    clock.now = T0 + 100 * HOUR
    again = scheduler.tick(clock.now)
    with rt.sessions.begin() as session:
        assert {scans.get_any(session, j).integration_id for j in again} == {created[1].id}
