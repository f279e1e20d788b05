"""The RBAC matrix, generated from the app's route table (its OpenAPI paths): every route x
{anonymous, viewer, editor, owner, member of another space}. A route without a rule fails."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from cloudwarden.platform.repositories import reports, scans
from cloudwarden.platform.schemas import (
    AccessKeyIn,
    IntegrationIn,
    JobState,
    RoleIn,
    ServerlessIn,
)
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.services import integrations, spaces
from cloudwarden.policy.results import Status
from cloudwarden.protocol import generate_private_key, public_key_pem
from cloudwarden.report.model import Report
from tests.platform.helpers import make_report

_counter = itertools.count()
SELF = "any authenticated user"
PUBLIC = "anyone, signed in or not"
AGENT = "a serverless agent's signature (or registration token): never a user's token"
S = "/api/v1/spaces/{space_id}"
INTEGRATION = f"{S}/integrations/{{integration_id}}"
RULES: dict[tuple[str, str], str | Role] = {
    ("GET", "/api/v1/me"): SELF,
    ("GET", "/api/v1/me/tokens"): SELF,
    ("POST", "/api/v1/me/tokens"): SELF,
    ("DELETE", "/api/v1/me/tokens/{token_id}"): SELF,
    ("GET", "/api/v1/spaces"): SELF,
    ("POST", "/api/v1/spaces"): SELF,
    ("GET", S): Role.VIEWER,
    ("GET", f"{S}/members"): Role.VIEWER,
    ("POST", f"{S}/members"): Role.OWNER,
    ("PATCH", f"{S}/members/{{user_id}}"): Role.OWNER,
    ("DELETE", f"{S}/members/{{user_id}}"): Role.OWNER,
    ("GET", f"{S}/audit"): Role.VIEWER,
    ("GET", f"{S}/integrations"): Role.VIEWER,
    ("POST", f"{S}/integrations"): Role.EDITOR,
    ("GET", INTEGRATION): Role.VIEWER,
    ("PATCH", INTEGRATION): Role.EDITOR,
    ("DELETE", INTEGRATION): Role.EDITOR,
    ("POST", f"{INTEGRATION}/ping"): Role.EDITOR,
    ("POST", f"{INTEGRATION}/scans"): Role.EDITOR,
    ("GET", f"{INTEGRATION}/policies"): Role.VIEWER,
    ("PUT", f"{INTEGRATION}/policies/{{policy_uid}}"): Role.EDITOR,
    ("GET", f"{INTEGRATION}/latest-report"): Role.VIEWER,
    ("GET", f"{INTEGRATION}/trust"): Role.VIEWER,
    ("GET", f"{S}/scans"): Role.VIEWER,
    ("GET", f"{S}/scans/{{scan_id}}"): Role.VIEWER,
    ("POST", f"{S}/scans/{{scan_id}}/cancel"): Role.EDITOR,
    ("GET", f"{S}/reports"): Role.VIEWER,
    ("GET", f"{S}/reports/{{report_id}}"): Role.VIEWER,
    ("GET", f"{S}/reports/{{report_id}}/document"): Role.VIEWER,
    ("GET", f"{S}/reports/{{report_id}}/assets"): Role.VIEWER,
    ("GET", f"{S}/reports/{{report_id}}/results"): Role.VIEWER,
    ("GET", f"{S}/reports/{{report_id}}/diff"): Role.VIEWER,
    ("GET", f"{S}/assets"): Role.VIEWER,
    ("POST", f"{INTEGRATION}/registration-token"): Role.EDITOR,
    ("GET", "/.well-known/openid-configuration"): PUBLIC,
    ("GET", "/.well-known/jwks.json"): PUBLIC,
    ("GET", "/api/v1/agent/template"): PUBLIC,
    ("POST", "/api/v1/agent/register"): AGENT,
    ("POST", "/api/v1/agent/checkin"): AGENT,
    ("POST", "/api/v1/agent/reports"): AGENT,
    ("POST", "/api/v1/agent/alerts"): AGENT,
    ("POST", "/api/v1/agent/deleted"): AGENT,
}
KEY = {
    "type": "access_key",
    "access_key_id": "AKIAIOSFODNN7EXAMPLE",
    "secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
}
# Valid bodies: the role check is the service's, after the request is parsed.
BODIES = {
    ("POST", "/api/v1/me/tokens"): lambda: {"name": "ci"},
    ("POST", "/api/v1/spaces"): lambda: {"name": f"new-{next(_counter)}"},
    ("POST", f"{S}/members"): lambda: {
        "email": f"new-{next(_counter)}@example.com",
        "role": "viewer",
    },
    ("PATCH", f"{S}/members/{{user_id}}"): lambda: {"role": "editor"},
    ("POST", f"{S}/integrations"): lambda: {"name": "new", "credentials": KEY},
    ("PATCH", INTEGRATION): lambda: {"name": "renamed"},
    ("PUT", f"{INTEGRATION}/policies/{{policy_uid}}"): lambda: {"enabled": True},
    ("POST", "/api/v1/agent/register"): lambda: {
        "token": "cwr_" + "x" * 40,
        "public_key_pem": public_key_pem(generate_private_key()),
        "agent_version": "1",
        "account_id": "123456789012",
        "region": "us-east-1",
        "stack_name": "stack",
    },
}
# Routes that need another integration than the world's access-key one.
IDS = {
    ("GET", f"{INTEGRATION}/trust"): {"integration_id": "role_integration_id"},
    ("POST", f"{INTEGRATION}/registration-token"): {"integration_id": "agent_integration_id"},
}
CALLERS = ("anonymous", "viewer", "editor", "owner", "outsider")


@pytest.fixture
def settings(settings):
    """The platform knows its own AWS principal: role trust documents can be written."""
    return settings.model_copy(
        update={
            "platform_principal_arn": "arn:aws:iam::999999999999:role/cloudwarden",
            "platform_account_id": "999999999999",
        }
    )


def route_table(app):
    return {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    }


def tiny_report() -> Report:
    one = ("aws-s3-bucket-versioning-enabled", "aws.s3.bucket", "b", "us-east-1", Status.FAIL)
    return make_report(datetime.now(UTC), [one], regions=("us-east-1",))


@dataclass
class World:
    """A space with one of each thing, and a caller of every kind."""

    ids: dict[str, str]
    tokens: dict[str, str]
    token_ids: dict[str, str]
    user_ids: dict[str, str]


def build_world(rt) -> World:
    n = next(_counter)
    tokens, token_ids, user_ids = {}, {}, {}
    for caller, space, role in (
        ("owner", f"acme-{n}", Role.OWNER),
        ("editor", f"acme-{n}", Role.EDITOR),
        ("viewer", f"acme-{n}", Role.VIEWER),
        ("outsider", f"other-{n}", Role.OWNER),
    ):
        new = spaces.bootstrap_user(rt, f"{caller}-{n}@example.com", space, role)
        tokens[caller], token_ids[caller] = new.token, new.id
        user_ids[caller] = spaces.authenticate(rt, new.token).user_id
    owner = spaces.authenticate(rt, tokens["owner"])
    space_id = next(s.id for s in spaces.list_spaces(rt, owner).items if s.name == f"acme-{n}")
    integration = integrations.create(
        rt,
        owner,
        space_id,
        IntegrationIn(
            name="prod",
            regions_allow=["us-east-1"],
            credentials=AccessKeyIn(
                type="access_key",
                access_key_id="AKIAIOSFODNN7EXAMPLE",
                secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            ),
        ),
    )
    role = integrations.create(
        rt,
        owner,
        space_id,
        IntegrationIn(
            name="assumed",
            credentials=RoleIn(type="role", role_arn="arn:aws:iam::123456789012:role/Scan"),
        ),
    )
    agent = integrations.create(
        rt,
        owner,
        space_id,
        IntegrationIn(name="agent", credentials=ServerlessIn(type="serverless")),
        public_url="https://platform.example.com",
    )
    with rt.sessions.begin() as session:
        done = scans.enqueue(session, space_id, integration.id, "manual")
        done.state = JobState.SUCCEEDED
        report = reports.store(session, tiny_report(), space_id, integration.id, done.id)
        queued = scans.enqueue(session, space_id, integration.id, "manual")
        ids = {
            "space_id": space_id,
            "integration_id": integration.id,
            "role_integration_id": role.id,
            "agent_integration_id": agent.id,
            "scan_id": queued.id,
            "report_id": report.id,
            "policy_uid": "aws-security-baseline",
            "user_id": user_ids["viewer"],
        }
    return World(ids, tokens, token_ids, user_ids)


def expected(rule: str | Role, caller: str) -> str:
    if rule == PUBLIC:
        return "allowed"
    if rule == AGENT:
        return "401"
    if caller == "anonymous":
        return "401"
    if rule == SELF:
        return "allowed"
    if caller == "outsider":
        return "404"
    return "allowed" if Role(caller).allows(rule) else "403"


def outcome(status: int) -> str:
    assert status < 500, f"server error {status}"
    if status in (401, 403, 404):
        return str(status)
    return "allowed" if status < 300 else f"refused with {status}"


def test_every_route_has_a_rule(live_without_worker):
    routes = route_table(live_without_worker.platform.app)
    assert routes - set(RULES) == set(), "add an RBAC rule for the new route(s)"
    assert set(RULES) - routes == set(), "a rule names a route that does not exist"


def test_rbac_matrix(aws, live_without_worker):
    live = live_without_worker
    rt = live.platform.runtime
    rt.settings.issuer_url = live.url  # the issuer's documents are served
    shared = build_world(rt)
    wrong = []
    for (method, path), rule in sorted(RULES.items(), key=str):
        for caller in CALLERS:
            world = shared if method == "GET" else build_world(rt)
            params = {**world.ids, "token_id": world.token_ids.get(caller, "none")}
            params |= {name: world.ids[key] for name, key in IDS.get((method, path), {}).items()}
            client = live.as_user(world.tokens.get(caller))
            body = BODIES.get((method, path))
            response = client.request(method, path.format(**params), json=body() if body else None)
            got, want = outcome(response.status_code), expected(rule, caller)
            if got != want:
                wrong.append(f"{method} {path} as {caller}: {response.status_code}, want {want}")
            if got in ("401", "403", "404"):
                assert response.headers["content-type"] == "application/problem+json"
                assert response.json()["detail"]
    assert wrong == []


@pytest.mark.parametrize("caller", ["viewer", "outsider"])
def test_an_id_from_another_space_is_not_found(live_without_worker, caller):
    rt = live_without_worker.platform.runtime
    mine, theirs = build_world(rt), build_world(rt)
    client = live_without_worker.as_user(mine.tokens[caller])
    for path in (
        f"/api/v1/spaces/{mine.ids['space_id']}/integrations/{theirs.ids['integration_id']}",
        f"/api/v1/spaces/{mine.ids['space_id']}/reports/{theirs.ids['report_id']}",
        f"/api/v1/spaces/{mine.ids['space_id']}/scans/{theirs.ids['scan_id']}",
    ):
        expected_status = 404
        assert client.get(path).status_code == expected_status
