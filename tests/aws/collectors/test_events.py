from __future__ import annotations

from cloudwarden.demo.seed import events as planted
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import find

TYPE = "aws.events.event_bus"


def test_no_listing_errors(demo_inventory: Inventory) -> None:
    assert demo_inventory.errors_for(TYPE) == []


def test_private_bus(demo_inventory: Inventory) -> None:
    bus = find(demo_inventory, TYPE, planted.PRIVATE_BUS).document()
    assert bus["arn"] == f"arn:aws:events:us-east-1:123456789012:event-bus/{planted.PRIVATE_BUS}"
    assert bus["policy"] is None
    assert bus["tags"] == planted.TAGS
    assert bus["creation_time"] is not None
    assert bus["collection_errors"] == []


def test_bus_policies_are_parsed(demo_inventory: Inventory) -> None:
    partner = find(demo_inventory, TYPE, planted.PARTNER_BUS).document()
    [statement] = partner["policy"]["Statement"]
    assert statement["Principal"] == {"AWS": f"arn:aws:iam::{planted.PARTNER_ACCOUNT}:root"}
    assert statement["Action"] == "events:PutEvents"
    public = find(demo_inventory, TYPE, planted.OPEN_BUS).document()
    # moto writes the account wildcard as AWS does for Principal "*" on a bus.
    [statement] = public["policy"]["Statement"]
    assert statement["Principal"] in ("*", {"AWS": "*"}, {"AWS": "arn:aws:iam::*:root"})


def test_default_bus_in_every_region(demo_inventory: Inventory) -> None:
    regions = {r.region for r in demo_inventory.of_type(TYPE) if r.id == "default"}
    assert regions == set(demo_inventory.regions)
