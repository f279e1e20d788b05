"""What every agent invocation works with: its AWS session, its environment (set by the stack),
its configuration and credentials (SSM), a clock, and the signed HTTPS client to the platform.

Tests build one with moto as AWS and a simulated clock; the Lambda handler builds it from the
environment.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import boto3
from pydantic import BaseModel, ConfigDict, ValidationError

from cloudwarden.agent import constants as c
from cloudwarden.agent.platform_client import PlatformClient, Transport, urllib_transport
from cloudwarden.aws.settings import EngineSettings
from cloudwarden.exceptions import CloudwardenError
from cloudwarden.protocol import private_key_from_pem

Clock = Callable[[], datetime]
AGENT_ENGINE = EngineSettings(max_in_flight=16, max_attempts=3, throttle_retries=0)


def utc_now() -> datetime:
    return datetime.now(UTC)


class AgentError(CloudwardenError):
    """The agent cannot do what it was asked; the message says what is missing."""


class AgentConfig(BaseModel):
    """The stack's configuration parameter (written by the template)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    platform_url: str
    integration_id: str
    regions: list[str] = []
    interval_seconds: int = c.DEFAULT_SCAN_INTERVAL_MINUTES * 60
    version: str


class AgentCredentials(BaseModel):
    """What registration stored in the SecureString parameter."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    agent_id: str
    private_key_pem: str


@dataclass
class AgentRuntime:
    session: boto3.Session
    env: Mapping[str, str]
    clock: Clock = utc_now
    transport: Transport = urllib_transport
    engine: EngineSettings = AGENT_ENGINE
    """How discovery talks to AWS: throttling is not retried for long inside a job, it
    pauses every job instead (:mod:`cloudwarden.agent.throttle`)."""
    _clients: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_environment(cls) -> AgentRuntime:
        return cls(session=boto3.Session(), env=os.environ)

    def client(self, service: str) -> Any:
        """One boto3 client per service for the invocation (the session's region)."""
        if service not in self._clients:
            self._clients[service] = self.session.client(service)  # type: ignore[call-overload]
        return self._clients[service]

    @property
    def region(self) -> str:
        name = self.session.region_name
        if not name:
            raise AgentError("the agent's AWS session has no region (AWS_REGION is not set)")
        return name

    def setting(self, name: str) -> str:
        value = self.env.get(name)
        if not value:
            raise AgentError(f"the environment variable {name} is not set: the stack sets it")
        return value

    def config(self) -> AgentConfig:
        raw = self.client("ssm").get_parameter(Name=self.setting(c.ENV_CONFIG_PARAM))
        try:
            return AgentConfig.model_validate_json(raw["Parameter"]["Value"])
        except ValidationError as exc:
            raise AgentError(f"the agent's configuration parameter is malformed: {exc}") from exc

    def credentials(self) -> AgentCredentials:
        ssm = self.client("ssm")
        try:
            raw = ssm.get_parameter(Name=self.setting(c.ENV_CREDENTIALS_PARAM), WithDecryption=True)
        except ssm.exceptions.ParameterNotFound as exc:
            raise AgentError(
                "the agent has not registered: its credentials are not in SSM"
            ) from exc
        return AgentCredentials.model_validate_json(raw["Parameter"]["Value"])

    def platform(self, config: AgentConfig | None = None) -> PlatformClient:
        """The platform client, signing with the agent's key."""
        config = config or self.config()
        credentials = self.credentials()
        return PlatformClient(
            config.platform_url,
            self.transport,
            agent_id=credentials.agent_id,
            key=private_key_from_pem(credentials.private_key_pem),
            clock=self.clock,
        )

    def unsigned_platform(self, platform_url: str) -> PlatformClient:
        """For registration only: the agent has no key the platform knows yet."""
        return PlatformClient(platform_url, self.transport, clock=self.clock)


def dumps(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), sort_keys=True)
