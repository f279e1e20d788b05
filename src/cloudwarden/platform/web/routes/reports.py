"""Reports of a space: the overview charts, the report list, a report's scan diff and the
CIS AWS Foundations (and any other framework) control view of an integration's latest report."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response

from cloudwarden.platform.api.deps import RuntimeDep
from cloudwarden.platform.errors import NotFoundError
from cloudwarden.platform.schemas import IntegrationOut, ReportOut
from cloudwarden.platform.services import integrations, reports
from cloudwarden.platform.web import charts
from cloudwarden.platform.web.deps import SpacePage, SpacePageDep, TemplatesDep
from cloudwarden.platform.web.paging import Pager

router = APIRouter(prefix="/spaces/{space_id}", include_in_schema=False)
PAGE_SIZE = 50
HISTORY = 20
"""Reports drawn in the overview's charts (the latest ones)."""
MAX_CONTROL_RESOURCES = 25
"""Failing resources listed under one control; the rest are counted."""


def _integrations(rt: RuntimeDep, page: SpacePage) -> list[IntegrationOut]:
    return integrations.list_page(
        rt, page.visitor.actor, page.space.id, status=None, offset=0, limit=500
    ).items


def _label(report: ReportOut) -> str:
    return report.generated_at.strftime("%m-%d %H:%M")


@router.get("/overview")
def overview(
    *, request: Request, rt: RuntimeDep, page: SpacePageDep, templates: TemplatesDep
) -> Response:
    """Grade distribution, failures by severity over time, score trend per integration."""
    actor, space_id = page.visitor.actor, page.space.id
    grades = reports.grade_counts(rt, actor, space_id)
    failures = reports.failure_history(rt, actor, space_id, integration_id=None, limit=HISTORY)
    listed = _integrations(rt, page)
    trends = {
        i.name: [
            charts.Point(_label(r), r.score)
            for r in reversed(
                reports.list_page(
                    rt, actor, space_id, integration_id=i.id, offset=0, limit=HISTORY
                ).items
            )
        ]
        for i in listed
    }
    trends = {name: points for name, points in trends.items() if points}
    failure_rows = [
        (f"{_label(f.report)} {f.report.integration_name}", f.by_severity) for f in failures
    ]
    return templates.render(
        request,
        "reports/overview.html",
        page.context(
            grades=list(charts.fold_grades(grades).items()),
            grade_chart=charts.grade_distribution(grades),
            failures=failures,
            failure_chart=charts.failures_over_time(
                [(_label(f.report), f.by_severity) for f in failures]
            ),
            failure_rows=failure_rows,
            severities=charts.SEVERITIES,
            trends=trends,
            trend_chart=charts.score_trend(trends),
        ),
    )


@router.get("/reports")
def report_list(
    *,
    request: Request,
    rt: RuntimeDep,
    page: SpacePageDep,
    templates: TemplatesDep,
    integration: str | None = None,
    offset: int = Query(default=0, ge=0),
) -> Response:
    chosen = integration or None
    listed = reports.list_page(
        rt, page.visitor.actor, page.space.id, integration_id=chosen, offset=offset, limit=PAGE_SIZE
    )
    query = {"integration": chosen} if chosen else {}
    return templates.render(
        request,
        "reports/list.html",
        page.context(
            reports=listed.items,
            pager=Pager.of(listed, f"/spaces/{page.space.id}/reports", query),
            integrations=_integrations(rt, page),
            chosen=chosen,
        ),
    )


@router.get("/reports/{report_id}/diff")
def report_diff(
    *, request: Request, rt: RuntimeDep, page: SpacePageDep, templates: TemplatesDep, report_id: str
) -> Response:
    """New failures and fixed ones against the integration's previous report."""
    actor = page.visitor.actor
    report = reports.get(rt, actor, page.space.id, report_id)
    diff = reports.diff(rt, actor, page.space.id, report_id)
    previous = (
        reports.get(rt, actor, page.space.id, diff.previous_report_id)
        if diff.previous_report_id
        else None
    )
    return templates.render(
        request,
        "reports/diff.html",
        page.context(report=report, previous=previous, diff=diff),
    )


@router.get("/frameworks")
def frameworks(
    *,
    request: Request,
    rt: RuntimeDep,
    page: SpacePageDep,
    templates: TemplatesDep,
    integration: str | None = None,
    report: str | None = None,
    framework: str = reports.CIS_FRAMEWORK,
) -> Response:
    """An integration's latest report (or the given report) per framework control."""
    actor = page.visitor.actor
    listed = _integrations(rt, page)
    chosen: ReportOut | None = None
    if report:
        chosen = reports.get(rt, actor, page.space.id, report)
    else:
        wanted = integration or (listed[0].id if listed else None)
        if wanted:
            try:
                chosen = reports.latest(rt, actor, page.space.id, wanted)
            except NotFoundError:
                chosen = None
    view = (
        reports.framework(
            rt,
            actor,
            page.space.id,
            chosen.id,
            framework_id=framework,
            max_resources=MAX_CONTROL_RESOURCES,
        )
        if chosen
        else None
    )
    return templates.render(
        request,
        "reports/frameworks.html",
        page.context(
            integrations=listed,
            chosen_integration=chosen.integration_id if chosen else integration,
            report=chosen,
            framework=view,
            chosen_framework=framework,
            max_resources=MAX_CONTROL_RESOURCES,
        ),
    )
