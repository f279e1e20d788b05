from __future__ import annotations

from cloudwarden.demo.seed import sesv2 as planted
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import find

TYPE = "aws.sesv2.email_identity"


def test_identities(demo_inventory: Inventory) -> None:
    assert demo_inventory.errors_for(TYPE) == []
    shared = find(demo_inventory, TYPE, planted.SHARED_DOMAIN).document()
    assert shared["identity_type"] == "DOMAIN"
    assert shared["dkim_signing_enabled"] is False
    [statement] = shared["policies"]["app-account"]["Statement"]
    assert statement["Principal"] == {"AWS": f"arn:aws:iam::{planted.APP_ACCOUNT}:root"}
    assert shared["collection_errors"] == []
    public = find(demo_inventory, TYPE, planted.OPEN_DOMAIN).document()
    assert public["policies"]["anyone"]["Statement"][0]["Principal"] == "*"
