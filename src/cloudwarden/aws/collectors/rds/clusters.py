"""RDS DB clusters (Aurora, Multi-AZ DB clusters) and their members."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map
from cloudwarden.aws.collectors.rds.base import (
    DATABASE_KEYS,
    Database,
    common,
    security_groups,
)
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document


class ClusterMember(Document):
    """A DB instance of a cluster."""

    instance_id: str = Field(description="The DB instance identifier.")
    is_writer: bool = Field(description="The instance is the cluster's primary (writer).")


@resource_type("aws.rds.db_cluster", "An Aurora or Multi-AZ DB cluster and its configuration.")
class DbCluster(Database):
    """An RDS DB cluster (Aurora, Multi-AZ DB cluster, Neptune or DocumentDB)."""

    engine_mode: str | None = Field(default=None, description="provisioned, serverless, ...")
    backtrack_window: int = Field(
        default=0, description="Aurora MySQL backtrack window in seconds; 0 means disabled."
    )
    publicly_accessible: bool | None = Field(
        default=None, description="Multi-AZ DB clusters: public endpoint; null for Aurora."
    )
    auto_minor_version_upgrade: bool | None = Field(
        default=None, description="Multi-AZ DB clusters: minor upgrades are automatic."
    )
    performance_insights_enabled: bool | None = Field(
        default=None, description="Multi-AZ DB clusters: Performance Insights; null for Aurora."
    )
    http_endpoint_enabled: bool = Field(default=False, description="The RDS Data API is enabled.")
    activity_stream_status: str | None = Field(
        default=None, description="Database activity stream: stopped, starting, started, stopping."
    )
    activity_stream_kms_key_id: str | None = Field(
        default=None, description="The KMS key encrypting the activity stream."
    )
    members: list[ClusterMember] = Field(default_factory=list, description="The DB instances.")
    parameter_group_name: str | None = Field(
        default=None, description="The aws.rds.db_cluster_parameter_group id."
    )
    endpoint: str | None = Field(default=None, description="The writer endpoint DNS name.")
    reader_endpoint: str | None = Field(default=None, description="The reader endpoint DNS name.")
    port: int | None = Field(default=None, description="The port the database listens on.")


_CLUSTER = Map(
    {
        **DATABASE_KEYS,
        "engine_mode": "EngineMode",
        "status": "Status",
        "create_time": "ClusterCreateTime",
        "backtrack_window": "BacktrackWindow",
        "http_endpoint_enabled": "HttpEndpointEnabled",
        "activity_stream_status": "ActivityStreamStatus",
        "activity_stream_kms_key_id": "ActivityStreamKmsKeyId",
        "parameter_group_name": "DBClusterParameterGroup",
        "subnet_group_name": "DBSubnetGroup",
        "endpoint": "Endpoint",
        "reader_endpoint": "ReaderEndpoint",
        "port": "Port",
    },
    present_only=True,
)


def _cluster(item: Any, ctx: RegionContext) -> Doc:
    members = item.get("DBClusterMembers") or ()
    return {
        **common(item, "DBClusterIdentifier", "DBClusterArn"),
        **_CLUSTER.read(item),
        "security_group_ids": security_groups(item),
        "members": [
            {"instance_id": m["DBInstanceIdentifier"], "is_writer": bool(m.get("IsClusterWriter"))}
            for m in members
        ],
    }


collectors.register(listed(DbCluster, "rds", "DescribeDBClusters", "DBClusters", _cluster))
