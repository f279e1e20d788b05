from __future__ import annotations

from cloudwarden.demo.seed import s3 as planted
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import find


def test_bucket_region_comes_from_its_location(demo_inventory: Inventory) -> None:
    assert find(demo_inventory, "aws.s3.bucket", planted.SECURE).region == "us-east-1"
    assert find(demo_inventory, "aws.s3.bucket", planted.EU_BUCKET).region == "eu-west-1"


def test_secure_bucket_has_every_control(demo_inventory: Inventory) -> None:
    bucket = find(demo_inventory, "aws.s3.bucket", planted.SECURE).document()
    assert bucket["arn"] == f"arn:aws:s3:::{planted.SECURE}"
    assert bucket["public_access_block"] == {
        "block_public_acls": True,
        "ignore_public_acls": True,
        "block_public_policy": True,
        "restrict_public_buckets": True,
    }
    assert bucket["encryption_rules"][0]["algorithm"] == "aws:kms"
    assert bucket["encryption_rules"][0]["bucket_key_enabled"] is True
    assert bucket["versioning_status"] == "Enabled"
    assert bucket["logging"] == {"target_bucket": planted.LOGS, "target_prefix": "secure/"}
    assert bucket["policy"]["Statement"][0]["Sid"] == "DenyInsecureTransport"
    assert bucket["policy_is_public"] is False
    assert bucket["lifecycle_rules"][0]["expiration_days"] == 365
    assert bucket["tags"] == {"owner": "security"}
    assert bucket["collection_errors"] == []


def test_public_buckets_show_how_they_are_public(demo_inventory: Inventory) -> None:
    by_policy = find(demo_inventory, "aws.s3.bucket", planted.PUBLIC_POLICY).document()
    assert by_policy["public_access_block"] is None
    assert by_policy["policy"]["Statement"][0]["Principal"] == "*"
    by_acl = find(demo_inventory, "aws.s3.bucket", planted.PUBLIC_ACL).document()
    public = {
        g["permission"] for g in by_acl["acl_grants"] if g["grantee_uri"] == planted.ALL_USERS
    }
    assert public == {"READ", "WRITE"}


def test_unconfigured_bucket_reads_as_absent_not_as_error(demo_inventory: Inventory) -> None:
    bucket = find(demo_inventory, "aws.s3.bucket", planted.LOGS).document()
    assert bucket["public_access_block"] is None
    assert bucket["logging"] is None
    assert bucket["versioning_status"] is None
    assert bucket["collection_errors"] == []


def test_suspended_versioning_is_kept(demo_inventory: Inventory) -> None:
    assert find(demo_inventory, "aws.s3.bucket", planted.EU_BUCKET).versioning_status == "Suspended"  # type: ignore[attr-defined]
