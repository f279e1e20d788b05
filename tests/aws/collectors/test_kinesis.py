from __future__ import annotations

from cloudwarden.demo.seed import kinesis as planted
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import ACCOUNT_ID, find

STREAM = "aws.kinesis.stream"


def test_stream_on_the_demo_key_reports_encryption_retention_and_policy(
    demo_inventory: Inventory,
) -> None:
    stream = find(demo_inventory, STREAM, planted.ORDERS_STREAM).document()
    assert stream["arn"] == f"arn:aws:kinesis:us-east-1:{ACCOUNT_ID}:stream/{planted.ORDERS_STREAM}"
    assert stream["status"] == "ACTIVE"
    assert stream["stream_mode"] == "ON_DEMAND"
    assert stream["encryption_type"] == "KMS"
    assert stream["kms_key_id"].startswith(f"arn:aws:kms:us-east-1:{ACCOUNT_ID}:key/")
    assert stream["retention_period_hours"] == planted.WEEK_HOURS
    principals = [s["Principal"] for s in stream["resource_policy"]["Statement"]]
    assert principals == [{"AWS": f"arn:aws:iam::{ACCOUNT_ID}:root"}]
    assert stream["tags"] == planted.TAGS
    assert stream["collection_errors"] == []


def test_stream_on_the_aws_managed_key_names_its_alias(demo_inventory: Inventory) -> None:
    stream = find(demo_inventory, STREAM, planted.AUDIT_STREAM).document()
    assert (stream["encryption_type"], stream["kms_key_id"]) == ("KMS", planted.AWS_MANAGED_KEY)
    # A stream without a policy answers "{}": read as no policy.
    assert stream["resource_policy"] is None


def test_unencrypted_stream_with_public_policy(demo_inventory: Inventory) -> None:
    stream = find(demo_inventory, STREAM, planted.CLICKSTREAM).document()
    assert stream["encryption_type"] == "NONE"
    assert stream["kms_key_id"] is None
    assert stream["retention_period_hours"] == 24
    assert stream["resource_policy"]["Statement"][0]["Principal"] == "*"


def test_no_collection_errors(demo_inventory: Inventory) -> None:
    assert demo_inventory.errors_for(STREAM) == []
