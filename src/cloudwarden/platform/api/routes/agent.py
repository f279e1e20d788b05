"""The serverless agent's routes: registration with a single-use token, then requests signed
with the agent's Ed25519 key (no bearer token), and the stack template."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from starlette.concurrency import run_in_threadpool

from cloudwarden.platform.api.deps import RuntimeDep
from cloudwarden.platform.services import agent_launch, agent_scans, agents
from cloudwarden.platform.services.agents import AgentCaller
from cloudwarden.protocol import (
    AGENT_HEADER,
    NONCE_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    Alert,
    CheckIn,
    Registered,
    Registration,
    SliceReport,
)

router = APIRouter(prefix="/agent", tags=["agent"])


async def signed_agent(request: Request, rt: RuntimeDep) -> AgentCaller:
    """The agent whose signature the request carries; 401 for anything else."""
    body = await request.body()
    return await run_in_threadpool(
        agents.authenticate,
        rt,
        method=request.method,
        path=request.url.path,
        body=body,
        agent_id=request.headers.get(AGENT_HEADER),
        timestamp=request.headers.get(TIMESTAMP_HEADER),
        nonce=request.headers.get(NONCE_HEADER),
        signature=request.headers.get(SIGNATURE_HEADER),
    )


AgentDep = Annotated[AgentCaller, Depends(signed_agent)]


@router.post("/register")
def register(rt: RuntimeDep, data: Registration) -> Registered:
    """Spends the registration token; the platform keeps only the agent's public key."""
    return agents.register(rt, data)


@router.post("/checkin", status_code=204)
def checkin(rt: RuntimeDep, caller: AgentDep, data: CheckIn) -> Response:
    agents.check_in(rt, caller, data)
    return Response(status_code=204)


@router.post("/reports", status_code=202)
def reports(rt: RuntimeDep, caller: AgentDep, data: SliceReport) -> dict[str, str | None]:
    """One slice of a scan; the report is stored once every slice arrived."""
    return {"report_id": agent_scans.receive_slice(rt, caller, data)}


@router.post("/alerts", status_code=204)
def alerts(rt: RuntimeDep, caller: AgentDep, data: Alert) -> Response:
    agents.alert(rt, caller, data)
    return Response(status_code=204)


@router.post("/deleted", status_code=204)
def deleted(rt: RuntimeDep, caller: AgentDep) -> Response:
    agents.stack_deleted(rt, caller)
    return Response(status_code=204)


@router.get("/template")
def template(rt: RuntimeDep) -> Response:
    """The CloudFormation template of the agent stack (the launch parameters' template URL)."""
    return Response(agent_launch.stack_template(rt), media_type="application/json")
