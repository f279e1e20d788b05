from __future__ import annotations

from cloudwarden.demo.seed import guardduty as planted
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import find

TYPE = "aws.guardduty.region_settings"
REGIONS = ("us-east-1", "eu-west-1", "ap-southeast-2")


def test_one_document_per_region(demo_inventory: Inventory) -> None:
    settings = list(demo_inventory.of_type(TYPE))
    assert sorted(s.id for s in settings) == sorted(REGIONS)
    assert all(s.collection_errors == [] for s in settings)
    assert demo_inventory.errors_for(TYPE) == []


def test_home_region_detector_is_enabled_with_protection_plans(demo_inventory: Inventory) -> None:
    [detector] = find(demo_inventory, TYPE, "us-east-1").document()["detectors"]
    assert detector["id"]
    assert detector["status"] == "ENABLED"
    assert detector["finding_publishing_frequency"] == planted.HOME_FREQUENCY
    assert detector["s3_logs_status"] == "ENABLED"
    assert detector["kubernetes_audit_logs_status"] == "ENABLED"
    assert detector["created_at"] is not None
    features = {feature["name"]: feature for feature in detector["features"]}
    assert features["RDS_LOGIN_EVENTS"]["status"] == "ENABLED"
    assert features["EKS_RUNTIME_MONITORING"]["additional_configuration"] == {
        "EKS_ADDON_MANAGEMENT": "ENABLED"
    }
    assert detector["tags"] == planted.TAGS


def test_suspended_detector_reads_as_disabled(demo_inventory: Inventory) -> None:
    [detector] = find(demo_inventory, TYPE, "eu-west-1").document()["detectors"]
    assert detector["status"] == "DISABLED"
    assert detector["s3_logs_status"] == "DISABLED"
    assert detector["features"] == []


def test_region_without_detector_has_an_empty_list(demo_inventory: Inventory) -> None:
    assert find(demo_inventory, TYPE, "ap-southeast-2").document()["detectors"] == []
