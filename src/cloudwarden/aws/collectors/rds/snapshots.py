"""RDS DB snapshots and DB cluster snapshots, and who may restore them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, strings
from cloudwarden.aws.collectors.rds.base import common
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


class Snapshot(Resource):
    """Fields shared by DB snapshots and DB cluster snapshots."""

    engine: str | None = Field(default=None, description="The engine of the source database.")
    engine_version: str | None = Field(default=None, description="The engine version.")
    snapshot_type: str | None = Field(
        default=None, description="automated, manual, shared, public or awsbackup."
    )
    status: str | None = Field(default=None, description="The snapshot status, e.g. available.")
    create_time: datetime | None = Field(default=None, description="When the snapshot was taken.")
    encrypted: bool = Field(default=False, description="The snapshot is encrypted.")
    kms_key_id: str | None = Field(default=None, description="The KMS key encrypting the snapshot.")
    vpc_id: str | None = Field(default=None, description="The VPC of the source database.")
    restore_shared_with: list[str] = Field(
        default_factory=list,
        description="Account ids allowed to copy or restore the snapshot ('all' means public); "
        "automated snapshots cannot be shared and have none.",
    )
    public: bool = Field(
        default=False, description="Any AWS account can restore the snapshot ('all' is shared)."
    )


@resource_type("aws.rds.db_snapshot", "An RDS DB snapshot of the account, and who may restore it.")
class DbSnapshot(Snapshot):
    """A manual or automated snapshot of a DB instance."""

    db_instance_identifier: str | None = Field(default=None, description="The source instance.")


@resource_type("aws.rds.db_cluster_snapshot", "A DB cluster snapshot and who may restore it.")
class DbClusterSnapshot(Snapshot):
    """A manual or automated snapshot of a DB cluster."""

    db_cluster_identifier: str | None = Field(default=None, description="The source cluster.")


_SNAPSHOT_KEYS = {
    "engine": "Engine",
    "engine_version": "EngineVersion",
    "snapshot_type": "SnapshotType",
    "status": "Status",
    "create_time": "SnapshotCreateTime",
    "kms_key_id": "KmsKeyId",
    "vpc_id": "VpcId",
}


def _db_snapshot(item: Any, ctx: RegionContext) -> Doc:
    keys = {
        **_SNAPSHOT_KEYS,
        "encrypted": "Encrypted",
        "db_instance_identifier": "DBInstanceIdentifier",
    }
    return {
        **common(item, "DBSnapshotIdentifier", "DBSnapshotArn"),
        **Map(keys, present_only=True).read(item),
    }


def _cluster_snapshot(item: Any, ctx: RegionContext) -> Doc:
    keys = {
        **_SNAPSHOT_KEYS,
        "encrypted": "StorageEncrypted",
        "db_cluster_identifier": "DBClusterIdentifier",
    }
    return {
        **common(item, "DBClusterSnapshotIdentifier", "DBClusterSnapshotArn"),
        **Map(keys, present_only=True).read(item),
    }


def _shareable(doc: Doc) -> bool:
    """Automated snapshots cannot be shared; their attributes are not asked for."""
    return doc.get("snapshot_type") != "automated"


def _restore_detail(operation: str, id_key: str, result: str, attributes: str) -> Detail:
    """Who may restore a snapshot: the values of its 'restore' attribute ('all': public)."""
    restore = f"{result}.{attributes}[?AttributeName == 'restore'].AttributeValues[]"
    return Detail(
        Call(operation, lambda doc: {id_key: doc["id"]}),
        Map(
            {
                "restore_shared_with": (restore, strings),
                "public": (restore, lambda values: "all" in strings(values)),
            }
        ),
        when=_shareable,
    )


collectors.register(
    listed(
        DbSnapshot,
        "rds",
        "DescribeDBSnapshots",
        "DBSnapshots",
        _db_snapshot,
        _restore_detail(
            "DescribeDBSnapshotAttributes",
            "DBSnapshotIdentifier",
            "DBSnapshotAttributesResult",
            "DBSnapshotAttributes",
        ),
    ),
    listed(
        DbClusterSnapshot,
        "rds",
        "DescribeDBClusterSnapshots",
        "DBClusterSnapshots",
        _cluster_snapshot,
        _restore_detail(
            "DescribeDBClusterSnapshotAttributes",
            "DBClusterSnapshotIdentifier",
            "DBClusterSnapshotAttributesResult",
            "DBClusterSnapshotAttributes",
        ),
    ),
)
