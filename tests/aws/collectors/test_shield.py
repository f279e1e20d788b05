from __future__ import annotations

from cloudwarden.demo.seed import shield as planted
from cloudwarden.inventory.inventory import Inventory
from tests.aws.collectors.named import named


def test_subscription_is_a_global_singleton(demo_inventory: Inventory) -> None:
    [subscription] = demo_inventory.of_type("aws.shield.subscription")
    doc = subscription.document()
    assert (doc["id"], doc["region"]) == ("123456789012", "global")
    assert doc["subscribed"] is True
    assert doc["auto_renew"] == "ENABLED"
    assert doc["start_time"] is not None
    assert doc["collection_errors"] == []


def test_protection_names_the_distribution(demo_inventory: Inventory) -> None:
    protection = named(demo_inventory, "aws.shield.protection", planted.PROTECTION)
    assert protection["resource_arn"].startswith("arn:aws:cloudfront::123456789012:distribution/")
    assert protection["arn"].startswith("arn:aws:shield::123456789012:protection/")
    assert protection["health_check_arns"] == []
    assert demo_inventory.errors_for("aws.shield.protection") == []
