"""Scans (jobs): list, read, cancel."""

from __future__ import annotations

from fastapi import APIRouter

from cloudwarden.platform.api.deps import ActorDep, Limit, Offset, RuntimeDep
from cloudwarden.platform.schemas import JobState, Page, ScanOut
from cloudwarden.platform.services import scans as service

router = APIRouter(prefix="/spaces/{space_id}/scans", tags=["scans"])


@router.get("")
def list_scans(
    *,
    rt: RuntimeDep,
    actor: ActorDep,
    space_id: str,
    integration_id: str | None = None,
    state: JobState | None = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> Page[ScanOut]:
    return service.list_page(
        rt,
        actor,
        space_id,
        integration_id=integration_id,
        state=state,
        offset=offset,
        limit=limit,
    )


@router.get("/{scan_id}")
def get_scan(rt: RuntimeDep, actor: ActorDep, space_id: str, scan_id: str) -> ScanOut:
    return service.get(rt, actor, space_id, scan_id)


@router.post("/{scan_id}/cancel")
def cancel_scan(rt: RuntimeDep, actor: ActorDep, space_id: str, scan_id: str) -> ScanOut:
    return service.cancel(rt, actor, space_id, scan_id)
