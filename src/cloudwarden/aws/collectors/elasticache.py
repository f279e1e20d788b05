"""ElastiCache: Redis/Valkey replication groups, cache clusters (nodes) and backups (snapshots).

A replication group carries the settings a Redis or Valkey deployment is judged on (encryption,
AUTH or RBAC, failover, backups); standalone clusters, Memcached clusters and the members of a
group are cache clusters, which alone name their subnet group. Every describe call answers the
fields; tags come from ListTagsForResource by ARN.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, Source, Tags, default, each, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class LogDelivery(Document):
    """Where a Redis/Valkey log type (slow-log, engine-log) is delivered."""

    log_type: str | None = Field(default=None, description="slow-log or engine-log.")
    destination_type: str | None = Field(
        default=None, description="cloudwatch-logs or kinesis-firehose."
    )
    status: str | None = Field(
        default=None, description="active, enabling, modifying, disabling, error..."
    )


LOG_DELIVERY = Map(
    {"log_type": "LogType", "destination_type": "DestinationType", "status": "Status"}
)


class Cache(Resource):
    """What replication groups and cache clusters share."""

    engine: str | None = Field(default=None, description="redis, valkey or memcached.")
    status: str | None = Field(default=None, description="available, creating, modifying...")
    cache_node_type: str | None = Field(default=None, description="The node type, cache.t3.micro.")
    at_rest_encryption_enabled: bool = Field(
        default=False, description="Data on disk (backups, swap) is encrypted."
    )
    transit_encryption_enabled: bool = Field(
        default=False, description="Connections use TLS (in-transit encryption is on)."
    )
    transit_encryption_mode: str | None = Field(
        default=None,
        description="required (TLS only) or preferred (TLS and plaintext both accepted, during a "
        "migration); null when AWS does not report it.",
    )
    auth_token_enabled: bool = Field(
        default=False, description="Clients must send the Redis AUTH token (password)."
    )
    snapshot_retention_limit: int = Field(
        default=0, description="Days automatic backups are kept; 0 means they are off."
    )
    auto_minor_version_upgrade: bool | None = Field(
        default=None, description="Minor engine upgrades are applied automatically."
    )
    log_deliveries: list[LogDelivery] = Field(
        default_factory=list, description="Log types delivered (slow-log, engine-log)."
    )


_CACHE: dict[str, Source] = {
    "engine": "Engine",
    "cache_node_type": "CacheNodeType",
    "at_rest_encryption_enabled": ("AtRestEncryptionEnabled", default(False)),
    "transit_encryption_enabled": ("TransitEncryptionEnabled", default(False)),
    "transit_encryption_mode": "TransitEncryptionMode",
    "auth_token_enabled": ("AuthTokenEnabled", default(False)),
    "snapshot_retention_limit": ("SnapshotRetentionLimit", default(0)),
    "auto_minor_version_upgrade": "AutoMinorVersionUpgrade",
    "log_deliveries": ("LogDeliveryConfigurations", each(LOG_DELIVERY)),
}


@resource_type(
    "aws.elasticache.replication_group",
    "An ElastiCache Redis or Valkey replication group: encryption, AUTH/RBAC, failover, backups.",
)
class ReplicationGroup(Cache):
    """A replication group (a Redis/Valkey deployment of one or more shards); id is its name."""

    description: str | None = Field(default=None, description="The group's description.")
    kms_key_id: str | None = Field(
        default=None,
        description="The customer managed KMS key encrypting data at rest; null when the AWS "
        "managed default key is used (or at rest encryption is off).",
    )
    user_group_ids: list[str] = Field(
        default_factory=list,
        description="RBAC user groups controlling access (Redis 6+); empty means none.",
    )
    automatic_failover: str | None = Field(
        default=None, description="enabled, disabled, enabling or disabling."
    )
    multi_az: str | None = Field(
        default=None, description="enabled or disabled: replicas in other Availability Zones."
    )
    cluster_mode: str | None = Field(
        default=None, description="Cluster mode (sharding): enabled, disabled or compatible."
    )
    member_clusters: list[str] = Field(
        default_factory=list, description="The cache clusters (nodes) of the group."
    )
    snapshot_window: str | None = Field(
        default=None, description="The daily UTC window of automatic backups, e.g. 05:00-06:00."
    )
    create_time: datetime | None = Field(default=None, description="When it was created.")


@resource_type(
    "aws.elasticache.cache_cluster",
    "An ElastiCache cache cluster (Memcached cluster, or a Redis/Valkey node): subnet group.",
)
class CacheCluster(Cache):
    """A cache cluster; the members of a replication group are cache clusters too."""

    engine_version: str | None = Field(default=None, description="The engine version, e.g. 7.1.")
    replication_group_id: str | None = Field(
        default=None, description="The replication group it belongs to; null if standalone."
    )
    cache_subnet_group_name: str | None = Field(
        default=None,
        description="The cache subnet group; 'default' is the one ElastiCache creates in the "
        "default VPC.",
    )
    security_group_ids: list[str] = Field(
        default_factory=list, description="The VPC security groups of the nodes."
    )
    num_cache_nodes: int | None = Field(default=None, description="The number of nodes.")
    preferred_availability_zone: str | None = Field(
        default=None, description="The Availability Zone, or 'Multiple' for Memcached."
    )
    create_time: datetime | None = Field(default=None, description="When it was created.")


@resource_type(
    "aws.elasticache.snapshot", "An ElastiCache backup (Redis/Valkey snapshot) and its KMS key."
)
class CacheSnapshot(Resource):
    """A snapshot, manual or automatic; id is its name."""

    source: str | None = Field(default=None, description="manual or automated.")
    status: str | None = Field(default=None, description="creating, available, exporting...")
    engine: str | None = Field(default=None, description="redis or valkey.")
    replication_group_id: str | None = Field(
        default=None, description="The replication group backed up, if any."
    )
    cache_cluster_id: str | None = Field(
        default=None, description="The cache cluster backed up, for a standalone node."
    )
    kms_key_id: str | None = Field(
        default=None, description="The customer managed KMS key encrypting it; null if none."
    )


def _common(item: Any, id_key: str) -> Doc:
    return {"id": item[id_key], "name": item[id_key], "arn": item.get("ARN")}


_GROUP = Map(
    {
        **_CACHE,
        "description": "Description",
        "status": "Status",
        "kms_key_id": "KmsKeyId",
        "user_group_ids": ("UserGroupIds", strings),
        "automatic_failover": "AutomaticFailover",
        "multi_az": "MultiAZ",
        "cluster_mode": "ClusterMode",
        "member_clusters": ("MemberClusters", strings),
        "snapshot_window": "SnapshotWindow",
        "create_time": "ReplicationGroupCreateTime",
    }
)

_CLUSTER = Map(
    {
        **_CACHE,
        "status": "CacheClusterStatus",
        "engine_version": "EngineVersion",
        "replication_group_id": "ReplicationGroupId",
        "cache_subnet_group_name": "CacheSubnetGroupName",
        "security_group_ids": ("SecurityGroups[].SecurityGroupId", strings),
        "num_cache_nodes": "NumCacheNodes",
        "preferred_availability_zone": "PreferredAvailabilityZone",
        "create_time": "CacheClusterCreateTime",
    }
)

_SNAPSHOT = Map(
    {
        "source": "SnapshotSource",
        "status": "SnapshotStatus",
        "engine": "Engine",
        "replication_group_id": "ReplicationGroupId",
        "cache_cluster_id": "CacheClusterId",
        "kms_key_id": "KmsKeyId",
    }
)


def _group(item: Any, ctx: RegionContext) -> Doc:
    return {**_common(item, "ReplicationGroupId"), **_GROUP.read(item)}


def _cluster(item: Any, ctx: RegionContext) -> Doc:
    return {**_common(item, "CacheClusterId"), **_CLUSTER.read(item)}


def _snapshot(item: Any, ctx: RegionContext) -> Doc:
    doc = {**_common(item, "SnapshotName"), **_SNAPSHOT.read(item)}
    doc["arn"] = doc["arn"] or ctx.arn("elasticache", f"snapshot:{item['SnapshotName']}")
    return doc


TAGS = Detail(
    Call("ListTagsForResource", lambda doc: {"ResourceName": doc["arn"]}),
    Tags("TagList"),
    when=lambda doc: bool(doc.get("arn")),
)

collectors.register(
    listed(
        ReplicationGroup,
        "elasticache",
        "DescribeReplicationGroups",
        "ReplicationGroups",
        _group,
        TAGS,
    ),
    listed(CacheCluster, "elasticache", "DescribeCacheClusters", "CacheClusters", _cluster, TAGS),
    listed(CacheSnapshot, "elasticache", "DescribeSnapshots", "Snapshots", _snapshot, TAGS),
)
