"""A serverless integration's registration token and its stack's launch parameters."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from urllib.parse import quote, urlencode

from cloudwarden import __version__
from cloudwarden.agent.constants import SCAN_INTERVAL_MINUTES
from cloudwarden.agent.template import agent_template, template_json
from cloudwarden.platform.db.models import Integration, RegistrationToken
from cloudwarden.platform.errors import InvalidInputError
from cloudwarden.platform.repositories import agents as repo
from cloudwarden.platform.runtime import Runtime
from cloudwarden.platform.schemas import AgentLaunchOut

SERVERLESS = repo.SERVERLESS
TOKEN_TTL = timedelta(minutes=15)
TOKEN_BYTES = 32
TEMPLATE_PATH = "/api/v1/agent/template"
QUICK_CREATE = "https://console.aws.amazon.com/cloudformation/home#/stacks/quickcreate"
NO_ACCOUNT = (
    "serverless integrations need the platform's AWS account id (the only account the agent's "
    "event bus accepts commands from): the operator sets CLOUDWARDEN_PLATFORM_ACCOUNT_ID"
)
NO_URL = (
    "serverless integrations need the platform's public URL: the operator sets "
    "CLOUDWARDEN_PUBLIC_URL"
)


def token_hash(token: str) -> str:
    """256 random bits: a fast hash is enough, a stolen database registers no agent."""
    return hashlib.sha256(token.encode()).hexdigest()


def check_launchable(rt: Runtime, public_url: str | None) -> str:
    """The platform URL agents will call; refuses a platform that cannot launch a stack."""
    if rt.settings.platform_account_id is None:
        raise InvalidInputError(NO_ACCOUNT)
    url = rt.settings.public_url or public_url
    if not url:
        raise InvalidInputError(NO_URL)
    return url.rstrip("/")


def scan_interval_minutes(interval_seconds: int) -> int:
    """The stack's allowed interval nearest to the integration's (CloudFormation cannot
    compute one)."""
    return min(SCAN_INTERVAL_MINUTES, key=lambda m: (abs(m * 60 - interval_seconds), m))


def issue_launch(rt: Runtime, row: Integration, platform_url: str) -> tuple[AgentLaunchOut, str]:
    """A new registration token for ``row`` and the stack's launch parameters (token shown
    once). Returns the launch and the token's hash, which the caller stores."""
    token = "cwr_" + secrets.token_urlsafe(TOKEN_BYTES)
    now = rt.clock()
    parameters = {
        "RegistrationToken": token,
        "PlatformUrl": platform_url,
        "PlatformAccountId": rt.settings.platform_account_id or "",
        "IntegrationId": row.id,
        "ScanIntervalMinutes": str(scan_interval_minutes(row.interval_seconds)),
        "Regions": ",".join(row.regions_allow),
    }
    template_url = platform_url + TEMPLATE_PATH
    query = urlencode(
        {
            "templateURL": template_url,
            "stackName": f"cloudwarden-agent-{row.id}",
            **{f"param_{k}": v for k, v in parameters.items()},
        },
        quote_via=quote,
    )
    launch = AgentLaunchOut(
        token=token,
        expires_at=now + TOKEN_TTL,
        template_url=template_url,
        launch_url=f"{QUICK_CREATE}?{query}",
        parameters=parameters,
    )
    return launch, token_hash(token)


def add_token(row: Integration, hashed: str, rt: Runtime) -> RegistrationToken:
    now = rt.clock()
    return RegistrationToken(
        integration_id=row.id, token_hash=hashed, created_at=now, expires_at=now + TOKEN_TTL
    )


def stack_template(rt: Runtime) -> str:
    """The agent stack's template, as ``cloudwarden agent template`` prints it."""
    return template_json(
        agent_template(
            __version__,
            code_bucket=rt.settings.agent_code_bucket,
            release_public_key_pem=rt.settings.agent_release_public_key or "",
        )
    )
