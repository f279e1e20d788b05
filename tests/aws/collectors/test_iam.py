from __future__ import annotations

from typing import Any

import boto3
import pytest

from cloudwarden.aws.collectors.iam import mfa_type
from cloudwarden.aws.credentials import Identity
from cloudwarden.demo.seed import iam as planted
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.scan.discover import DiscoveryScope, discover
from tests.conftest import ACCOUNT_ID, find

IAM_TYPES = (
    "aws.iam.user",
    "aws.iam.group",
    "aws.iam.role",
    "aws.iam.policy",
    "aws.iam.server_certificate",
    "aws.iam.saml_provider",
    "aws.iam.oidc_provider",
)
ALLOW_ALL_STATEMENT = {"Effect": "Allow", "Action": "*", "Resource": "*"}


def _doc(inventory: Inventory, type_name: str, resource_id: str) -> dict[str, Any]:
    return find(inventory, type_name, resource_id).document()


def _policy_arn(name: str) -> str:
    return f"arn:aws:iam::{ACCOUNT_ID}:policy/{name}"


@pytest.mark.parametrize("type_name", IAM_TYPES)
def test_iam_types_list_without_errors(demo_inventory: Inventory, type_name: str) -> None:
    assert demo_inventory.errors_for(type_name) == []
    assert list(demo_inventory.of_type(type_name))
    for resource in demo_inventory.of_type(type_name):
        assert resource.region == "global"


def test_admin_user_shows_every_weakness(demo_inventory: Inventory) -> None:
    user = _doc(demo_inventory, "aws.iam.user", planted.ADMIN_USER)
    assert user["arn"] == f"arn:aws:iam::{ACCOUNT_ID}:user/{planted.ADMIN_USER}"
    assert user["has_console_password"] is True
    assert user["login_profile_create_date"] is not None
    assert user["mfa_devices"] == []
    assert [key["status"] for key in user["access_keys"]] == ["Active", "Active"]
    for key in user["access_keys"]:
        assert key["id"].startswith("AKIA")
        assert key["create_date"] is not None
        # Never used: GetAccessKeyLastUsed answers N/A, which reads as null.
        assert key["last_used_date"] is None
        assert key["last_used_service"] is None
        assert key["last_used_region"] is None
    assert user["inline_policies"] == [
        {"name": planted.ADMIN_INLINE_POLICY, "document": planted.ALLOW_ALL}
    ]
    assert user["attached_policies"] == [
        {
            "name": planted.AWS_CLOUDSHELL_FULL_ACCESS,
            "arn": f"arn:aws:iam::aws:policy/{planted.AWS_CLOUDSHELL_FULL_ACCESS}",
        }
    ]
    assert user["groups"] == []
    assert user["tags"] == {"team": "ops"}
    assert user["collection_errors"] == []


def test_good_user_has_mfa_and_no_keys(demo_inventory: Inventory) -> None:
    user = _doc(demo_inventory, "aws.iam.user", planted.GOOD_USER)
    assert user["path"] == "/engineering/"
    assert user["has_console_password"] is True
    assert user["password_reset_required"] is True
    assert [(d["serial_number"], d["type"]) for d in user["mfa_devices"]] == [
        (f"arn:aws:iam::{ACCOUNT_ID}:mfa/{planted.GOOD_USER_MFA}", "virtual")
    ]
    assert user["mfa_devices"][0]["enable_date"] is not None
    assert user["access_keys"] == []
    assert user["groups"] == [planted.GOOD_GROUP]
    assert user["inline_policies"] == []
    assert user["attached_policies"] == []
    assert user["user_id"]
    # moto drops user permissions boundaries (roles keep theirs): not asserted here.
    assert user["collection_errors"] == []


def test_bulk_users_are_plain(demo_inventory: Inventory) -> None:
    bulk = [u for u in demo_inventory.of_type("aws.iam.user") if u.id.startswith("cw-demo-user-")]
    assert len(bulk) == 5
    user = _doc(demo_inventory, "aws.iam.user", planted.BULK_USER.format(0))
    assert user["has_console_password"] is False
    assert user["login_profile_create_date"] is None
    assert user["access_keys"] == []
    assert user["collection_errors"] == []


def test_groups_with_members_and_without(demo_inventory: Inventory) -> None:
    group = _doc(demo_inventory, "aws.iam.group", planted.GOOD_GROUP)
    assert group["members"] == [planted.GOOD_USER]
    assert group["attached_policies"] == [
        {"name": planted.LEAST_PRIVILEGE_POLICY, "arn": _policy_arn(planted.LEAST_PRIVILEGE_POLICY)}
    ]
    assert group["inline_policies"][0]["name"] == planted.GOOD_GROUP_INLINE_POLICY
    assert group["inline_policies"][0]["document"]["Statement"][0]["Effect"] == "Deny"
    assert group["collection_errors"] == []
    empty = _doc(demo_inventory, "aws.iam.group", planted.EMPTY_GROUP)
    assert empty["members"] == []
    assert empty["path"] == "/unused/"
    assert empty["attached_policies"] == []
    assert empty["collection_errors"] == []


def test_role_trusting_another_account_without_external_id(demo_inventory: Inventory) -> None:
    role = _doc(demo_inventory, "aws.iam.role", planted.TRUST_NO_EXTERNAL_ID_ROLE)
    statement = role["assume_role_policy"]["Statement"][0]
    assert statement["Principal"] == {"AWS": f"arn:aws:iam::{planted.OTHER_ACCOUNT}:root"}
    assert "Condition" not in statement
    assert role["max_session_duration"] == 43200
    assert role["is_service_linked"] is False
    assert {p["name"] for p in role["attached_policies"]} == {
        planted.ADMIN_POLICY,
        planted.AWS_ADMINISTRATOR_ACCESS,
    }
    assert role["last_used_date"] is None
    assert role["permissions_boundary"] is None
    assert role["collection_errors"] == []


def test_role_with_external_id_and_boundary(demo_inventory: Inventory) -> None:
    role = _doc(demo_inventory, "aws.iam.role", planted.TRUST_EXTERNAL_ID_ROLE)
    statement = role["assume_role_policy"]["Statement"][0]
    assert statement["Condition"] == {"StringEquals": {"sts:ExternalId": planted.EXTERNAL_ID}}
    assert role["path"] == "/partners/"
    assert role["max_session_duration"] == 3600
    assert role["permissions_boundary"] == _policy_arn(planted.LEAST_PRIVILEGE_POLICY)
    assert role["tags"] == {"partner": "example"}
    assert role["attached_policies"] == []
    assert role["inline_policies"][0]["name"] == planted.ROLE_INLINE_POLICY
    assert role["inline_policies"][0]["document"]["Statement"][0]["Action"] == "s3:ListBucket"
    assert role["collection_errors"] == []


def test_mfa_device_types_from_serials() -> None:
    assert mfa_type(f"arn:aws:iam::{ACCOUNT_ID}:mfa/alice") == "virtual"
    assert mfa_type(f"arn:aws:iam::{ACCOUNT_ID}:u2f/user/alice/key-ABC") == "u2f"
    assert mfa_type("GAHT12345678") == "hardware"


def test_service_linked_role_and_user_without_anything(
    aws: boto3.Session, identity: Identity
) -> None:
    iam = aws.client("iam")
    iam.create_service_linked_role(AWSServiceName="elasticbeanstalk.amazonaws.com")
    iam.create_user(UserName="bare")
    inventory = discover(
        aws,
        identity,
        DiscoveryScope(resource_types=("aws.iam.role", "aws.iam.user"), regions=("us-east-1",)),
    )
    (role,) = inventory.of_type("aws.iam.role")
    assert role.is_service_linked is True  # type: ignore[attr-defined]
    assert role.path.startswith("/aws-service-role/")  # type: ignore[attr-defined]
    user = find(inventory, "aws.iam.user", "bare").document()
    # No login profile is a value (NoSuchEntity means 'no console password'), not an error.
    assert user["has_console_password"] is False
    assert user["mfa_devices"] == []
    assert user["collection_errors"] == []
