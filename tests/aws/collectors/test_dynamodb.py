from __future__ import annotations

import boto3

from cloudwarden.aws.credentials import Identity
from cloudwarden.demo.seed import dynamodb as planted
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.scan.discover import DiscoveryScope, discover
from tests.conftest import find

TABLE = "aws.dynamodb.table"


def test_no_listing_errors(demo_inventory: Inventory) -> None:
    assert demo_inventory.errors_for(TABLE) == []


def test_protected_table_has_every_control(demo_inventory: Inventory) -> None:
    table = find(demo_inventory, TABLE, planted.PROTECTED_TABLE).document()
    assert (
        table["arn"] == f"arn:aws:dynamodb:us-east-1:123456789012:table/{planted.PROTECTED_TABLE}"
    )
    assert table["region"] == "us-east-1"
    assert table["status"] == "ACTIVE"
    assert table["billing_mode"] == "PAY_PER_REQUEST"
    assert table["sse_status"] == "ENABLED"
    assert table["sse_type"] == "KMS"
    assert table["kms_key_arn"].startswith("arn:aws:kms:us-east-1:123456789012:key/")
    assert table["point_in_time_recovery_enabled"] is True
    assert table["point_in_time_recovery_days"] == 35
    assert table["deletion_protection_enabled"] is True
    assert table["stream_enabled"] is True
    assert table["stream_view_type"] == "NEW_AND_OLD_IMAGES"
    assert table["table_class"] == "STANDARD"
    assert table["replicas"] == []
    assert table["resource_policy"] is None
    assert table["tags"] == {"owner": "commerce"}
    assert table["collection_errors"] == []


def test_default_table_is_unprotected_and_public(demo_inventory: Inventory) -> None:
    table = find(demo_inventory, TABLE, planted.DEFAULT_TABLE).document()
    assert table["billing_mode"] == "PROVISIONED"
    # No SSEDescription: encrypted with an AWS owned key, which is the default.
    assert table["sse_status"] is None
    assert table["sse_type"] is None
    assert table["kms_key_arn"] is None
    assert table["point_in_time_recovery_enabled"] is False
    assert table["point_in_time_recovery_days"] is None
    assert table["deletion_protection_enabled"] is False
    assert table["stream_enabled"] is False
    assert table["resource_policy"]["Statement"][0]["Principal"] == "*"
    assert table["tags"] == {}
    assert table["collection_errors"] == []


def test_tables_are_regional(aws: boto3.Session, identity: Identity) -> None:
    for region in ("us-east-1", "eu-west-1"):
        aws.client("dynamodb", region_name=region).create_table(
            TableName=f"t-{region}",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
            SSESpecification={"Enabled": True},
        )
    inventory = discover(
        aws,
        identity,
        DiscoveryScope(resource_types=(TABLE,), regions=("us-east-1", "eu-west-1")),
    )
    by_region = {r.region: r.document() for r in inventory.of_type(TABLE)}
    assert by_region["us-east-1"]["id"] == "t-us-east-1"
    assert by_region["eu-west-1"]["id"] == "t-eu-west-1"
    assert (
        by_region["eu-west-1"]["arn"] == "arn:aws:dynamodb:eu-west-1:123456789012:table/t-eu-west-1"
    )
    # SSE enabled without a key: the AWS managed key (aws/dynamodb) is used.
    assert by_region["eu-west-1"]["sse_type"] == "KMS"
    assert inventory.errors_for(TABLE) == []
