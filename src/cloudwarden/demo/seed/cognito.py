"""Cognito: a hardened customer user pool and a legacy one, and two identity pools.

The hardened pool requires MFA (authenticator apps), a 14-character mixed password, enforced
threat protection and deletion protection, with an app client that hides user existence and
can revoke tokens. The legacy pool is what a quick start leaves: an 8-character password, MFA
off, open sign-up, and a client allowing the plain password flow.
"""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext

SECURE_POOL = "cw-demo-customers"
SECURE_CLIENT = "cw-demo-customers-web"
LEGACY_POOL = "cw-demo-legacy-users"
LEGACY_CLIENT = "cw-demo-legacy-app"
AUTHENTICATED_IDENTITY_POOL = "cw_demo_app_identities"
GUEST_IDENTITY_POOL = "cw_demo_guest_identities"
"""Identity pool names allow only word characters and spaces."""

TAGS = {"owner": "identity-team"}


def seed(ctx: SeedContext) -> None:
    idp = ctx.client("cognito-idp", ctx.home)
    secure = idp.create_user_pool(
        PoolName=SECURE_POOL,
        Policies={
            "PasswordPolicy": {
                "MinimumLength": 14,
                "RequireUppercase": True,
                "RequireLowercase": True,
                "RequireNumbers": True,
                "RequireSymbols": True,
                "PasswordHistorySize": 12,
                "TemporaryPasswordValidityDays": 3,
            }
        },
        DeletionProtection="ACTIVE",
        UserPoolAddOns={"AdvancedSecurityMode": "ENFORCED"},
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
        UserPoolTags=TAGS,
    )["UserPool"]
    idp.set_user_pool_mfa_config(
        UserPoolId=secure["Id"],
        SoftwareTokenMfaConfiguration={"Enabled": True},
        MfaConfiguration="ON",
    )
    secure_client = idp.create_user_pool_client(
        UserPoolId=secure["Id"],
        ClientName=SECURE_CLIENT,
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        PreventUserExistenceErrors="ENABLED",
        EnableTokenRevocation=True,
    )["UserPoolClient"]

    legacy = idp.create_user_pool(
        PoolName=LEGACY_POOL,
        Policies={
            "PasswordPolicy": {
                "MinimumLength": 8,
                "RequireUppercase": False,
                "RequireLowercase": True,
                "RequireNumbers": False,
                "RequireSymbols": False,
                "TemporaryPasswordValidityDays": 30,
            }
        },
        DeletionProtection="INACTIVE",
        MfaConfiguration="OFF",
    )["UserPool"]
    idp.create_user_pool_client(
        UserPoolId=legacy["Id"],
        ClientName=LEGACY_CLIENT,
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        PreventUserExistenceErrors="LEGACY",
        EnableTokenRevocation=False,
    )

    identity = ctx.client("cognito-identity", ctx.home)
    provider = {
        "ProviderName": f"cognito-idp.{ctx.home}.amazonaws.com/{secure['Id']}",
        "ClientId": secure_client["ClientId"],
    }
    identity.create_identity_pool(
        IdentityPoolName=AUTHENTICATED_IDENTITY_POOL,
        AllowUnauthenticatedIdentities=False,
        AllowClassicFlow=False,
        CognitoIdentityProviders=[provider],
        IdentityPoolTags=TAGS,
    )
    identity.create_identity_pool(
        IdentityPoolName=GUEST_IDENTITY_POOL,
        AllowUnauthenticatedIdentities=True,
        AllowClassicFlow=True,
    )
