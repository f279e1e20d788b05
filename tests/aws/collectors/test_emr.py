from __future__ import annotations

from cloudwarden.demo.seed import emr as planted
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.inventory.resource import Resource
from tests.conftest import find

CLUSTER = "aws.emr.cluster"
SETTINGS = "aws.emr.region_settings"


def _home(inventory: Inventory, type_name: str, name: str | None = None) -> Resource:
    """The resource in the home region (moto_server answers EMR calls of every region alike)."""
    [found] = [
        r
        for r in inventory.of_type(type_name)
        if r.region == "us-east-1" and (name is None or r.name == name)
    ]
    return found


def test_hardened_cluster_and_its_security_configuration(demo_inventory: Inventory) -> None:
    cluster = _home(demo_inventory, CLUSTER, planted.HARDENED_CLUSTER)
    doc = cluster.document()
    assert doc["id"].startswith("j-")
    assert doc["arn"].endswith(f":cluster/{doc['id']}")
    assert doc["state"] == "WAITING"
    assert doc["release_label"] == planted.RELEASE
    assert doc["log_uri"] == planted.LOG_BUCKET
    assert doc["security_configuration"] == planted.SECURITY_CONFIGURATION
    assert doc["at_rest_encryption"] is True
    assert doc["s3_encryption_mode"] == "SSE-KMS"
    assert doc["local_disk_encryption"] is True
    assert doc["in_transit_encryption"] is True
    assert doc["kerberos_enabled"] is False
    assert doc["master_security_group_ids"]
    subnet = find(demo_inventory, "aws.ec2.subnet", doc["subnet_id"]).document()
    assert subnet["map_public_ip_on_launch"] is False
    assert doc["tags"] == {"owner": "analytics"}
    assert doc["collection_errors"] == []


def test_legacy_cluster_without_security_configuration(demo_inventory: Inventory) -> None:
    doc = _home(demo_inventory, CLUSTER, planted.LEGACY_CLUSTER).document()
    assert doc["security_configuration"] is None
    assert (doc["at_rest_encryption"], doc["local_disk_encryption"]) == (False, False)
    assert doc["in_transit_encryption"] is False
    assert doc["log_uri"] is None
    assert doc["master_public_dns_name"].endswith(".amazonaws.com")
    assert doc["collection_errors"] == []
    assert demo_inventory.errors_for(CLUSTER) == []


def test_block_public_access_per_region(demo_inventory: Inventory) -> None:
    settings = _home(demo_inventory, SETTINGS).document()
    assert settings["id"] == "us-east-1"
    assert settings["block_public_security_group_rules"] is True
    assert settings["collection_errors"] == []
    assert demo_inventory.errors_for(SETTINGS) == []
