"""EC2 launch templates: the default version's settings and the secrets of every version."""

from __future__ import annotations

from cloudwarden.demo.seed import autoscaling as planted
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.inventory.resource import Resource

TEMPLATE = "aws.ec2.launch_template"


def _template(inventory: Inventory, name: str) -> Resource:
    [template] = [r for r in inventory.of_type(TEMPLATE) if r.name == name]
    return template


def test_launch_templates_default_version_and_secrets_per_version(
    demo_inventory: Inventory,
) -> None:
    hardened = _template(demo_inventory, planted.HARDENED_TEMPLATE).document()
    assert hardened["arn"] == f"arn:aws:ec2:us-east-1:123456789012:launch-template/{hardened['id']}"
    assert (hardened["default_version_number"], hardened["latest_version_number"]) == (1, 1)
    assert hardened["http_tokens"] == "required"
    assert hardened["http_put_response_hop_limit"] == 1
    assert hardened["associate_public_ip_address"] is False
    assert hardened["security_group_ids"]
    assert hardened["block_devices"][0]["encrypted"] is True
    assert hardened["version_secrets"] == [{"version_number": 1, "kinds": []}]
    assert hardened["tags"] == {"owner": "web"}
    assert hardened["collection_errors"] == []
    legacy_template = _template(demo_inventory, planted.LEGACY_TEMPLATE)
    legacy = legacy_template.document()
    assert legacy["http_tokens"] == "optional"
    assert legacy["associate_public_ip_address"] is True
    assert legacy["block_devices"][0]["encrypted"] is False
    assert legacy["version_secrets"] == [{"version_number": 1, "kinds": ["Secret Keyword"]}]
    assert planted.leaky_user_data() not in legacy_template.model_dump_json()
    assert demo_inventory.errors_for(TEMPLATE) == []
