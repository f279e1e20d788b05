"""Spaces, their members and their audit log."""

from __future__ import annotations

from fastapi import APIRouter, Response

from cloudwarden.platform.api.deps import ActorDep, Limit, Offset, RuntimeDep
from cloudwarden.platform.schemas import (
    AuditOut,
    MemberIn,
    MemberOut,
    MemberUpdate,
    Page,
    SpaceIn,
    SpaceOut,
)
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.services import spaces as service

router = APIRouter(prefix="/spaces", tags=["spaces"])


@router.get("")
def list_spaces(
    rt: RuntimeDep, actor: ActorDep, offset: Offset = 0, limit: Limit = 50
) -> Page[SpaceOut]:
    """The spaces the caller is a member of, with their role in each."""
    return service.list_spaces(rt, actor, offset=offset, limit=limit)


@router.post("", status_code=201)
def create_space(rt: RuntimeDep, actor: ActorDep, data: SpaceIn) -> SpaceOut:
    return service.create_space(rt, actor, data)


@router.get("/{space_id}")
def get_space(rt: RuntimeDep, actor: ActorDep, space_id: str) -> SpaceOut:
    return service.get_space(rt, actor, space_id)


@router.get("/{space_id}/members")
def list_members(
    *,
    rt: RuntimeDep,
    actor: ActorDep,
    space_id: str,
    role: Role | None = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> Page[MemberOut]:
    return service.list_members(rt, actor, space_id, role=role, offset=offset, limit=limit)


@router.post("/{space_id}/members", status_code=201)
def add_member(rt: RuntimeDep, actor: ActorDep, space_id: str, data: MemberIn) -> MemberOut:
    return service.add_member(rt, actor, space_id, data)


@router.patch("/{space_id}/members/{user_id}")
def set_role(
    *, rt: RuntimeDep, actor: ActorDep, space_id: str, user_id: str, data: MemberUpdate
) -> MemberOut:
    return service.set_role(rt, actor, space_id, user_id, data.role)


@router.delete("/{space_id}/members/{user_id}", status_code=204)
def remove_member(rt: RuntimeDep, actor: ActorDep, space_id: str, user_id: str) -> Response:
    service.remove_member(rt, actor, space_id, user_id)
    return Response(status_code=204)


@router.get("/{space_id}/audit")
def audit_log(
    *,
    rt: RuntimeDep,
    actor: ActorDep,
    space_id: str,
    action: str | None = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> Page[AuditOut]:
    return service.audit_log(rt, actor, space_id, action=action, offset=offset, limit=limit)
