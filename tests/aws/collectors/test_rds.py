from __future__ import annotations

from typing import Any

import boto3
import pytest

from cloudwarden.aws.credentials import Identity
from cloudwarden.demo.seed import rds as planted
from cloudwarden.inventory.errors import ErrorKind
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.scan.discover import DiscoveryScope, discover
from tests.conftest import find

INSTANCE = "aws.rds.db_instance"
CLUSTER = "aws.rds.db_cluster"
SNAPSHOT = "aws.rds.db_snapshot"
CLUSTER_SNAPSHOT = "aws.rds.db_cluster_snapshot"
PARAMETER_GROUP = "aws.rds.db_parameter_group"
CLUSTER_PARAMETER_GROUP = "aws.rds.db_cluster_parameter_group"
EVENT_SUBSCRIPTION = "aws.rds.event_subscription"
TYPES = (
    INSTANCE,
    CLUSTER,
    SNAPSHOT,
    CLUSTER_SNAPSHOT,
    PARAMETER_GROUP,
    CLUSTER_PARAMETER_GROUP,
    EVENT_SUBSCRIPTION,
)
KMS_KEY_PREFIX = "arn:aws:kms:us-east-1:123456789012:key/"


def _doc(inventory: Inventory, type_name: str, resource_id: str) -> dict[str, Any]:
    return find(inventory, type_name, resource_id).document()


def _errors_besides_pending_maintenance(instance: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        error
        for error in instance["collection_errors"]
        if error["operation"] != "DescribePendingMaintenanceActions"
    ]


@pytest.mark.parametrize("type_name", TYPES)
def test_no_listing_errors(demo_inventory: Inventory, type_name: str) -> None:
    assert demo_inventory.errors_for(type_name) == []


def test_public_unencrypted_instance_shows_every_weakness(demo_inventory: Inventory) -> None:
    db = _doc(demo_inventory, INSTANCE, planted.PUBLIC_MYSQL)
    assert db["arn"] == f"arn:aws:rds:us-east-1:123456789012:db:{planted.PUBLIC_MYSQL}"
    assert db["region"] == "us-east-1"
    assert db["engine"] == "mysql"
    assert db["engine_version"] == "8.0.35"
    assert db["instance_class"] == "db.t3.micro"
    assert db["status"] == "available"
    assert db["publicly_accessible"] is True
    assert db["storage_encrypted"] is False
    assert db["kms_key_id"] is None
    assert db["backup_retention_period"] == 0
    assert db["deletion_protection"] is False
    assert db["multi_az"] is False
    assert db["iam_database_authentication_enabled"] is False
    assert db["auto_minor_version_upgrade"] is False
    assert db["enabled_cloudwatch_logs_exports"] == []
    assert db["copy_tags_to_snapshot"] is False
    assert db["master_username"] == "admin"
    assert db["endpoint_port"] == 3306
    assert db["endpoint_address"].startswith(f"{planted.PUBLIC_MYSQL}.")
    assert db["subnet_group_name"] == planted.DEFAULT_SUBNET_GROUP
    assert db["vpc_id"].startswith("vpc-")
    assert db["security_group_ids"]
    assert all(group.startswith("sg-") for group in db["security_group_ids"])
    assert db["parameter_group_names"] == ["default.mysql8.0"]
    assert db["tags"] == {}
    assert _errors_besides_pending_maintenance(db) == []


def test_private_instance_has_every_control(demo_inventory: Inventory) -> None:
    db = _doc(demo_inventory, INSTANCE, planted.PRIVATE_POSTGRES)
    assert db["engine"] == "postgres"
    assert db["publicly_accessible"] is False
    assert db["storage_encrypted"] is True
    assert db["kms_key_id"].startswith(KMS_KEY_PREFIX)
    assert db["multi_az"] is True
    assert db["backup_retention_period"] == 14
    assert db["deletion_protection"] is True
    assert db["iam_database_authentication_enabled"] is True
    assert db["auto_minor_version_upgrade"] is True
    assert db["copy_tags_to_snapshot"] is True
    assert db["enabled_cloudwatch_logs_exports"] == ["postgresql", "upgrade"]
    assert db["ca_certificate_identifier"] == "rds-ca-rsa2048-g1"
    assert db["subnet_group_name"] == planted.PRIVATE_SUBNET_GROUP
    assert db["parameter_group_names"] == [planted.PARAMS_FORCE_TLS]
    assert db["monitoring_interval"] == 0
    assert db["db_cluster_identifier"] is None
    assert db["tags"] == {"owner": "data-platform"}
    assert _errors_besides_pending_maintenance(db) == []


def test_pending_maintenance_is_an_error_where_the_emulator_lacks_it(
    demo_inventory: Inventory,
) -> None:
    # moto does not implement DescribePendingMaintenanceActions: the scanner must say the field
    # is uncollected (not_supported) rather than report "no pending maintenance".
    for instance_id in (planted.PUBLIC_MYSQL, planted.PRIVATE_POSTGRES, planted.AURORA_INSTANCE):
        db = _doc(demo_inventory, INSTANCE, instance_id)
        (error,) = [
            e
            for e in db["collection_errors"]
            if e["operation"] == "DescribePendingMaintenanceActions"
        ]
        assert error["kind"] in (ErrorKind.NOT_SUPPORTED, ErrorKind.SERVICE_ERROR)
        assert error["fields"] == ["pending_maintenance_actions"]
        assert error["resource_id"] == instance_id
        assert db["pending_maintenance_actions"] == []
        assert find(demo_inventory, INSTANCE, instance_id).missing_fields() == {
            "pending_maintenance_actions"
        }


def test_instance_in_the_second_region(demo_inventory: Inventory) -> None:
    db = _doc(demo_inventory, INSTANCE, planted.EU_INSTANCE)
    assert db["region"] == "eu-west-1"
    assert db["arn"] == f"arn:aws:rds:eu-west-1:123456789012:db:{planted.EU_INSTANCE}"
    assert db["engine"] == "mariadb"
    assert db["storage_encrypted"] is False
    assert db["backup_retention_period"] == 1
    eu_instances = {r.id for r in demo_inventory.of_type(INSTANCE) if r.region == "eu-west-1"}
    assert planted.PUBLIC_MYSQL not in eu_instances


def test_aurora_cluster_and_its_member(demo_inventory: Inventory) -> None:
    cluster = _doc(demo_inventory, CLUSTER, planted.AURORA_CLUSTER)
    assert cluster["arn"] == f"arn:aws:rds:us-east-1:123456789012:cluster:{planted.AURORA_CLUSTER}"
    assert cluster["engine"] == "aurora-postgresql"
    assert cluster["engine_mode"] == "provisioned"
    assert cluster["storage_encrypted"] is True
    assert cluster["kms_key_id"].startswith(KMS_KEY_PREFIX)
    assert cluster["deletion_protection"] is True
    assert cluster["backup_retention_period"] == 7
    assert cluster["backtrack_window"] == 0
    assert cluster["iam_database_authentication_enabled"] is True
    assert cluster["enabled_cloudwatch_logs_exports"] == ["postgresql"]
    assert cluster["copy_tags_to_snapshot"] is True
    assert cluster["parameter_group_name"] == planted.CLUSTER_PARAMS
    assert cluster["subnet_group_name"] == planted.PRIVATE_SUBNET_GROUP
    assert cluster["security_group_ids"]
    assert cluster["members"] == [{"instance_id": planted.AURORA_INSTANCE, "is_writer": True}]
    assert cluster["port"] == 5432
    assert cluster["http_endpoint_enabled"] is False
    assert cluster["activity_stream_status"] is None
    assert cluster["tags"] == {"owner": "data-platform"}
    assert cluster["collection_errors"] == []

    member = _doc(demo_inventory, INSTANCE, planted.AURORA_INSTANCE)
    assert member["db_cluster_identifier"] == planted.AURORA_CLUSTER
    assert member["engine"] == "aurora-postgresql"
    assert member["storage_encrypted"] is True


def test_public_snapshot_is_shared_with_all(demo_inventory: Inventory) -> None:
    snapshot = _doc(demo_inventory, SNAPSHOT, planted.PUBLIC_SNAPSHOT)
    assert snapshot["public"] is True
    assert snapshot["restore_shared_with"] == ["all"]
    assert snapshot["snapshot_type"] == "manual"
    assert snapshot["encrypted"] is False
    assert snapshot["kms_key_id"] is None
    assert snapshot["engine"] == "mysql"
    assert snapshot["db_instance_identifier"] == planted.PUBLIC_MYSQL
    assert snapshot["collection_errors"] == []


def test_private_snapshot_is_shared_with_one_account_only(demo_inventory: Inventory) -> None:
    snapshot = _doc(demo_inventory, SNAPSHOT, planted.PRIVATE_SNAPSHOT)
    assert snapshot["public"] is False
    assert snapshot["restore_shared_with"] == [planted.SHARED_WITH_ACCOUNT]
    assert snapshot["encrypted"] is True
    assert snapshot["kms_key_id"].startswith(KMS_KEY_PREFIX)
    assert snapshot["engine"] == "postgres"
    assert snapshot["tags"] == {"owner": "data-platform"}
    assert snapshot["collection_errors"] == []


def test_automated_snapshots_are_not_asked_for_sharing(demo_inventory: Inventory) -> None:
    automated = [
        r.document()
        for r in demo_inventory.of_type(SNAPSHOT)
        if r.document()["snapshot_type"] == "automated"
    ]
    assert automated  # moto takes one per instance
    for snapshot in automated:
        assert snapshot["id"].startswith("rds:")
        assert snapshot["public"] is False
        assert snapshot["restore_shared_with"] == []
        assert snapshot["collection_errors"] == []


def test_cluster_snapshot(demo_inventory: Inventory) -> None:
    snapshot = _doc(demo_inventory, CLUSTER_SNAPSHOT, planted.CLUSTER_SNAPSHOT)
    assert snapshot["arn"] == (
        f"arn:aws:rds:us-east-1:123456789012:cluster-snapshot:{planted.CLUSTER_SNAPSHOT}"
    )
    assert snapshot["snapshot_type"] == "manual"
    assert snapshot["db_cluster_identifier"] == planted.AURORA_CLUSTER
    assert snapshot["encrypted"] is True
    assert snapshot["kms_key_id"].startswith(KMS_KEY_PREFIX)
    assert snapshot["public"] is False
    assert snapshot["restore_shared_with"] == []
    assert snapshot["collection_errors"] == []


def test_parameter_groups_show_whether_tls_is_forced(demo_inventory: Inventory) -> None:
    no_tls = _doc(demo_inventory, PARAMETER_GROUP, planted.PARAMS_NO_TLS)
    assert no_tls["family"] == "postgres16"
    assert no_tls["is_default"] is False
    assert no_tls["parameters"] == {"rds.force_ssl": "0", "log_connections": "0"}
    assert no_tls["tags"] == {"owner": "data-platform"}
    assert no_tls["collection_errors"] == []

    force_tls = _doc(demo_inventory, PARAMETER_GROUP, planted.PARAMS_FORCE_TLS)
    assert force_tls["parameters"]["rds.force_ssl"] == "1"
    assert force_tls["parameters"]["log_connections"] == "1"
    assert force_tls["arn"] == f"arn:aws:rds:us-east-1:123456789012:pg:{planted.PARAMS_FORCE_TLS}"


def test_default_parameter_groups_are_marked(demo_inventory: Inventory) -> None:
    default = _doc(demo_inventory, PARAMETER_GROUP, "default.mysql8.0")
    assert default["is_default"] is True
    assert default["family"] == "mysql8.0"
    assert default["collection_errors"] == []


def test_cluster_parameter_group(demo_inventory: Inventory) -> None:
    group = _doc(demo_inventory, CLUSTER_PARAMETER_GROUP, planted.CLUSTER_PARAMS)
    assert group["family"] == "aurora-postgresql16"
    assert group["parameters"] == {"rds.force_ssl": "1"}
    assert group["tags"] == {"owner": "data-platform"}
    assert group["collection_errors"] == []


def test_event_subscription(demo_inventory: Inventory) -> None:
    subscription = _doc(demo_inventory, EVENT_SUBSCRIPTION, planted.EVENT_SUBSCRIPTION)
    assert subscription["arn"] == (
        f"arn:aws:rds:us-east-1:123456789012:es:{planted.EVENT_SUBSCRIPTION}"
    )
    assert subscription["enabled"] is True
    assert subscription["source_type"] == "db-instance"
    assert subscription["source_ids"] == []
    assert set(subscription["event_categories"]) == {"failure", "configuration change", "deletion"}
    assert subscription["sns_topic_arn"].endswith(":cw-demo-rds-events")
    assert subscription["collection_errors"] == []


def _discover_rds(aws: boto3.Session, identity: Identity) -> Inventory:
    return discover(aws, identity, DiscoveryScope(resource_types=TYPES, regions=("us-east-1",)))


def test_empty_account_has_nothing_and_no_errors(aws: boto3.Session, identity: Identity) -> None:
    inventory = _discover_rds(aws, identity)
    for type_name in TYPES:
        assert list(inventory.of_type(type_name)) == []
        assert inventory.errors_for(type_name) == []


def test_public_cluster_snapshot(aws: boto3.Session, identity: Identity) -> None:
    rds = aws.client("rds", region_name="us-east-1")
    rds.create_db_cluster(
        DBClusterIdentifier="plain",
        Engine="aurora-mysql",
        MasterUsername="admin",
        MasterUserPassword="cw-test-Passw0rd",
    )
    rds.create_db_cluster_snapshot(DBClusterSnapshotIdentifier="open", DBClusterIdentifier="plain")
    rds.modify_db_cluster_snapshot_attribute(
        DBClusterSnapshotIdentifier="open", AttributeName="restore", ValuesToAdd=["all"]
    )
    inventory = _discover_rds(aws, identity)
    snapshot = _doc(inventory, CLUSTER_SNAPSHOT, "open")
    assert snapshot["public"] is True
    assert snapshot["restore_shared_with"] == ["all"]
    assert snapshot["encrypted"] is False
    cluster = _doc(inventory, CLUSTER, "plain")
    assert cluster["storage_encrypted"] is False
    assert cluster["deletion_protection"] is False
    assert cluster["members"] == []
