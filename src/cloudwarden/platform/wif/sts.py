"""Temporary credentials for a WIF integration: AssumeRoleWithWebIdentity with a freshly minted
token per call, unsigned (the platform holds no AWS credentials of its own). The scanner calls
the source again before the credentials expire, so long scans refresh themselves."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import boto3
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from cloudwarden.aws.credentials import TemporaryCredentials
from cloudwarden.exceptions import CredentialsError
from cloudwarden.platform.wif import failures

SESSION_SECONDS = 3600
IDP_ATTEMPTS = 3
"""IDPCommunicationError is often transient (AWS could not reach the issuer once): retried."""
IDP_BACKOFF_SECONDS = 1.0
STS_REGION = "us-east-1"
UNSIGNED_STS = Config(
    signature_version=UNSIGNED, connect_timeout=5, read_timeout=15, retries={"max_attempts": 2}
)


@dataclass(frozen=True)
class WebIdentity:
    role_arn: str
    session_name: str
    context: failures.Context
    endpoint: str | None = None


def session_name(integration_id: str) -> str:
    """RoleSessionName names the integration in the customer's CloudTrail (64 chars max)."""
    return f"cloudwarden-{integration_id}"[:64]


def unsigned_client(endpoint: str | None) -> Any:
    return boto3.client("sts", region_name=STS_REGION, endpoint_url=endpoint, config=UNSIGNED_STS)


def credential_source(
    identity: WebIdentity,
    mint: Callable[[], str],
    client: Any = None,
    pause: Callable[[float], None] = time.sleep,
) -> Callable[[], TemporaryCredentials]:
    """``client``: an STS client of the caller's (the tests stub one); else an unsigned one."""
    client = client or unsigned_client(identity.endpoint)

    def assume() -> TemporaryCredentials:
        attempt = 1
        while True:
            try:
                response = client.assume_role_with_web_identity(
                    RoleArn=identity.role_arn,
                    RoleSessionName=identity.session_name,
                    WebIdentityToken=mint(),
                    DurationSeconds=SESSION_SECONDS,
                )
            except ClientError as exc:
                error = exc.response.get("Error", {})
                code, message = str(error.get("Code", "")), str(error.get("Message", ""))
                if code == "IDPCommunicationError" and attempt < IDP_ATTEMPTS:
                    pause(IDP_BACKOFF_SECONDS * attempt)
                    attempt += 1
                    continue
                raise CredentialsError(failures.explain(code, message, identity.context)) from None
            except BotoCoreError as exc:
                raise CredentialsError(
                    f"AWS STS could not be reached ({type(exc).__name__}); check the network"
                ) from None
            credentials = response["Credentials"]
            return TemporaryCredentials(
                access_key_id=credentials["AccessKeyId"],
                secret_access_key=credentials["SecretAccessKey"],
                session_token=credentials["SessionToken"],
                expiration=credentials["Expiration"],
            )

    return assume
