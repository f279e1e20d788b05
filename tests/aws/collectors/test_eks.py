from __future__ import annotations

from cloudwarden.demo.seed import eks as planted
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import find

TYPE = "aws.eks.cluster"


def test_public_cluster_is_open_unencrypted_and_unlogged(demo_inventory: Inventory) -> None:
    cluster = find(demo_inventory, TYPE, planted.PUBLIC_CLUSTER).document()
    assert cluster["arn"] == f"arn:aws:eks:us-east-1:123456789012:cluster/{planted.PUBLIC_CLUSTER}"
    assert cluster["version"] == planted.OLD_VERSION
    assert cluster["status"] == "ACTIVE"
    assert cluster["endpoint_public_access"] is True
    assert cluster["endpoint_private_access"] is False
    assert cluster["public_access_cidrs"] == ["0.0.0.0/0"]
    assert cluster["encryption_config"] == []
    assert cluster["enabled_log_types"] == []
    assert cluster["role_arn"].endswith(f":role/{planted.CLUSTER_ROLE}")
    assert len(cluster["subnet_ids"]) == 2
    assert cluster["tags"] == {}
    assert cluster["collection_errors"] == []


def test_private_cluster_encrypts_secrets_and_logs_everything(demo_inventory: Inventory) -> None:
    cluster = find(demo_inventory, TYPE, planted.PRIVATE_CLUSTER).document()
    assert cluster["version"] == planted.CURRENT_VERSION
    assert cluster["endpoint_public_access"] is False
    assert cluster["endpoint_private_access"] is True
    [encryption] = cluster["encryption_config"]
    assert encryption["resources"] == ["secrets"]
    assert encryption["kms_key_arn"].startswith("arn:aws:kms:us-east-1:123456789012:key/")
    assert cluster["enabled_log_types"] == sorted(planted.LOG_TYPES)
    assert cluster["platform_version"]
    assert cluster["oidc_issuer"].startswith("https://")
    assert cluster["tags"] == {"owner": "platform"}
    assert cluster["collection_errors"] == []
    assert demo_inventory.errors_for(TYPE) == []
