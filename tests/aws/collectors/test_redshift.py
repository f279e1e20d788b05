from __future__ import annotations

import boto3

from cloudwarden.aws.credentials import Identity
from cloudwarden.demo.seed import redshift as planted
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.scan.discover import DiscoveryScope, discover
from tests.conftest import ACCOUNT_ID, find

CLUSTER = "aws.redshift.cluster"


def test_public_cluster_shows_every_weakness(demo_inventory: Inventory) -> None:
    cluster = find(demo_inventory, CLUSTER, planted.PUBLIC_CLUSTER).document()
    assert cluster["arn"] == (
        f"arn:aws:redshift:us-east-1:{ACCOUNT_ID}:cluster:{planted.PUBLIC_CLUSTER}"
    )
    assert cluster["region"] == "us-east-1"
    assert cluster["node_type"] == "dc2.large"
    assert cluster["status"] == "available"
    assert cluster["publicly_accessible"] is True
    assert cluster["encrypted"] is False
    assert cluster["kms_key_id"] is None
    assert cluster["enhanced_vpc_routing"] is False
    assert cluster["allow_version_upgrade"] is False
    assert cluster["automated_snapshot_retention_period"] == 1
    assert cluster["master_username"] == planted.DEFAULT_MASTER
    assert cluster["endpoint_port"] == 5439
    assert cluster["endpoint_address"].startswith(f"{planted.PUBLIC_CLUSTER}.")
    assert cluster["logging_enabled"] is False
    assert cluster["logging_destination_type"] is None
    assert cluster["logging_bucket"] is None
    assert cluster["logging_log_exports"] == []
    assert cluster["collection_errors"] == []


def test_private_cluster_has_every_control(demo_inventory: Inventory) -> None:
    cluster = find(demo_inventory, CLUSTER, planted.PRIVATE_CLUSTER).document()
    assert cluster["publicly_accessible"] is False
    assert cluster["encrypted"] is True
    # The kms seeder's data key, when it ran (CW_SEED_ONLY=redshift seeds no key).
    assert cluster["kms_key_id"] is None or cluster["kms_key_id"].startswith(
        f"arn:aws:kms:us-east-1:{ACCOUNT_ID}:key/"
    )
    assert cluster["enhanced_vpc_routing"] is True
    assert cluster["allow_version_upgrade"] is True
    assert cluster["automated_snapshot_retention_period"] == 14
    assert cluster["master_username"] == planted.CUSTOM_MASTER
    assert cluster["number_of_nodes"] == 2
    assert cluster["subnet_group_name"] == planted.SUBNET_GROUP
    assert len(cluster["security_group_ids"]) == 1
    assert cluster["security_group_ids"][0].startswith("sg-")
    assert cluster["parameter_group_names"] == [planted.PARAMETER_GROUP]
    assert cluster["logging_enabled"] is True
    assert cluster["logging_destination_type"] == "cloudwatch"
    assert cluster["logging_log_exports"] == planted.LOG_EXPORTS
    assert cluster["tags"] == {"owner": "data-platform"}
    assert cluster["collection_errors"] == []


def test_eu_cluster_is_found_in_its_region(demo_inventory: Inventory) -> None:
    cluster = find(demo_inventory, CLUSTER, planted.EU_CLUSTER)
    assert cluster.region == "eu-west-1"
    assert cluster.arn == f"arn:aws:redshift:eu-west-1:{ACCOUNT_ID}:cluster:{planted.EU_CLUSTER}"
    assert cluster.document()["logging_enabled"] is False


def test_no_collection_errors(demo_inventory: Inventory) -> None:
    assert demo_inventory.errors_for(CLUSTER) == []


def test_s3_logging_without_destination_type_reads_as_s3(
    aws: boto3.Session, identity: Identity
) -> None:
    # moto (like older AWS answers) omits LogDestinationType for S3 logging.
    aws.client("s3").create_bucket(Bucket="cw-test-redshift-logs")
    redshift = aws.client("redshift")
    redshift.create_cluster(
        ClusterIdentifier="cw-test-cluster",
        ClusterType="single-node",
        NodeType="dc2.large",
        MasterUsername="cwtest",
        MasterUserPassword="cw-test-Passw0rd1",
    )
    redshift.enable_logging(
        ClusterIdentifier="cw-test-cluster", BucketName="cw-test-redshift-logs", S3KeyPrefix="rs/"
    )
    inventory = discover(
        aws, identity, DiscoveryScope(resource_types=(CLUSTER,), regions=("us-east-1",))
    )
    cluster = find(inventory, CLUSTER, "cw-test-cluster").document()
    assert cluster["logging_enabled"] is True
    assert cluster["logging_destination_type"] == "s3"
    assert cluster["logging_bucket"] == "cw-test-redshift-logs"
    assert cluster["logging_s3_key_prefix"] == "rs/"
    assert cluster["collection_errors"] == []
