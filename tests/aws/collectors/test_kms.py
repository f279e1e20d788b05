from __future__ import annotations

from typing import Any

import pytest

from cloudwarden.demo.seed import kms as planted
from cloudwarden.inventory.inventory import Inventory

KEY = "aws.kms.key"


def _key(inventory: Inventory, alias: str) -> dict[str, Any]:
    matches = [r.document() for r in inventory.of_type(KEY) if alias in r.aliases]  # type: ignore[attr-defined]
    if len(matches) != 1:
        pytest.fail(f"expected one key with {alias}, found {len(matches)}")
    return matches[0]


def test_kms_listing_has_no_errors(demo_inventory: Inventory) -> None:
    assert demo_inventory.errors_for(KEY) == []


def test_rotated_data_key(demo_inventory: Inventory) -> None:
    key = _key(demo_inventory, planted.DATA_ALIAS)
    assert key["name"] == planted.DATA_ALIAS
    assert key["region"] == "us-east-1"
    assert key["arn"].endswith(f":key/{key['key_id']}")
    assert key["id"] == key["key_id"]
    assert key["key_manager"] == "CUSTOMER"
    assert key["key_state"] == "Enabled"
    assert key["enabled"] is True
    assert key["key_spec"] == "SYMMETRIC_DEFAULT"
    assert key["key_usage"] == "ENCRYPT_DECRYPT"
    assert key["origin"] == "AWS_KMS"
    assert key["multi_region"] is False
    assert key["description"] == "cw-demo data key"
    assert key["rotation_enabled"] is True
    assert key["deletion_date"] is None
    assert key["tags"] == planted.TAGS
    assert key["policy"]["Statement"][0]["Principal"] == {"AWS": "arn:aws:iam::123456789012:root"}
    assert key["collection_errors"] == []


def test_key_without_rotation(demo_inventory: Inventory) -> None:
    key = _key(demo_inventory, planted.NO_ROTATION_ALIAS)
    assert key["rotation_enabled"] is False
    assert key["key_manager"] == "CUSTOMER"
    assert key["collection_errors"] == []


def test_key_scheduled_for_deletion(demo_inventory: Inventory) -> None:
    key = _key(demo_inventory, planted.RETIRED_ALIAS)
    assert key["key_state"] == "PendingDeletion"
    assert key["enabled"] is False
    assert key["deletion_date"] is not None
    assert key["deletion_date"] > key["creation_date"]
    assert key["collection_errors"] == []


def test_asymmetric_key_is_not_asked_for_rotation(demo_inventory: Inventory) -> None:
    key = _key(demo_inventory, planted.SIGNING_ALIAS)
    assert key["key_spec"] == "RSA_2048"
    assert key["key_usage"] == "SIGN_VERIFY"
    # AWS answers UnsupportedOperationException for asymmetric keys; the detail is skipped.
    assert key["rotation_enabled"] is None
    assert key["collection_errors"] == []


def test_key_policy_open_to_everyone(demo_inventory: Inventory) -> None:
    key = _key(demo_inventory, planted.SHARED_ALIAS)
    principals = [statement["Principal"] for statement in key["policy"]["Statement"]]
    assert {"AWS": "*"} in principals
    assert key["rotation_enabled"] is True
