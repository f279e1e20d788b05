"""Platform -> agent: commands as EventBridge events on the agent's bus (PutEvents with the
platform's own AWS credentials; the bus policy accepts only the platform's account)."""

from __future__ import annotations

import json
from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from cloudwarden.agent.constants import BUS_NAME_PREFIX, PLATFORM_EVENT_SOURCE
from cloudwarden.platform.db.models import Integration
from cloudwarden.platform.errors import ConflictError
from cloudwarden.platform.logging import get_logger
from cloudwarden.platform.runtime import Runtime
from cloudwarden.protocol import CommandName

log = get_logger(__name__)
NOT_REGISTERED = (
    "the agent has not registered: create the stack with the integration's launch parameters "
    "(POST .../registration-token issues new ones)"
)


def bus_arn(row: Integration) -> str:
    return f"arn:aws:events:{row.agent_region}:{row.account_id}:event-bus/{BUS_NAME_PREFIX}{row.id}"


def send(rt: Runtime, row: Integration, command: CommandName, detail: dict[str, Any]) -> None:
    """One PutEvents; every failure is a ConflictError saying what to check."""
    if row.agent_region is None or row.account_id is None or row.agent_public_key is None:
        raise ConflictError(NOT_REGISTERED)
    client = boto3.client("events", region_name=row.agent_region, endpoint_url=rt.aws_endpoint)
    entry = {
        "Source": PLATFORM_EVENT_SOURCE,
        "DetailType": command,
        "Detail": json.dumps(detail),
        "EventBusName": bus_arn(row),
    }
    try:
        answer = client.put_events(Entries=[entry])
    except (BotoCoreError, ClientError) as exc:
        code = exc.response["Error"]["Code"] if isinstance(exc, ClientError) else type(exc).__name__
        log.warning("agent.command_failed", integration=row.id, command=command, code=code)
        raise ConflictError(
            f"the platform could not put the {command} command on the agent's event bus "
            f"({code}): check the platform's AWS credentials and that the stack still exists"
        ) from exc
    if answer.get("FailedEntryCount"):
        code = str(answer["Entries"][0].get("ErrorCode", "unknown"))
        raise ConflictError(
            f"the agent's event bus refused the {command} command ({code}): check that the "
            "stack still exists and names this platform's account"
        )
    log.info("agent.command_sent", integration=row.id, command=command)
