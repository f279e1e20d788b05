"""DynamoDB: tables with their encryption, point-in-time recovery, deletion protection and policy.

ListTables gives names only; DescribeTable, DescribeContinuousBackups, GetResourcePolicy and
ListTagsOfResource then run side by side (the table ARN is known from its name).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, Tags, default, each, flag, policy, required
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


_REPLICA = Map(
    {
        "region": ("RegionName", required),
        "status": "ReplicaStatus",
        "kms_key_arn": "KMSMasterKeyId",
    }
)
_TABLE = Map(
    {
        "status": "Table.TableStatus",
        "creation_date": "Table.CreationDateTime",
        "item_count": "Table.ItemCount",
        "size_bytes": "Table.TableSizeBytes",
        "billing_mode": ("Table.BillingModeSummary.BillingMode", default("PROVISIONED")),
        "table_class": ("Table.TableClassSummary.TableClass", default("STANDARD")),
        "sse_status": "Table.SSEDescription.Status",
        "sse_type": "Table.SSEDescription.SSEType",
        "kms_key_arn": "Table.SSEDescription.KMSMasterKeyArn",
        "deletion_protection_enabled": ("Table.DeletionProtectionEnabled", flag),
        "stream_enabled": ("Table.StreamSpecification.StreamEnabled", flag),
        "stream_view_type": "Table.StreamSpecification.StreamViewType",
        "global_table_version": "Table.GlobalTableVersion",
        "replicas": ("Table.Replicas", each(_REPLICA)),
    }
)


def _apply_backups(doc: Doc, response: Any) -> None:
    description = response["ContinuousBackupsDescription"]
    pitr = description.get("PointInTimeRecoveryDescription") or {}
    enabled = pitr.get("PointInTimeRecoveryStatus") == "ENABLED"
    doc["point_in_time_recovery_enabled"] = enabled
    doc["point_in_time_recovery_days"] = pitr.get("RecoveryPeriodInDays") if enabled else None


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
                _TABLE,
            ),
            Detail(
                Call("DescribeContinuousBackups", _by_name),
                _apply_backups,
                ("point_in_time_recovery_enabled", "point_in_time_recovery_days"),
            ),
            Detail(
                Call("GetResourcePolicy", _by_arn),
                Map({"resource_policy": ("Policy", policy)}),
                absent={"PolicyNotFoundException": {}},
            ),
            Detail(Call("ListTagsOfResource", _by_arn), Tags()),
        ),
    )
)
