"""Members of a space (the owner adds, changes roles, removes; the service refuses anyone
else), the visitor's API tokens (a new token's secret is shown on the answer to its creation
only), and the space's audit log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request, Response
from fastapi.responses import RedirectResponse

from cloudwarden.platform.api.deps import RuntimeDep
from cloudwarden.platform.errors import ConflictError
from cloudwarden.platform.schemas import MemberIn, NewTokenOut, TokenIn
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.services import spaces
from cloudwarden.platform.web import forms
from cloudwarden.platform.web.deps import FormFieldsDep, SpacePage, SpacePageDep, TemplatesDep
from cloudwarden.platform.web.paging import Pager

router = APIRouter(prefix="/spaces/{space_id}", include_in_schema=False)
PAGE_SIZE = 50
NOTICES = {
    "added": "The member was added.",
    "role": "The role was changed.",
    "removed": "The member was removed.",
    "revoked": "The token was revoked: it no longer works.",
}
"""Messages after an action, by a key in the redirect (never text taken from the URL)."""


def _see(page: SpacePage, area: str, notice: str) -> RedirectResponse:
    return RedirectResponse(f"/spaces/{page.space.id}/{area}?notice={notice}", status_code=303)


def _members_page(
    request: Request,
    rt: RuntimeDep,
    page: SpacePage,
    templates: TemplatesDep,
    *,
    offset: int = 0,
    notice: str | None = None,
    problem: str | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    listed = spaces.list_members(
        rt, page.visitor.actor, page.space.id, offset=offset, limit=PAGE_SIZE
    )
    return templates.render(
        request,
        "members/members.html",
        page.context(
            members=listed.items,
            pager=Pager.of(listed, f"/spaces/{page.space.id}/members", {}),
            is_owner=page.space.role.allows(Role.OWNER),
            roles=list(Role),
            notice=NOTICES.get(notice or ""),
            problem=problem,
            errors=errors or {},
        ),
        status_code=status_code,
    )


@router.get("/members")
def members(
    *,
    request: Request,
    rt: RuntimeDep,
    page: SpacePageDep,
    templates: TemplatesDep,
    offset: int = Query(default=0, ge=0),
    notice: str | None = None,
) -> Response:
    return _members_page(request, rt, page, templates, offset=offset, notice=notice)


@router.post("/members")
def add_member(
    *,
    request: Request,
    rt: RuntimeDep,
    page: SpacePageDep,
    templates: TemplatesDep,
    fields: FormFieldsDep,
) -> Response:
    """Invite by e-mail as the API does: the user is created if new, with the chosen role."""
    data = forms.parse(
        MemberIn, {"email": fields.get("email", "").strip(), "role": fields.get("role", "")}
    )
    if isinstance(data, forms.FormErrors):
        return _members_page(request, rt, page, templates, errors=data.messages, status_code=422)
    try:
        spaces.add_member(rt, page.visitor.actor, page.space.id, data)
    except ConflictError as exc:
        return _members_page(request, rt, page, templates, problem=str(exc), status_code=409)
    return _see(page, "members", "added")


@router.post("/members/{user_id}/role")
def set_role(
    *, rt: RuntimeDep, page: SpacePageDep, user_id: str, role: Annotated[Role, Form()]
) -> Response:
    spaces.set_role(rt, page.visitor.actor, page.space.id, user_id, role)
    return _see(page, "members", "role")


@router.post("/members/{user_id}/remove")
def remove_member(*, rt: RuntimeDep, page: SpacePageDep, user_id: str) -> Response:
    spaces.remove_member(rt, page.visitor.actor, page.space.id, user_id)
    return _see(page, "members", "removed")


def _tokens_page(
    request: Request,
    rt: RuntimeDep,
    page: SpacePage,
    templates: TemplatesDep,
    *,
    created: NewTokenOut | None = None,
    notice: str | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    listed = spaces.list_tokens(rt, page.visitor.actor, limit=200)
    response = templates.render(
        request,
        "members/tokens.html",
        page.context(
            tokens=listed.items,
            total=listed.total,
            created=created,
            notice=NOTICES.get(notice or ""),
            errors=errors or {},
        ),
        status_code=status_code,
    )
    if created is not None:
        response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/tokens")
def tokens(
    *,
    request: Request,
    rt: RuntimeDep,
    page: SpacePageDep,
    templates: TemplatesDep,
    notice: str | None = None,
) -> Response:
    return _tokens_page(request, rt, page, templates, notice=notice)


@router.post("/tokens")
def create_token(
    *,
    request: Request,
    rt: RuntimeDep,
    page: SpacePageDep,
    templates: TemplatesDep,
    fields: FormFieldsDep,
) -> Response:
    """The answer shows the secret once (not cached); only its hash is stored."""
    given = {"name": fields.get("name", "").strip()}
    if fields.get("days", "").strip():
        given["days"] = fields["days"].strip()
    data = forms.parse(TokenIn, given)
    if isinstance(data, forms.FormErrors):
        return _tokens_page(request, rt, page, templates, errors=data.messages, status_code=422)
    created = spaces.create_token(rt, page.visitor.actor, data)
    return _tokens_page(request, rt, page, templates, created=created, status_code=201)


@router.post("/tokens/{token_id}/revoke")
def revoke_token(*, rt: RuntimeDep, page: SpacePageDep, token_id: str) -> Response:
    spaces.revoke_token(rt, page.visitor.actor, token_id)
    return _see(page, "tokens", "revoked")


@router.get("/audit")
def audit_log(
    *,
    request: Request,
    rt: RuntimeDep,
    page: SpacePageDep,
    templates: TemplatesDep,
    offset: int = Query(default=0, ge=0),
) -> Response:
    listed = spaces.audit_log(
        rt, page.visitor.actor, page.space.id, action=None, offset=offset, limit=PAGE_SIZE
    )
    emails = spaces.audit_emails(rt, page.visitor.actor, page.space.id, listed.items)
    return templates.render(
        request,
        "members/audit.html",
        page.context(
            events=listed.items,
            emails=emails,
            pager=Pager.of(listed, f"/spaces/{page.space.id}/audit", {}),
        ),
    )
