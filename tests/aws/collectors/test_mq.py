from __future__ import annotations

from cloudwarden.demo.seed import mq as planted
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.inventory.resource import Resource

TYPE = "aws.mq.broker"


def by_name(inventory: Inventory, name: str) -> Resource:
    [match] = [r for r in inventory.of_type(TYPE) if r.name == name]
    return match


def test_brokers(demo_inventory: Inventory) -> None:
    assert demo_inventory.errors_for(TYPE) == []
    private = by_name(demo_inventory, planted.PRIVATE_BROKER).document()
    assert private["deployment_mode"] == "ACTIVE_STANDBY_MULTI_AZ"
    assert private["publicly_accessible"] is False
    assert private["auto_minor_version_upgrade"] is True
    assert private["general_logging"] is True
    assert private["audit_logging"] is True
    assert private["uses_aws_owned_key"] is False
    assert private["tags"] == {"owner": "orders"}
    assert private["collection_errors"] == []
    public = by_name(demo_inventory, planted.PUBLIC_BROKER).document()
    assert public["deployment_mode"] == "SINGLE_INSTANCE"
    assert public["publicly_accessible"] is True
    assert public["auto_minor_version_upgrade"] is False
    assert public["general_logging"] is False
    assert public["audit_logging"] is False
    assert public["uses_aws_owned_key"] is True
