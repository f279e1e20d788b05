"""CloudFormation stacks: protection, drift, notifications, service role, policy and outputs.

Everything but the stack policy comes from the DescribeStacks listing. Output and parameter
*values* are never kept (an output or a non-NoEcho parameter may carry a secret): a stack keeps
their keys, and which parameter keys are shown in clear.

AWS always sends ``DriftInformation``; where a response lacks it (moto), the stack records a
collection error on its drift fields rather than a null that a check would read as a value.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import tags_of
from cloudwarden.aws.collectors.mapping import Map, policy
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.errors import CollectionError, ErrorKind
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource

MASKED = "****"
"""How DescribeStacks shows the value of a NoEcho parameter."""
CDK_BOOTSTRAP_OUTPUT = "BootstrapVersion"
"""The output of a CDK bootstrap stack (CDKToolkit) that holds its template version."""
DRIFT_FIELDS = ("drift_status", "drift_checked_at")


@resource_type("aws.cloudformation.stack", "A CloudFormation stack (root or nested).")
class Stack(Resource):
    """A stack; the id is its stack ARN (StackId), the name its stack name."""

    status: str | None = Field(
        default=None, description="CREATE_COMPLETE, UPDATE_COMPLETE, ROLLBACK_COMPLETE..."
    )
    created_at: datetime | None = Field(default=None, description="When the stack was created.")
    updated_at: datetime | None = Field(default=None, description="When it was last updated.")
    termination_protection: bool | None = Field(
        default=None, description="Termination protection is on (the stack cannot be deleted)."
    )
    parent_id: str | None = Field(
        default=None, description="The parent stack of a nested stack; null for a root stack."
    )
    role_arn: str | None = Field(
        default=None,
        description="The service role CloudFormation assumes for stack operations; null if it "
        "uses the caller's credentials.",
    )
    notification_arns: list[str] = Field(
        default_factory=list, description="SNS topics that receive the stack's events."
    )
    rollback_disabled: bool | None = Field(
        default=None, description="Rollback on failure is disabled."
    )
    drift_status: str | None = Field(
        default=None,
        description="Stack drift: IN_SYNC, DRIFTED, NOT_CHECKED (never detected) or UNKNOWN.",
    )
    drift_checked_at: datetime | None = Field(
        default=None, description="When drift was last detected; null if never."
    )
    output_keys: list[str] = Field(
        default_factory=list, description="Names of the stack's outputs (values are not kept)."
    )
    parameter_keys: list[str] = Field(
        default_factory=list, description="Names of the stack's parameters."
    )
    plaintext_parameter_keys: list[str] = Field(
        default_factory=list,
        description="Parameters whose value DescribeStacks shows in clear (not NoEcho).",
    )
    cdk_bootstrap_version: int | None = Field(
        default=None,
        description="Template version of a CDK bootstrap stack (its BootstrapVersion output); "
        "null for other stacks.",
    )
    stack_policy: dict[str, Any] | None = Field(
        default=None,
        description="The stack policy that guards resources during updates; null if none.",
    )


def _drift_missing(stack_id: str, ctx: RegionContext) -> CollectionError:
    return CollectionError(
        resource_type=Stack.resource_type,
        region=ctx.region,
        service="cloudformation",
        operation="DescribeStacks",
        kind=ErrorKind.INTERNAL,
        code="MissingDriftInformation",
        message="the stack has no DriftInformation, which AWS always returns",
        resource_id=stack_id,
        fields=DRIFT_FIELDS,
    )


def _bootstrap_version(outputs: list[dict[str, Any]]) -> int | None:
    for output in outputs:
        if output.get("OutputKey") == CDK_BOOTSTRAP_OUTPUT:
            value = str(output.get("OutputValue", ""))
            return int(value) if value.isdigit() else None
    return None


def _stack(item: Any, ctx: RegionContext) -> Doc:
    stack_id = item["StackId"]
    outputs = item.get("Outputs", [])
    parameters = item.get("Parameters", [])
    drift = item.get("DriftInformation")
    doc: Doc = {
        "id": stack_id,
        "arn": stack_id,
        "name": item["StackName"],
        "status": item.get("StackStatus"),
        "created_at": item.get("CreationTime"),
        "updated_at": item.get("LastUpdatedTime"),
        "termination_protection": bool(item.get("EnableTerminationProtection")),
        "parent_id": item.get("ParentId"),
        "role_arn": item.get("RoleARN"),
        "notification_arns": list(item.get("NotificationARNs", [])),
        "rollback_disabled": item.get("DisableRollback"),
        "output_keys": [output["OutputKey"] for output in outputs],
        "parameter_keys": [parameter["ParameterKey"] for parameter in parameters],
        "plaintext_parameter_keys": [
            parameter["ParameterKey"]
            for parameter in parameters
            if parameter.get("ParameterValue") not in (MASKED, None)
        ],
        "cdk_bootstrap_version": _bootstrap_version(outputs),
        "tags": tags_of(item.get("Tags")),
    }
    if drift is None:
        doc["collection_errors"] = [_drift_missing(stack_id, ctx)]
    else:
        doc["drift_status"] = drift.get("StackDriftStatus")
        doc["drift_checked_at"] = drift.get("LastCheckTimestamp")
    return doc


collectors.register(
    ResourceSpec(
        model=Stack,
        service="cloudformation",
        list=Call("DescribeStacks"),
        items="Stacks[?StackStatus != 'DELETE_COMPLETE']",
        normalize=_stack,
        details=(
            Detail(
                Call("GetStackPolicy", lambda doc: {"StackName": doc["id"]}),
                Map({"stack_policy": ("StackPolicyBody", policy)}),
            ),
        ),
    )
)
