"""The trust policy an integration's role needs: exactly this integration, nothing wider.

A ``wif`` role trusts the platform's IAM OIDC provider, pinned with ``StringEquals`` to this
integration's subject (``<host>:sub``) and audience (``<host>:aud``): the seed's Step 5. A
``role`` role trusts the platform's own AWS principal (``platform_principal_arn``, the identity
the platform's default credentials resolve to) and requires this integration's ExternalId.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cloudwarden.platform.wif.subject import issuer_host, wif_subject

POLICY_VERSION = "2012-10-17"
WEB_IDENTITY_ACTION = "sts:AssumeRoleWithWebIdentity"
ASSUME_ROLE_ACTION = "sts:AssumeRole"
EXTERNAL_ID_KEY = "sts:ExternalId"


@dataclass(frozen=True)
class RoleRef:
    """The parts of a role ARN ``arn:<partition>:iam::<account>:role<path><name>``."""

    arn: str
    partition: str
    account: str
    path: str
    name: str

    @classmethod
    def parse(cls, arn: str) -> RoleRef:
        _, partition, _, _, account, resource = arn.split(":", 5)
        path, _, name = resource.removeprefix("role").rpartition("/")
        return cls(arn, partition, account, path + "/", name)


@dataclass(frozen=True)
class WifTrust:
    role: RoleRef
    audience: str
    issuer_url: str
    subject: str

    @classmethod
    def of(
        cls, *, integration_id: str, space_id: str, role_arn: str, audience: str, issuer_url: str
    ) -> WifTrust:
        return cls(
            RoleRef.parse(role_arn),
            audience,
            issuer_url,
            wif_subject(integration_id, space_id, issuer_url),
        )

    @property
    def host(self) -> str:
        return issuer_host(self.issuer_url)

    @property
    def provider_arn(self) -> str:
        """The provider lives in the role's account; IAM names it by the issuer host."""
        return f"arn:{self.role.partition}:iam::{self.role.account}:oidc-provider/{self.host}"


@dataclass(frozen=True)
class RoleTrust:
    role: RoleRef
    external_id: str
    principal_arn: str


Trust = WifTrust | RoleTrust


def trust_policy(trust: Trust) -> dict[str, Any]:
    """The exact document to paste as the role's trust policy."""
    if isinstance(trust, WifTrust):
        statement: dict[str, Any] = {
            "Effect": "Allow",
            "Principal": {"Federated": trust.provider_arn},
            "Action": WEB_IDENTITY_ACTION,
            "Condition": {
                "StringEquals": {
                    f"{trust.host}:sub": trust.subject,
                    f"{trust.host}:aud": trust.audience,
                }
            },
        }
    else:
        statement = {
            "Effect": "Allow",
            "Principal": {"AWS": trust.principal_arn},
            "Action": ASSUME_ROLE_ACTION,
            "Condition": {"StringEquals": {EXTERNAL_ID_KEY: trust.external_id}},
        }
    return {"Version": POLICY_VERSION, "Statement": [statement]}
