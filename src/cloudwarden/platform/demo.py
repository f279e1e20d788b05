"""``serve --demo``: a demo space whose integration scans the embedded emulated account."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from cloudwarden.demo.account import DemoAccount
from cloudwarden.platform.runtime import Runtime
from cloudwarden.platform.schemas import AccessKeyIn, IntegrationIn
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.services import console, integrations, scans, spaces

DEMO_EMAIL = "demo@cloudwarden.invalid"
DEMO_SPACE = "demo"
DEMO_USER = "cloudwarden-platform-demo"


@dataclass(frozen=True)
class DemoLogin:
    token: str
    space_id: str
    integration_id: str
    scan_id: str
    password: str = field(repr=False)
    """The demo user's console password, printed once by ``serve --demo``."""


def create_demo(rt: Runtime, account: DemoAccount) -> DemoLogin:
    """An owner (with an API token and a console password), a space, and an access-key
    integration on a scanning user of the account."""
    rt.aws_endpoint = account.endpoint_url
    iam = account.client("iam")
    iam.create_user(UserName=DEMO_USER)
    key = iam.create_access_key(UserName=DEMO_USER)["AccessKey"]
    token = spaces.bootstrap_user(rt, DEMO_EMAIL, DEMO_SPACE, Role.OWNER)
    actor = spaces.authenticate(rt, token.token)
    password = secrets.token_urlsafe(12)
    console.set_password(rt, DEMO_EMAIL, password)
    space = next(s for s in spaces.list_spaces(rt, actor).items if s.name == DEMO_SPACE)
    integration = integrations.create(
        rt,
        actor,
        space.id,
        IntegrationIn(
            name="demo account",
            credentials=AccessKeyIn(
                type="access_key",
                access_key_id=key["AccessKeyId"],
                secret_access_key=key["SecretAccessKey"],
            ),
            regions_allow=list(account.regions),
        ),
    )
    job, _ = scans.scan_now(rt, actor, space.id, integration.id)
    return DemoLogin(token.token, space.id, integration.id, job.id, password)
