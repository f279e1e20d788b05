"""SES (API v2): email identities with DKIM signing and their sending authorization policies."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, flag, policy
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


@resource_type("aws.sesv2.email_identity", "An SES email identity (a domain or an address).")
class EmailIdentity(Resource):
    """An SES identity; its id and name are the domain or email address."""

    identity_type: str | None = Field(
        default=None, description="DOMAIN, EMAIL_ADDRESS or MANAGED_DOMAIN."
    )
    verification_status: str | None = Field(
        default=None, description="PENDING, SUCCESS, FAILED, TEMPORARY_FAILURE or NOT_STARTED."
    )
    dkim_signing_enabled: bool | None = Field(
        default=None, description="Messages sent from it are DKIM-signed."
    )
    dkim_status: str | None = Field(
        default=None,
        description="DKIM verification: SUCCESS, PENDING, FAILED, TEMPORARY_FAILURE, NOT_STARTED.",
    )
    policies: dict[str, Any] = Field(
        default_factory=dict,
        description="Sending authorization policies by name, each parsed from JSON; empty if none.",
    )


def _policies(value: Any) -> dict[str, Any]:
    return {name: policy(text) for name, text in (value or {}).items()}


def _identity(item: Any, ctx: RegionContext) -> Doc:
    name = item["IdentityName"]
    return {"id": name, "arn": ctx.arn("ses", f"identity/{name}"), "name": name}


collectors.register(
    listed(
        EmailIdentity,
        "sesv2",
        "ListEmailIdentities",
        "EmailIdentities",
        _identity,
        Detail(
            Call(
                "GetEmailIdentity",
                lambda doc: {"EmailIdentity": doc["id"]},
                permission="ses:GetEmailIdentity",
            ),
            Map(
                {
                    "identity_type": "IdentityType",
                    "verification_status": "VerificationStatus",
                    "dkim_signing_enabled": ("DkimAttributes.SigningEnabled", flag),
                    "dkim_status": "DkimAttributes.Status",
                    "policies": ("Policies", _policies),
                }
            ),
        ),
    )
)
