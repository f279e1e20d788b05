"""The caller and their API tokens."""

from __future__ import annotations

from fastapi import APIRouter, Response

from cloudwarden.platform.api.deps import ActorDep, RuntimeDep
from cloudwarden.platform.schemas import NewTokenOut, TokenIn, TokenOut, UserOut
from cloudwarden.platform.services import spaces as service

router = APIRouter(prefix="/me", tags=["me"])


@router.get("")
def me(actor: ActorDep) -> UserOut:
    return UserOut(id=actor.user_id, email=actor.email)


@router.get("/tokens")
def list_tokens(rt: RuntimeDep, actor: ActorDep) -> list[TokenOut]:
    return service.list_tokens(rt, actor)


@router.post("/tokens", status_code=201)
def create_token(rt: RuntimeDep, actor: ActorDep, data: TokenIn) -> NewTokenOut:
    """The token is in this response only: only its hash is stored."""
    return service.create_token(rt, actor, data)


@router.delete("/tokens/{token_id}", status_code=204)
def revoke_token(rt: RuntimeDep, actor: ActorDep, token_id: str) -> Response:
    service.revoke_token(rt, actor, token_id)
    return Response(status_code=204)
