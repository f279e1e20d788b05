from __future__ import annotations

import boto3

from cloudwarden.aws.credentials import Identity
from cloudwarden.demo.seed import secretsmanager as planted
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.inventory.resource import Resource
from cloudwarden.scan.discover import DiscoveryScope, discover

TYPE = "aws.secretsmanager.secret"


def _named(inventory: Inventory, name: str) -> Resource:
    matches = [secret for secret in inventory.of_type(TYPE) if secret.name == name]
    assert len(matches) == 1, sorted(str(secret.name) for secret in inventory.of_type(TYPE))
    return matches[0]


def test_rotated_secret_shows_rotation_and_customer_key(demo_inventory: Inventory) -> None:
    secret = _named(demo_inventory, planted.ROTATED).document()
    assert secret["id"] == secret["arn"]
    assert secret["arn"].startswith(
        f"arn:aws:secretsmanager:us-east-1:123456789012:secret:{planted.ROTATED}-"
    )
    assert secret["kms_key_id"].startswith("arn:aws:kms:us-east-1:123456789012:key/")
    assert secret["rotation_enabled"] is True
    assert secret["rotation_interval_days"] == planted.ROTATION_DAYS
    assert secret["rotation_lambda_arn"].endswith(f":function:{planted.ROTATION_FUNCTION}")
    assert secret["next_rotation_date"] is not None
    assert secret["last_changed_date"] is not None
    assert secret["policy"] is None
    assert secret["tags"] == {"owner": "security"}
    assert secret["collection_errors"] == []


def test_static_secret_is_unrotated_and_shared(demo_inventory: Inventory) -> None:
    secret = _named(demo_inventory, planted.STATIC).document()
    assert secret["rotation_enabled"] is False
    assert secret["rotation_interval_days"] is None
    assert secret["last_rotated_date"] is None
    assert secret["last_accessed_date"] is None
    assert secret["kms_key_id"] is None
    assert secret["policy"]["Statement"][0]["Principal"] == {"AWS": "*"}
    assert secret["collection_errors"] == []
    assert _named(demo_inventory, planted.EU_SECRET).region == "eu-west-1"
    assert demo_inventory.errors_for(TYPE) == []


def test_secret_values_never_reach_the_inventory(demo_inventory: Inventory) -> None:
    text = demo_inventory.to_json()
    assert planted.ROTATED_VALUE not in text
    assert planted.STATIC_VALUE not in text


def test_secret_scheduled_for_deletion_is_listed_without_policy_call(
    aws: boto3.Session, identity: Identity
) -> None:
    client = aws.client("secretsmanager", region_name="us-east-1")
    client.create_secret(Name="cw-test-doomed", SecretString="x")
    client.delete_secret(SecretId="cw-test-doomed", RecoveryWindowInDays=7)

    inventory = discover(
        aws, identity, DiscoveryScope(resource_types=(TYPE,), regions=("us-east-1",))
    )

    secret = _named(inventory, "cw-test-doomed")
    assert secret.deleted_date is not None  # type: ignore[attr-defined]
    assert secret.policy is None  # type: ignore[attr-defined]
    assert secret.collection_errors == []
