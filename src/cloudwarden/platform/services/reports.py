"""Reading reports: summaries, assets, results, the latest results, and diffs."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from cloudwarden.inventory.resource import GLOBAL_REGION
from cloudwarden.platform.db.models import Asset, Integration, Result
from cloudwarden.platform.db.models import Report as ReportRow
from cloudwarden.platform.errors import NotFoundError
from cloudwarden.platform.repositories import reports as repo
from cloudwarden.platform.repositories.reports import (
    AssetFilter,
    Facets,
    ResultFilter,
    SpaceAssetFilter,
)
from cloudwarden.platform.runtime import Runtime
from cloudwarden.platform.schemas import (
    AssetDetailOut,
    AssetOut,
    DiffOut,
    FindingOut,
    Page,
    RemediationOut,
    ReportOut,
    ResultOut,
    SpaceAssetOut,
    TrustFindingOut,
)
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.services.access import Actor, authorize
from cloudwarden.platform.services.integrations import get_row
from cloudwarden.policy.model import Check, Severity
from cloudwarden.policy.results import Result as CheckResult
from cloudwarden.policy.results import Status as CheckStatus
from cloudwarden.report.build import framework_view
from cloudwarden.report.formats.common import remediation_steps
from cloudwarden.report.model import FrameworkView


def to_out(row: ReportRow, integration: Integration) -> ReportOut:
    return ReportOut(
        id=row.id,
        space_id=row.space_id,
        integration_id=row.integration_id,
        integration_name=integration.name,
        integration_removed=integration.removed_at is not None,
        scan_id=row.scan_id,
        account_id=row.account_id,
        generated_at=row.generated_at,
        complete=row.complete,
        score=row.score,
        grade=row.grade,
        counts=row.counts,
        resource_counts=row.resource_counts,
        trust_findings=[TrustFindingOut.model_validate(f) for f in row.trust_findings],
    )


def _report(session: Session, space_id: str, report_id: str) -> tuple[ReportRow, Integration]:
    found = repo.get(session, space_id, report_id)
    if found is None:
        raise NotFoundError(f"there is no report {report_id} in this space")
    return found


def list_page(
    rt: Runtime, actor: Actor, space_id: str, *, integration_id: str | None, offset: int, limit: int
) -> Page[ReportOut]:
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        rows, total = repo.list_page(session, space_id, integration_id, offset, limit)
        return Page(items=[to_out(r, i) for r, i in rows], total=total, offset=offset, limit=limit)


def get(rt: Runtime, actor: Actor, space_id: str, report_id: str) -> ReportOut:
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        return to_out(*_report(session, space_id, report_id))


def document(rt: Runtime, actor: Actor, space_id: str, report_id: str) -> str:
    """The whole report as the scanner wrote it (docs/report.schema.json)."""
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        return _report(session, space_id, report_id)[0].document


def _page(
    rows: Sequence[Asset] | Sequence[Result],
    out: type[AssetOut] | type[ResultOut],
    total: int,
    offset: int,
    limit: int,
) -> Page[Any]:
    return Page(
        items=[out.model_validate(r) for r in rows], total=total, offset=offset, limit=limit
    )


def results(
    rt: Runtime,
    actor: Actor,
    space_id: str,
    report_id: str,
    *,
    where: ResultFilter,
    offset: int,
    limit: int,
) -> Page[ResultOut]:
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        _report(session, space_id, report_id)
        rows, total = repo.results_page(session, report_id, where, offset, limit)
        return _page(rows, ResultOut, total, offset, limit)


def assets(
    rt: Runtime,
    actor: Actor,
    space_id: str,
    report_id: str,
    *,
    where: AssetFilter,
    offset: int,
    limit: int,
) -> Page[AssetOut]:
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        _report(session, space_id, report_id)
        rows, total = repo.assets_page(session, report_id, where, offset, limit)
        return _page(rows, AssetOut, total, offset, limit)


def latest(rt: Runtime, actor: Actor, space_id: str, integration_id: str) -> ReportOut:
    """The integration's latest report: its latest result per asset and check."""
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        integration = get_row(session, space_id, integration_id)
        row = repo.latest(session, integration.id)
        if row is None:
            raise NotFoundError("this integration has no report yet: start a scan and wait for it")
        return to_out(row, integration)


class ReportCache:
    """What was computed from one stored report, kept per process: a report never changes
    once stored (pruning deletes it, and a deleted report is refused before its key is
    read). Bounded: the oldest entries go first. Callers authorize before reading it."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, ...], Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, ...], compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                found: T = self._items[key]
                return found
        value = compute()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


REPORT_CACHE = ReportCache(256)
"""Framework views, failures per severity and asset filter values of stored reports: each
is a scan of the reports' results (seconds at 100,000 assets), the same for every later
reader."""
T = TypeVar("T")
CIS_FRAMEWORK = "cis-aws-5.0"
"""Shown first: the benchmark the console's framework page is for."""
ResultKey = tuple[str, str, str, str]
AssetKey = tuple[str, str, str]


def _results_by_key(session: Session, report: ReportRow | None) -> dict[ResultKey, Result]:
    if report is None:
        return {}
    return {
        (r.check_id, r.resource_type, r.resource_id, r.region): r
        for r in repo.all_results(session, report.id)
    }


def _assets_by_key(session: Session, report: ReportRow | None) -> dict[AssetKey, Asset]:
    if report is None:
        return {}
    return {
        (a.resource_type, a.resource_id, a.region): a for a in repo.all_assets(session, report.id)
    }


@dataclass(frozen=True)
class Coverage:
    """Where a stored report's scan looked: a resource it does not list is gone only if the
    scan finished, scanned its region and listed its type there without an error."""

    complete: bool
    regions: frozenset[str]
    failed_listings: frozenset[tuple[str, str]]

    @classmethod
    def of(cls, row: ReportRow) -> Coverage:
        document = json.loads(row.document)
        listings = {
            (e["resource_type"], e["region"])
            for e in document.get("collection_errors", [])
            if e.get("resource_id") is None
        }
        regions = {*document.get("regions", []), GLOBAL_REGION}
        return cls(row.complete, frozenset(regions), frozenset(listings))

    def saw_all(self, resource_type: str, region: str) -> bool:
        return (
            self.complete
            and region in self.regions
            and (resource_type, region) not in self.failed_listings
        )


def diff(rt: Runtime, actor: Actor, space_id: str, report_id: str) -> DiffOut:
    """Against the integration's previous report: new failures, fixed, still failing, resources.

    A failure is *fixed* only when the same check now passes on the same resource (an
    ``error`` is not a fix). A resource missing from this report is *gone* only where this
    scan looked (finished, its region scanned, its type listed there without an error);
    elsewhere it is *unseen*: maybe still there. The first report has nothing to compare.
    """
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        row, _ = _report(session, space_id, report_id)
        before = repo.previous(session, row)
        now, old = _results_by_key(session, row), _results_by_key(session, before)
        failing_now = {k for k, r in now.items() if r.status == "fail"}
        failing_before = {k for k, r in old.items() if r.status == "fail"}
        fixed = {k for k in failing_before - failing_now if k in now and now[k].status == "pass"}
        assets_now, assets_old = _assets_by_key(session, row), _assets_by_key(session, before)
        coverage = Coverage.of(row)
        missing = sorted(set(assets_old) - set(assets_now))
        gone = [k for k in missing if coverage.saw_all(k[0], k[2])]
        unseen = [k for k in missing if not coverage.saw_all(k[0], k[2])]

        def results_of(keys: set[ResultKey]) -> list[ResultOut]:
            return [ResultOut.model_validate(now[k]) for k in sorted(keys)]

        def assets_of(keys: Iterable[AssetKey], source: dict[AssetKey, Asset]) -> list[AssetOut]:
            return [AssetOut.model_validate(source[k]) for k in keys]

        return DiffOut(
            report_id=row.id,
            previous_report_id=before.id if before else None,
            complete=row.complete,
            new_failures=results_of(failing_now - failing_before if before else set()),
            fixed=results_of(fixed),
            still_failing=results_of(failing_now & failing_before),
            new_resources=assets_of(
                sorted(set(assets_now) - set(assets_old)) if before else [], assets_now
            ),
            gone_resources=assets_of(gone, assets_old),
            unseen_resources=assets_of(unseen, assets_old),
        )


def space_assets(
    rt: Runtime,
    actor: Actor,
    space_id: str,
    *,
    where: SpaceAssetFilter,
    offset: int,
    limit: int,
) -> Page[SpaceAssetOut]:
    """The assets of every integration's latest report in the space, lowest score first."""
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        rows, total = repo.space_assets_page(session, space_id, where, offset, limit)
        items = [
            SpaceAssetOut(
                **AssetOut.model_validate(asset).model_dump(),
                report_id=report.id,
                integration_id=integration.id,
                integration_name=integration.name,
            )
            for asset, report, integration in rows
        ]
        return Page(items=items, total=total, offset=offset, limit=limit)


def asset_facets(rt: Runtime, actor: Actor, space_id: str) -> Facets:
    """The values the asset list's filters offer (types, regions, grades, failing checks):
    the same for as long as the space's latest reports are the same."""
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        latest = repo.latest_report_ids(session, space_id)
        return REPORT_CACHE.get(("facets", *latest), lambda: repo.space_facets(session, latest))


def _finding(result: Result, check: Check | None) -> FindingOut:
    return FindingOut(
        check_id=result.check_id,
        title=check.title if check else result.check_id,
        status=result.status,
        severity=result.severity,
        reason=result.reason,
        description=check.docs.description if check else "",
        risk=check.docs.risk if check else "",
        remediation=[RemediationOut(label=k, text=v) for k, v in remediation_steps(check)],
        references=list(check.docs.references) if check else [],
    )


def asset(
    rt: Runtime,
    actor: Actor,
    space_id: str,
    report_id: str,
    *,
    resource_type: str,
    resource_id: str,
    region: str,
) -> AssetDetailOut:
    """One asset of a report with its results, each with its check's risk and remediation
    (from the policy bundles the platform offers; a check no longer offered has only its
    result)."""
    checks = rt.policies.available().bundle.checks
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        row, integration = _report(session, space_id, report_id)
        found = repo.find_asset(session, report_id, resource_type, resource_id, region)
        if found is None:
            raise NotFoundError(f"report {report_id} has no such {resource_type} in {region}")
        results = repo.asset_results(session, report_id, resource_type, resource_id, region)
        return AssetDetailOut(
            asset=AssetOut.model_validate(found),
            report=to_out(row, integration),
            findings=[_finding(r, checks.get(r.check_id)) for r in results],
        )


@dataclass(frozen=True)
class FrameworkPage:
    """One framework's control view of a report, its failing resources capped per check;
    ``failed_results`` counts them all (control id -> failed results of its checks)."""

    view: FrameworkView
    failed_results: dict[str, int]
    offered: list[tuple[str, str]]
    """(id, name) of every framework the bundles define, CIS AWS Foundations first."""


def framework(
    rt: Runtime,
    actor: Actor,
    space_id: str,
    report_id: str,
    *,
    framework_id: str = CIS_FRAMEWORK,
    max_resources: int = 25,
) -> FrameworkPage:
    """A report's control view of a framework the platform's bundles define: pass, fail,
    error or manual per control, with failing resources.

    Platform scans select policies, not a framework, so their stored documents carry no
    framework view; it is built here by the scanner's own ``framework_view``. At 100,000
    assets the results are not all loaded: per check the counts per status (one grouped
    query), its first ``max_resources`` failures, its first error (for the reason) and one
    pass decide the control exactly as the whole set would."""
    frameworks = rt.policies.available().bundle.frameworks
    if framework_id not in frameworks:
        raise NotFoundError(f"there is no framework {framework_id}")
    chosen = frameworks[framework_id]
    mapped = sorted({c for control in chosen.controls for c in control.checks})
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        _report(session, space_id, report_id)

        def compute() -> tuple[FrameworkView, dict[str, int]]:
            tallies = repo.status_tallies(session, report_id, mapped)
            rows: list[Result] = []
            for check_id, counts in tallies.items():
                for status, limit in (("fail", max_resources), ("error", 1), ("pass", 1)):
                    if counts.get(status):
                        rows += repo.sample_results(session, report_id, check_id, status, limit)
            failed = {
                control.id: sum(tallies.get(c, {}).get("fail", 0) for c in control.checks)
                for control in chosen.controls
            }
            return framework_view(chosen, [_result(r) for r in rows]), failed

        key = ("framework", report_id, framework_id, str(max_resources))
        view, failed = REPORT_CACHE.get(key, compute)
    offered = sorted(frameworks.values(), key=lambda f: (f.id != CIS_FRAMEWORK, f.id))
    return FrameworkPage(view, failed, [(f.id, f"{f.name} v{f.version}") for f in offered])


def _result(row: Result) -> CheckResult:
    return CheckResult(
        check_id=row.check_id,
        status=CheckStatus(row.status),
        severity=Severity(row.severity),
        impact=0,
        resource_type=row.resource_type,
        resource_id=row.resource_id,
        region=row.region,
        reason=row.reason,
    )


def grade_counts(rt: Runtime, actor: Actor, space_id: str) -> dict[str, int]:
    """Assets per grade over the latest report of each integration of the space."""
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        return repo.grade_counts(session, space_id)


@dataclass(frozen=True)
class ReportFailures:
    report: ReportOut
    by_severity: dict[str, int]


def failure_history(
    rt: Runtime, actor: Actor, space_id: str, *, integration_id: str | None, limit: int
) -> list[ReportFailures]:
    """The last ``limit`` reports (oldest first) with their failed results per severity."""
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        rows, _ = repo.list_page(session, space_id, integration_id, 0, limit)

        def failures_of(report_id: str) -> dict[str, int]:
            return REPORT_CACHE.get(
                ("failures", report_id),
                lambda: repo.failure_counts(session, [report_id])[report_id],
            )

        counts = {r.id: failures_of(r.id) for r, _ in rows}
        return [ReportFailures(to_out(r, i), counts[r.id]) for r, i in reversed(rows)]
