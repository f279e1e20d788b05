from __future__ import annotations

from cloudwarden.demo.seed import transfer as planted
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.inventory.resource import Resource

TYPE = "aws.transfer.server"


def by_name_tag(inventory: Inventory, name: str) -> Resource:
    [match] = [r for r in inventory.of_type(TYPE) if r.tags.get("Name") == name]
    return match


def test_servers(demo_inventory: Inventory) -> None:
    assert demo_inventory.errors_for(TYPE) == []
    secure = by_name_tag(demo_inventory, planted.SECURE_SERVER).document()
    assert secure["id"].startswith("s-")
    assert secure["protocols"] == ["SFTP"]
    assert secure["endpoint_type"] == "VPC_ENDPOINT"
    assert secure["identity_provider_type"] == "AWS_DIRECTORY_SERVICE"
    assert secure["logging_role"] == planted.LOGGING_ROLE
    assert secure["collection_errors"] == []
    legacy = by_name_tag(demo_inventory, planted.LEGACY_SERVER).document()
    assert legacy["protocols"] == ["FTP", "SFTP"]
    assert legacy["endpoint_type"] == "PUBLIC"
    assert legacy["logging_role"] is None
    assert legacy["structured_log_destinations"] == []
