"""The account: a weak password policy, a security contact only, S3 Block Public Access in part.

IAM and account settings are global: nothing here is regional.
"""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext

PASSWORD_MINIMUM_LENGTH = 8
"""Below the CIS minimum of 14, and no symbols are required."""
SECURITY_CONTACT = {
    "Name": "CW Demo Security",
    "Title": "Security Officer",
    "EmailAddress": "security@cw-demo.example.com",
    "PhoneNumber": "+1-555-0100",
}
PUBLIC_ACCESS_BLOCK = {
    "BlockPublicAcls": True,
    "IgnorePublicAcls": True,
    "BlockPublicPolicy": False,
    "RestrictPublicBuckets": False,
}
"""ACLs are blocked account-wide, public bucket policies are not (moto does not enforce it)."""


def seed(ctx: SeedContext) -> None:
    ctx.client("iam").update_account_password_policy(
        MinimumPasswordLength=PASSWORD_MINIMUM_LENGTH,
        RequireSymbols=False,
        RequireNumbers=True,
        RequireUppercaseCharacters=True,
        RequireLowercaseCharacters=True,
        AllowUsersToChangePassword=True,
    )
    ctx.client("account").put_alternate_contact(AlternateContactType="SECURITY", **SECURITY_CONTACT)
    ctx.client("s3control").put_public_access_block(
        AccountId=ctx.account_id, PublicAccessBlockConfiguration=PUBLIC_ACCESS_BLOCK
    )
