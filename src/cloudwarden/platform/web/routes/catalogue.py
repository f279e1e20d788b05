"""The integration catalogue and the add-AWS-integration form (the seed's steps 1-3)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from cloudwarden.platform.api.deps import RuntimeDep
from cloudwarden.platform.runtime import Runtime
from cloudwarden.platform.schemas import DEFAULT_INTERVAL, HOUR, IntegrationIn
from cloudwarden.platform.services import integrations
from cloudwarden.platform.web import forms
from cloudwarden.platform.web.deps import FormFieldsDep, SpacePage, SpacePageDep, TemplatesDep
from cloudwarden.platform.web.templating import Templates

router = APIRouter(prefix="/spaces/{space_id}/integrations", include_in_schema=False)
FORM_FIELDS = (
    "name",
    "auth",
    "wif_role_arn",
    "role_arn",
    "audience",
    "access_key_id",
    "regions",
    "interval",
)
"""What the form shows again after a refusal: every field but the secret access key."""


@router.get("/catalogue")
def catalogue(*, request: Request, page: SpacePageDep, templates: TemplatesDep) -> Response:
    return templates.render(request, "integrations/catalogue.html", page.context())


@router.get("/add/aws")
def aws_choice(*, request: Request, page: SpacePageDep, templates: TemplatesDep) -> Response:
    """Hosted (the platform scans with the account's credentials) or serverless (an agent)."""
    return templates.render(request, "integrations/aws_choice.html", page.context())


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
    issuer = rt.settings.issuer_url
    context = page.context(
        values=values,
        errors=errors,
        issuer_url=issuer,
        provider_host=issuer.removeprefix("https://").removeprefix("http://") if issuer else None,
        default_audience=rt.settings.wif_audience,
        interval_choices=forms.INTERVAL_CHOICES,
    )
    return templates.render(request, "integrations/add_aws.html", context, status_code=status)


@router.get("/add/aws/hosted")
def add_aws_form(
    *,
    request: Request,
    rt: RuntimeDep,
    page: SpacePageDep,
    templates: TemplatesDep,
    auth: str = "wif",
) -> Response:
    values = {
        "auth": auth if auth in forms.AUTH_TYPES else "wif",
        "interval": str(DEFAULT_INTERVAL // HOUR),
        "audience": rt.settings.wif_audience,
    }
    return _form(request, rt, page, templates, values=values, errors={})


@router.post("/add/aws/hosted")
def add_aws(
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
            "credentials": forms.credentials(fields),
            "interval_seconds": forms.interval_seconds(fields.get("interval", "")),
            "regions_allow": forms.regions(fields.get("regions", "")),
        },
    )
    values = {k: fields.get(k, "") for k in FORM_FIELDS}
    if isinstance(parsed, forms.FormErrors):
        return _form(
            request, rt, page, templates, values=values, errors=parsed.messages, status=422
        )
    created = integrations.create(rt, page.visitor.actor, page.space.id, parsed)
    return RedirectResponse(
        f"/spaces/{page.space.id}/integrations/{created.id}?notice=created", status_code=303
    )
