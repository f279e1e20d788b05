"""The database under concurrent writers, on SQLite and PostgreSQL: workers never run a job
twice, scan-now from many callers at once queues one scan, two schedulers never double."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from cloudwarden.platform.db.models import ScanJob
from cloudwarden.platform.jobs.worker import EmbeddedWorker
from cloudwarden.platform.repositories import scans
from cloudwarden.platform.runtime import build_runtime
from cloudwarden.platform.scheduler import Scheduler
from cloudwarden.platform.schemas import ACTIVE_JOB_STATES, JobState, RoleIn
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.services import integrations, spaces
from cloudwarden.platform.services import scans as scan_service

THREADS = 4
ROLE = RoleIn(type="role", role_arn="arn:aws:iam::123456789012:role/cloudwarden")


def world(settings, count):
    rt = build_runtime(settings)
    token = spaces.bootstrap_user(rt, "owner@example.com", "acme", Role.OWNER)
    owner = spaces.authenticate(rt, token.token)
    space = spaces.list_spaces(rt, owner).items[0].id
    created = [
        integrations.create(
            rt, owner, space, integrations.IntegrationIn(name=f"a{i}", credentials=ROLE)
        ).id
        for i in range(count)
    ]
    return rt, owner, space, created


def active_jobs(rt, integration_id):
    with rt.sessions() as session:
        return session.scalar(
            select(func.count())
            .select_from(ScanJob)
            .where(ScanJob.integration_id == integration_id, ScanJob.state.in_(ACTIVE_JOB_STATES))
        )


def test_concurrent_workers_run_every_job_exactly_once(settings):
    rt, _owner, space, created = world(settings, 12)
    with rt.sessions.begin() as session:
        queued = {scans.enqueue(session, space, i, "manual").id for i in created}
    ran: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(THREADS)

    def job(rt_, job_id, _cancel):
        with lock:
            ran.append(job_id)
        with rt_.sessions.begin() as session:
            scans.set_fields(session, job_id, state=JobState.SUCCEEDED)

    worker = EmbeddedWorker(rt, THREADS, job=job)

    def drain(_index):
        start.wait()
        while worker.run_one():
            pass

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(drain, range(THREADS)))
    rt.engine.dispose()
    assert sorted(ran) == sorted(queued), "every job once, none twice"


def test_scan_now_from_many_callers_at_once_queues_one_scan(settings):
    rt, owner, space, (integration,) = world(settings, 1)
    start = threading.Barrier(THREADS)

    def scan_now(_index):
        start.wait()
        return scan_service.scan_now(rt, owner, space, integration)

    with ThreadPoolExecutor(THREADS) as pool:
        answers = list(pool.map(scan_now, range(THREADS)))
    assert len({out.id for out, _new in answers}) == 1
    assert [new for _out, new in answers].count(True) == 1
    assert active_jobs(rt, integration) == 1
    rt.engine.dispose()


def test_two_schedulers_ticking_at_once_queue_each_due_scan_once(settings):
    rt, _owner, _space, created = world(settings, 20)
    start = threading.Barrier(2)
    now = rt.clock()

    def tick(seed):
        start.wait()
        return Scheduler(rt).tick(now)

    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(tick, range(2))
    assert not set(first) & set(second)
    assert len(first) + len(second) == len(created)
    assert all(active_jobs(rt, i) == 1 for i in created)
    rt.engine.dispose()
