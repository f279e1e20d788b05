from __future__ import annotations

from cloudwarden.demo.seed import memorydb as planted
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import ACCOUNT_ID, find

CLUSTER = "aws.memorydb.cluster"


def test_secure_cluster_reports_every_control(demo_inventory: Inventory) -> None:
    cluster = find(demo_inventory, CLUSTER, planted.SECURE_CLUSTER).document()
    assert cluster["arn"] == (
        f"arn:aws:memorydb:us-east-1:{ACCOUNT_ID}:cluster/{planted.SECURE_CLUSTER}"
    )
    assert cluster["tls_enabled"] is True
    assert cluster["acl_name"] == planted.APP_ACL
    assert cluster["kms_key_id"].startswith(f"arn:aws:kms:us-east-1:{ACCOUNT_ID}:key/")
    assert cluster["snapshot_retention_limit"] == 7
    assert cluster["auto_minor_version_upgrade"] is True
    assert cluster["tags"] == {"owner": "payments"}
    assert cluster["collection_errors"] == []


def test_open_cluster_reports_its_weaknesses(demo_inventory: Inventory) -> None:
    cluster = find(demo_inventory, CLUSTER, planted.OPEN_CLUSTER).document()
    assert (cluster["tls_enabled"], cluster["acl_name"]) == (False, "open-access")
    assert cluster["kms_key_id"] is None
    assert cluster["snapshot_retention_limit"] == 0
    assert cluster["auto_minor_version_upgrade"] is False


def test_no_collection_errors(demo_inventory: Inventory) -> None:
    assert demo_inventory.errors_for(CLUSTER) == []
