"""Secrets Manager: secrets with their encryption key, rotation, usage dates and resource policy.

Only metadata is read (ListSecrets, GetResourcePolicy): GetSecretValue is never called, so no
secret value can reach the inventory.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import tags_of
from cloudwarden.aws.collectors.mapping import Map, policy
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


@resource_type("aws.secretsmanager.secret", "A Secrets Manager secret (metadata only).")
class Secret(Resource):
    """A secret; its id is its ARN (names can be reused once a secret is deleted)."""

    description: str = Field(default="", description="The secret's description.")
    kms_key_id: str | None = Field(
        default=None,
        description="The customer managed KMS key encrypting it; null means the AWS managed "
        "key aws/secretsmanager.",
    )
    rotation_enabled: bool = Field(default=False, description="Automatic rotation is on.")
    rotation_lambda_arn: str | None = Field(
        default=None, description="The Lambda function that rotates it; null if none."
    )
    rotation_interval_days: int | None = Field(
        default=None, description="Rotation happens every this many days; null if not set."
    )
    rotation_schedule: str | None = Field(
        default=None, description="The rotation schedule expression (cron/rate), if one is used."
    )
    created_date: datetime | None = Field(default=None, description="When it was created.")
    last_rotated_date: datetime | None = Field(
        default=None, description="When it was last rotated; null if never."
    )
    last_changed_date: datetime | None = Field(
        default=None, description="When its value or metadata last changed."
    )
    last_accessed_date: datetime | None = Field(
        default=None, description="The day it was last read; null if never (unused secret)."
    )
    next_rotation_date: datetime | None = Field(
        default=None, description="When the next scheduled rotation is due."
    )
    deleted_date: datetime | None = Field(
        default=None, description="When it is scheduled to be deleted; null if not."
    )
    primary_region: str | None = Field(
        default=None, description="For replicas, the region of the primary secret."
    )
    owning_service: str | None = Field(
        default=None, description="The AWS service that manages it (e.g. rds), if any."
    )
    policy: dict[str, Any] | None = Field(
        default=None, description="The resource-based policy, parsed; null if none."
    )


def _secret(item: Any, ctx: RegionContext) -> Doc:
    rules = item.get("RotationRules") or {}
    return {
        "id": item["ARN"],
        "arn": item["ARN"],
        "name": item["Name"],
        "description": item.get("Description") or "",
        "kms_key_id": item.get("KmsKeyId"),
        "rotation_enabled": bool(item.get("RotationEnabled", False)),
        "rotation_lambda_arn": item.get("RotationLambdaARN") or None,
        "rotation_interval_days": rules.get("AutomaticallyAfterDays"),
        "rotation_schedule": rules.get("ScheduleExpression"),
        "created_date": item.get("CreatedDate"),
        "last_rotated_date": item.get("LastRotatedDate"),
        "last_changed_date": item.get("LastChangedDate"),
        "last_accessed_date": item.get("LastAccessedDate"),
        "next_rotation_date": item.get("NextRotationDate"),
        "deleted_date": item.get("DeletedDate"),
        "primary_region": item.get("PrimaryRegion"),
        "owning_service": item.get("OwningService"),
        "tags": tags_of(item.get("Tags")),
    }


collectors.register(
    ResourceSpec(
        model=Secret,
        service="secretsmanager",
        list=Call("ListSecrets", lambda _doc: {"IncludePlannedDeletion": True}),
        items="SecretList",
        normalize=_secret,
        details=(
            Detail(
                Call("GetResourcePolicy", lambda doc: {"SecretId": doc["arn"]}),
                Map({"policy": ("ResourcePolicy", policy)}),
                # A secret scheduled for deletion refuses every call but restore/describe.
                when=lambda doc: doc["deleted_date"] is None,
            ),
        ),
    )
)
