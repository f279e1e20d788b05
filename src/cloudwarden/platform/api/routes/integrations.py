"""AWS integrations: CRUD, ping, scan now, policies, latest report."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from cloudwarden.platform.api.deps import ActorDep, Limit, Offset, RuntimeDep
from cloudwarden.platform.schemas import (
    IntegrationIn,
    IntegrationOut,
    IntegrationUpdate,
    Page,
    PolicyOut,
    PolicyToggle,
    ReportOut,
    ScanOut,
    Status,
    TrustOut,
)
from cloudwarden.platform.services import agents, reports, scans
from cloudwarden.platform.services import integrations as service

router = APIRouter(prefix="/spaces/{space_id}/integrations", tags=["integrations"])


@router.get("")
def list_integrations(
    *,
    rt: RuntimeDep,
    actor: ActorDep,
    space_id: str,
    status: Status | None = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> Page[IntegrationOut]:
    return service.list_page(rt, actor, space_id, status=status, offset=offset, limit=limit)


@router.post("", status_code=201)
def create_integration(
    *, rt: RuntimeDep, actor: ActorDep, space_id: str, data: IntegrationIn, request: Request
) -> IntegrationOut:
    """A role integration answers with the ExternalId to require in the role's trust policy;
    a serverless one with its registration token and the stack's launch parameters."""
    return service.create(rt, actor, space_id, data, public_url=_public_url(request))


def _public_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


@router.get("/{integration_id}")
def get_integration(
    *, rt: RuntimeDep, actor: ActorDep, space_id: str, integration_id: str
) -> IntegrationOut:
    return service.get(rt, actor, space_id, integration_id)


@router.patch("/{integration_id}")
def update_integration(
    *, rt: RuntimeDep, actor: ActorDep, space_id: str, integration_id: str, data: IntegrationUpdate
) -> IntegrationOut:
    return service.update(rt, actor, space_id, integration_id, data)


@router.delete("/{integration_id}", status_code=204)
def remove_integration(
    *, rt: RuntimeDep, actor: ActorDep, space_id: str, integration_id: str
) -> Response:
    service.remove(rt, actor, space_id, integration_id)
    return Response(status_code=204)


@router.post("/{integration_id}/ping")
def ping(rt: RuntimeDep, actor: ActorDep, space_id: str, integration_id: str) -> IntegrationOut:
    return service.ping(rt, actor, space_id, integration_id)


@router.post("/{integration_id}/registration-token")
def registration_token(
    *, rt: RuntimeDep, actor: ActorDep, space_id: str, integration_id: str, request: Request
) -> IntegrationOut:
    """A new single-use registration token and launch parameters for a serverless
    integration (the last token expired, or the stack is created again)."""
    return agents.new_registration_token(rt, actor, space_id, integration_id, _public_url(request))


@router.get("/{integration_id}/trust")
def trust_documents(
    *, rt: RuntimeDep, actor: ActorDep, space_id: str, integration_id: str
) -> TrustOut:
    """The role's trust policy pinned to this integration, as JSON, CloudFormation and
    Terraform; 409 for an access-key integration (it assumes no role)."""
    return service.trust_documents(rt, actor, space_id, integration_id)


@router.post("/{integration_id}/scans", status_code=202)
def scan_now(
    *, rt: RuntimeDep, actor: ActorDep, space_id: str, integration_id: str, response: Response
) -> ScanOut:
    """Queues a scan, or answers 200 with the one already queued or running."""
    job, created = scans.scan_now(rt, actor, space_id, integration_id)
    if not created:
        response.status_code = 200
    return job


@router.get("/{integration_id}/policies")
def list_policies(
    *, rt: RuntimeDep, actor: ActorDep, space_id: str, integration_id: str
) -> list[PolicyOut]:
    return service.policies(rt, actor, space_id, integration_id)


@router.put("/{integration_id}/policies/{policy_uid}")
def toggle_policy(
    *,
    rt: RuntimeDep,
    actor: ActorDep,
    space_id: str,
    integration_id: str,
    policy_uid: str,
    data: PolicyToggle,
) -> list[PolicyOut]:
    return service.toggle_policy(
        rt, actor, space_id, integration_id, uid=policy_uid, enabled=data.enabled
    )


@router.get("/{integration_id}/latest-report")
def latest_report(rt: RuntimeDep, actor: ActorDep, space_id: str, integration_id: str) -> ReportOut:
    return reports.latest(rt, actor, space_id, integration_id)
