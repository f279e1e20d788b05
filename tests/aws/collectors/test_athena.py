from __future__ import annotations

from cloudwarden.demo.seed import athena as planted
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import ACCOUNT_ID, find

WORKGROUP = "aws.athena.workgroup"


def test_analytics_workgroup_enforces_encrypted_results(demo_inventory: Inventory) -> None:
    group = find(demo_inventory, WORKGROUP, planted.ANALYTICS_WORKGROUP).document()
    assert group["arn"] == (
        f"arn:aws:athena:us-east-1:{ACCOUNT_ID}:workgroup/{planted.ANALYTICS_WORKGROUP}"
    )
    assert group["state"] == "ENABLED"
    assert group["output_location"] == f"{planted.RESULTS_BUCKET}/analytics/"
    assert group["result_encryption_option"] == "SSE_KMS"
    assert group["result_kms_key"].startswith(f"arn:aws:kms:us-east-1:{ACCOUNT_ID}:key/")
    assert group["enforce_configuration"] is True
    assert group["publish_cloudwatch_metrics"] is True
    assert group["tags"] == {"owner": "data-platform"}
    assert group["collection_errors"] == []


def test_adhoc_workgroup_leaves_results_unencrypted(demo_inventory: Inventory) -> None:
    group = find(demo_inventory, WORKGROUP, planted.ADHOC_WORKGROUP).document()
    assert group["result_encryption_option"] is None
    assert group["result_kms_key"] is None
    assert group["enforce_configuration"] is False
    assert group["publish_cloudwatch_metrics"] is False


def test_every_region_has_its_primary_workgroup(demo_inventory: Inventory) -> None:
    regions = {r.region for r in demo_inventory.of_type(WORKGROUP) if r.id == "primary"}
    assert regions == {"us-east-1", "eu-west-1", "ap-southeast-2"}


def test_no_collection_errors(demo_inventory: Inventory) -> None:
    assert demo_inventory.errors_for(WORKGROUP) == []
