"""Cognito: user pools (sign-in policy, MFA, threat protection, app clients) and identity pools.

User pools are read with the ``cognito-idp`` client, identity pools with ``cognito-identity``.
A user pool's MFA setting is read from GetUserPoolMfaConfig, the authoritative answer: the
``MfaConfiguration`` of DescribeUserPool can lag behind it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, default, each, flag, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource

PAGE_SIZE = 60
"""The largest page ListUserPools and ListIdentityPools accept (MaxResults is required)."""


class UserPoolClient(Document):
    """An app client of a user pool: how one application signs its users in."""

    id: str = Field(description="The app client id.")
    user_pool_id: str = Field(description="The id of the user pool it belongs to.")
    name: str | None = Field(default=None, description="The app client name.")
    prevent_user_existence_errors: str | None = Field(
        default=None,
        description="ENABLED: sign-in and recovery errors do not reveal whether a user exists; "
        "LEGACY (or null) reveals it.",
    )
    enable_token_revocation: bool | None = Field(
        default=None, description="Refresh tokens issued to this client can be revoked."
    )
    explicit_auth_flows: list[str] | None = Field(
        default=None,
        description="Authentication flows allowed, e.g. ALLOW_USER_SRP_AUTH, "
        "ALLOW_USER_PASSWORD_AUTH (password sent to Cognito in clear within TLS).",
    )
    has_client_secret: bool | None = Field(
        default=None, description="The client has a client secret (a confidential client)."
    )
    allowed_oauth_flows: list[str] | None = Field(
        default=None, description="OAuth flows allowed: code, implicit, client_credentials."
    )
    refresh_token_validity: int | None = Field(
        default=None, description="How long a refresh token is valid, in its TokenValidityUnits."
    )


@resource_type("aws.cognito.user_pool", "A Cognito user pool (a user directory for sign-in).")
class UserPool(Resource):
    """A Cognito user pool with its password policy, MFA, threat protection and app clients."""

    creation_date: datetime | None = Field(default=None, description="When it was created.")
    deletion_protection: str | None = Field(
        default=None, description="ACTIVE (the pool cannot be deleted) or INACTIVE."
    )
    mfa_configuration: str | None = Field(
        default=None, description="OFF, ON (required for every user) or OPTIONAL (per user)."
    )
    software_token_mfa_enabled: bool | None = Field(
        default=None, description="Authenticator app (TOTP) MFA is enabled."
    )
    sms_mfa_configured: bool | None = Field(
        default=None, description="SMS text message MFA is configured."
    )
    email_mfa_configured: bool | None = Field(
        default=None, description="Email message MFA is configured."
    )
    password_minimum_length: int | None = Field(
        default=None, description="The minimum password length; null if the response had none."
    )
    password_require_uppercase: bool = Field(
        default=False, description="Passwords must contain an uppercase letter."
    )
    password_require_lowercase: bool = Field(
        default=False, description="Passwords must contain a lowercase letter."
    )
    password_require_numbers: bool = Field(
        default=False, description="Passwords must contain a number."
    )
    password_require_symbols: bool = Field(
        default=False, description="Passwords must contain a symbol."
    )
    password_history_size: int | None = Field(
        default=None,
        description="How many previous passwords a user cannot reuse; null or 0 means none.",
    )
    temporary_password_validity_days: int | None = Field(
        default=None, description="Days an administrator-set temporary password stays valid."
    )
    advanced_security_mode: str | None = Field(
        default=None,
        description="Threat protection (advanced security): OFF, AUDIT (log only) or ENFORCED; "
        "null when the pool has no add-ons (OFF).",
    )
    compromised_credentials_action: str | None = Field(
        default=None,
        description="What threat protection does on a sign-in with a known leaked password: "
        "BLOCK or NO_ACTION; null when threat protection is off or has no such configuration.",
    )
    account_takeover_high_action: str | None = Field(
        default=None,
        description="What threat protection does on a high-risk sign-in: BLOCK, MFA_REQUIRED, "
        "MFA_IF_CONFIGURED or NO_ACTION; null when off or not configured.",
    )
    account_takeover_medium_action: str | None = Field(
        default=None,
        description="The same for a medium-risk sign-in; null when off or not configured.",
    )
    allow_admin_create_user_only: bool = Field(
        default=False,
        description="Only administrators create users: self-service sign-up is disabled.",
    )
    domain: str | None = Field(default=None, description="The Cognito prefix domain, if any.")
    custom_domain: str | None = Field(
        default=None, description="The custom domain of the hosted UI, if any."
    )
    estimated_number_of_users: int | None = Field(
        default=None, description="About how many users the pool holds."
    )
    clients: list[UserPoolClient] = Field(
        default_factory=list, description="The pool's app clients; empty if it has none."
    )


@resource_type(
    "aws.cognito.identity_pool",
    "A Cognito identity pool (federated identities exchanged for AWS credentials).",
)
class IdentityPool(Resource):
    """A Cognito identity pool; its id is the pool id (region:uuid)."""

    allow_unauthenticated_identities: bool | None = Field(
        default=None,
        description="Guests without any sign-in get AWS credentials (the unauthenticated role).",
    )
    allow_classic_flow: bool | None = Field(
        default=None,
        description="The basic (classic) authentication flow is allowed; null or false: only "
        "the enhanced flow.",
    )
    developer_provider_name: str | None = Field(
        default=None, description="The developer authentication provider, if any."
    )
    cognito_identity_providers: list[str] = Field(
        default_factory=list, description="Provider names of the user pools it trusts."
    )
    supported_login_providers: list[str] = Field(
        default_factory=list,
        description="Public login providers it trusts (e.g. accounts.google.com).",
    )
    open_id_connect_provider_arns: list[str] = Field(
        default_factory=list, description="OpenID Connect providers it trusts."
    )
    saml_provider_arns: list[str] = Field(
        default_factory=list, description="SAML providers it trusts."
    )


def _user_pool(item: Any, ctx: RegionContext) -> Doc:
    pool_id = item["Id"]
    return {
        "id": pool_id,
        "arn": ctx.arn("cognito-idp", f"userpool/{pool_id}"),
        "name": item.get("Name"),
        "creation_date": item.get("CreationDate"),
    }


def _pool_params(doc: Doc) -> dict[str, Any]:
    return {"UserPoolId": doc["id"]}


def _client_params(client: Doc) -> dict[str, Any]:
    return {"UserPoolId": client["user_pool_id"], "ClientId": client["id"]}


def _present(value: Any) -> bool:
    return value is not None


def _keys(value: Any) -> list[str]:
    return sorted(value or {})


def _each_client(doc: Doc) -> list[Doc]:
    # Unset when ListUserPoolClients failed (its error is on the document).
    clients: list[Doc] = doc.get("clients", [])
    return clients


def _apply_client(client: Doc, response: Any) -> None:
    """Fills one item of ``clients`` (a fan-out detail names the document field it completes)."""
    client.update(CLIENT.read(response))


POLICY_PATH = "UserPool.Policies.PasswordPolicy"
RISK = "RiskConfiguration"


def _threat_protection_on(doc: Doc) -> bool:
    """Risk actions only apply while threat protection runs (AUDIT or ENFORCED)."""
    return doc.get("advanced_security_mode") in ("AUDIT", "ENFORCED")


CLIENT = Map(
    {
        "prevent_user_existence_errors": "UserPoolClient.PreventUserExistenceErrors",
        "enable_token_revocation": "UserPoolClient.EnableTokenRevocation",
        "explicit_auth_flows": ("UserPoolClient.ExplicitAuthFlows", strings),
        "has_client_secret": ("UserPoolClient.ClientSecret", _present),
        "allowed_oauth_flows": ("UserPoolClient.AllowedOAuthFlows", strings),
        "refresh_token_validity": "UserPoolClient.RefreshTokenValidity",
    }
)
"""DescribeUserPoolClient. ClientSecret is only tested for presence, never kept."""

collectors.register(
    ResourceSpec(
        model=UserPool,
        service="cognito-idp",
        list=Call("ListUserPools", lambda _doc: {"MaxResults": PAGE_SIZE}),
        items="UserPools",
        normalize=_user_pool,
        details=(
            Detail(
                Call("DescribeUserPool", _pool_params),
                Map(
                    {
                        "deletion_protection": "UserPool.DeletionProtection",
                        "password_minimum_length": f"{POLICY_PATH}.MinimumLength",
                        "password_require_uppercase": (f"{POLICY_PATH}.RequireUppercase", flag),
                        "password_require_lowercase": (f"{POLICY_PATH}.RequireLowercase", flag),
                        "password_require_numbers": (f"{POLICY_PATH}.RequireNumbers", flag),
                        "password_require_symbols": (f"{POLICY_PATH}.RequireSymbols", flag),
                        "password_history_size": f"{POLICY_PATH}.PasswordHistorySize",
                        "temporary_password_validity_days": (
                            f"{POLICY_PATH}.TemporaryPasswordValidityDays"
                        ),
                        "advanced_security_mode": "UserPool.UserPoolAddOns.AdvancedSecurityMode",
                        "allow_admin_create_user_only": (
                            "UserPool.AdminCreateUserConfig.AllowAdminCreateUserOnly",
                            flag,
                        ),
                        "domain": "UserPool.Domain",
                        "custom_domain": "UserPool.CustomDomain",
                        "estimated_number_of_users": "UserPool.EstimatedNumberOfUsers",
                        "tags": ("UserPool.UserPoolTags", default({})),
                    }
                ),
            ),
            Detail(
                Call("GetUserPoolMfaConfig", _pool_params),
                Map(
                    {
                        "mfa_configuration": "MfaConfiguration",
                        "software_token_mfa_enabled": (
                            "SoftwareTokenMfaConfiguration.Enabled",
                            flag,
                        ),
                        "sms_mfa_configured": ("SmsMfaConfiguration", _present),
                        "email_mfa_configured": ("EmailMfaConfiguration", _present),
                    }
                ),
            ),
            Detail(
                Call(
                    "ListUserPoolClients",
                    lambda doc: {"UserPoolId": doc["id"], "MaxResults": PAGE_SIZE},
                ),
                Map(
                    {
                        "clients": (
                            "UserPoolClients",
                            each(
                                Map(
                                    {
                                        "id": "ClientId",
                                        "user_pool_id": "UserPoolId",
                                        "name": "ClientName",
                                    }
                                )
                            ),
                        )
                    }
                ),
            ),
            Detail(
                Call("DescribeRiskConfiguration", _pool_params),
                Map(
                    {
                        "compromised_credentials_action": (
                            f"{RISK}.CompromisedCredentialsRiskConfiguration.Actions.EventAction"
                        ),
                        "account_takeover_high_action": (
                            f"{RISK}.AccountTakeoverRiskConfiguration.Actions.HighAction.EventAction"
                        ),
                        "account_takeover_medium_action": (
                            f"{RISK}.AccountTakeoverRiskConfiguration.Actions.MediumAction"
                            ".EventAction"
                        ),
                    }
                ),
                stage=1,
                when=_threat_protection_on,
            ),
            Detail(
                Call("DescribeUserPoolClient", _client_params),
                _apply_client,
                ("clients",),
                stage=1,
                for_each=_each_client,
            ),
        ),
    ),
    ResourceSpec(
        model=IdentityPool,
        service="cognito-identity",
        list=Call("ListIdentityPools", lambda _doc: {"MaxResults": PAGE_SIZE}),
        items="IdentityPools",
        normalize=lambda item, ctx: {
            "id": item["IdentityPoolId"],
            "arn": ctx.arn("cognito-identity", f"identitypool/{item['IdentityPoolId']}"),
            "name": item.get("IdentityPoolName"),
        },
        details=(
            Detail(
                Call("DescribeIdentityPool", lambda doc: {"IdentityPoolId": doc["id"]}),
                Map(
                    {
                        "allow_unauthenticated_identities": "AllowUnauthenticatedIdentities",
                        "allow_classic_flow": "AllowClassicFlow",
                        "developer_provider_name": "DeveloperProviderName",
                        "cognito_identity_providers": (
                            "CognitoIdentityProviders[].ProviderName",
                            strings,
                        ),
                        "supported_login_providers": ("SupportedLoginProviders", _keys),
                        "open_id_connect_provider_arns": ("OpenIdConnectProviderARNs", strings),
                        "saml_provider_arns": ("SamlProviderARNs", strings),
                        "tags": ("IdentityPoolTags", default({})),
                    }
                ),
            ),
        ),
    ),
)
