"""SSM Parameter Store parameters: their type and the KMS key of SecureString ones.

DescribeParameters lists metadata only; values are never read (they may be secrets).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


@resource_type("aws.ssm.parameter", "A Systems Manager Parameter Store parameter (metadata only).")
class SsmParameter(Resource):
    """A parameter; the id is its ARN, the name its path (e.g. /app/db/password)."""

    parameter_type: str | None = Field(
        default=None, description="String, StringList or SecureString (encrypted with KMS)."
    )
    key_id: str | None = Field(
        default=None,
        description="KMS key of a SecureString parameter; alias/aws/ssm is the AWS managed key.",
    )
    tier: str | None = Field(default=None, description="Standard, Advanced or Intelligent-Tiering.")
    data_type: str | None = Field(
        default=None, description="text, aws:ec2:image or aws:ssm:integration."
    )
    last_modified_at: datetime | None = Field(
        default=None, description="When the parameter was last changed."
    )
    policy_types: list[str] = Field(
        default_factory=list,
        description="Types of its parameter policies (Expiration, ExpirationNotification, "
        "NoChangeNotification); advanced parameters only.",
    )


def _parameter_arn(name: str, ctx: RegionContext) -> str:
    # A path parameter (/app/x) keeps its leading slash after 'parameter'.
    return ctx.arn("ssm", f"parameter{name}" if name.startswith("/") else f"parameter/{name}")


def _parameter(item: Any, ctx: RegionContext) -> Doc:
    name = item["Name"]
    arn = item.get("ARN") or _parameter_arn(name, ctx)
    return {
        "id": arn,
        "arn": arn,
        "name": name,
        "parameter_type": item.get("Type"),
        "key_id": item.get("KeyId"),
        "tier": item.get("Tier"),
        "data_type": item.get("DataType"),
        "last_modified_at": item.get("LastModifiedDate"),
        "policy_types": [policy.get("PolicyType") for policy in item.get("Policies", [])],
    }


collectors.register(listed(SsmParameter, "ssm", "DescribeParameters", "Parameters", _parameter))
