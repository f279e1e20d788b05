"""Log in, log out, and the first owner's setup (only while no user exists)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from cloudwarden.platform.api.deps import RuntimeDep
from cloudwarden.platform.errors import (
    InvalidInputError,
    NotAuthenticatedError,
    TooManyRequestsError,
)
from cloudwarden.platform.services import console
from cloudwarden.platform.web.deps import CsrfRefusedError, TemplatesDep, VisitorDep
from cloudwarden.platform.web.security import (
    PRE_SESSION_COOKIE,
    SESSION_COOKIE,
    matches,
    new_pre_session,
    set_cookie,
)

router = APIRouter(include_in_schema=False)
Field = Annotated[str, Form()]


def safe_next(target: str | None) -> str:
    """Only a path of this site: never an open redirect to another host."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


def _pre_session_form(
    request: Request, templates: TemplatesDep, name: str, context: Mapping[str, object], status: int
) -> Response:
    token = request.cookies.get(PRE_SESSION_COOKIE) or new_pre_session()
    response = templates.render(
        request, name, {"visitor": None, "csrf": token, **context}, status_code=status
    )
    set_cookie(response, request, PRE_SESSION_COOKIE, token, strict=True)
    return response


def _check_pre_session(request: Request, given: str) -> None:
    if not matches(request.cookies.get(PRE_SESSION_COOKIE), given):
        raise CsrfRefusedError


def _logged_in(request: Request, token: str, target: str) -> Response:
    response = RedirectResponse(target, status_code=303)
    set_cookie(response, request, SESSION_COOKIE, token)
    response.delete_cookie(PRE_SESSION_COOKIE, path="/")
    return response


@router.get("/login")
def login_page(
    *, request: Request, rt: RuntimeDep, templates: TemplatesDep, next: str = "/"
) -> Response:
    if console.needs_setup(rt):
        return RedirectResponse("/setup", status_code=303)
    context = {"next": safe_next(next), "email": "", "error": None}
    return _pre_session_form(request, templates, "login.html", context, 200)


@router.post("/login")
def log_in(
    *,
    request: Request,
    rt: RuntimeDep,
    templates: TemplatesDep,
    email: Field,
    password: Field,
    csrf_token: Field,
    next: Annotated[str, Form()] = "/",
) -> Response:
    _check_pre_session(request, csrf_token)
    client = request.client.host if request.client else "unknown"
    try:
        session = console.log_in(rt, email, password, client)
    except (NotAuthenticatedError, TooManyRequestsError) as exc:
        context = {"next": safe_next(next), "email": email, "error": str(exc)}
        response = _pre_session_form(request, templates, "login.html", context, exc.status)
        if isinstance(exc, TooManyRequestsError):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response
    return _logged_in(request, session.token, safe_next(next))


@router.post("/logout")
def log_out(*, rt: RuntimeDep, visitor: VisitorDep) -> Response:
    console.log_out(rt, visitor.session_token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/setup")
def setup_page(*, request: Request, rt: RuntimeDep, templates: TemplatesDep) -> Response:
    if not console.needs_setup(rt):
        return RedirectResponse("/login", status_code=303)
    context = {"email": "", "space_name": "", "error": None}
    return _pre_session_form(request, templates, "setup.html", context, 200)


@router.post("/setup")
def set_up(
    *,
    request: Request,
    rt: RuntimeDep,
    templates: TemplatesDep,
    email: Field,
    password: Field,
    password_again: Field,
    space_name: Field,
    csrf_token: Field,
) -> Response:
    _check_pre_session(request, csrf_token)
    try:
        session = console.set_up_first_owner(
            rt, email, password, space_name, password_again=password_again
        )
    except InvalidInputError as exc:
        context = {"email": email, "space_name": space_name, "error": str(exc)}
        return _pre_session_form(request, templates, "setup.html", context, exc.status)
    return _logged_in(request, session.token, "/")
