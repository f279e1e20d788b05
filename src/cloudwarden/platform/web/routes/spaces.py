"""The landing redirects, the space switcher, a new space, and a space's welcome page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from cloudwarden.platform.api.deps import RuntimeDep
from cloudwarden.platform.schemas import SpaceIn
from cloudwarden.platform.services import console, integrations, spaces
from cloudwarden.platform.web.deps import SpacePageDep, TemplatesDep, VisitorDep

router = APIRouter(include_in_schema=False)


def see(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


@router.get("/")
def home(*, request: Request, rt: RuntimeDep) -> Response:
    """Setup while nobody exists; otherwise the first space (login first, by the redirect)."""
    if console.needs_setup(rt):
        return see("/setup")
    return see("/spaces")


@router.get("/spaces")
def my_spaces(
    *, request: Request, rt: RuntimeDep, visitor: VisitorDep, templates: TemplatesDep
) -> Response:
    listed = spaces.list_spaces(rt, visitor.actor, limit=500).items
    if listed:
        return see(f"/spaces/{listed[0].id}")
    return templates.render(
        request, "no_space.html", {"visitor": visitor, "spaces": [], "error": None}
    )


@router.get("/spaces/new")
def new_space(
    *, request: Request, rt: RuntimeDep, visitor: VisitorDep, templates: TemplatesDep
) -> Response:
    listed = spaces.list_spaces(rt, visitor.actor, limit=500).items
    return templates.render(request, "space_new.html", {"visitor": visitor, "spaces": listed})


@router.get("/spaces/go")
def switch_space(*, visitor: VisitorDep, space_id: str) -> Response:
    """The switcher is a plain GET form: it works without JavaScript."""
    return see(f"/spaces/{space_id}")


@router.post("/spaces")
def create_space(
    *, rt: RuntimeDep, visitor: VisitorDep, name: Annotated[str, Form(min_length=1, max_length=200)]
) -> Response:
    space = spaces.create_space(rt, visitor.actor, SpaceIn(name=name.strip()))
    return see(f"/spaces/{space.id}")


@router.get("/spaces/{space_id}")
def welcome(
    *, request: Request, rt: RuntimeDep, page: SpacePageDep, templates: TemplatesDep
) -> Response:
    """A space without integrations welcomes with BROWSE INTEGRATIONS; else its integrations."""
    listed = integrations.list_page(
        rt, page.visitor.actor, page.space.id, status=None, offset=0, limit=1
    )
    if listed.total:
        return see(f"/spaces/{page.space.id}/integrations")
    return templates.render(request, "welcome.html", page.context())
