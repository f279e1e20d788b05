from __future__ import annotations

from cloudwarden.demo.seed import logs as planted
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import find

GROUP = "aws.logs.log_group"
FILTER = "aws.logs.metric_filter"


def test_logs_listings_have_no_errors(demo_inventory: Inventory) -> None:
    assert demo_inventory.errors_for(GROUP) == []
    assert demo_inventory.errors_for(FILTER) == []


def test_trail_log_group_has_retention_and_kms(demo_inventory: Inventory) -> None:
    group = find(demo_inventory, GROUP, planted.TRAIL_LOG_GROUP).document()
    assert (
        group["arn"] == f"arn:aws:logs:us-east-1:123456789012:log-group:{planted.TRAIL_LOG_GROUP}"
    )
    assert group["region"] == "us-east-1"
    assert group["retention_in_days"] == planted.TRAIL_LOG_GROUP_RETENTION
    assert group["kms_key_id"].startswith("arn:aws:kms:us-east-1:123456789012:key/")
    assert group["stored_bytes"] == 0
    assert group["creation_time"] is not None
    assert group["tags"] == {"purpose": "cloudtrail"}
    assert group["collection_errors"] == []


def test_app_log_group_keeps_forever_unencrypted(demo_inventory: Inventory) -> None:
    group = find(demo_inventory, GROUP, planted.APP_LOG_GROUP).document()
    assert group["retention_in_days"] is None
    assert group["kms_key_id"] is None
    assert group["tags"] == {}
    assert group["collection_errors"] == []


def test_cis_metric_filters(demo_inventory: Inventory) -> None:
    filters = {
        f.name: f.document()
        for f in demo_inventory.of_type(FILTER)
        if f.log_group_name == planted.TRAIL_LOG_GROUP  # type: ignore[attr-defined]
    }
    assert set(filters) == set(planted.PATTERNS)
    root = filters[planted.ROOT_USAGE]
    assert root["id"] == f"{planted.TRAIL_LOG_GROUP}:{planted.ROOT_USAGE}"
    assert root["filter_pattern"] == planted.PATTERNS[planted.ROOT_USAGE]
    assert root["filter_pattern_compact"] == (
        '{$.userIdentity.type="Root"&&$.userIdentity.invokedByNOTEXISTS'
        '&&$.eventType!="AwsServiceEvent"}'
    )
    assert root["log_group_arn"] == (
        f"arn:aws:logs:us-east-1:123456789012:log-group:{planted.TRAIL_LOG_GROUP}"
    )
    assert root["metric_transformations"] == [
        {
            "metric_name": planted.ROOT_USAGE,
            "metric_namespace": planted.METRIC_NAMESPACE,
            "metric_value": "1",
            "default_value": 0.0,
            "unit": None,
            "dimensions": {},
        }
    ]
    assert (
        '$.errorCode="*UnauthorizedOperation"'
        in (filters[planted.UNAUTHORIZED_API_CALLS]["filter_pattern_compact"])
    )
