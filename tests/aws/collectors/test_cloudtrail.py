from __future__ import annotations

from typing import Any

import pytest

from cloudwarden.aws.collectors.cloudtrail import _apply_event_selectors
from cloudwarden.aws.credentials import Identity
from cloudwarden.demo.seed import cloudtrail as planted
from cloudwarden.demo.seed import logs as planted_logs
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.scan.discover import DiscoveryScope, discover
from tests.conftest import find

TRAIL = "aws.cloudtrail.trail"
TRAIL_ARN = "arn:aws:cloudtrail:us-east-1:123456789012:trail/t"


def test_cloudtrail_listing_has_no_errors(demo_inventory: Inventory) -> None:
    assert demo_inventory.errors_for(TRAIL) == []


def test_trails_are_listed_in_their_home_region_only(demo_inventory: Inventory) -> None:
    regions = sorted(
        (t.id, t.region) for t in demo_inventory.of_type(TRAIL) if t.id.startswith("cw-demo")
    )
    assert regions == [(planted.EU_TRAIL, "eu-west-1"), (planted.MAIN_TRAIL, "us-east-1")]


def test_main_trail_is_well_configured(demo_inventory: Inventory) -> None:
    trail = find(demo_inventory, TRAIL, planted.MAIN_TRAIL).document()
    assert trail["arn"] == f"arn:aws:cloudtrail:us-east-1:123456789012:trail/{planted.MAIN_TRAIL}"
    assert trail["home_region"] == "us-east-1"
    assert trail["is_multi_region"] is True
    assert trail["is_organization_trail"] is False
    assert trail["include_global_service_events"] is True
    assert trail["s3_bucket_name"] == planted.MAIN_BUCKET
    assert trail["s3_key_prefix"] == planted.MAIN_PREFIX
    assert trail["kms_key_id"].startswith("arn:aws:kms:us-east-1:123456789012:key/")
    assert trail["log_file_validation_enabled"] is True
    assert trail["cloudwatch_logs_log_group_arn"] == (
        f"arn:aws:logs:us-east-1:123456789012:log-group:{planted_logs.TRAIL_LOG_GROUP}:*"
    )
    assert trail["cloudwatch_logs_log_group_name"] == planted_logs.TRAIL_LOG_GROUP
    assert trail["cloudwatch_logs_role_arn"] == (
        f"arn:aws:iam::123456789012:role/{planted.LOGS_ROLE}"
    )
    assert trail["is_logging"] is True
    assert trail["start_logging_time"] is not None
    assert trail["latest_delivery_error"] is None
    assert trail["event_selectors"] == [
        {
            "read_write_type": "All",
            "include_management_events": True,
            "exclude_management_event_sources": [],
            "data_resources": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3"]}],
        }
    ]
    assert trail["advanced_event_selectors"] == []
    assert trail["logs_all_management_events"] is True
    assert trail["s3_data_events"] == {
        "read": ["arn:aws:s3"],
        "write": ["arn:aws:s3"],
        "all_buckets_read": True,
        "all_buckets_write": True,
    }
    assert trail["tags"] == planted.TAGS
    assert trail["collection_errors"] == []


def test_eu_trail_is_badly_configured(demo_inventory: Inventory) -> None:
    trail = find(demo_inventory, TRAIL, planted.EU_TRAIL).document()
    assert trail["region"] == "eu-west-1"
    assert trail["home_region"] == "eu-west-1"
    assert trail["is_multi_region"] is False
    assert trail["kms_key_id"] is None
    assert trail["log_file_validation_enabled"] is False
    assert trail["cloudwatch_logs_log_group_arn"] is None
    assert trail["cloudwatch_logs_log_group_name"] is None
    assert trail["is_logging"] is False
    assert trail["event_selectors"] == []
    assert [s["name"] for s in trail["advanced_event_selectors"]] == [
        "write-only management events",
        "reads of the trail bucket",
    ]
    assert trail["logs_all_management_events"] is False
    assert trail["s3_data_events"] == {
        "read": [planted.eu_data_prefix()],
        "write": [],
        "all_buckets_read": False,
        "all_buckets_write": False,
    }
    assert trail["tags"] == {}
    assert trail["collection_errors"] == []


def _selectors(response: dict[str, Any]) -> dict[str, Any]:
    doc: dict[str, Any] = {"arn": TRAIL_ARN}
    _apply_event_selectors(doc, response)
    return doc


def _field(field: str, **operators: list[str]) -> dict[str, Any]:
    return {"Field": field, **operators}


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        pytest.param({"EventSelectors": [], "AdvancedEventSelectors": []}, False, id="nothing"),
        pytest.param(
            {"EventSelectors": [{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True}]},
            False,
            id="basic-write-only",
        ),
        pytest.param(
            {
                "EventSelectors": [
                    {"ReadWriteType": "ReadOnly", "IncludeManagementEvents": True},
                    {"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True},
                ]
            },
            True,
            id="basic-read-plus-write",
        ),
        pytest.param(
            {
                "EventSelectors": [
                    {
                        "ReadWriteType": "All",
                        "IncludeManagementEvents": True,
                        "ExcludeManagementEventSources": ["kms.amazonaws.com"],
                    }
                ]
            },
            False,
            id="basic-excludes-kms",
        ),
        pytest.param(
            {
                "AdvancedEventSelectors": [
                    {"FieldSelectors": [_field("eventCategory", Equals=["Management"])]}
                ]
            },
            True,
            id="advanced-all",
        ),
        pytest.param(
            {
                "AdvancedEventSelectors": [
                    {
                        "FieldSelectors": [
                            _field("eventCategory", Equals=["Management"]),
                            _field("eventSource", NotEquals=["kms.amazonaws.com"]),
                        ]
                    }
                ]
            },
            False,
            id="advanced-excludes-kms",
        ),
        pytest.param(
            {
                "AdvancedEventSelectors": [
                    {
                        "FieldSelectors": [
                            _field("eventCategory", Equals=["Management"]),
                            _field("readOnly", Equals=["true"]),
                        ]
                    },
                    {
                        "FieldSelectors": [
                            _field("eventCategory", Equals=["Management"]),
                            _field("readOnly", Equals=["false"]),
                        ]
                    },
                ]
            },
            True,
            id="advanced-read-plus-write",
        ),
    ],
)
def test_all_management_events_derivation(response: dict[str, Any], expected: bool) -> None:
    assert _selectors(response)["logs_all_management_events"] is expected


def test_advanced_s3_selector_without_arn_covers_every_bucket() -> None:
    doc = _selectors(
        {
            "AdvancedEventSelectors": [
                {
                    "FieldSelectors": [
                        _field("eventCategory", Equals=["Data"]),
                        _field("resources.type", Equals=["AWS::S3::Object"]),
                        _field("readOnly", Equals=["false"]),
                    ]
                }
            ]
        }
    )
    assert doc["s3_data_events"] == {
        "read": [],
        "write": ["arn:aws:s3:::"],
        "all_buckets_read": False,
        "all_buckets_write": True,
    }


def test_advanced_s3_selector_with_exclusions_is_not_counted() -> None:
    doc = _selectors(
        {
            "AdvancedEventSelectors": [
                {
                    "FieldSelectors": [
                        _field("eventCategory", Equals=["Data"]),
                        _field("resources.type", Equals=["AWS::S3::Object"]),
                        _field("resources.ARN", NotStartsWith=["arn:aws:s3:::secret/"]),
                    ]
                }
            ]
        }
    )
    assert doc["s3_data_events"]["read"] == []
    assert doc["s3_data_events"]["all_buckets_write"] is False


def test_basic_s3_read_only_selector_for_one_bucket() -> None:
    doc = _selectors(
        {
            "EventSelectors": [
                {
                    "ReadWriteType": "ReadOnly",
                    "IncludeManagementEvents": False,
                    "DataResources": [
                        {"Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::data/"]},
                        {"Type": "AWS::Lambda::Function", "Values": ["arn:aws:lambda"]},
                    ],
                }
            ]
        }
    )
    assert doc["logs_all_management_events"] is False
    assert doc["s3_data_events"] == {
        "read": ["arn:aws:s3:::data/"],
        "write": [],
        "all_buckets_read": False,
        "all_buckets_write": False,
    }


def test_new_trail_in_empty_account(aws: Any, identity: Identity) -> None:
    aws.client("s3").create_bucket(Bucket="plain-trail-bucket")
    aws.client("cloudtrail").create_trail(Name="plain", S3BucketName="plain-trail-bucket")
    inventory = discover(
        aws, identity, DiscoveryScope(resource_types=(TRAIL,), regions=("us-east-1",))
    )
    trail = find(inventory, TRAIL, "plain").document()
    assert trail["is_logging"] is False
    assert trail["kms_key_id"] is None
    assert trail["start_logging_time"] is None
    # moto gives a new trail no event selectors (AWS gives it the default "All management
    # events" one); no selectors means nothing is logged.
    assert trail["logs_all_management_events"] is False
    assert trail["collection_errors"] == []
