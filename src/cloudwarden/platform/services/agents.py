"""Serverless agents: registration tokens and launch parameters, registration, signed-request
authentication (signature, timestamp window, replay), check-ins, alerts, stack deletion, and
the `missing` status after an hour of silence.

The platform never holds AWS credentials of a serverless integration: it keeps the agent's
public key and verifies every request the agent signs with the private key it generated.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError

from cloudwarden.platform.db.models import AgentSignature, Integration, new_id
from cloudwarden.platform.errors import ConflictError, InvalidInputError, NotAuthenticatedError
from cloudwarden.platform.logging import get_logger
from cloudwarden.platform.repositories import agents as repo
from cloudwarden.platform.repositories import audit
from cloudwarden.platform.runtime import Runtime
from cloudwarden.platform.schemas import IntegrationOut, Status
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.services.access import Actor, authorize
from cloudwarden.platform.services.agent_launch import (
    SERVERLESS,
    add_token,
    check_launchable,
    issue_launch,
    token_hash,
)
from cloudwarden.platform.services.integrations import get_row, to_out
from cloudwarden.protocol import (
    MAX_CLOCK_SKEW_SECONDS,
    Alert,
    CheckIn,
    Registered,
    Registration,
    SignatureError,
    verify_request,
)
from cloudwarden.protocol.signing import load_public_key

MISSING_AFTER = timedelta(hours=1)
KEPT_ALERTS = 20
REGISTRATION_REFUSED = (
    "the registration token is unknown, spent or expired: issue a new one on the integration "
    "(POST .../registration-token) and create the stack with it"
)

log = get_logger(__name__)


def new_registration_token(
    rt: Runtime, actor: Actor, space_id: str, integration_id: str, public_url: str | None
) -> IntegrationOut:
    """A fresh token (the last one expired, or the stack is created again after deletion)."""
    platform_url = check_launchable(rt, public_url)
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.EDITOR)
        row = get_row(session, space_id, integration_id)
        if row.auth_type != SERVERLESS:
            raise ConflictError(
                f"a {row.auth_type} integration has no agent: only serverless ones register"
            )
        launch, hashed = issue_launch(rt, row, platform_url)
        session.add(add_token(row, hashed, rt))
        audit.record(session, space_id, actor.user_id, "integration.agent_token", row.id)
        out = to_out(row, rt.settings.issuer_url)
    return out.model_copy(update={"launch": launch})


def register(rt: Runtime, data: Registration) -> Registered:
    """Spend the token, keep the agent's public key; the integration is active again."""
    try:
        load_public_key(data.public_key_pem)
    except SignatureError as exc:
        raise InvalidInputError(f"{exc}: send the Ed25519 public key as a PEM") from exc
    now = rt.clock()
    with rt.sessions.begin() as session:
        token = repo.token_by_hash(session, token_hash(data.token))
        if token is None or token.used_at is not None or token.expires_at <= now:
            raise NotAuthenticatedError(REGISTRATION_REFUSED)
        row = session.get(Integration, token.integration_id)
        if row is None or row.removed_at is not None or row.auth_type != SERVERLESS:
            raise NotAuthenticatedError(REGISTRATION_REFUSED)
        if not repo.spend_token(session, token.id, now):
            raise NotAuthenticatedError(REGISTRATION_REFUSED)
        row.agent_id, row.agent_public_key = new_id(), data.public_key_pem
        row.agent_version, row.agent_region = data.agent_version, data.region
        row.stack_name, row.account_id = data.stack_name, data.account_id
        row.last_checkin_at, row.agent_paused_until = now, None
        row.status, row.status_message, row.updated_at = Status.ACTIVE, None, now
        audit.record(
            session,
            row.space_id,
            None,
            "agent.register",
            row.id,
            details={"agent": row.agent_id, "account": data.account_id},
        )
        return Registered(agent_id=row.agent_id, integration_id=row.id)


@dataclass(frozen=True)
class AgentCaller:
    """A request whose signature verified: the agent and the integration it speaks for."""

    agent_id: str
    integration_id: str
    space_id: str


def authenticate(
    rt: Runtime,
    *,
    method: str,
    path: str,
    body: bytes,
    agent_id: str | None,
    timestamp: str | None,
    nonce: str | None,
    signature: str | None,
) -> AgentCaller:
    """Verify a signed agent request; every refusal is a 401 naming what was wrong.

    Order: the timestamp window (cheap, and what bounds the replay store), the agent's key, the
    signature, then the replay record: a signature is accepted once.
    """
    if not agent_id or not timestamp or not nonce or not signature:
        raise NotAuthenticatedError(
            "agent requests are signed: send X-Cloudwarden-Agent, X-Cloudwarden-Timestamp, "
            "X-Cloudwarden-Nonce and X-Cloudwarden-Signature"
        )
    try:
        stamp = int(timestamp)
    except ValueError as exc:
        raise NotAuthenticatedError("X-Cloudwarden-Timestamp is not unix seconds") from exc
    now = rt.clock()
    if abs(now.timestamp() - stamp) > MAX_CLOCK_SKEW_SECONDS:
        raise NotAuthenticatedError(
            "the request's timestamp is more than 5 minutes off the platform's clock: sync "
            "the clock and sign the request again"
        )
    with rt.sessions.begin() as session:
        row = repo.by_agent(session, agent_id)
        if row is None or row.agent_public_key is None:
            raise NotAuthenticatedError("unknown agent: register the stack again")
        try:
            verify_request(
                row.agent_public_key,
                method,
                path,
                body,
                timestamp=stamp,
                nonce=nonce,
                signature=signature,
            )
        except SignatureError as exc:
            raise NotAuthenticatedError(f"{exc}: sign the request with the agent's key") from exc
        caller = AgentCaller(agent_id, row.id, row.space_id)
    seen = hashlib.sha256(signature.encode()).hexdigest()
    try:
        with rt.sessions.begin() as session:
            replayed = repo.seen_signature(session, seen)
            if not replayed:
                session.add(AgentSignature(signature_hash=seen, agent_id=agent_id, at=now))
    except IntegrityError:
        replayed = True  # a concurrent request with the same signature stored it first
    if replayed:
        raise NotAuthenticatedError(
            "this signed request was already received: sign every request anew"
        )
    return caller


def _row(session_row: Integration | None, caller: AgentCaller) -> Integration:
    if session_row is None or session_row.agent_id != caller.agent_id:
        raise NotAuthenticatedError("unknown agent: register the stack again")
    return session_row


def check_in(rt: Runtime, caller: AgentCaller, data: CheckIn) -> None:
    """The agent is alive: active again (from configuring or missing); a pending ping is
    answered."""
    now = rt.clock()
    with rt.sessions.begin() as session:
        row = _row(session.get(Integration, caller.integration_id), caller)
        was = row.status
        row.last_checkin_at, row.agent_version = now, data.agent_version
        row.agent_paused_until = data.paused_until
        if row.last_ping_at is not None and row.last_ping_ok is None:
            row.last_ping_ok = True
        if row.status != Status.ACTIVE:
            row.status, row.status_message = Status.ACTIVE, None
            audit.record(
                session, row.space_id, None, "agent.active", row.id, details={"was": str(was)}
            )


def alert(rt: Runtime, caller: AgentCaller, data: Alert) -> None:
    """Kept on the integration (the latest few) for the platform to show."""
    with rt.sessions.begin() as session:
        row = _row(session.get(Integration, caller.integration_id), caller)
        entry = {"kind": data.kind, "message": data.message, "at": rt.clock().isoformat()}
        row.agent_alerts = [*row.agent_alerts, entry][-KEPT_ALERTS:]
        audit.record(
            session, row.space_id, None, "agent.alert", row.id, details={"kind": data.kind}
        )
    log.warning("agent.alert", integration=caller.integration_id, kind=data.kind)


def stack_deleted(rt: Runtime, caller: AgentCaller) -> None:
    """The stack is gone: the key is dropped (the agent's later requests are refused), the
    integration is `deleted`; its reports stay. A new registration brings it back."""
    with rt.sessions.begin() as session:
        row = _row(session.get(Integration, caller.integration_id), caller)
        row.agent_public_key = None
        row.status, row.status_message = Status.DELETED, "the agent's stack was deleted"
        row.updated_at = rt.clock()
        audit.record(session, row.space_id, None, "agent.deleted", row.id)


def mark_missing(rt: Runtime, now: datetime) -> list[str]:
    """Active serverless integrations silent for over an hour become `missing`; the ids.
    Also forgets replay records the timestamp window refuses anyway."""
    with rt.sessions.begin() as session:
        rows = repo.overdue_checkins(session, now - MISSING_AFTER)
        for row in rows:
            row.status = Status.MISSING
            row.status_message = "no check-in from the agent for over an hour"
        repo.forget_signatures(session, now - 2 * timedelta(seconds=MAX_CLOCK_SKEW_SECONDS))
        return [row.id for row in rows]
