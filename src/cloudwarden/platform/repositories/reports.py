"""Reports, their assets and results; latest results, asset filters and scan diffs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session

from cloudwarden.platform.db.models import Asset, Integration, Result
from cloudwarden.platform.db.models import Report as ReportRow
from cloudwarden.platform.repositories.paging import page
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
