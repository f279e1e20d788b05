from __future__ import annotations

from cloudwarden.demo.seed import ecr as planted
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import find

TYPE = "aws.ecr.repository"
SETTINGS = "aws.ecr.region_settings"


def test_secure_repository_has_every_control(demo_inventory: Inventory) -> None:
    repo = find(demo_inventory, TYPE, planted.SECURE_REPO).document()
    assert repo["arn"] == f"arn:aws:ecr:us-east-1:123456789012:repository/{planted.SECURE_REPO}"
    assert repo["uri"] == f"123456789012.dkr.ecr.us-east-1.amazonaws.com/{planted.SECURE_REPO}"
    assert repo["image_tag_mutability"] == "IMMUTABLE"
    assert repo["scan_on_push"] is True
    assert repo["encryption_type"] == "KMS"
    assert repo["kms_key"].startswith("arn:aws:kms:us-east-1:123456789012:key/")
    assert repo["policy"] is None
    rule = repo["lifecycle_policy"]["rules"][0]
    assert rule["selection"]["countNumber"] == planted.LIFECYCLE_UNTAGGED_DAYS
    assert repo["tags"] == {"owner": "platform"}
    assert repo["collection_errors"] == []


def test_public_repository_shows_its_weaknesses(demo_inventory: Inventory) -> None:
    repo = find(demo_inventory, TYPE, planted.PUBLIC_REPO).document()
    assert repo["image_tag_mutability"] == "MUTABLE"
    assert repo["scan_on_push"] is False
    assert repo["encryption_type"] == "AES256"
    assert repo["kms_key"] is None
    assert repo["policy"]["Statement"][0]["Principal"] == "*"
    assert repo["lifecycle_policy"] is None
    assert repo["tags"] == {}
    assert repo["collection_errors"] == []
    assert demo_inventory.errors_for(TYPE) == []


def test_registry_scanning_per_region(demo_inventory: Inventory) -> None:
    home = find(demo_inventory, SETTINGS, "us-east-1").document()
    assert home["scan_type"] == "BASIC"
    assert home["scanning_rules"] == []
    assert home["registry_policy"] is None
    assert home["collection_errors"] == []
    eu = find(demo_inventory, SETTINGS, "eu-west-1").document()
    assert eu["region"] == "eu-west-1"
    assert eu["scan_type"] == "ENHANCED"
    assert eu["scanning_rules"] == [{"scan_frequency": "CONTINUOUS_SCAN", "filters": ["*"]}]
    assert demo_inventory.errors_for(SETTINGS) == []
