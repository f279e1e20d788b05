"""The space's assets: every integration's latest report, filtered and paged in the database
(the console's asset list calls the same service)."""

from __future__ import annotations

from fastapi import APIRouter

from cloudwarden.platform.api.deps import ActorDep, Limit, Offset, RuntimeDep
from cloudwarden.platform.repositories.reports import SpaceAssetFilter
from cloudwarden.platform.schemas import Page, SpaceAssetOut
from cloudwarden.platform.services import reports as service

router = APIRouter(prefix="/spaces/{space_id}/assets", tags=["assets"])


@router.get("")
def list_space_assets(
    *,
    rt: RuntimeDep,
    actor: ActorDep,
    space_id: str,
    integration_id: str | None = None,
    grade: str | None = None,
    resource_type: str | None = None,
    region: str | None = None,
    failing_check: str | None = None,
    search: str | None = None,
    offset: Offset = 0,
    limit: Limit = 100,
) -> Page[SpaceAssetOut]:
    """Lowest score first; ``search`` is a case-insensitive substring of the resource id,
    ``failing_check`` keeps the assets that check failed on."""
    where = SpaceAssetFilter(
        grade=grade,
        resource_type=resource_type,
        region=region,
        integration_id=integration_id,
        failing_check=failing_check,
        search=search,
    )
    return service.space_assets(rt, actor, space_id, where=where, offset=offset, limit=limit)
