from __future__ import annotations

from cloudwarden.demo.seed import securityhub as planted
from cloudwarden.inventory.errors import ErrorKind
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import ACCOUNT_ID, find

TYPE = "aws.securityhub.region_settings"
REGIONS = ("us-east-1", "eu-west-1", "ap-southeast-2")


def test_one_document_per_region(demo_inventory: Inventory) -> None:
    settings = list(demo_inventory.of_type(TYPE))
    assert sorted(s.id for s in settings) == sorted(REGIONS)
    assert demo_inventory.errors_for(TYPE) == []


def test_enabled_in_the_home_region(demo_inventory: Inventory) -> None:
    settings = find(demo_inventory, TYPE, "us-east-1")
    doc = settings.document()
    assert doc["enabled"] is True
    assert doc["hub_arn"] == planted.hub_arn("us-east-1", ACCOUNT_ID)
    assert doc["subscribed_at"] is not None
    assert doc["auto_enable_controls"] is True
    assert doc["control_finding_generator"] == "SECURITY_CONTROL"
    # moto does not emulate GetEnabledStandards (it answers 404 "Not yet implemented"): the
    # scanner records that the standards are unknown, rather than reporting "no standards".
    [error] = doc["collection_errors"]
    assert error["operation"] == "GetEnabledStandards"
    assert error["kind"] == ErrorKind.NOT_SUPPORTED
    assert error["fields"] == ["standards"]
    assert settings.missing_fields() == {"standards"}


def test_off_elsewhere_is_a_value_not_an_error(demo_inventory: Inventory) -> None:
    # DescribeHub answers InvalidAccessException where Security Hub is off.
    for region in ("eu-west-1", "ap-southeast-2"):
        doc = find(demo_inventory, TYPE, region).document()
        assert doc["enabled"] is False
        assert doc["hub_arn"] is None
        assert doc["standards"] == []
        assert doc["collection_errors"] == []
