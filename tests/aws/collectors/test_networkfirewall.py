from __future__ import annotations

from cloudwarden.demo.seed import networkfirewall as planted
from cloudwarden.inventory.inventory import Inventory
from tests.aws.collectors.named import named

TYPE = "aws.networkfirewall.firewall"


def test_protected_firewall(demo_inventory: Inventory) -> None:
    firewall = named(demo_inventory, TYPE, planted.PROTECTED_FIREWALL)
    assert firewall["id"] == firewall["arn"]
    assert firewall["arn"].endswith(f":firewall/{planted.PROTECTED_FIREWALL}")
    assert firewall["vpc_id"].startswith("vpc-")
    assert len(firewall["subnet_ids"]) == 2
    assert (firewall["delete_protection"], firewall["subnet_change_protection"]) == (True, True)
    assert firewall["policy_change_protection"] is True
    assert firewall["encryption_type"] == "CUSTOMER_KMS"
    assert firewall["kms_key_id"].startswith("arn:aws:kms:us-east-1:")
    assert firewall["log_destinations"] == [
        {"log_type": "FLOW", "destination_type": "CloudWatchLogs"},
        {"log_type": "ALERT", "destination_type": "CloudWatchLogs"},
    ]
    assert firewall["tags"] == {"owner": "network"}
    assert firewall["collection_errors"] == []


def test_bare_firewall(demo_inventory: Inventory) -> None:
    firewall = named(demo_inventory, TYPE, planted.BARE_FIREWALL)
    assert len(firewall["subnet_ids"]) == 1
    assert firewall["delete_protection"] is False
    assert firewall["policy_change_protection"] is False
    assert firewall["encryption_type"] is None
    assert firewall["log_destinations"] == []
    assert demo_inventory.errors_for(TYPE) == []


def test_firewall_policies_unanswered_by_moto_are_a_listing_error(
    demo_inventory: Inventory,
) -> None:
    # moto has no ListFirewallPolicies: the listing fails, is recorded, and nothing is
    # invented (the mapping is tested in test_networkfirewall_stubbed.py).
    policy_type = "aws.networkfirewall.firewall_policy"
    assert demo_inventory.of_type(policy_type) == []
    errors = demo_inventory.errors_for(policy_type)
    assert errors
    assert {error.operation for error in errors} == {"ListFirewallPolicies"}
