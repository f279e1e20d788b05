"""Reports, their assets and results; latest results, asset filters and scan diffs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, delete, func, select, tuple_
from sqlalchemy.orm import Session

from cloudwarden.platform.db.models import Asset, Integration, Result
from cloudwarden.platform.db.models import Report as ReportRow
from cloudwarden.platform.repositories.paging import MAX_LIMIT, page
from cloudwarden.report.model import Report

T = TypeVar("T")


def store(
    session: Session,
    report: Report,
    space_id: str,
    integration_id: str,
    scan_id: str,
    *,
    trust_findings: list[dict[str, Any]] | None = None,
) -> ReportRow:
    row = ReportRow(
        space_id=space_id,
        integration_id=integration_id,
        scan_id=scan_id,
        account_id=report.account_id,
        generated_at=report.generated_at,
        complete=report.complete,
        score=report.score,
        grade=report.grade,
        counts=report.counts.model_dump(by_alias=True),
        resource_counts=report.resource_counts,
        document=report.model_dump_json(by_alias=True),
        trust_findings=trust_findings or [],
    )
    session.add(row)
    session.flush()
    session.add_all(
        Asset(
            report_id=row.id,
            resource_type=a.resource_type,
            resource_id=a.resource_id,
            region=a.region,
            score=a.score,
            grade=a.grade,
        )
        for a in report.assets
    )
    session.add_all(
        Result(
            report_id=row.id,
            check_id=r.check_id,
            resource_type=r.resource_type,
            resource_id=r.resource_id,
            region=r.region,
            status=r.status.value,
            severity=r.severity.value,
            reason=r.reason,
        )
        for r in report.results
    )
    return row


def get(session: Session, space_id: str, report_id: str) -> tuple[ReportRow, Integration] | None:
    row = session.execute(
        select(ReportRow, Integration)
        .join(Integration, Integration.id == ReportRow.integration_id)
        .where(ReportRow.id == report_id, ReportRow.space_id == space_id)
    ).first()
    return None if row is None else (row[0], row[1])


def list_page(
    session: Session, space_id: str, integration_id: str | None, offset: int, limit: int
) -> tuple[list[tuple[ReportRow, Integration]], int]:
    query = (
        select(ReportRow, Integration)
        .join(Integration, Integration.id == ReportRow.integration_id)
        .where(ReportRow.space_id == space_id)
    )
    if integration_id is not None:
        query = query.where(ReportRow.integration_id == integration_id)
    query = query.order_by(ReportRow.generated_at.desc(), ReportRow.id)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = session.execute(query.offset(offset).limit(limit))
    return [(r, i) for r, i in rows], int(total or 0)


def by_scan(session: Session, scan_id: str) -> ReportRow | None:
    return session.scalar(select(ReportRow).where(ReportRow.scan_id == scan_id))


def latest(session: Session, integration_id: str) -> ReportRow | None:
    return session.scalar(
        select(ReportRow)
        .where(ReportRow.integration_id == integration_id)
        .order_by(ReportRow.generated_at.desc())
        .limit(1)
    )


def previous(session: Session, report: ReportRow) -> ReportRow | None:
    return session.scalar(
        select(ReportRow)
        .where(
            ReportRow.integration_id == report.integration_id,
            ReportRow.generated_at < report.generated_at,
        )
        .order_by(ReportRow.generated_at.desc())
        .limit(1)
    )


@dataclass(frozen=True)
class ResultFilter:
    status: str | None = None
    severity: str | None = None
    check_id: str | None = None
    resource_type: str | None = None
    resource_id: str | None = None
    region: str | None = None


@dataclass(frozen=True)
class AssetFilter:
    grade: str | None = None
    resource_type: str | None = None
    region: str | None = None


def _matching(query: Select[T], pairs: Iterable[tuple[Any, str | None]]) -> Select[T]:
    """``query`` narrowed to the filters that were given (None: not filtered)."""
    for column, value in pairs:
        if value is not None:
            query = query.where(column == value)
    return query


def results_page(
    session: Session, report_id: str, where: ResultFilter, offset: int, limit: int
) -> tuple[list[Result], int]:
    query = _matching(
        select(Result).where(Result.report_id == report_id),
        (
            (Result.status, where.status),
            (Result.severity, where.severity),
            (Result.check_id, where.check_id),
            (Result.resource_type, where.resource_type),
            (Result.resource_id, where.resource_id),
            (Result.region, where.region),
        ),
    )
    return page(session, query.order_by(Result.id), offset, limit)


def assets_page(
    session: Session, report_id: str, where: AssetFilter, offset: int, limit: int
) -> tuple[list[Asset], int]:
    query = _matching(
        select(Asset).where(Asset.report_id == report_id),
        (
            (Asset.grade, where.grade),
            (Asset.resource_type, where.resource_type),
            (Asset.region, where.region),
        ),
    )
    return page(session, query.order_by(Asset.id), offset, limit)


def all_results(session: Session, report_id: str) -> list[Result]:
    return list(session.scalars(select(Result).where(Result.report_id == report_id)))


def all_assets(session: Session, report_id: str) -> list[Asset]:
    return list(session.scalars(select(Asset).where(Asset.report_id == report_id)))


def check_ids(session: Session, report_id: str) -> set[str]:
    return set(session.scalars(select(Result.check_id).where(Result.report_id == report_id)))


def prune(session: Session, older_than: datetime) -> int:
    """Delete reports generated before ``older_than`` (their assets and results cascade),
    except each integration's latest one: the latest result per asset must stay answerable
    for an integration whose scans stopped. The number of reports deleted."""
    newest = (
        select(ReportRow.integration_id, func.max(ReportRow.generated_at).label("at"))
        .group_by(ReportRow.integration_id)
        .subquery()
    )
    latest_ids = select(ReportRow.id).join(
        newest,
        (newest.c.integration_id == ReportRow.integration_id)
        & (newest.c.at == ReportRow.generated_at),
    )
    result = session.execute(
        delete(ReportRow)
        .where(ReportRow.generated_at < older_than, ReportRow.id.not_in(latest_ids))
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def latest_ids(space_id: str, integration_id: str | None = None) -> Select[Any]:
    """The id of each listed (not removed) integration's latest report in the space (of one
    integration when given)."""
    newest = (
        select(ReportRow.integration_id, func.max(ReportRow.generated_at).label("at"))
        .join(Integration, Integration.id == ReportRow.integration_id)
        .where(ReportRow.space_id == space_id, Integration.removed_at.is_(None))
        .group_by(ReportRow.integration_id)
    )
    if integration_id is not None:
        newest = newest.where(ReportRow.integration_id == integration_id)
    latest = newest.subquery()
    return select(ReportRow.id).join(
        latest,
        (latest.c.integration_id == ReportRow.integration_id)
        & (latest.c.at == ReportRow.generated_at),
    )


@dataclass(frozen=True)
class SpaceAssetFilter:
    """The console's asset list: every filter optional; ``search`` is a substring of the
    resource id (case-insensitive), ``failing_check`` keeps assets that check failed on."""

    grade: str | None = None
    resource_type: str | None = None
    region: str | None = None
    integration_id: str | None = None
    failing_check: str | None = None
    search: str | None = None


def _like_pattern(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def space_assets_page(
    session: Session, space_id: str, where: SpaceAssetFilter, offset: int, limit: int
) -> tuple[list[tuple[Any, ...]], int]:
    """Assets of the latest reports of the space's integrations, worst first, with their
    report and integration: (Asset, Report, Integration) rows.

    The filters, the count and the sort see asset ids and scores only (at 100,000 assets a
    deep offset sorted whole rows with their joins for seconds); the page's rows are then
    read by id."""
    query = _matching(
        select(Asset.id).where(Asset.report_id.in_(latest_ids(space_id, where.integration_id))),
        (
            (Asset.grade, where.grade),
            (Asset.resource_type, where.resource_type),
            (Asset.region, where.region),
        ),
    )
    if where.search:
        query = query.where(func.lower(Asset.resource_id).like(_like_pattern(where.search), "\\"))
    if where.failing_check:
        # The check's failures first (by the report/check index), then the assets among them:
        # a correlated EXISTS probed the results once per asset.
        failing = select(
            Result.report_id, Result.resource_type, Result.region, Result.resource_id
        ).where(
            Result.report_id.in_(latest_ids(space_id, where.integration_id)),
            Result.check_id == where.failing_check,
            Result.status == "fail",
        )
        query = query.where(
            tuple_(Asset.report_id, Asset.resource_type, Asset.region, Asset.resource_id).in_(
                failing
            )
        )
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    ordered = query.order_by(Asset.score.is_(None), Asset.score, Asset.id)
    ids = list(session.scalars(ordered.offset(offset).limit(min(limit, MAX_LIMIT))))
    rows = session.execute(
        select(Asset, ReportRow, Integration)
        .join(ReportRow, ReportRow.id == Asset.report_id)
        .join(Integration, Integration.id == ReportRow.integration_id)
        .where(Asset.id.in_(ids))
    )
    by_id = {asset.id: (asset, report, integration) for asset, report, integration in rows}
    return [by_id[i] for i in ids], int(total or 0)


@dataclass(frozen=True)
class Facets:
    """The values the asset filters offer: what the latest reports hold."""

    resource_types: list[str]
    regions: list[str]
    grades: list[str]
    failing_checks: list[str]


def space_facets(session: Session, report_ids: list[str]) -> Facets:
    def distinct(column: Any, report_id: Any, *conditions: Any) -> list[str]:
        query = select(column).where(report_id.in_(report_ids), *conditions).distinct()
        return sorted(str(v) for v in session.scalars(query))

    return Facets(
        resource_types=distinct(Asset.resource_type, Asset.report_id),
        regions=distinct(Asset.region, Asset.report_id),
        grades=distinct(Asset.grade, Asset.report_id),
        failing_checks=distinct(Result.check_id, Result.report_id, Result.status == "fail"),
    )


def latest_report_ids(session: Session, space_id: str) -> list[str]:
    return sorted(session.scalars(latest_ids(space_id)))


def grade_counts(session: Session, space_id: str) -> dict[str, int]:
    """Assets per grade over the latest reports of the space's integrations."""
    rows = session.execute(
        select(Asset.grade, func.count())
        .where(Asset.report_id.in_(latest_ids(space_id)))
        .group_by(Asset.grade)
    )
    return {str(grade): int(count) for grade, count in rows}


def failure_counts(session: Session, report_ids: list[str]) -> dict[str, dict[str, int]]:
    """Failed results per severity of each report (report id -> severity -> count)."""
    counts: dict[str, dict[str, int]] = {r: {} for r in report_ids}
    rows = session.execute(
        select(Result.report_id, Result.severity, func.count())
        .where(Result.report_id.in_(report_ids), Result.status == "fail")
        .group_by(Result.report_id, Result.severity)
    )
    for report_id, severity, count in rows:
        counts[report_id][severity] = int(count)
    return counts


def find_asset(
    session: Session, report_id: str, resource_type: str, resource_id: str, region: str
) -> Asset | None:
    return session.scalar(
        select(Asset).where(
            Asset.report_id == report_id,
            Asset.resource_type == resource_type,
            Asset.resource_id == resource_id,
            Asset.region == region,
        )
    )


def asset_results(
    session: Session, report_id: str, resource_type: str, resource_id: str, region: str
) -> list[Result]:
    """One asset's results, failures first, then errors, then the rest."""
    return list(
        session.scalars(
            select(Result)
            .where(
                Result.report_id == report_id,
                Result.resource_id == resource_id,
                Result.resource_type == resource_type,
                Result.region == region,
            )
            .order_by((Result.status != "fail"), (Result.status != "error"), Result.check_id)
        )
    )


def status_tallies(
    session: Session, report_id: str, check_ids: Iterable[str]
) -> dict[str, dict[str, int]]:
    """Results per check and status (check id -> status -> count), by the report/check index."""
    tallies: dict[str, dict[str, int]] = {}
    rows = session.execute(
        select(Result.check_id, Result.status, func.count())
        .where(Result.report_id == report_id, Result.check_id.in_(list(check_ids)))
        .group_by(Result.check_id, Result.status)
    )
    for check_id, status, count in rows:
        tallies.setdefault(check_id, {})[status] = int(count)
    return tallies


def sample_results(
    session: Session, report_id: str, check_id: str, status: str, limit: int
) -> list[Result]:
    """The first ``limit`` results of a check with a status: failures by resource (type,
    region, id), as framework views list them; others in the report's order (the scanner's
    view takes the first error's reason)."""
    order = (
        (Result.resource_type, Result.region, Result.resource_id)
        if status == "fail"
        else (Result.id,)
    )
    return list(
        session.scalars(
            select(Result)
            .where(
                Result.report_id == report_id,
                Result.check_id == check_id,
                Result.status == status,
            )
            .order_by(*order)
            .limit(limit)
        )
    )
