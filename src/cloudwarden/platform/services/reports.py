"""Reading reports: summaries, assets, results, the latest results, and diffs."""

from __future__ import annotations

from sqlalchemy.orm import Session

from cloudwarden.platform.db.models import Integration
from cloudwarden.platform.db.models import Report as ReportRow
from cloudwarden.platform.errors import NotFoundError
from cloudwarden.platform.repositories import reports as repo
from cloudwarden.platform.repositories.reports import AssetFilter, ResultFilter
from cloudwarden.platform.runtime import Runtime
from cloudwarden.platform.schemas import AssetOut, DiffOut, Page, ReportOut, ResultOut
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.services.access import Actor, authorize
from cloudwarden.platform.services.integrations import get_row


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
        return Page(
            items=[ResultOut.model_validate(r) for r in rows],
            total=total,
            offset=offset,
            limit=limit,
        )


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
        return Page(
            items=[AssetOut.model_validate(r) for r in rows],
            total=total,
            offset=offset,
            limit=limit,
        )


def latest(rt: Runtime, actor: Actor, space_id: str, integration_id: str) -> ReportOut:
    """The integration's latest report: its latest result per asset and check."""
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        integration = get_row(session, space_id, integration_id)
        row = repo.latest(session, integration.id)
        if row is None:
            raise NotFoundError("this integration has no report yet: start a scan and wait for it")
        return to_out(row, integration)


def diff(rt: Runtime, actor: Actor, space_id: str, report_id: str) -> DiffOut:
    """Against the integration's previous report: new failures, fixed, still failing, resources."""
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        row, _ = _report(session, space_id, report_id)
        before = repo.previous(session, row)
        now_results = {
            (r.check_id, r.resource_type, r.resource_id, r.region): r
            for r in repo.all_results(session, row.id)
        }
        old_results = (
            {
                (r.check_id, r.resource_type, r.resource_id, r.region): r
                for r in repo.all_results(session, before.id)
            }
            if before
            else {}
        )
        failing_now = {k for k, r in now_results.items() if r.status == "fail"}
        failing_before = {k for k, r in old_results.items() if r.status == "fail"}
        now_assets = {
            (a.resource_type, a.resource_id, a.region): a for a in repo.all_assets(session, row.id)
        }
        old_assets = (
            {
                (a.resource_type, a.resource_id, a.region): a
                for a in repo.all_assets(session, before.id)
            }
            if before
            else {}
        )

        def results_of(
            keys: set[tuple[str, str, str, str]], source: dict[tuple[str, str, str, str], object]
        ) -> list[ResultOut]:
            return [ResultOut.model_validate(source[k]) for k in sorted(keys)]

        fixed = {
            k
            for k in failing_before - failing_now
            if k in now_results and now_results[k].status == "pass"
        }
        return DiffOut(
            report_id=row.id,
            previous_report_id=before.id if before else None,
            new_failures=results_of(failing_now - failing_before, dict(now_results)),
            fixed=results_of(fixed, dict(now_results)),
            still_failing=results_of(failing_now & failing_before, dict(now_results)),
            new_resources=[
                AssetOut.model_validate(now_assets[k])
                for k in sorted(set(now_assets) - set(old_assets))
            ]
            if before
            else [],
            gone_resources=[
                AssetOut.model_validate(old_assets[k])
                for k in sorted(set(old_assets) - set(now_assets))
            ],
        )
