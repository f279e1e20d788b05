from __future__ import annotations

import boto3

from cloudwarden.aws.collectors.firehose import list_delivery_streams
from cloudwarden.aws.credentials import Identity
from cloudwarden.demo.seed import firehose as planted
from cloudwarden.demo.seed import kinesis
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.scan.discover import DiscoveryScope, discover
from tests.conftest import ACCOUNT_ID, find

DELIVERY = "aws.firehose.delivery_stream"


def test_encrypted_stream_reports_key_destination_and_logging(demo_inventory: Inventory) -> None:
    stream = find(demo_inventory, DELIVERY, planted.ORDERS_DELIVERY).document()
    assert stream["arn"] == (
        f"arn:aws:firehose:us-east-1:{ACCOUNT_ID}:deliverystream/{planted.ORDERS_DELIVERY}"
    )
    assert stream["stream_type"] == "DirectPut"
    assert stream["encryption_status"] == "ENABLED"
    assert stream["encryption_key_type"] == "CUSTOMER_MANAGED_CMK"
    assert stream["encryption_key_arn"].startswith(f"arn:aws:kms:us-east-1:{ACCOUNT_ID}:key/")
    [destination] = stream["destinations"]
    assert destination["kind"] == "extended_s3"
    assert destination["s3_kms_key_arn"] == stream["encryption_key_arn"]
    assert destination["cloudwatch_logging_enabled"] is True
    assert stream["tags"] == {"owner": "data-platform"}
    assert stream["collection_errors"] == []


def test_bare_stream_reports_no_encryption(demo_inventory: Inventory) -> None:
    stream = find(demo_inventory, DELIVERY, planted.RAW_DELIVERY).document()
    assert stream["encryption_status"] is None
    assert stream["encryption_key_type"] is None
    assert stream["destinations"] == [
        {
            "destination_id": "destinationId-000000000001",
            "kind": "extended_s3",
            "s3_kms_key_arn": None,
            "cloudwatch_logging_enabled": False,
        }
    ]


def test_kinesis_sourced_stream_names_its_source(demo_inventory: Inventory) -> None:
    stream = find(demo_inventory, DELIVERY, planted.REPLAY_DELIVERY).document()
    assert stream["stream_type"] == "KinesisStreamAsSource"
    assert stream["source_kinesis_stream_arn"] == (
        f"arn:aws:kinesis:us-east-1:{ACCOUNT_ID}:stream/{kinesis.ORDERS_STREAM}"
    )


def test_listing_walks_every_page_of_names(aws: boto3.Session, identity: Identity) -> None:
    firehose = aws.client("firehose")
    names = [f"cw-test-delivery-{index:02d}" for index in range(13)]
    for name in names:
        firehose.create_delivery_stream(
            DeliveryStreamName=name,
            ExtendedS3DestinationConfiguration={
                "RoleARN": f"arn:aws:iam::{ACCOUNT_ID}:role/delivery",
                "BucketARN": "arn:aws:s3:::cw-test-landing",
            },
        )
    inventory = discover(
        aws, identity, DiscoveryScope(resource_types=(DELIVERY,), regions=("us-east-1",))
    )
    assert sorted(r.id for r in inventory.of_type(DELIVERY)) == names
    # moto answers up to 50 names a page; a smaller page walks the start-name cursor.
    assert list_delivery_streams(firehose, {"Limit": 5}) == {"DeliveryStreamNames": names}


def test_no_collection_errors(demo_inventory: Inventory) -> None:
    assert demo_inventory.errors_for(DELIVERY) == []
