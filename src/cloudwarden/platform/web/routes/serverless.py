"""The serverless AWS integration: its add form, and the stack's launch parameters with the
single-use registration token (rendered once, in the answer to the POST that made it: never
behind a redirect, a link or a cache)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from cloudwarden.platform.api.deps import RuntimeDep
from cloudwarden.platform.errors import InvalidInputError
from cloudwarden.platform.runtime import Runtime
from cloudwarden.platform.schemas import DEFAULT_INTERVAL, HOUR, IntegrationIn, IntegrationOut
from cloudwarden.platform.services import agent_launch, agents, integrations
from cloudwarden.platform.web import forms
from cloudwarden.platform.web.deps import FormFieldsDep, SpacePage, SpacePageDep, TemplatesDep
from cloudwarden.platform.web.templating import Templates

router = APIRouter(prefix="/spaces/{space_id}/integrations", include_in_schema=False)


def public_url(request: Request) -> str:
    """The URL the console was reached on: the agents' platform URL unless one is set."""
    return str(request.base_url).rstrip("/")


def _unavailable(rt: Runtime, request: Request) -> str | None:
    try:
        agent_launch.check_launchable(rt, public_url(request))
    except InvalidInputError as exc:
        return str(exc)
    return None


def _form(
    request: Request,
    rt: Runtime,
    page: SpacePage,
    templates: Templates,
    *,
    values: dict[str, str],
    errors: dict[str, str],
    status: int = 200,
) -> Response:
    context = page.context(
        values=values,
        errors=errors,
        unavailable=_unavailable(rt, request),
        interval_choices=forms.INTERVAL_CHOICES,
    )
    return templates.render(
        request, "integrations/aws_serverless.html", context, status_code=status
    )


def _launch(
    request: Request, page: SpacePage, templates: Templates, integration: IntegrationOut
) -> Response:
    context = page.context(integration=integration, launch=integration.launch)
    return templates.render(request, "integrations/serverless_launch.html", context)


@router.get("/add/aws/serverless")
def add_serverless_form(
    *, request: Request, rt: RuntimeDep, page: SpacePageDep, templates: TemplatesDep
) -> Response:
    values = {"interval": str(DEFAULT_INTERVAL // HOUR)}
    return _form(request, rt, page, templates, values=values, errors={})


@router.post("/add/aws/serverless")
def add_serverless(
    *,
    request: Request,
    rt: RuntimeDep,
    page: SpacePageDep,
    templates: TemplatesDep,
    fields: FormFieldsDep,
) -> Response:
    parsed = forms.parse(
        IntegrationIn,
        {
            "name": fields.get("name", "").strip(),
            "credentials": {"type": agent_launch.SERVERLESS},
            "interval_seconds": forms.interval_seconds(fields.get("interval", "")),
            "regions_allow": forms.regions(fields.get("regions", "")),
        },
    )
    values = {k: fields.get(k, "") for k in ("name", "regions", "interval")}
    if isinstance(parsed, forms.FormErrors):
        return _form(
            request, rt, page, templates, values=values, errors=parsed.messages, status=422
        )
    created = integrations.create(
        rt, page.visitor.actor, page.space.id, parsed, public_url=public_url(request)
    )
    return _launch(request, page, templates, created)


@router.post("/{integration_id}/registration-token")
def new_registration_token(
    *,
    request: Request,
    rt: RuntimeDep,
    page: SpacePageDep,
    templates: TemplatesDep,
    integration_id: str,
) -> Response:
    """A fresh token: the last one expired, or the stack is created again after deletion."""
    renewed = agents.new_registration_token(
        rt, page.visitor.actor, page.space.id, integration_id, public_url(request)
    )
    return _launch(request, page, templates, renewed)
