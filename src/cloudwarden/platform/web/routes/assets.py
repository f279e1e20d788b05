"""The asset list of a space (each integration's latest report) with filters, search and
paging done by the repository, and an asset's page: failed checks first, each with its risk
and remediation."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response

from cloudwarden.platform.api.deps import RuntimeDep
from cloudwarden.platform.repositories.reports import SpaceAssetFilter
from cloudwarden.platform.services import integrations, reports
from cloudwarden.platform.web.deps import SpacePageDep, TemplatesDep
from cloudwarden.platform.web.paging import Pager

router = APIRouter(prefix="/spaces/{space_id}/assets", include_in_schema=False)
PAGE_SIZE = 50
FILTERS = ("integration", "type", "region", "grade", "check", "q")
"""The list's query parameters (kept by the pager's links)."""


def _given(value: str | None) -> str | None:
    """An empty form field is no filter."""
    return value.strip() or None if value is not None else None


@router.get("")
def asset_list(
    *,
    request: Request,
    rt: RuntimeDep,
    page: SpacePageDep,
    templates: TemplatesDep,
    integration: str | None = None,
    type: str | None = None,
    region: str | None = None,
    grade: str | None = None,
    check: str | None = None,
    q: str | None = Query(default=None, max_length=200),
    offset: int = Query(default=0, ge=0),
    limit: int = Query(default=PAGE_SIZE, ge=10, le=200),
) -> Response:
    actor = page.visitor.actor
    chosen = {
        "integration": _given(integration),
        "type": _given(type),
        "region": _given(region),
        "grade": _given(grade),
        "check": _given(check),
        "q": _given(q),
    }
    where = SpaceAssetFilter(
        integration_id=chosen["integration"],
        resource_type=chosen["type"],
        region=chosen["region"],
        grade=chosen["grade"],
        failing_check=chosen["check"],
        search=chosen["q"],
    )
    listed = reports.space_assets(rt, actor, page.space.id, where=where, offset=offset, limit=limit)
    query = {k: v for k, v in chosen.items() if v is not None}
    if limit != PAGE_SIZE:
        query["limit"] = str(limit)
    pager = Pager.of(listed, f"/spaces/{page.space.id}/assets", query)
    return templates.render(
        request,
        "assets/list.html",
        page.context(
            assets=listed.items,
            pager=pager,
            chosen=chosen,
            filtered=bool(query),
            facets=reports.asset_facets(rt, actor, page.space.id),
            integrations=integrations.list_page(
                rt, actor, page.space.id, status=None, offset=0, limit=500
            ).items,
        ),
    )


@router.get("/view")
def asset_page(
    *,
    request: Request,
    rt: RuntimeDep,
    page: SpacePageDep,
    templates: TemplatesDep,
    report: str,
    type: str,
    id: str,
    region: str,
) -> Response:
    detail = reports.asset(
        rt,
        page.visitor.actor,
        page.space.id,
        report,
        resource_type=type,
        resource_id=id,
        region=region,
    )
    failing = [f for f in detail.findings if f.status == "fail"]
    others = [f for f in detail.findings if f.status != "fail"]
    return templates.render(
        request,
        "assets/page.html",
        page.context(detail=detail, failing=failing, others=others),
    )
