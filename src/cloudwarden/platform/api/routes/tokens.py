"""The caller and their API tokens."""

from __future__ import annotations

from fastapi import APIRouter, Response

from cloudwarden.platform.api.deps import ActorDep, Limit, Offset, RuntimeDep
from cloudwarden.platform.schemas import NewTokenOut, Page, TokenIn, TokenOut, UserOut
from cloudwarden.platform.services import spaces as service

router = APIRouter(prefix="/me", tags=["me"])


@router.get("")
def me(actor: ActorDep) -> UserOut:
    return UserOut(id=actor.user_id, email=actor.email)


@router.get("/tokens")
def list_tokens(
    rt: RuntimeDep, actor: ActorDep, offset: Offset = 0, limit: Limit = 50
) -> Page[TokenOut]:
    """The caller's tokens (names, dates, revocation; never the token)."""
    return service.list_tokens(rt, actor, offset=offset, limit=limit)


@router.post("/tokens", status_code=201)
def create_token(rt: RuntimeDep, actor: ActorDep, data: TokenIn) -> NewTokenOut:
    """The token is in this response only: only its hash is stored."""
    return service.create_token(rt, actor, data)


@router.delete("/tokens/{token_id}", status_code=204)
def revoke_token(rt: RuntimeDep, actor: ActorDep, token_id: str) -> Response:
    service.revoke_token(rt, actor, token_id)
    return Response(status_code=204)
