from __future__ import annotations

from cloudwarden.demo.seed import ram as planted
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import ACCOUNT_ID

TYPE = "aws.ram.resource_share"


def _shares(inventory: Inventory) -> dict[str, dict[str, object]]:
    return {share.name or "": share.document() for share in inventory.of_type(TYPE)}


def test_owned_shares_with_their_external_setting(demo_inventory: Inventory) -> None:
    shares = _shares(demo_inventory)
    assert set(shares) == {planted.INTERNAL_SHARE, planted.EXTERNAL_SHARE}
    internal = shares[planted.INTERNAL_SHARE]
    assert str(internal["id"]).startswith(f"arn:aws:ram:us-east-1:{ACCOUNT_ID}:resource-share/")
    assert internal["status"] == "ACTIVE"
    assert internal["allow_external_principals"] is False
    assert internal["principals"] == []
    assert shares[planted.EXTERNAL_SHARE]["allow_external_principals"] is True


def test_principal_associations(demo_inventory: Inventory) -> None:
    external = _shares(demo_inventory)[planted.EXTERNAL_SHARE]
    # moto marks every association external: false (AWS: true for this partner account).
    assert external["principals"] == [
        {"principal": planted.PARTNER_ACCOUNT, "status": "ASSOCIATED", "external": False}
    ]
    assert external["collection_errors"] == []
