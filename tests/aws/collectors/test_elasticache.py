from __future__ import annotations

from cloudwarden.demo.seed import elasticache as planted
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import ACCOUNT_ID, find

GROUP = "aws.elasticache.replication_group"
CLUSTER = "aws.elasticache.cache_cluster"
SNAPSHOT = "aws.elasticache.snapshot"


def test_hardened_replication_group_reports_every_control(demo_inventory: Inventory) -> None:
    group = find(demo_inventory, GROUP, planted.SECURE_GROUP).document()
    assert group["arn"] == (
        f"arn:aws:elasticache:us-east-1:{ACCOUNT_ID}:replicationgroup:{planted.SECURE_GROUP}"
    )
    assert group["engine"] == "redis"
    assert group["status"] == "available"
    assert group["at_rest_encryption_enabled"] is True
    assert group["kms_key_id"].startswith(f"arn:aws:kms:us-east-1:{ACCOUNT_ID}:key/")
    assert group["transit_encryption_enabled"] is True
    assert group["auth_token_enabled"] is True
    assert group["automatic_failover"] == "enabled"
    assert group["multi_az"] == "enabled"
    assert group["snapshot_retention_limit"] == 7
    assert group["auto_minor_version_upgrade"] is True
    assert group["log_deliveries"] == [
        {"log_type": "slow-log", "destination_type": "cloudwatch-logs", "status": "active"}
    ]
    assert group["member_clusters"]
    assert group["tags"] == {"owner": "platform"}
    assert group["collection_errors"] == []


def test_bare_replication_group_reports_its_weaknesses(demo_inventory: Inventory) -> None:
    group = find(demo_inventory, GROUP, planted.OPEN_GROUP).document()
    assert group["at_rest_encryption_enabled"] is False
    assert group["kms_key_id"] is None
    assert group["transit_encryption_enabled"] is False
    assert group["auth_token_enabled"] is False
    assert group["user_group_ids"] == []
    assert group["automatic_failover"] == "disabled"
    assert group["multi_az"] == "disabled"
    assert group["snapshot_retention_limit"] == 0
    assert group["log_deliveries"] == []
    assert group["tags"] == {}


def test_cache_clusters_name_their_subnet_group(demo_inventory: Inventory) -> None:
    private = find(demo_inventory, CLUSTER, planted.PRIVATE_MEMCACHED).document()
    assert private["engine"] == "memcached"
    assert private["cache_subnet_group_name"] == planted.PRIVATE_SUBNET_GROUP
    assert private["transit_encryption_enabled"] is True
    assert private["auto_minor_version_upgrade"] is True
    assert private["replication_group_id"] is None
    assert private["tags"] == {"owner": "platform"}
    legacy = find(demo_inventory, CLUSTER, planted.DEFAULT_MEMCACHED).document()
    assert legacy["cache_subnet_group_name"] == "default"
    assert legacy["transit_encryption_enabled"] is False
    assert legacy["auto_minor_version_upgrade"] is False
    backed_up = find(demo_inventory, CLUSTER, planted.BACKED_UP_NODE).document()
    assert (backed_up["engine"], backed_up["snapshot_retention_limit"]) == ("redis", 3)
    unbacked = find(demo_inventory, CLUSTER, planted.UNBACKED_NODE).document()
    assert unbacked["snapshot_retention_limit"] == 0


def test_snapshots_carry_their_kms_key(demo_inventory: Inventory) -> None:
    encrypted = find(demo_inventory, SNAPSHOT, planted.SECURE_SNAPSHOT).document()
    assert encrypted["replication_group_id"] == planted.SECURE_GROUP
    assert encrypted["source"] == "manual"
    assert encrypted["kms_key_id"].startswith(f"arn:aws:kms:us-east-1:{ACCOUNT_ID}:key/")
    plain = find(demo_inventory, SNAPSHOT, planted.OPEN_SNAPSHOT).document()
    assert plain["kms_key_id"] is None


def test_no_collection_errors(demo_inventory: Inventory) -> None:
    for type_name in (GROUP, CLUSTER, SNAPSHOT):
        assert demo_inventory.errors_for(type_name) == []
