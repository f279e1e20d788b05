"""ElastiCache (home region): a hardened Redis replication group and a bare one, Memcached and
standalone Redis clusters in a private subnet group and in the default one, and a backup of each
replication group (the hardened one's encrypted with the demo KMS key).

moto notes: a replication group gets one member cluster whatever NumCacheClusters says, and its
members are not listed by DescribeCacheClusters; user groups (RBAC) cannot be created, so the
hardened group uses an AUTH token.
"""

from __future__ import annotations

from typing import Any

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.kms import ensure_data_key

SECURE_GROUP = "cw-demo-sessions-redis"
OPEN_GROUP = "cw-demo-legacy-redis"
PRIVATE_MEMCACHED = "cw-demo-catalog-memcached"
DEFAULT_MEMCACHED = "cw-demo-legacy-memcached"
BACKED_UP_NODE = "cw-demo-queue-redis"
UNBACKED_NODE = "cw-demo-scratch-redis"
SECURE_SNAPSHOT = "cw-demo-sessions-redis-manual"
OPEN_SNAPSHOT = "cw-demo-legacy-redis-manual"
PRIVATE_SUBNET_GROUP = "cw-demo-cache-private"
DEFAULT_SUBNET_GROUP = "default"
SLOW_LOG_GROUP = "/cw-demo/elasticache/slow-log"
AUTH_TOKEN = "cw-demo-redis-auth-token-0001"  # noqa: S105 - a fake token for an emulated cache
NODE_TYPE = "cache.t3.micro"
TAGS = [{"Key": "owner", "Value": "platform"}]


def _subnet_groups(ctx: SeedContext) -> None:
    """A private subnet group, and the default one AWS creates itself (moto does not)."""
    ec2 = ctx.client("ec2", ctx.home)
    # A subnet group's subnets share one VPC: take the default VPC's (other seeders add VPCs).
    default_subnets = ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])
    subnets = [s["SubnetId"] for s in default_subnets["Subnets"]]
    elasticache = ctx.client("elasticache", ctx.home)
    for name in (PRIVATE_SUBNET_GROUP, DEFAULT_SUBNET_GROUP):
        elasticache.create_cache_subnet_group(
            CacheSubnetGroupName=name,
            CacheSubnetGroupDescription=f"{name} (cw-demo)",
            SubnetIds=subnets[:2],
        )


def _groups(elasticache: Any, key: str) -> None:
    elasticache.create_replication_group(
        ReplicationGroupId=SECURE_GROUP,
        ReplicationGroupDescription="user sessions",
        Engine="redis",
        EngineVersion="7.1",
        CacheNodeType=NODE_TYPE,
        NumCacheClusters=2,
        CacheSubnetGroupName=PRIVATE_SUBNET_GROUP,
        AtRestEncryptionEnabled=True,
        KmsKeyId=key,
        TransitEncryptionEnabled=True,
        AuthToken=AUTH_TOKEN,
        AutomaticFailoverEnabled=True,
        MultiAZEnabled=True,
        SnapshotRetentionLimit=7,
        AutoMinorVersionUpgrade=True,
        LogDeliveryConfigurations=[
            {
                "LogType": "slow-log",
                "DestinationType": "cloudwatch-logs",
                "DestinationDetails": {"CloudWatchLogsDetails": {"LogGroup": SLOW_LOG_GROUP}},
                "LogFormat": "json",
            }
        ],
        Tags=TAGS,
    )
    elasticache.create_replication_group(
        ReplicationGroupId=OPEN_GROUP,
        ReplicationGroupDescription="legacy cache",
        Engine="redis",
        EngineVersion="5.0.6",
        CacheNodeType=NODE_TYPE,
        NumCacheClusters=1,
        CacheSubnetGroupName=DEFAULT_SUBNET_GROUP,
        AutoMinorVersionUpgrade=False,
    )
    elasticache.create_snapshot(
        ReplicationGroupId=SECURE_GROUP, SnapshotName=SECURE_SNAPSHOT, KmsKeyId=key
    )
    elasticache.create_snapshot(ReplicationGroupId=OPEN_GROUP, SnapshotName=OPEN_SNAPSHOT)


CLUSTERS: tuple[dict[str, Any], ...] = (
    {
        "CacheClusterId": PRIVATE_MEMCACHED,
        "Engine": "memcached",
        "EngineVersion": "1.6.22",
        "CacheSubnetGroupName": PRIVATE_SUBNET_GROUP,
        "TransitEncryptionEnabled": True,
        "AutoMinorVersionUpgrade": True,
        "Tags": TAGS,
    },
    {
        "CacheClusterId": DEFAULT_MEMCACHED,
        "Engine": "memcached",
        "EngineVersion": "1.5.16",
        "CacheSubnetGroupName": DEFAULT_SUBNET_GROUP,
        "AutoMinorVersionUpgrade": False,
    },
    {
        "CacheClusterId": BACKED_UP_NODE,
        "Engine": "redis",
        "EngineVersion": "7.1",
        "CacheSubnetGroupName": PRIVATE_SUBNET_GROUP,
        "SnapshotRetentionLimit": 3,
        "AutoMinorVersionUpgrade": True,
    },
    {
        "CacheClusterId": UNBACKED_NODE,
        "Engine": "redis",
        "EngineVersion": "6.2",
        "CacheSubnetGroupName": DEFAULT_SUBNET_GROUP,
        "SnapshotRetentionLimit": 0,
        "AutoMinorVersionUpgrade": True,
    },
)
"""The standalone clusters: a private and a default-subnet-group one of each engine."""


def seed(ctx: SeedContext) -> None:
    elasticache = ctx.client("elasticache", ctx.home)
    _subnet_groups(ctx)
    _groups(elasticache, ensure_data_key(ctx))
    for cluster in CLUSTERS:
        elasticache.create_cache_cluster(CacheNodeType=NODE_TYPE, NumCacheNodes=1, **cluster)
