from __future__ import annotations

import json

from cloudwarden.demo.seed import dms as planted
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import ACCOUNT_ID, find

INSTANCE = "aws.dms.replication_instance"
ENDPOINT = "aws.dms.endpoint"


def test_private_instance_reports_its_controls(demo_inventory: Inventory) -> None:
    instance = find(demo_inventory, INSTANCE, planted.PRIVATE_INSTANCE).document()
    assert instance["arn"] == f"arn:aws:dms:us-east-1:{ACCOUNT_ID}:rep:{planted.PRIVATE_INSTANCE}"
    assert instance["publicly_accessible"] is False
    assert instance["public_ip_addresses"] == []
    assert instance["multi_az"] is True
    assert instance["auto_minor_version_upgrade"] is True
    assert instance["kms_key_id"].startswith(f"arn:aws:kms:us-east-1:{ACCOUNT_ID}:key/")
    assert instance["tags"] == {"owner": "data-platform"}
    assert instance["collection_errors"] == []


def test_public_instance_reports_its_weaknesses(demo_inventory: Inventory) -> None:
    instance = find(demo_inventory, INSTANCE, planted.PUBLIC_INSTANCE).document()
    assert instance["publicly_accessible"] is True
    assert instance["public_ip_addresses"]
    assert (instance["multi_az"], instance["auto_minor_version_upgrade"]) == (False, False)


def test_endpoints_report_their_tls_mode_and_no_credentials(demo_inventory: Inventory) -> None:
    tls = find(demo_inventory, ENDPOINT, planted.TLS_ENDPOINT).document()
    assert (tls["engine_name"], tls["endpoint_type"], tls["ssl_mode"]) == (
        "postgres",
        "source",
        "verify-full",
    )
    plain = find(demo_inventory, ENDPOINT, planted.PLAIN_ENDPOINT).document()
    assert (plain["engine_name"], plain["ssl_mode"]) == ("mysql", "none")
    documents = json.dumps([r.document() for r in demo_inventory.of_type(ENDPOINT)])
    assert planted.FAKE_PASSWORD not in documents
    assert "dms_reader" not in documents


def test_no_collection_errors(demo_inventory: Inventory) -> None:
    for type_name in (INSTANCE, ENDPOINT):
        assert demo_inventory.errors_for(type_name) == []
