"""Integrations: create, read, update, remove, ping, and their policy toggles."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from cloudwarden.exceptions import CredentialsError
from cloudwarden.platform.db.models import Integration
from cloudwarden.platform.errors import ConflictError, InvalidInputError, NotFoundError
from cloudwarden.platform.repositories import audit, scans
from cloudwarden.platform.repositories import integrations as repo
from cloudwarden.platform.repositories import secrets as secret_store
from cloudwarden.platform.runtime import Runtime
from cloudwarden.platform.schemas import (
    AccessKeyIn,
    AccessKeyOut,
    CredentialsIn,
    CredentialsOut,
    IntegrationIn,
    IntegrationOut,
    IntegrationUpdate,
    JobState,
    Page,
    PolicyOut,
    RoleOut,
    ServerlessIn,
    ServerlessOut,
    Status,
    TrustOut,
    WifIn,
    WifOut,
)
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.services import agent_commands, agent_launch, aws, trust
from cloudwarden.platform.services.access import Actor, authorize
from cloudwarden.platform.wif import templates
from cloudwarden.platform.wif.subject import wif_subject
from cloudwarden.platform.wif.trust_policy import WifTrust, trust_policy

JITTER = 0.1
"""Scans fire within +-10% of their interval, so thousands of integrations do not fire together."""


def jittered(now: datetime, interval_seconds: int, rng: random.Random) -> datetime:
    spread = interval_seconds * JITTER
    return now + timedelta(seconds=interval_seconds + rng.uniform(-spread, spread))


def to_out(row: Integration, issuer_url: str | None) -> IntegrationOut:
    credentials: CredentialsOut
    if row.auth_type == "access_key":
        credentials = AccessKeyOut(access_key_id=row.access_key_id or "")
    elif row.auth_type == "role":
        credentials = RoleOut(role_arn=row.role_arn or "", external_id=row.external_id or "")
    elif row.auth_type == agent_launch.SERVERLESS:
        credentials = ServerlessOut(
            agent_id=row.agent_id,
            agent_version=row.agent_version,
            agent_region=row.agent_region,
            stack_name=row.stack_name,
            last_checkin_at=row.last_checkin_at,
            paused_until=row.agent_paused_until,
            alerts=row.agent_alerts,
        )
    else:
        subject = wif_subject(row.id, row.space_id, issuer_url) if issuer_url else None
        credentials = WifOut(
            role_arn=row.role_arn or "", audience=row.audience or "", subject=subject
        )
    return IntegrationOut.model_validate(
        {
            **{
                c: getattr(row, c)
                for c in IntegrationOut.model_fields
                if c not in {"credentials", "launch"}
            },
            "credentials": credentials,
        }
    )


def _set_credentials(session: Session, rt: Runtime, row: Integration, creds: CredentialsIn) -> None:
    if isinstance(creds, ServerlessIn) or row.auth_type == agent_launch.SERVERLESS:
        if row.auth_type and (row.auth_type == agent_launch.SERVERLESS) != isinstance(
            creds, ServerlessIn
        ):
            raise InvalidInputError(
                "an integration cannot switch between the serverless agent and credentials the "
                "platform holds: create a new integration instead"
            )
        # The agent schedules its own scans; the platform's scheduler leaves it alone.
        row.auth_type, row.next_scan_at = agent_launch.SERVERLESS, None
        return
    if row.secret_id is not None:
        secret_store.delete(session, row.secret_id)
        row.secret_id = None
    row.trust_findings = []  # judged again once the new credentials are used
    if isinstance(creds, AccessKeyIn):
        row.auth_type, row.role_arn, row.external_id = "access_key", None, None
        row.access_key_id = creds.access_key_id
        row.secret_id = secret_store.put(
            session, rt.keyring, creds.secret_access_key.get_secret_value()
        )
        row.audience = None
    elif isinstance(creds, WifIn):
        if rt.settings.issuer_url is None:
            raise InvalidInputError(aws.NO_ISSUER)
        row.auth_type, row.access_key_id, row.external_id = "wif", None, None
        row.role_arn, row.audience = creds.role_arn, creds.audience or rt.settings.wif_audience
    else:
        if row.role_arn != creds.role_arn or row.external_id is None:
            row.external_id = aws.new_external_id()
        row.auth_type, row.access_key_id, row.role_arn = "role", None, creds.role_arn
        row.audience = None


def _check_regions(allow: list[str], deny: list[str]) -> None:
    both = sorted(set(allow) & set(deny))
    if both:
        raise InvalidInputError(
            f"region(s) {', '.join(both)} are both allowed and denied; keep one"
        )


def get_row(session: Session, space_id: str, integration_id: str) -> Integration:
    row = repo.get(session, space_id, integration_id)
    if row is None:
        raise NotFoundError(f"there is no integration {integration_id} in this space")
    return row


def create(
    rt: Runtime,
    actor: Actor,
    space_id: str,
    data: IntegrationIn,
    *,
    public_url: str | None = None,
) -> IntegrationOut:
    """A serverless integration answers with its registration token and launch parameters;
    ``public_url`` is the URL the request came in on (the default platform URL for agents)."""
    _check_regions(data.regions_allow, data.regions_deny)
    serverless = isinstance(data.credentials, ServerlessIn)
    platform_url = agent_launch.check_launchable(rt, public_url) if serverless else ""
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.EDITOR)
        now = rt.clock()
        row = Integration(
            space_id=space_id,
            name=data.name,
            interval_seconds=data.interval_seconds,
            regions_allow=data.regions_allow,
            regions_deny=data.regions_deny,
            policy_toggles={},
            trust_findings=[],
            status=Status.CONFIGURING,
            next_scan_at=now,
            created_at=now,
            updated_at=now,
        )
        _set_credentials(session, rt, row, data.credentials)
        repo.add(session, row)
        audit.record(
            session,
            space_id,
            actor.user_id,
            "integration.create",
            row.id,
            details={"name": row.name, "auth": row.auth_type},
        )
        out = to_out(row, rt.settings.issuer_url)
        if serverless:
            launch, hashed = agent_launch.issue_launch(rt, row, platform_url)
            session.add(agent_launch.add_token(row, hashed, rt))
            out = out.model_copy(update={"launch": launch})
        return out


def list_page(
    rt: Runtime, actor: Actor, space_id: str, *, status: Status | None, offset: int, limit: int
) -> Page[IntegrationOut]:
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        rows, total = repo.list_page(session, space_id, status, offset, limit)
        return Page(
            items=[to_out(r, rt.settings.issuer_url) for r in rows],
            total=total,
            offset=offset,
            limit=limit,
        )


def get(rt: Runtime, actor: Actor, space_id: str, integration_id: str) -> IntegrationOut:
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        return to_out(get_row(session, space_id, integration_id), rt.settings.issuer_url)


def update(
    rt: Runtime, actor: Actor, space_id: str, integration_id: str, data: IntegrationUpdate
) -> IntegrationOut:
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.EDITOR)
        row = get_row(session, space_id, integration_id)
        changed = sorted(data.model_fields_set)
        if data.name is not None:
            row.name = data.name
        if data.interval_seconds is not None:
            row.interval_seconds = data.interval_seconds
        allow = data.regions_allow if data.regions_allow is not None else row.regions_allow
        deny = data.regions_deny if data.regions_deny is not None else row.regions_deny
        _check_regions(allow, deny)
        row.regions_allow, row.regions_deny = list(allow), list(deny)
        if data.credentials is not None and row.auth_type == agent_launch.SERVERLESS:
            _set_credentials(session, rt, row, data.credentials)  # refuses a switch
        elif data.credentials is not None:
            _set_credentials(session, rt, row, data.credentials)
            # New credentials are unproven: the first check is pending again.
            row.status, row.status_message, row.next_scan_at = Status.CONFIGURING, None, rt.clock()
        row.updated_at = rt.clock()
        audit.record(
            session,
            space_id,
            actor.user_id,
            "integration.update",
            row.id,
            details={"fields": changed},
        )
        return to_out(row, rt.settings.issuer_url)


def remove(rt: Runtime, actor: Actor, space_id: str, integration_id: str) -> None:
    """Secrets gone, schedule stopped, queued scan dropped; reports stay readable."""
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.EDITOR)
        row = get_row(session, space_id, integration_id)
        if row.secret_id is not None:
            secret_store.delete(session, row.secret_id)
        row.secret_id, row.access_key_id, row.external_id = None, None, None
        row.removed_at, row.next_scan_at = rt.clock(), None
        job = scans.active_for(session, row.id)
        if job is not None and job.state == JobState.QUEUED:
            job.state, job.finished_at = JobState.CANCELLED, rt.clock()
            job.message = "the integration was removed"
        elif job is not None:
            job.cancel_requested = True
        audit.record(
            session,
            space_id,
            actor.user_id,
            "integration.remove",
            row.id,
            details={"name": row.name},
        )
    if job is not None:
        rt.queue.cancel(job.id)


def ping(rt: Runtime, actor: Actor, space_id: str, integration_id: str) -> IntegrationOut:
    """sts:GetCallerIdentity with the integration's credentials; records time and outcome."""
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.EDITOR)
        row = get_row(session, space_id, integration_id)
        if row.auth_type == agent_launch.SERVERLESS:
            return _ping_agent(rt, session, actor, row)
        try:
            options = aws.credential_options(rt, session, row)
            connection = aws.connect(options, row, rt.aws_endpoint)
        except CredentialsError as exc:
            row.status, row.status_message, row.last_ping_ok = Status.ERROR, str(exc), False
        else:
            row.account_id = connection.identity.account_id
            row.status, row.status_message, row.last_ping_ok = Status.ACTIVE, None, True
            row.trust_findings = trust.findings(
                rt.settings, connection.session, rt.aws_endpoint, row
            )
        row.last_ping_at = rt.clock()
        audit.record(
            session,
            space_id,
            actor.user_id,
            "integration.ping",
            row.id,
            details={"ok": row.last_ping_ok},
        )
        return to_out(row, rt.settings.issuer_url)


def _ping_agent(rt: Runtime, session: Session, actor: Actor, row: Integration) -> IntegrationOut:
    """A ping command on the agent's bus; the agent answers with a check-in, which sets
    ``last_ping_ok`` (until then it is null: asked, not yet answered)."""
    agent_commands.send(rt, row, "ping", {})
    row.last_ping_at, row.last_ping_ok = rt.clock(), None
    audit.record(
        session, row.space_id, actor.user_id, "integration.ping", row.id, details={"ok": None}
    )
    return to_out(row, rt.settings.issuer_url)


def trust_documents(rt: Runtime, actor: Actor, space_id: str, integration_id: str) -> TrustOut:
    """The trust policy, CloudFormation and Terraform of the integration's role, pinned."""
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        expected = trust.expected_trust(rt.settings, get_row(session, space_id, integration_id))
    return TrustOut(
        auth_type="wif" if isinstance(expected, WifTrust) else "role",
        trust_policy=trust_policy(expected),
        cloudformation=templates.cloudformation(expected),
        terraform=templates.terraform(expected),
        subject=expected.subject if isinstance(expected, WifTrust) else None,
    )


def policies(rt: Runtime, actor: Actor, space_id: str, integration_id: str) -> list[PolicyOut]:
    available = rt.policies.available()
    recommended = rt.policies.recommended()
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        row = get_row(session, space_id, integration_id)
        return [
            PolicyOut(
                uid=uid,
                name=p.name,
                version=p.version,
                description=p.description.strip(),
                recommended=uid in recommended,
                enabled=bool(row.policy_toggles.get(uid, uid in recommended)),
                checks=len(p.check_ids),
            )
            for uid, p in available.bundle.policies.items()
        ]


def enabled_policies(rt: Runtime, row: Integration) -> tuple[str, ...]:
    recommended = rt.policies.recommended()
    return tuple(
        sorted(
            uid
            for uid in rt.policies.available().bundle.policies
            if row.policy_toggles.get(uid, uid in recommended)
        )
    )


def toggle_policy(
    rt: Runtime, actor: Actor, space_id: str, integration_id: str, *, uid: str, enabled: bool
) -> list[PolicyOut]:
    if uid not in rt.policies.available().bundle.policies:
        raise NotFoundError(
            f"there is no policy {uid}; GET the integration's policies to list them"
        )
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.EDITOR)
        row = get_row(session, space_id, integration_id)
        row.policy_toggles = {**row.policy_toggles, uid: enabled}
        if not enabled_policies(rt, row):
            raise ConflictError("this would disable every policy: enable another one first")
        audit.record(
            session,
            space_id,
            actor.user_id,
            "integration.policy",
            row.id,
            details={"policy": uid, "enabled": enabled},
        )
        if row.auth_type == agent_launch.SERVERLESS and row.agent_public_key is not None:
            # The platform evaluates the agent's slices: a new scan reports on the new policies.
            agent_commands.send(rt, row, "scan_now", {"reason": "policies_changed"})
    return policies(rt, actor, space_id, integration_id)
