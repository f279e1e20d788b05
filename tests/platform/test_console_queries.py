"""The console's report queries on both databases: the space-wide asset list over each
integration's latest report (filters, search, failing check, paging), its facets, an asset's
findings with remediation, grade counts and failures per severity over time."""

from __future__ import annotations

from datetime import timedelta

from cloudwarden.platform.repositories.reports import SpaceAssetFilter
from cloudwarden.platform.schemas import RoleIn
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.services import integrations, spaces
from cloudwarden.platform.services import reports as service
from cloudwarden.policy.results import Result as CheckResult
from cloudwarden.policy.results import Status
from cloudwarden.report.build import framework_view
from tests.platform.helpers import make_report
from tests.platform.test_report_history import BUCKET, QUEUE, T0, VERSIONING, store, world

ENCRYPTED = "aws-sqs-queue-encrypted"


def second_integration(rt, owner, space) -> str:
    role = RoleIn(type="role", role_arn="arn:aws:iam::123456789012:role/other")
    return integrations.create(
        rt, owner, space, integrations.IntegrationIn(name="staging", credentials=role)
    ).id


def listed(rt, owner, space, offset=0, limit=50, **where) -> tuple[list[str], int]:
    found = service.space_assets(
        rt, owner, space, where=SpaceAssetFilter(**where), offset=offset, limit=limit
    )
    return [a.resource_id for a in found.items], found.total


def test_the_asset_list_holds_the_latest_report_of_each_integration_filtered(settings):
    rt, owner, space, prod = world(settings)
    staging = second_integration(rt, owner, space)
    store(
        rt,
        space,
        prod,
        make_report(T0, [(VERSIONING, BUCKET, "old-only", "us-east-1", Status.FAIL)]),
    )
    store(
        rt,
        space,
        prod,
        make_report(
            T0 + timedelta(hours=1),
            [
                (VERSIONING, BUCKET, "Logs_100%", "us-east-1", Status.FAIL),
                (VERSIONING, BUCKET, "logs-2", "eu-west-1", Status.PASS),
                (ENCRYPTED, QUEUE, "jobs", "us-east-1", Status.FAIL),
            ],
        ),
    )
    store(
        rt,
        space,
        staging,
        make_report(T0, [(ENCRYPTED, QUEUE, "stage-jobs", "eu-west-1", Status.PASS)]),
    )

    everything, total = listed(rt, owner, space)
    assert total == 4
    assert sorted(everything) == ["Logs_100%", "jobs", "logs-2", "stage-jobs"]
    assert listed(rt, owner, space, resource_type=QUEUE)[0] == ["jobs", "stage-jobs"]
    assert listed(rt, owner, space, region="eu-west-1", resource_type=BUCKET)[0] == ["logs-2"]
    assert listed(rt, owner, space, integration_id=staging)[0] == ["stage-jobs"]
    assert listed(rt, owner, space, search="LOGS")[0] == ["Logs_100%", "logs-2"]
    assert listed(rt, owner, space, search="_100%")[0] == ["Logs_100%"], "% and _ are literal"
    assert listed(rt, owner, space, search="gs_2")[0] == [], "_ matches only _"
    assert listed(rt, owner, space, failing_check=VERSIONING)[0] == ["Logs_100%"]
    assert listed(rt, owner, space, grade="A") == ([], 0)
    first, total = listed(rt, owner, space, offset=0, limit=3)
    rest, _ = listed(rt, owner, space, offset=3, limit=3)
    assert total == 4
    assert len(first) == 3
    assert sorted(first + rest) == sorted(everything)

    facets = service.asset_facets(rt, owner, space)
    assert facets.resource_types == [BUCKET, QUEUE]
    assert facets.regions == ["eu-west-1", "us-east-1"]
    assert facets.grades == ["C"]
    assert facets.failing_checks == [VERSIONING, ENCRYPTED]
    assert service.grade_counts(rt, owner, space) == {"C": 4}

    integrations.remove(rt, owner, space, staging)
    assert listed(rt, owner, space)[1] == 3, "a removed integration's assets leave the list"
    rt.engine.dispose()


def test_an_asset_shows_failures_first_with_the_checks_remediation(settings):
    rt, owner, space, prod = world(settings)
    report = store(
        rt,
        space,
        prod,
        make_report(
            T0,
            [
                ("aws-s3-bucket-public-access-blocked", BUCKET, "b", "us-east-1", Status.PASS),
                (VERSIONING, BUCKET, "b", "us-east-1", Status.FAIL),
                ("retired-check", BUCKET, "b", "us-east-1", Status.ERROR),
                (VERSIONING, BUCKET, "other", "us-east-1", Status.FAIL),
            ],
        ),
    )
    detail = service.asset(
        rt, owner, space, report, resource_type=BUCKET, resource_id="b", region="us-east-1"
    )
    assert [(f.check_id, f.status) for f in detail.findings] == [
        (VERSIONING, "fail"),
        ("retired-check", "error"),
        ("aws-s3-bucket-public-access-blocked", "pass"),
    ]
    failed = detail.findings[0]
    assert failed.risk
    assert failed.description
    assert {r.label for r in failed.remediation} >= {"Console", "AWS CLI", "Terraform"}
    assert detail.findings[1].remediation == [], "a check no longer offered has its result only"
    rt.engine.dispose()


def test_failures_per_severity_of_the_last_reports_oldest_first(settings):
    rt, owner, space, prod = world(settings)
    first = store(
        rt, space, prod, make_report(T0, [(VERSIONING, BUCKET, "a", "us-east-1", Status.FAIL)])
    )
    second = store(
        rt,
        space,
        prod,
        make_report(
            T0 + timedelta(hours=1),
            [
                (VERSIONING, BUCKET, "a", "us-east-1", Status.PASS),
                (VERSIONING, BUCKET, "b", "us-east-1", Status.FAIL),
                (ENCRYPTED, QUEUE, "q", "us-east-1", Status.FAIL),
            ],
        ),
    )
    history = service.failure_history(rt, owner, space, integration_id=prod, limit=10)
    assert [(h.report.id, h.by_severity) for h in history] == [
        (first, {"medium": 1}),
        (second, {"medium": 2}),
    ]
    rt.engine.dispose()


def test_the_cis_view_is_built_from_the_stored_results(settings):
    rt, owner, space, prod = world(settings)
    root_keys = "aws-account-root-no-access-keys"
    report = store(
        rt,
        space,
        prod,
        make_report(T0, [(root_keys, "aws.account", "123456789012", "global", Status.FAIL)]),
    )
    page = service.framework(rt, owner, space, report)
    cis = page.view
    assert page.offered[0] == ("cis-aws-5.0", f"{cis.name} v5.0.0")
    assert page.failed_results["1.3"] == 1
    assert (cis.id, cis.version) == ("cis-aws-5.0", "5.0.0")
    controls = {c.id: c for c in cis.controls}
    assert controls["1.3"].status == "fail"
    assert controls["1.3"].failing_resources == ["aws.account:global:123456789012"]
    assert controls["1.1"].status == "manual"
    assert controls["1.1"].reason
    assert controls["1.4"].status == "error", "a check the report did not evaluate decides nothing"
    rt.engine.dispose()


def test_the_sampled_cis_view_decides_every_control_as_all_results_would(settings):
    rt, owner, space, prod = world(settings)
    statuses = [Status.FAIL, Status.PASS, Status.ERROR, Status.FAIL, Status.FAIL]
    checks = [
        "aws-s3-bucket-ssl-requests-only",
        "aws-s3-bucket-mfa-delete-enabled",
        "aws-s3-bucket-public-access-blocked",
    ]
    rows = [
        (check, BUCKET, f"b{n}", "us-east-1", statuses[(n + k) % len(statuses)])
        for k, check in enumerate(checks)
        for n in range(7)
    ]
    rows += [
        ("aws-account-root-mfa-enabled", "aws.account", f"a{n}", "global", status)
        for n, status in enumerate([Status.PASS, Status.ERROR, Status.ERROR, Status.PASS])
    ]
    report = make_report(T0, rows)
    # Each error says which resource it is: the view shows the report's first one.
    results = [
        r.model_copy(update={"reason": f"denied on {r.resource_id}"})
        if r.status is Status.ERROR
        else r
        for r in reversed(report.results)
    ]
    report = report.model_copy(update={"results": results})
    stored = store(rt, space, prod, report)
    cis = rt.policies.available().bundle.frameworks["cis-aws-5.0"]
    whole = framework_view(
        cis,
        [
            CheckResult.model_validate(r.model_dump(exclude={"title", "controls"}))
            for r in report.results
        ],
    )
    sampled = service.framework(rt, owner, space, stored, max_resources=2)
    for full, part in zip(whole.controls, sampled.view.controls, strict=True):
        assert (part.id, part.status, part.reason) == (full.id, full.status, full.reason)
        assert set(part.failing_resources) <= set(full.failing_resources)
    assert sampled.view.counts == whole.counts
    errored = next(c for c in sampled.view.controls if c.id == "1.4")
    assert (errored.status, errored.reason) == ("error", "denied on a2"), "the report's first"
    failing = [c for c in sampled.view.controls if c.status == "fail"]
    assert failing
    assert all(0 < len(c.failing_resources) <= 2 * len(c.checks) for c in failing)
    assert sum(sampled.failed_results[c.id] for c in failing) >= len(failing) * 3
    rt.engine.dispose()


def test_the_report_cache_computes_once_and_drops_the_oldest():
    cache = service.ReportCache(2)
    calls: list[str] = []

    def compute(name: str):
        return lambda: calls.append(name) or name.upper()

    assert cache.get(("a",), compute("a")) == "A"
    assert cache.get(("a",), compute("a")) == "A"
    cache.get(("b",), compute("b"))
    cache.get(("a",), compute("a"))  # a is now the newest
    cache.get(("c",), compute("c"))  # drops b
    cache.get(("b",), compute("b"))
    assert calls == ["a", "b", "c", "b"]


def test_the_space_asset_list_is_an_api_route_with_the_same_filters(live_without_worker):
    rt = live_without_worker.platform.runtime
    token = spaces.bootstrap_user(rt, "owner@example.com", "acme", Role.OWNER)
    owner = spaces.authenticate(rt, token.token)
    space = spaces.list_spaces(rt, owner).items[0].id
    role = RoleIn(type="role", role_arn="arn:aws:iam::123456789012:role/cloudwarden")
    prod = integrations.create(
        rt, owner, space, integrations.IntegrationIn(name="prod", credentials=role)
    ).id
    rows = [
        (VERSIONING, BUCKET, "Logs_100%", "us-east-1", Status.FAIL),
        (VERSIONING, BUCKET, "logs-2", "eu-west-1", Status.PASS),
        (ENCRYPTED, QUEUE, "jobs", "us-east-1", Status.FAIL),
    ]
    store(rt, space, prod, make_report(T0, rows))
    client = live_without_worker.as_user(token.token)
    url = f"/api/v1/spaces/{space}/assets"

    everything = client.get(url).json()
    assert everything["total"] == 3
    assert {a["integration_name"] for a in everything["items"]} == {"prod"}
    found = client.get(url, params={"search": "100%", "resource_type": BUCKET}).json()
    assert [a["resource_id"] for a in found["items"]] == ["Logs_100%"], "% is literal"
    failing = client.get(url, params={"failing_check": ENCRYPTED}).json()
    assert [a["resource_id"] for a in failing["items"]] == ["jobs"]
    paged = client.get(url, params={"offset": 2, "limit": 1}).json()
    assert (paged["total"], len(paged["items"])) == (3, 1)
    refused = live_without_worker.as_user(None).get(url)
    assert refused.status_code == 401
