"""IAM: an over-privileged admin user and a well-run one, groups, trusting roles, policies,
a server certificate and identity providers.

moto knows AWS managed policies only with MOTO_IAM_LOAD_MANAGED_POLICIES=true (all ~1,300 of
them, for every account); the few this seeder attaches are planted in the emulator directly.
"""

from __future__ import annotations

import datetime
import json
import logging
from typing import Any

from cloudwarden.demo.seed import SeedContext

log = logging.getLogger(__name__)

OTHER_ACCOUNT = "999999999999"
ADMIN_USER = "cw-demo-admin"
"""Console password without MFA, two active access keys, an inline *:* policy."""
ADMIN_INLINE_POLICY = "cw-demo-admin-everything"
GOOD_USER = "cw-demo-good-user"
"""In a group, console password with a virtual MFA device, no access keys."""
GOOD_USER_MFA = "cw-demo-good-user-mfa"
GOOD_GROUP = "cw-demo-developers"
GOOD_GROUP_INLINE_POLICY = "cw-demo-deny-iam-changes"
EMPTY_GROUP = "cw-demo-empty-group"
TRUST_NO_EXTERNAL_ID_ROLE = "cw-demo-cross-account-no-external-id"
TRUST_EXTERNAL_ID_ROLE = "cw-demo-cross-account-with-external-id"
EXTERNAL_ID = "cw-demo-external-id-4711"
ROLE_INLINE_POLICY = "cw-demo-read-buckets"
ADMIN_POLICY = "cw-demo-admin-policy"
"""A customer managed policy allowing * on *, attached to the external-id-less role."""
LEAST_PRIVILEGE_POLICY = "cw-demo-read-logs"
"""A narrow customer managed policy, attached to the good group and used as a boundary."""
SERVER_CERTIFICATE = "cw-demo-server-cert"
SAML_PROVIDER = "cw-demo-saml"
OIDC_URL = "token.actions.githubusercontent.com"
OIDC_THUMBPRINT = "6938fd4d98bab03faadb97b34396831e3780aea1"
AWS_ADMINISTRATOR_ACCESS = "AdministratorAccess"
AWS_CLOUDSHELL_FULL_ACCESS = "AWSCloudShellFullAccess"
BULK_USER = "cw-demo-user-{:05d}"
PASSWORD = "Cw-demo-Passw0rd!-not-a-secret"  # noqa: S105 - an emulated account's demo user

ALLOW_ALL = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
}
READ_LOGS = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": ["logs:DescribeLogGroups", "logs:GetLogEvents"],
            "Resource": "arn:aws:logs:us-east-1:123456789012:log-group:cw-demo-*",
        }
    ],
}


def _arn(ctx: SeedContext, resource: str) -> str:
    return f"arn:aws:iam::{ctx.account_id}:{resource}"


def _aws_policy_arn(name: str) -> str:
    return f"arn:aws:iam::aws:policy/{name}"


def _aws_policy_exists(ctx: SeedContext, name: str) -> bool:
    iam = ctx.client("iam")
    try:
        iam.get_policy(PolicyArn=_aws_policy_arn(name))
    except iam.exceptions.NoSuchEntityException:
        return False
    return True


def _aws_managed_policies_exist(ctx: SeedContext, names: tuple[str, ...]) -> bool:
    """Whether the emulator has these AWS managed policies (it loads them when told to, see
    ``cloudwarden.demo.emulator``); the seeders that attach them are skipped otherwise."""
    missing = [name for name in names if not _aws_policy_exists(ctx, name)]
    if missing:
        log.warning("the emulator lacks the AWS managed policies %s", ", ".join(missing))
    return not missing


def _self_signed_certificate(common_name: str) -> tuple[str, str]:
    """A PEM certificate body and private key, valid for a year."""
    from cryptography import x509  # noqa: PLC0415 - only the seeder needs it
    from cryptography.hazmat.primitives import hashes, serialization  # noqa: PLC0415
    from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: PLC0415
    from cryptography.x509.oid import NameOID  # noqa: PLC0415

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    body = certificate.public_bytes(serialization.Encoding.PEM).decode()
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    ).decode()
    return body, private


def _saml_metadata() -> str:
    padding = "<!-- " + "cw-demo " * 150 + "-->"  # IAM wants at least 1,000 characters
    return (
        '<?xml version="1.0"?>'
        '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
        'entityID="https://idp.cw-demo.example.com/saml" validUntil="2035-01-01T00:00:00Z">'
        '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
        '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
        'Location="https://idp.cw-demo.example.com/sso"/>'
        f"</md:IDPSSODescriptor>{padding}</md:EntityDescriptor>"
    )


def _trust(condition: dict[str, Any] | None) -> str:
    statement: dict[str, Any] = {
        "Effect": "Allow",
        "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"},
        "Action": "sts:AssumeRole",
    }
    if condition:
        statement["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def _seed_policies(ctx: SeedContext) -> None:
    iam = ctx.client("iam")
    iam.create_policy(
        PolicyName=ADMIN_POLICY,
        PolicyDocument=json.dumps(ALLOW_ALL),
        Description="Everything on everything",
    )
    iam.create_policy(
        PolicyName=LEAST_PRIVILEGE_POLICY,
        PolicyDocument=json.dumps(READ_LOGS),
        Description="Read the demo log groups",
        Tags=[{"Key": "owner", "Value": "security"}],
    )


def _seed_users_and_groups(ctx: SeedContext, aws_managed: bool) -> None:
    iam = ctx.client("iam")
    iam.create_user(UserName=ADMIN_USER, Tags=[{"Key": "team", "Value": "ops"}])
    iam.create_login_profile(UserName=ADMIN_USER, Password=PASSWORD)
    iam.create_access_key(UserName=ADMIN_USER)
    iam.create_access_key(UserName=ADMIN_USER)
    iam.put_user_policy(
        UserName=ADMIN_USER,
        PolicyName=ADMIN_INLINE_POLICY,
        PolicyDocument=json.dumps(ALLOW_ALL),
    )
    if aws_managed:
        iam.attach_user_policy(
            UserName=ADMIN_USER, PolicyArn=_aws_policy_arn(AWS_CLOUDSHELL_FULL_ACCESS)
        )

    iam.create_group(GroupName=GOOD_GROUP)
    iam.attach_group_policy(
        GroupName=GOOD_GROUP, PolicyArn=_arn(ctx, f"policy/{LEAST_PRIVILEGE_POLICY}")
    )
    iam.put_group_policy(
        GroupName=GOOD_GROUP,
        PolicyName=GOOD_GROUP_INLINE_POLICY,
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}],
            }
        ),
    )
    iam.create_user(  # moto drops user permissions boundaries; roles keep theirs
        UserName=GOOD_USER,
        Path="/engineering/",
        PermissionsBoundary=_arn(ctx, f"policy/{LEAST_PRIVILEGE_POLICY}"),
        Tags=[{"Key": "team", "Value": "engineering"}],
    )
    iam.create_login_profile(UserName=GOOD_USER, Password=PASSWORD, PasswordResetRequired=True)
    # moto keeps PasswordResetRequired only from UpdateLoginProfile.
    iam.update_login_profile(UserName=GOOD_USER, Password=PASSWORD, PasswordResetRequired=True)
    serial = iam.create_virtual_mfa_device(VirtualMFADeviceName=GOOD_USER_MFA)["VirtualMFADevice"][
        "SerialNumber"
    ]
    iam.enable_mfa_device(
        UserName=GOOD_USER,
        SerialNumber=serial,
        AuthenticationCode1="123456",
        AuthenticationCode2="654321",
    )
    iam.add_user_to_group(GroupName=GOOD_GROUP, UserName=GOOD_USER)
    iam.create_group(GroupName=EMPTY_GROUP, Path="/unused/")


def _seed_roles(ctx: SeedContext, aws_managed: bool) -> None:
    iam = ctx.client("iam")
    iam.create_role(
        RoleName=TRUST_NO_EXTERNAL_ID_ROLE,
        AssumeRolePolicyDocument=_trust(None),
        Description="A partner may assume this role without an external id",
        MaxSessionDuration=43200,
    )
    iam.attach_role_policy(
        RoleName=TRUST_NO_EXTERNAL_ID_ROLE, PolicyArn=_arn(ctx, f"policy/{ADMIN_POLICY}")
    )
    if aws_managed:
        iam.attach_role_policy(
            RoleName=TRUST_NO_EXTERNAL_ID_ROLE,
            PolicyArn=_aws_policy_arn(AWS_ADMINISTRATOR_ACCESS),
        )
    iam.create_role(
        RoleName=TRUST_EXTERNAL_ID_ROLE,
        Path="/partners/",
        AssumeRolePolicyDocument=_trust({"StringEquals": {"sts:ExternalId": EXTERNAL_ID}}),
        Description="A partner assumes this role with an external id",
        MaxSessionDuration=3600,
        PermissionsBoundary=_arn(ctx, f"policy/{LEAST_PRIVILEGE_POLICY}"),
        Tags=[{"Key": "partner", "Value": "example"}],
    )
    iam.put_role_policy(
        RoleName=TRUST_EXTERNAL_ID_ROLE,
        PolicyName=ROLE_INLINE_POLICY,
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::*"}
                ],
            }
        ),
    )


def _seed_certificates_and_providers(ctx: SeedContext) -> None:
    iam = ctx.client("iam")
    body, private_key = _self_signed_certificate("www.cw-demo.example.com")
    iam.upload_server_certificate(
        ServerCertificateName=SERVER_CERTIFICATE, CertificateBody=body, PrivateKey=private_key
    )
    iam.create_saml_provider(Name=SAML_PROVIDER, SAMLMetadataDocument=_saml_metadata())
    iam.create_open_id_connect_provider(
        Url=f"https://{OIDC_URL}",
        ClientIDList=["sts.amazonaws.com"],
        ThumbprintList=[OIDC_THUMBPRINT],
        Tags=[{"Key": "ci", "Value": "github"}],
    )


def seed(ctx: SeedContext) -> None:
    aws_managed = _aws_managed_policies_exist(
        ctx, (AWS_ADMINISTRATOR_ACCESS, AWS_CLOUDSHELL_FULL_ACCESS)
    )
    _seed_policies(ctx)
    _seed_users_and_groups(ctx, aws_managed)
    _seed_roles(ctx, aws_managed)
    _seed_certificates_and_providers(ctx)
    iam = ctx.client("iam")
    for index in range(ctx.scale * 5):
        iam.create_user(UserName=BULK_USER.format(index))
