from __future__ import annotations

from cloudwarden.demo.seed import config as planted
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.scan.discover import DiscoveryScope, discover
from tests.conftest import ACCOUNT_ID, find

TYPE = "aws.config.region_settings"
REGIONS = ("us-east-1", "eu-west-1", "ap-southeast-2")


def test_one_document_per_region(demo_inventory: Inventory) -> None:
    settings = list(demo_inventory.of_type(TYPE))
    assert sorted(s.id for s in settings) == sorted(REGIONS)
    assert all(s.region == s.id for s in settings)
    assert demo_inventory.errors_for(TYPE) == []


def test_home_region_records_everything_and_delivers_to_s3(demo_inventory: Inventory) -> None:
    settings = find(demo_inventory, TYPE, "us-east-1").document()
    assert settings["collection_errors"] == []
    [recorder] = settings["recorders"]
    assert recorder["name"] == planted.RECORDER
    assert recorder["role_arn"] == planted.role_arn(ACCOUNT_ID)
    assert recorder["all_supported"] is True
    assert recorder["include_global_resource_types"] is True
    assert recorder["recording_strategy"] == "ALL_SUPPORTED_RESOURCE_TYPES"
    # The status comes from a second call, joined by recorder name.
    assert recorder["recording"] is True
    assert recorder["last_start_time"] is not None
    assert recorder["last_error_code"] is None
    assert settings["delivery_channels"] == [
        {
            "name": planted.DELIVERY_CHANNEL,
            "s3_bucket_name": planted.CONFIG_BUCKET,
            "s3_key_prefix": planted.KEY_PREFIX,
            "s3_kms_key_arn": None,
            "sns_topic_arn": None,
            "delivery_frequency": planted.DELIVERY_FREQUENCY,
        }
    ]


def test_other_regions_have_no_recorder_as_a_value(demo_inventory: Inventory) -> None:
    for region in ("eu-west-1", "ap-southeast-2"):
        settings = find(demo_inventory, TYPE, region).document()
        assert settings["recorders"] == []
        assert settings["delivery_channels"] == []
        assert settings["collection_errors"] == []


def test_stopped_recorder_of_some_types_reads_as_not_recording(aws, identity) -> None:
    config = aws.client("config", region_name="us-east-1")
    config.put_configuration_recorder(
        ConfigurationRecorder={
            "name": "partial",
            "roleARN": planted.role_arn(ACCOUNT_ID),
            "recordingGroup": {
                "allSupported": False,
                "includeGlobalResourceTypes": False,
                "resourceTypes": ["AWS::S3::Bucket"],
            },
        }
    )
    inventory = discover(
        aws, identity, DiscoveryScope(resource_types=(TYPE,), regions=("us-east-1",))
    )
    settings = find(inventory, TYPE, "us-east-1").document()
    assert settings["collection_errors"] == []
    [recorder] = settings["recorders"]
    assert recorder["all_supported"] is False
    assert recorder["include_global_resource_types"] is False
    assert recorder["resource_types"] == ["AWS::S3::Bucket"]
    assert recorder["recording"] is False
    assert settings["delivery_channels"] == []
