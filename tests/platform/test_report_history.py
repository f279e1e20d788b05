"""Report history on both databases: the diff between consecutive scans (what is fixed, what
is gone and what this scan could not see) and the retention that prunes old reports."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from cloudwarden.platform.db.models import Asset, Result
from cloudwarden.platform.db.models import Report as ReportRow
from cloudwarden.platform.repositories import reports, scans
from cloudwarden.platform.runtime import build_runtime
from cloudwarden.platform.scheduler import Scheduler
from cloudwarden.platform.schemas import JobState, RoleIn
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.services import integrations, spaces
from cloudwarden.platform.services import reports as report_service
from cloudwarden.policy.results import Status
from cloudwarden.report.model import Report
from tests.platform.helpers import make_report

T0 = datetime(2026, 1, 1, tzinfo=UTC)
BUCKET = "aws.s3.bucket"
QUEUE = "aws.sqs.queue"
VERSIONING = "aws-s3-bucket-versioning-enabled"
ENCRYPTED = "aws-sqs-queue-encrypted"


def world(settings):
    rt = build_runtime(settings)
    token = spaces.bootstrap_user(rt, "owner@example.com", "acme", Role.OWNER)
    owner = spaces.authenticate(rt, token.token)
    space = spaces.list_spaces(rt, owner).items[0].id
    role = RoleIn(type="role", role_arn="arn:aws:iam::123456789012:role/cloudwarden")
    created = integrations.create(
        rt, owner, space, integrations.IntegrationIn(name="prod", credentials=role)
    )
    return rt, owner, space, created.id


def store(rt, space, integration, report: Report) -> str:
    with rt.sessions.begin() as session:
        job = scans.enqueue(session, space, integration, "manual")
        job.state = JobState.SUCCEEDED
        return reports.store(session, report, space, integration, job.id).id


def ids(items) -> list[str]:
    return [item.resource_id for item in items]


def test_a_failure_is_fixed_only_when_the_same_check_now_passes(settings):
    rt, owner, space, integration = world(settings)
    store(
        rt,
        space,
        integration,
        make_report(
            T0,
            [
                (VERSIONING, BUCKET, "fixed", "us-east-1", Status.FAIL),
                (VERSIONING, BUCKET, "denied-now", "us-east-1", Status.FAIL),
                (VERSIONING, BUCKET, "still", "us-east-1", Status.FAIL),
                (VERSIONING, BUCKET, "regressed", "us-east-1", Status.PASS),
            ],
        ),
    )
    second = store(
        rt,
        space,
        integration,
        make_report(
            T0 + timedelta(hours=12),
            [
                (VERSIONING, BUCKET, "fixed", "us-east-1", Status.PASS),
                (VERSIONING, BUCKET, "denied-now", "us-east-1", Status.ERROR),
                (VERSIONING, BUCKET, "still", "us-east-1", Status.FAIL),
                (VERSIONING, BUCKET, "regressed", "us-east-1", Status.FAIL),
                (VERSIONING, BUCKET, "brand-new", "us-east-1", Status.FAIL),
            ],
        ),
    )
    diff = report_service.diff(rt, owner, space, second)
    assert ids(diff.fixed) == ["fixed"]
    assert ids(diff.still_failing) == ["still"]
    assert sorted(ids(diff.new_failures)) == ["brand-new", "regressed"]
    assert ids(diff.new_resources) == ["brand-new"]
    assert diff.gone_resources == diff.unseen_resources == []
    rt.engine.dispose()


def test_a_resource_is_gone_only_where_the_scan_looked(settings):
    rt, owner, space, integration = world(settings)
    before = [
        (VERSIONING, BUCKET, "deleted", "us-east-1", Status.FAIL),
        (VERSIONING, BUCKET, "in-dropped-region", "eu-west-1", Status.FAIL),
        (ENCRYPTED, QUEUE, "listing-denied", "us-east-1", Status.PASS),
        (VERSIONING, BUCKET, "kept", "us-east-1", Status.PASS),
    ]
    store(rt, space, integration, make_report(T0, before))
    second = store(
        rt,
        space,
        integration,
        make_report(
            T0 + timedelta(hours=12),
            [(VERSIONING, BUCKET, "kept", "us-east-1", Status.PASS)],
            regions=("us-east-1",),
            failed_listings=((QUEUE, "us-east-1"),),
        ),
    )
    diff = report_service.diff(rt, owner, space, second)
    assert ids(diff.gone_resources) == ["deleted"]
    assert sorted(ids(diff.unseen_resources)) == ["in-dropped-region", "listing-denied"]
    assert diff.fixed == [], "a resource that vanished is not a fixed failure"
    rt.engine.dispose()


def test_a_cancelled_scan_sees_nothing_gone(settings):
    rt, owner, space, integration = world(settings)
    store(
        rt,
        space,
        integration,
        make_report(T0, [(VERSIONING, BUCKET, "a", "us-east-1", Status.FAIL)]),
    )
    cancelled = store(
        rt, space, integration, make_report(T0 + timedelta(hours=1), [], complete=False)
    )
    diff = report_service.diff(rt, owner, space, cancelled)
    assert (diff.complete, diff.gone_resources, ids(diff.unseen_resources)) == (False, [], ["a"])
    rt.engine.dispose()


def test_the_first_report_has_nothing_to_compare(settings):
    rt, owner, space, integration = world(settings)
    first = store(
        rt,
        space,
        integration,
        make_report(T0, [(VERSIONING, BUCKET, "a", "us-east-1", Status.FAIL)]),
    )
    diff = report_service.diff(rt, owner, space, first)
    assert diff.previous_report_id is None
    assert diff.new_failures == diff.new_resources == diff.gone_resources == []
    rt.engine.dispose()


def counts(rt) -> tuple[int, int, int]:
    with rt.sessions() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(table))
            for table in (ReportRow, Asset, Result)
        )


def test_retention_prunes_old_reports_and_keeps_each_integrations_latest(settings):
    settings.report_retention_days = 30
    rt, owner, space, active = world(settings)
    role = RoleIn(type="role", role_arn="arn:aws:iam::123456789012:role/stopped")
    stopped = integrations.create(
        rt, owner, space, integrations.IntegrationIn(name="stopped", credentials=role)
    ).id
    one = [(VERSIONING, BUCKET, "a", "us-east-1", Status.FAIL)]
    old = [store(rt, space, active, make_report(T0 + timedelta(days=d), one)) for d in (0, 10)]
    recent = store(rt, space, active, make_report(T0 + timedelta(days=50), one))
    stopped_latest = store(rt, space, stopped, make_report(T0 + timedelta(days=1), one))
    assert counts(rt) == (4, 4, 4)

    now = T0 + timedelta(days=60)
    assert Scheduler(rt).prune(now) == 2
    with rt.sessions() as session:
        kept = set(session.scalars(select(ReportRow.id)))
    assert kept == {recent, stopped_latest}, "old reports go; every integration keeps its latest"
    assert not kept & set(old)
    assert counts(rt) == (2, 2, 2), "their assets and results went with them"
    assert Scheduler(rt).prune(now) == 0
    rt.engine.dispose()


def test_without_retention_every_report_is_kept(settings):
    rt, _owner, space, integration = world(settings)
    one = [(VERSIONING, BUCKET, "a", "us-east-1", Status.FAIL)]
    for days in (0, 400, 800):
        store(rt, space, integration, make_report(T0 + timedelta(days=days), one))
    assert Scheduler(rt).prune(T0 + timedelta(days=5000)) == 0
    assert counts(rt)[0] == 3
    rt.engine.dispose()
