from __future__ import annotations

from cloudwarden.demo.seed import kafka as planted
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.inventory.resource import Resource
from tests.conftest import ACCOUNT_ID

CLUSTER = "aws.kafka.cluster"


def _named(inventory: Inventory, name: str) -> Resource:
    [cluster] = [r for r in inventory.of_type(CLUSTER) if r.name == name]
    return cluster


def test_secure_cluster_reports_every_control(demo_inventory: Inventory) -> None:
    cluster = _named(demo_inventory, planted.SECURE_CLUSTER).document()
    assert cluster["id"] == cluster["arn"]
    assert cluster["arn"].startswith(f"arn:aws:kafka:us-east-1:{ACCOUNT_ID}:cluster/")
    assert (cluster["cluster_type"], cluster["kafka_version"]) == ("PROVISIONED", "3.6.0")
    assert cluster["client_broker_encryption"] == "TLS"
    assert cluster["in_cluster_encryption"] is True
    assert cluster["at_rest_kms_key_id"].startswith(f"arn:aws:kms:us-east-1:{ACCOUNT_ID}:key/")
    assert cluster["public_access_type"] == "DISABLED"
    assert cluster["iam_authentication"] is True
    assert cluster["unauthenticated_access"] is False
    assert cluster["enhanced_monitoring"] == "PER_BROKER"
    assert cluster["broker_log_destinations"] == ["CloudWatchLogs"]
    assert cluster["tags"] == {"owner": "data-platform"}


def test_legacy_cluster_reports_its_weaknesses(demo_inventory: Inventory) -> None:
    cluster = _named(demo_inventory, planted.LEGACY_CLUSTER).document()
    assert cluster["client_broker_encryption"] == "TLS_PLAINTEXT"
    assert cluster["public_access_type"] == "SERVICE_PROVIDED_EIPS"
    assert cluster["unauthenticated_access"] is True
    assert (cluster["iam_authentication"], cluster["scram_authentication"]) == (False, False)
    assert cluster["tls_authentication"] is False
    assert cluster["broker_log_destinations"] == []


def test_serverless_cluster_is_private_tls_and_iam(demo_inventory: Inventory) -> None:
    cluster = _named(demo_inventory, planted.SERVERLESS_CLUSTER).document()
    assert cluster["cluster_type"] == "SERVERLESS"
    assert cluster["arn"].startswith(f"arn:aws:kafka:us-east-1:{ACCOUNT_ID}:serverless-cluster/")
    assert (cluster["client_broker_encryption"], cluster["public_access_type"]) == (
        "TLS",
        "DISABLED",
    )
    assert cluster["iam_authentication"] is True


def test_no_collection_errors(demo_inventory: Inventory) -> None:
    assert demo_inventory.errors_for(CLUSTER) == []
