from __future__ import annotations

from cloudwarden.demo.seed import autoscaling as planted
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.inventory.resource import Resource
from tests.conftest import find

GROUP = "aws.autoscaling.group"
CONFIGURATION = "aws.autoscaling.launch_configuration"
TEMPLATE = "aws.ec2.launch_template"


def _template(inventory: Inventory, name: str) -> Resource:
    [template] = [r for r in inventory.of_type(TEMPLATE) if r.name == name]
    return template


def test_hardened_group_uses_its_template_across_zones(demo_inventory: Inventory) -> None:
    group = find(demo_inventory, GROUP, planted.HARDENED_GROUP).document()
    template = _template(demo_inventory, planted.HARDENED_TEMPLATE)
    assert group["arn"].endswith(f":autoScalingGroupName/{planted.HARDENED_GROUP}")
    assert group["launch_configuration_name"] is None
    assert group["launch_template_id"] == template.id
    assert group["launch_template_name"] == planted.HARDENED_TEMPLATE
    assert group["launch_template_version"] == "$Default"
    assert group["instance_types"] == list(planted.INSTANCE_TYPES)
    assert len(group["availability_zones"]) == 2
    assert len(group["subnet_ids"]) == 2
    assert group["health_check_type"] == "ELB"
    assert group["health_check_grace_period"] == 120
    assert f":targetgroup/{planted.TARGET_GROUP}/" in group["target_group_arns"][0]
    assert group["capacity_rebalance"] is True
    assert (group["min_size"], group["max_size"], group["desired_capacity"]) == (0, 4, 0)
    assert group["tags"] == {"owner": "web"}
    assert group["collection_errors"] == []


def test_legacy_group_and_its_launch_configuration(demo_inventory: Inventory) -> None:
    group = find(demo_inventory, GROUP, planted.LEGACY_GROUP).document()
    assert group["launch_configuration_name"] == planted.LEGACY_CONFIGURATION
    assert group["launch_template_id"] is None
    assert group["instance_types"] == []
    assert group["availability_zones"] == ["us-east-1a"]
    assert group["health_check_type"] == "EC2"
    assert group["capacity_rebalance"] is False
    legacy = find(demo_inventory, CONFIGURATION, planted.LEGACY_CONFIGURATION)
    doc = legacy.document()
    assert doc["associate_public_ip_address"] is True
    assert doc["http_tokens"] == "optional"
    assert doc["block_devices"] == [
        {"device_name": "/dev/xvda", "encrypted": False, "snapshot_id": None}
    ]
    assert doc["user_data_secret_kinds"] == ["Secret Keyword"]
    assert planted.leaky_user_data() not in legacy.model_dump_json()
    assert demo_inventory.errors_for(GROUP) == []


def test_hardened_launch_configuration(demo_inventory: Inventory) -> None:
    doc = find(demo_inventory, CONFIGURATION, planted.HARDENED_CONFIGURATION).document()
    assert doc["image_id"] == planted.IMAGE_ID
    assert doc["associate_public_ip_address"] is False
    assert (doc["http_tokens"], doc["http_endpoint"]) == ("required", "enabled")
    assert doc["block_devices"][0]["encrypted"] is True
    assert doc["user_data_secret_kinds"] == []
    assert doc["collection_errors"] == []
    assert demo_inventory.errors_for(CONFIGURATION) == []
