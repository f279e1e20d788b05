"""DynamoDB: tables with their encryption, point-in-time recovery, deletion protection and policy.

ListTables gives names only; DescribeTable, DescribeContinuousBackups, GetResourcePolicy and
ListTagsOfResource then run side by side (the table ARN is known from its name).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import policy_document
from cloudwarden.aws.collectors.mapping import Tags
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class TableReplica(Document):
    """A replica of a global table (version 2019.11.21)."""

    region: str = Field(description="The replica's region.")
    status: str | None = Field(default=None, description="CREATING, ACTIVE, UPDATING, ...")
    kms_key_arn: str | None = Field(
        default=None, description="The KMS key encrypting the replica, if a KMS key is used."
    )


@resource_type("aws.dynamodb.table", "A DynamoDB table with its encryption and backup settings.")
class DynamoDbTable(Resource):
    """A DynamoDB table."""

    status: str | None = Field(default=None, description="ACTIVE, CREATING, UPDATING, ...")
    creation_date: datetime | None = Field(default=None, description="When the table was created.")
    item_count: int | None = Field(
        default=None, description="Items in the table (updated ~6 hourly)."
    )
    size_bytes: int | None = Field(default=None, description="The table size in bytes.")
    billing_mode: str = Field(default="PROVISIONED", description="PROVISIONED or PAY_PER_REQUEST.")
    table_class: str = Field(
        default="STANDARD", description="STANDARD or STANDARD_INFREQUENT_ACCESS."
    )
    sse_status: str | None = Field(
        default=None,
        description="ENABLED, ENABLING, DISABLED, ... of KMS encryption; null means the table is "
        "encrypted with an AWS owned key (the default, not visible in the account).",
    )
    sse_type: str | None = Field(
        default=None, description="KMS when a KMS key (AWS managed or customer managed) is used."
    )
    kms_key_arn: str | None = Field(
        default=None,
        description="The KMS key encrypting the table; aws/dynamodb's key when AWS managed.",
    )
    point_in_time_recovery_enabled: bool = Field(
        default=False, description="Point-in-time recovery (continuous backups) is enabled."
    )
    point_in_time_recovery_days: int | None = Field(
        default=None, description="Days of point-in-time recovery kept, when enabled."
    )
    deletion_protection_enabled: bool = Field(
        default=False, description="Deletion protection is enabled."
    )
    stream_enabled: bool = Field(default=False, description="DynamoDB Streams is enabled.")
    stream_view_type: str | None = Field(
        default=None, description="KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES."
    )
    global_table_version: str | None = Field(
        default=None, description="The global tables version, if the table has replicas."
    )
    replicas: list[TableReplica] = Field(
        default_factory=list, description="Replicas in other regions (global table); empty if none."
    )
    resource_policy: dict[str, Any] | None = Field(
        default=None, description="The table's resource-based policy, parsed; null if none."
    )


def _table(item: Any, ctx: RegionContext) -> Doc:
    name = str(item)
    return {"id": name, "name": name, "arn": ctx.arn("dynamodb", f"table/{name}")}


def _by_name(doc: Doc) -> dict[str, Any]:
    return {"TableName": doc["id"]}


def _by_arn(doc: Doc) -> dict[str, Any]:
    return {"ResourceArn": doc["arn"]}


def _apply_table(doc: Doc, response: Any) -> None:
    table = response["Table"]
    sse = table.get("SSEDescription") or {}
    stream = table.get("StreamSpecification") or {}
    doc.update(
        {
            "status": table.get("TableStatus"),
            "creation_date": table.get("CreationDateTime"),
            "item_count": table.get("ItemCount"),
            "size_bytes": table.get("TableSizeBytes"),
            "billing_mode": (table.get("BillingModeSummary") or {}).get(
                "BillingMode", "PROVISIONED"
            ),
            "table_class": (table.get("TableClassSummary") or {}).get("TableClass", "STANDARD"),
            "sse_status": sse.get("Status"),
            "sse_type": sse.get("SSEType"),
            "kms_key_arn": sse.get("KMSMasterKeyArn"),
            "deletion_protection_enabled": bool(table.get("DeletionProtectionEnabled", False)),
            "stream_enabled": bool(stream.get("StreamEnabled", False)),
            "stream_view_type": stream.get("StreamViewType"),
            "global_table_version": table.get("GlobalTableVersion"),
            "replicas": [
                {
                    "region": replica["RegionName"],
                    "status": replica.get("ReplicaStatus"),
                    "kms_key_arn": replica.get("KMSMasterKeyId"),
                }
                for replica in table.get("Replicas") or ()
            ],
        }
    )


def _apply_backups(doc: Doc, response: Any) -> None:
    description = response["ContinuousBackupsDescription"]
    pitr = description.get("PointInTimeRecoveryDescription") or {}
    enabled = pitr.get("PointInTimeRecoveryStatus") == "ENABLED"
    doc["point_in_time_recovery_enabled"] = enabled
    doc["point_in_time_recovery_days"] = pitr.get("RecoveryPeriodInDays") if enabled else None


def _apply_policy(doc: Doc, response: Any) -> None:
    doc["resource_policy"] = policy_document(response.get("Policy"))


collectors.register(
    ResourceSpec(
        model=DynamoDbTable,
        service="dynamodb",
        list=Call("ListTables"),
        items="TableNames",
        normalize=_table,
        details=(
            Detail(
                Call("DescribeTable", _by_name),
                _apply_table,
                (
                    "status",
                    "creation_date",
                    "item_count",
                    "size_bytes",
                    "billing_mode",
                    "table_class",
                    "sse_status",
                    "sse_type",
                    "kms_key_arn",
                    "deletion_protection_enabled",
                    "stream_enabled",
                    "stream_view_type",
                    "global_table_version",
                    "replicas",
                ),
            ),
            Detail(
                Call("DescribeContinuousBackups", _by_name),
                _apply_backups,
                ("point_in_time_recovery_enabled", "point_in_time_recovery_days"),
            ),
            Detail(
                Call("GetResourcePolicy", _by_arn),
                _apply_policy,
                ("resource_policy",),
                absent={"PolicyNotFoundException": {}},
            ),
            Detail(Call("ListTagsOfResource", _by_arn), Tags()),
        ),
    )
)
