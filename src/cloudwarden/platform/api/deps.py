"""Typed dependencies: the runtime, the authenticated caller, pagination."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from cloudwarden.platform.errors import NotAuthenticatedError
from cloudwarden.platform.runtime import Runtime
from cloudwarden.platform.services.access import Actor
from cloudwarden.platform.services.spaces import authenticate

_bearer = HTTPBearer(auto_error=False, description="An API token (cloudwarden admin create-user).")


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def get_actor(
    rt: RuntimeDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Actor:
    if credentials is None:
        raise NotAuthenticatedError(
            "send an API token as 'Authorization: Bearer TOKEN' (create one with "
            "'cloudwarden admin create-user')"
        )
    return authenticate(rt, credentials.credentials)


ActorDep = Annotated[Actor, Depends(get_actor)]
Offset = Annotated[int, Query(ge=0)]
Limit = Annotated[int, Query(ge=1, le=500)]
