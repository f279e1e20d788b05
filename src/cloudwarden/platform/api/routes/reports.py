"""Reports: summaries, the whole document, assets, results, diff."""

from __future__ import annotations

from fastapi import APIRouter, Response

from cloudwarden.platform.api.deps import ActorDep, Limit, Offset, RuntimeDep
from cloudwarden.platform.repositories.reports import AssetFilter, ResultFilter
from cloudwarden.platform.schemas import AssetOut, DiffOut, Page, ReportOut, ResultOut
from cloudwarden.platform.services import reports as service

router = APIRouter(prefix="/spaces/{space_id}/reports", tags=["reports"])


@router.get("")
def list_reports(
    *,
    rt: RuntimeDep,
    actor: ActorDep,
    space_id: str,
    integration_id: str | None = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> Page[ReportOut]:
    return service.list_page(
        rt, actor, space_id, integration_id=integration_id, offset=offset, limit=limit
    )


@router.get("/{report_id}")
def get_report(rt: RuntimeDep, actor: ActorDep, space_id: str, report_id: str) -> ReportOut:
    return service.get(rt, actor, space_id, report_id)


@router.get("/{report_id}/document")
def report_document(rt: RuntimeDep, actor: ActorDep, space_id: str, report_id: str) -> Response:
    """The scanner's JSON report (docs/report.schema.json)."""
    return Response(service.document(rt, actor, space_id, report_id), media_type="application/json")


@router.get("/{report_id}/assets")
def list_assets(
    *,
    rt: RuntimeDep,
    actor: ActorDep,
    space_id: str,
    report_id: str,
    grade: str | None = None,
    resource_type: str | None = None,
    region: str | None = None,
    offset: Offset = 0,
    limit: Limit = 100,
) -> Page[AssetOut]:
    where = AssetFilter(grade=grade, resource_type=resource_type, region=region)
    return service.assets(rt, actor, space_id, report_id, where=where, offset=offset, limit=limit)


@router.get("/{report_id}/results")
def list_results(
    *,
    rt: RuntimeDep,
    actor: ActorDep,
    space_id: str,
    report_id: str,
    status: str | None = None,
    severity: str | None = None,
    check_id: str | None = None,
    resource_type: str | None = None,
    resource_id: str | None = None,
    region: str | None = None,
    offset: Offset = 0,
    limit: Limit = 100,
) -> Page[ResultOut]:
    """The report's results; with ``resource_id`` (and ``resource_type``, ``region``) one
    asset's."""
    where = ResultFilter(
        status=status,
        severity=severity,
        check_id=check_id,
        resource_type=resource_type,
        resource_id=resource_id,
        region=region,
    )
    return service.results(rt, actor, space_id, report_id, where=where, offset=offset, limit=limit)


@router.get("/{report_id}/diff")
def report_diff(rt: RuntimeDep, actor: ActorDep, space_id: str, report_id: str) -> DiffOut:
    return service.diff(rt, actor, space_id, report_id)
