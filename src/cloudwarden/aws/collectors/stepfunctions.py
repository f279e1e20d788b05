"""Step Functions: state machines with their logging, X-Ray tracing, encryption and the secrets
their definitions may hold.

The definition (Amazon States Language JSON) is scanned by detect-secrets and dropped: only the
kinds of secret found are kept.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, Tags, flag
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.aws.secret_detection import secret_kinds_in_text
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


@resource_type("aws.stepfunctions.state_machine", "A Step Functions state machine.")
class StateMachine(Resource):
    """A state machine; its id is its ARN."""

    machine_type: str | None = Field(default=None, description="STANDARD or EXPRESS.")
    status: str | None = Field(default=None, description="ACTIVE or DELETING.")
    created_at: datetime | None = Field(default=None, description="When it was created.")
    role_arn: str | None = Field(default=None, description="The IAM role its executions use.")
    logging_level: str | None = Field(
        default=None,
        description="ALL, ERROR, FATAL or OFF: which execution events go to CloudWatch Logs; "
        "null when no logging configuration is set (OFF).",
    )
    logging_include_execution_data: bool = Field(
        default=False, description="Logged events include the states' input and output."
    )
    log_destinations: list[str] = Field(
        default_factory=list, description="CloudWatch Logs log group ARNs events are sent to."
    )
    tracing_enabled: bool = Field(default=False, description="AWS X-Ray tracing is on.")
    encryption_type: str | None = Field(
        default=None,
        description="AWS_OWNED_KEY or CUSTOMER_MANAGED_KMS_KEY for the definition and "
        "execution data; null when not reported (AWS owned key).",
    )
    kms_key_id: str | None = Field(
        default=None, description="The customer managed KMS key, for CUSTOMER_MANAGED_KMS_KEY."
    )
    definition_secret_kinds: list[str] = Field(
        default_factory=list,
        description="Kinds of secret detect-secrets finds in the definition (passwords in "
        "task parameters, API keys in HTTP task headers...); empty if none. The definition is "
        "not kept.",
    )


def _definition_secrets(found: Any) -> list[str]:
    """Secrets in the definition, scanned as indented JSON (one key and value a line)."""
    if not found:
        return []
    try:
        text = json.dumps(json.loads(found), indent=2)
    except ValueError:
        text = str(found)
    return secret_kinds_in_text(text, filename="definition.json")


STATE_MACHINE = Map(
    {
        "machine_type": "type",
        "status": "status",
        "created_at": "creationDate",
        "role_arn": "roleArn",
        "logging_level": "loggingConfiguration.level",
        "logging_include_execution_data": ("loggingConfiguration.includeExecutionData", flag),
        "log_destinations": (
            "loggingConfiguration.destinations[].cloudWatchLogsLogGroup.logGroupArn",
            lambda found: [str(arn) for arn in found or ()],
        ),
        "tracing_enabled": ("tracingConfiguration.enabled", flag),
        "encryption_type": "encryptionConfiguration.type",
        "kms_key_id": "encryptionConfiguration.kmsKeyId",
        "definition_secret_kinds": ("definition", _definition_secrets),
    }
)


def _state_machine(item: Any, _ctx: RegionContext) -> Doc:
    arn = item["stateMachineArn"]
    return {"id": arn, "arn": arn, "name": item.get("name"), "machine_type": item.get("type")}


def _arn(doc: Doc) -> dict[str, Any]:
    return {"stateMachineArn": doc["arn"]}


collectors.register(
    ResourceSpec(
        model=StateMachine,
        service="stepfunctions",
        list=Call("ListStateMachines", permission="states:ListStateMachines"),
        items="stateMachines",
        normalize=_state_machine,
        details=(
            Detail(
                Call("DescribeStateMachine", _arn, permission="states:DescribeStateMachine"),
                STATE_MACHINE,
            ),
            Detail(
                Call(
                    "ListTagsForResource",
                    lambda doc: {"resourceArn": doc["arn"]},
                    permission="states:ListTagsForResource",
                ),
                Tags("tags", key="key", value="value"),
            ),
        ),
    )
)
