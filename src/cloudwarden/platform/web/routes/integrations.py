"""The integrations list and an integration's page: ping, scan now with live progress, cancel,
configure, recommended policies, trust documents, scan history, remove."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from cloudwarden.platform.api.deps import RuntimeDep
from cloudwarden.platform.errors import ConflictError, NotFoundError, PlatformError
from cloudwarden.platform.runtime import Runtime
from cloudwarden.platform.schemas import (
    ACTIVE_JOB_STATES,
    IntegrationOut,
    IntegrationUpdate,
    ReportOut,
    ScanOut,
)
from cloudwarden.platform.services import integrations, reports, scans
from cloudwarden.platform.web import forms
from cloudwarden.platform.web.deps import FormFieldsDep, SpacePage, SpacePageDep, TemplatesDep
from cloudwarden.platform.web.templating import Templates

router = APIRouter(prefix="/spaces/{space_id}/integrations", include_in_schema=False)
TABS = {
    "overview": "Overview",
    "policies": "Recommended policies",
    "scans": "Scan history",
    "configure": "Configure",
}
NOTICES = {
    "created": "The integration was created.",
    "ping-ok": "The ping succeeded: the credentials work.",
    "ping-failed": "The ping failed: the error says what to fix.",
    "scan": "A scan is queued or running.",
    "cancel": "The scan is being cancelled.",
    "saved": "The settings were saved.",
    "policy": "The policy was changed.",
    "removed": "The integration was removed. Delete its IAM role (or its CloudFormation stack) "
    "in AWS too.",
}
"""Messages after an action, by a key in the redirect (never text taken from the URL)."""
HISTORY = 20


@dataclass(frozen=True)
class Row:
    integration: IntegrationOut
    report: ReportOut | None


def _latest_report(rt: Runtime, page: SpacePage, integration_id: str) -> ReportOut | None:
    try:
        return reports.latest(rt, page.visitor.actor, page.space.id, integration_id)
    except NotFoundError:
        return None


def _latest_scan(rt: Runtime, page: SpacePage, integration_id: str) -> ScanOut | None:
    listed = scans.list_page(
        rt,
        page.visitor.actor,
        page.space.id,
        integration_id=integration_id,
        state=None,
        offset=0,
        limit=1,
    )
    return listed.items[0] if listed.items else None


def _url(page: SpacePage, integration_id: str, rest: str = "") -> str:
    return f"/spaces/{page.space.id}/integrations/{integration_id}{rest}"


def _back(page: SpacePage, integration_id: str, notice: str, tab: str = "overview") -> Response:
    return RedirectResponse(
        _url(page, integration_id, f"?tab={tab}&notice={notice}"), status_code=303
    )


@router.get("")
def list_integrations(
    *,
    request: Request,
    rt: RuntimeDep,
    page: SpacePageDep,
    templates: TemplatesDep,
    notice: str | None = None,
) -> Response:
    listed = integrations.list_page(
        rt, page.visitor.actor, page.space.id, status=None, offset=0, limit=500
    )
    rows = [Row(i, _latest_report(rt, page, i.id)) for i in listed.items]
    return templates.render(
        request,
        "integrations/list.html",
        page.context(rows=rows, notice=NOTICES.get(notice or "")),
    )


@router.get("/{integration_id}")
def integration_page(
    *,
    request: Request,
    rt: RuntimeDep,
    page: SpacePageDep,
    templates: TemplatesDep,
    integration_id: str,
    tab: str = "overview",
    notice: str | None = None,
) -> Response:
    actor, space_id = page.visitor.actor, page.space.id
    integration = integrations.get(rt, actor, space_id, integration_id)
    tab = tab if tab in TABS else "overview"
    trust, trust_problem = None, None
    if integration.credentials.type in {"role", "wif"} and tab == "overview":
        try:
            trust = integrations.trust_documents(rt, actor, space_id, integration_id)
        except PlatformError as exc:
            trust_problem = str(exc)
    context = page.context(
        integration=integration,
        integration_id=integration_id,
        tab=tab,
        tabs=TABS,
        notice=NOTICES.get(notice or ""),
        report=_latest_report(rt, page, integration_id),
        scan=_latest_scan(rt, page, integration_id),
        active_states=ACTIVE_JOB_STATES,
        trust=trust,
        trust_problem=trust_problem,
        policies=integrations.policies(rt, actor, space_id, integration_id)
        if tab == "policies"
        else [],
        history=scans.list_page(
            rt,
            actor,
            space_id,
            integration_id=integration_id,
            state=None,
            offset=0,
            limit=HISTORY,
        ).items
        if tab == "scans"
        else [],
        interval_choices=forms.INTERVAL_CHOICES,
        errors={},
    )
    return templates.render(request, "integrations/page.html", context)


@router.post("/{integration_id}/ping")
def ping(*, rt: RuntimeDep, page: SpacePageDep, integration_id: str) -> Response:
    pinged = integrations.ping(rt, page.visitor.actor, page.space.id, integration_id)
    return _back(page, integration_id, "ping-ok" if pinged.last_ping_ok else "ping-failed")


def _progress(
    request: Request,
    page: SpacePage,
    templates: TemplatesDep,
    integration_id: str,
    scan: ScanOut | None,
) -> Response:
    context = page.context(
        integration_id=integration_id, scan=scan, active_states=ACTIVE_JOB_STATES
    )
    return templates.render(request, "integrations/_progress.html", context)


@router.get("/{integration_id}/progress")
def progress(
    *,
    request: Request,
    rt: RuntimeDep,
    page: SpacePageDep,
    templates: TemplatesDep,
    integration_id: str,
) -> Response:
    """The scan progress fragment htmx polls while a scan is queued or running. Once it is
    over, the whole page reloads (``HX-Refresh``): grade, last scan and history changed too."""
    scan = _latest_scan(rt, page, integration_id)
    response = _progress(request, page, templates, integration_id, scan)
    if request.headers.get("HX-Request") and (scan is None or scan.state not in ACTIVE_JOB_STATES):
        response.headers["HX-Refresh"] = "true"
    return response


def _after_scan_action(
    request: Request,
    rt: Runtime,
    page: SpacePage,
    templates: Templates,
    integration_id: str,
    *,
    notice: str,
) -> Response:
    """htmx gets the progress fragment; a plain form post goes back to the page."""
    if request.headers.get("HX-Request"):
        return _progress(
            request, page, templates, integration_id, _latest_scan(rt, page, integration_id)
        )
    return _back(page, integration_id, notice)


@router.post("/{integration_id}/scan")
def scan_now(
    *,
    request: Request,
    rt: RuntimeDep,
    page: SpacePageDep,
    templates: TemplatesDep,
    integration_id: str,
) -> Response:
    scans.scan_now(rt, page.visitor.actor, page.space.id, integration_id)
    return _after_scan_action(request, rt, page, templates, integration_id, notice="scan")


@router.post("/{integration_id}/scans/{scan_id}/cancel")
def cancel_scan(
    *,
    request: Request,
    rt: RuntimeDep,
    page: SpacePageDep,
    templates: TemplatesDep,
    integration_id: str,
    scan_id: str,
) -> Response:
    # A scan that finished meanwhile cannot be cancelled: the fragment shows how it ended.
    with suppress(ConflictError):
        scans.cancel(rt, page.visitor.actor, page.space.id, scan_id)
    return _after_scan_action(request, rt, page, templates, integration_id, notice="cancel")


@router.post("/{integration_id}/settings")
def configure(
    *,
    request: Request,
    rt: RuntimeDep,
    page: SpacePageDep,
    templates: TemplatesDep,
    fields: FormFieldsDep,
    integration_id: str,
) -> Response:
    """Interval, regions, and (when a new one is given) rotated credentials."""
    data: dict[str, object] = {
        "interval_seconds": forms.interval_seconds(fields.get("interval", "")),
        "regions_allow": forms.regions(fields.get("regions_allow", "")),
        "regions_deny": forms.regions(fields.get("regions_deny", "")),
    }
    if fields.get("rotate") == "yes":
        data["credentials"] = forms.credentials(fields)
    parsed = forms.parse(IntegrationUpdate, data)
    if isinstance(parsed, forms.FormErrors):
        actor = page.visitor.actor
        context = page.context(
            integration=integrations.get(rt, actor, page.space.id, integration_id),
            integration_id=integration_id,
            tab="configure",
            tabs=TABS,
            notice=None,
            report=None,
            scan=_latest_scan(rt, page, integration_id),
            active_states=ACTIVE_JOB_STATES,
            trust=None,
            trust_problem=None,
            policies=[],
            history=[],
            interval_choices=forms.INTERVAL_CHOICES,
            errors=parsed.messages,
        )
        return templates.render(request, "integrations/page.html", context, status_code=422)
    integrations.update(rt, page.visitor.actor, page.space.id, integration_id, parsed)
    return _back(page, integration_id, "saved", "configure")


@router.post("/{integration_id}/policies/{uid}")
def toggle_policy(
    *,
    request: Request,
    rt: RuntimeDep,
    page: SpacePageDep,
    templates: TemplatesDep,
    integration_id: str,
    uid: str,
    enabled: Annotated[str, Form(pattern="^(true|false)$")],
) -> Response:
    actor, space_id = page.visitor.actor, page.space.id
    error = None
    try:
        listed = integrations.toggle_policy(
            rt, actor, space_id, integration_id, uid=uid, enabled=enabled == "true"
        )
    except ConflictError as exc:
        error = str(exc)
        listed = integrations.policies(rt, actor, space_id, integration_id)
    if not request.headers.get("HX-Request") and error is None:
        return _back(page, integration_id, "policy", "policies")
    context = page.context(integration_id=integration_id, policies=listed, policy_error=error)
    status = 200 if request.headers.get("HX-Request") else 409
    return templates.render(request, "integrations/_policies.html", context, status_code=status)


@router.get("/{integration_id}/trust/{document}")
def download_trust(
    *, rt: RuntimeDep, page: SpacePageDep, integration_id: str, document: str
) -> Response:
    """The pinned CloudFormation template or Terraform snippet, as a file to download."""
    kinds = {
        "cloudformation.yaml": ("cloudformation", "application/yaml"),
        "terraform.tf": ("terraform", "text/plain; charset=utf-8"),
    }
    if document not in kinds:
        raise NotFoundError(f"there is no trust document {document}")
    field, media_type = kinds[document]
    trust = integrations.trust_documents(rt, page.visitor.actor, page.space.id, integration_id)
    filename = f"cloudwarden-{integration_id}-{document}"
    return Response(
        getattr(trust, field),
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/{integration_id}/remove")
def confirm_remove(
    *,
    request: Request,
    rt: RuntimeDep,
    page: SpacePageDep,
    templates: TemplatesDep,
    integration_id: str,
) -> Response:
    integration = integrations.get(rt, page.visitor.actor, page.space.id, integration_id)
    return templates.render(
        request, "integrations/remove.html", page.context(integration=integration)
    )


@router.post("/{integration_id}/remove")
def remove(*, rt: RuntimeDep, page: SpacePageDep, integration_id: str) -> Response:
    integrations.remove(rt, page.visitor.actor, page.space.id, integration_id)
    return RedirectResponse(f"/spaces/{page.space.id}/integrations?notice=removed", status_code=303)
