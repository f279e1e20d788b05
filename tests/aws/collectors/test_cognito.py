from __future__ import annotations

from cloudwarden.demo.seed import cognito as planted
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.inventory.resource import Resource

USER_POOL = "aws.cognito.user_pool"
IDENTITY_POOL = "aws.cognito.identity_pool"


def by_name(inventory: Inventory, type_name: str, name: str) -> Resource:
    matches = [r for r in inventory.of_type(type_name) if r.name == name]
    assert len(matches) == 1, sorted(str(r.name) for r in inventory.of_type(type_name))
    return matches[0]


def test_no_listing_errors(demo_inventory: Inventory) -> None:
    assert demo_inventory.errors_for(USER_POOL) == []
    assert demo_inventory.errors_for(IDENTITY_POOL) == []


def test_hardened_user_pool_has_every_control(demo_inventory: Inventory) -> None:
    pool = by_name(demo_inventory, USER_POOL, planted.SECURE_POOL).document()
    assert pool["region"] == "us-east-1"
    assert pool["arn"] == f"arn:aws:cognito-idp:us-east-1:123456789012:userpool/{pool['id']}"
    assert pool["mfa_configuration"] == "ON"
    assert pool["software_token_mfa_enabled"] is True
    assert pool["sms_mfa_configured"] is False
    assert pool["password_minimum_length"] == 14
    assert pool["password_require_uppercase"] is True
    assert pool["password_require_lowercase"] is True
    assert pool["password_require_numbers"] is True
    assert pool["password_require_symbols"] is True
    assert pool["password_history_size"] == 12
    assert pool["temporary_password_validity_days"] == 3
    assert pool["deletion_protection"] == "ACTIVE"
    assert pool["advanced_security_mode"] == "ENFORCED"
    assert pool["allow_admin_create_user_only"] is True
    assert pool["tags"] == planted.TAGS
    [client] = pool["clients"]
    assert client["name"] == planted.SECURE_CLIENT
    assert client["user_pool_id"] == pool["id"]
    assert client["prevent_user_existence_errors"] == "ENABLED"
    assert client["enable_token_revocation"] is True
    assert client["explicit_auth_flows"] == ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    assert client["has_client_secret"] is False
    # moto lacks DescribeRiskConfiguration (docs/moto-gaps.md): called because threat
    # protection is on, it fails and leaves its fields uncollected.
    [error] = pool["collection_errors"]
    assert error["operation"] == "DescribeRiskConfiguration"
    assert set(error["fields"]) == {
        "compromised_credentials_action",
        "account_takeover_high_action",
        "account_takeover_medium_action",
    }


def test_legacy_user_pool_shows_what_is_missing(demo_inventory: Inventory) -> None:
    pool = by_name(demo_inventory, USER_POOL, planted.LEGACY_POOL).document()
    assert pool["mfa_configuration"] == "OFF"
    assert pool["software_token_mfa_enabled"] is False
    assert pool["password_minimum_length"] == 8
    assert pool["password_require_uppercase"] is False
    assert pool["password_require_symbols"] is False
    assert pool["password_history_size"] is None
    assert pool["temporary_password_validity_days"] == 30
    assert pool["deletion_protection"] == "INACTIVE"
    assert pool["advanced_security_mode"] is None
    assert pool["allow_admin_create_user_only"] is False
    # Threat protection is off: the risk configuration is not read and stays null.
    assert pool["compromised_credentials_action"] is None
    assert pool["collection_errors"] == []
    [client] = pool["clients"]
    assert client["name"] == planted.LEGACY_CLIENT
    assert client["prevent_user_existence_errors"] == "LEGACY"
    assert client["enable_token_revocation"] is False
    assert "ALLOW_USER_PASSWORD_AUTH" in client["explicit_auth_flows"]


def test_identity_pools(demo_inventory: Inventory) -> None:
    app = by_name(demo_inventory, IDENTITY_POOL, planted.AUTHENTICATED_IDENTITY_POOL).document()
    assert app["id"].startswith("us-east-1:")
    assert app["allow_unauthenticated_identities"] is False
    assert app["tags"] == planted.TAGS
    [provider] = app["cognito_identity_providers"]
    assert provider.startswith("cognito-idp.us-east-1.amazonaws.com/us-east-1_")
    guest = by_name(demo_inventory, IDENTITY_POOL, planted.GUEST_IDENTITY_POOL).document()
    assert guest["allow_unauthenticated_identities"] is True
    # moto does not keep AllowClassicFlow (docs/moto-gaps.md): it reads as null.
    assert guest["allow_classic_flow"] is None
    assert guest["collection_errors"] == []
