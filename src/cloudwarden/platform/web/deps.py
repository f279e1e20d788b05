"""The console's typed dependencies: who is logged in (with the CSRF check of every unsafe
request), and their page context in a space (its role decides which controls are shown; the
services refuse what the role does not allow anyway)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from cloudwarden.platform.api.deps import RuntimeDep
from cloudwarden.platform.errors import NotAuthenticatedError
from cloudwarden.platform.schemas import SpaceOut
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.services import console, spaces
from cloudwarden.platform.services.access import Actor
from cloudwarden.platform.web.security import (
    CSRF_FIELD,
    CSRF_HEADER,
    SAFE_METHODS,
    SESSION_COOKIE,
    csrf_for_session,
    matches,
)
from cloudwarden.platform.web.templating import Templates


class LoginRequiredError(Exception):
    """No live session: the console answers with the login page (a redirect)."""


class CsrfRefusedError(Exception):
    """An unsafe request without the session's CSRF token: refused with 403."""


@dataclass(frozen=True)
class Visitor:
    """A logged-in console user; ``csrf`` goes into every form of their pages."""

    actor: Actor
    csrf: str
    session_token: str

    def __repr__(self) -> str:
        return f"Visitor(user={self.actor.user_id!r})"


async def form_value(request: Request, name: str) -> str | None:
    """A field of an urlencoded or multipart body (parsed once; the route reads it again)."""
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        return None
    value = (await request.form()).get(name)
    return value if isinstance(value, str) else None


async def check_csrf(request: Request, expected: str) -> None:
    if request.method in SAFE_METHODS:
        return
    given = request.headers.get(CSRF_HEADER) or await form_value(request, CSRF_FIELD)
    if not matches(expected, given):
        raise CsrfRefusedError


async def get_visitor(request: Request, rt: RuntimeDep) -> Visitor:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        raise LoginRequiredError
    try:
        actor = console.authenticate_session(rt, token)
    except NotAuthenticatedError as exc:
        raise LoginRequiredError from exc
    csrf = csrf_for_session(token)
    await check_csrf(request, csrf)
    return Visitor(actor, csrf, token)


VisitorDep = Annotated[Visitor, Depends(get_visitor)]


async def form_fields(request: Request) -> dict[str, str]:
    """The text fields of a posted form, for routes that build an In model from many fields."""
    return {k: v for k, v in (await request.form()).items() if isinstance(v, str)}


FormFieldsDep = Annotated[dict[str, str], Depends(form_fields)]


def get_templates(request: Request) -> Templates:
    templates: Templates = request.app.state.templates
    return templates


TemplatesDep = Annotated[Templates, Depends(get_templates)]


@dataclass(frozen=True)
class SpacePage:
    """What every page inside a space shows: the switcher's spaces, this space, the role."""

    visitor: Visitor
    space: SpaceOut
    spaces: list[SpaceOut]

    @property
    def can_edit(self) -> bool:
        return self.space.role.allows(Role.EDITOR)

    def context(self, **extra: object) -> dict[str, object]:
        return {
            "visitor": self.visitor,
            "space": self.space,
            "spaces": self.spaces,
            "can_edit": self.can_edit,
            **extra,
        }


def get_space_page(rt: RuntimeDep, visitor: VisitorDep, space_id: str) -> SpacePage:
    space = spaces.get_space(rt, visitor.actor, space_id)
    listed = spaces.list_spaces(rt, visitor.actor, limit=500).items
    return SpacePage(visitor, space, listed)


SpacePageDep = Annotated[SpacePage, Depends(get_space_page)]
