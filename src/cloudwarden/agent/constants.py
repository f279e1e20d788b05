"""Names the agent's stack, its Lambda handler and the platform agree on.

The template sets these environment variables and tags; the handler reads them. Keeping them in
one leaf module (no imports) means a renamed variable cannot drift between the two sides.
"""

from __future__ import annotations

from typing import Final

TAG_KEY: Final = "Created By"
TAG_VALUE: Final = "cloudwarden"
"""Every resource the stack or the agent creates carries this tag; delete rights depend on it."""

HANDLER: Final = "cloudwarden.agent.handler.handle"
"""The Lambda handler, as the template names it."""

RUNTIME: Final = "python3.12"

ENV_CONFIG_PARAM: Final = "CLOUDWARDEN_AGENT_CONFIG_PARAM"
"""SSM String parameter: JSON {platform_url, integration_id, regions, interval_seconds, version}."""
ENV_CREDENTIALS_PARAM: Final = "CLOUDWARDEN_AGENT_CREDENTIALS_PARAM"
"""SSM SecureString parameter the agent writes at registration: JSON {agent_id, private_key_pem}."""
ENV_STATE_PARAM: Final = "CLOUDWARDEN_AGENT_STATE_PARAM"
"""SSM String parameter: JSON {paused_until, throttle_pauses}, shared by every invocation."""
ENV_JOB_QUEUE_URL: Final = "CLOUDWARDEN_AGENT_JOB_QUEUE_URL"
ENV_TOPIC_ARN: Final = "CLOUDWARDEN_AGENT_TOPIC_ARN"
ENV_STACK_NAME: Final = "CLOUDWARDEN_AGENT_STACK_NAME"
ENV_FUNCTION_NAME: Final = "CLOUDWARDEN_AGENT_FUNCTION_NAME"
"""The function's own name, for self-update (lambda:UpdateFunctionCode on itself)."""
ENV_RELEASE_MANIFEST_URL: Final = "CLOUDWARDEN_AGENT_RELEASE_MANIFEST_URL"
"""s3://bucket/key of the release manifest the daily self-update reads."""

PLATFORM_EVENT_SOURCE: Final = "cloudwarden.platform"
"""EventBridge Source of platform commands on the agent bus."""
CUSTOM_RESOURCE_TYPE: Final = "Custom::CloudwardenAgent"

BUS_NAME_PREFIX: Final = "cloudwarden-agent-"
"""The agent bus is ``cloudwarden-agent-<IntegrationId>``."""
PARAMETER_PREFIX: Final = "/cloudwarden/agent/"
"""SSM parameters live under ``/cloudwarden/agent/<IntegrationId>/{config,credentials,state}``."""

ENV_DEPLOY_ROLE_ARN: Final = "CLOUDWARDEN_AGENT_DEPLOY_ROLE_ARN"
"""The role CloudFormation assumes when the agent updates its own stack (self-update)."""

SCAN_INTERVAL_MINUTES: Final = (15, 30, 60, 120, 180, 240, 360, 480, 720, 1440)
"""The ``ScanIntervalMinutes`` values the stack accepts (CloudFormation cannot multiply, so the
config parameter's ``interval_seconds`` comes from a mapping over these). The platform passes
the allowed value nearest to an integration's interval."""
DEFAULT_SCAN_INTERVAL_MINUTES: Final = 720
ENV_RELEASE_PUBLIC_KEY: Final = "CLOUDWARDEN_AGENT_RELEASE_PUBLIC_KEY"
"""PEM of the Ed25519 key release manifests are signed with (set by the template)."""
