"""An integration's trust documents, and the trust verifier run on its role after assuming it.

The verifier reads the role's own trust policy with ``iam:GetRole`` (ReadOnlyAccess allows it)
through the session that just assumed the role. A denied or failed read is recorded as
"could not verify the trust policy: ...", never as trusted.
"""

from __future__ import annotations

from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from cloudwarden.platform.db.models import Integration
from cloudwarden.platform.errors import ConflictError
from cloudwarden.platform.services.aws import READ_ONLY_HINT
from cloudwarden.platform.settings import PlatformSettings
from cloudwarden.platform.wif.trust_policy import RoleRef, RoleTrust, Trust, WifTrust, trust_policy
from cloudwarden.platform.wif.trust_verifier import (
    UNVERIFIED,
    TrustFinding,
    parse_document,
    verify,
)


def expected_trust(settings: PlatformSettings, row: Integration) -> Trust:
    """What this integration's role must trust; ConflictError says what is missing."""
    if row.auth_type == "wif":
        if settings.issuer_url is None:
            raise ConflictError(
                "the platform has no issuer URL: the operator sets CLOUDWARDEN_ISSUER_URL"
            )
        return WifTrust.of(
            integration_id=row.id,
            space_id=row.space_id,
            role_arn=row.role_arn or "",
            audience=row.audience or settings.wif_audience,
            issuer_url=settings.issuer_url,
        )
    if row.auth_type == "role":
        if settings.platform_principal_arn is None:
            raise ConflictError(
                "the platform does not know its own AWS principal: the operator sets "
                "CLOUDWARDEN_PLATFORM_PRINCIPAL_ARN"
            )
        return RoleTrust(
            RoleRef.parse(row.role_arn or ""),
            row.external_id or "",
            settings.platform_principal_arn,
        )
    raise ConflictError(
        "an access-key integration assumes no role, so it has no trust policy; use a role or "
        "wif integration to scan without a stored key"
    )


def findings(
    settings: PlatformSettings, aws_session: boto3.Session, endpoint: str | None, row: Integration
) -> list[dict[str, Any]]:
    """The verifier's findings on the role ``aws_session`` assumed; [] for an access key."""
    if row.auth_type == "access_key" or row.role_arn is None:
        return []
    try:
        trust = expected_trust(settings, row)
    except ConflictError as exc:
        return [
            TrustFinding(UNVERIFIED, f"could not verify the trust policy: {exc}", None).as_json()
        ]
    try:
        role = aws_session.client("iam", endpoint_url=endpoint).get_role(RoleName=trust.role.name)
        document = parse_document(role["Role"]["AssumeRolePolicyDocument"])
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "an error")
        return [
            _unverified(
                trust, f"iam:GetRole on {trust.role.name} answered {code}; {READ_ONLY_HINT}"
            )
        ]
    except BotoCoreError as exc:
        return [_unverified(trust, f"IAM could not be reached ({type(exc).__name__})")]
    except (TypeError, ValueError, KeyError):
        return [_unverified(trust, "IAM answered a trust policy that is not a JSON object")]
    return [f.as_json() for f in verify(document, trust)]


def _unverified(trust: Trust, why: str) -> dict[str, Any]:
    return TrustFinding(
        UNVERIFIED, f"could not verify the trust policy: {why}", trust_policy(trust)
    ).as_json()
