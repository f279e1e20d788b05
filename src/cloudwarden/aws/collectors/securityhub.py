"""Security Hub: whether it is enabled in each region, and which standards are enabled.

One document per region (``aws.securityhub.region_settings``). DescribeHub answers
InvalidAccessException (account not subscribed) or ResourceNotFoundException where Security Hub is
off: that is the value ``enabled: false``, not an error. Standards are read only where it is on.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, each, present, required
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource

NOT_ENABLED_CODES = ("InvalidAccessException", "ResourceNotFoundException")
"""DescribeHub error codes that mean Security Hub is not enabled in the region."""


class EnabledStandard(Document):
    """A security standard the region's hub is subscribed to."""

    standards_arn: str = Field(
        description=(
            "The standard, e.g. arn:aws:securityhub:<region>::standards/"
            "aws-foundational-security-best-practices/v/1.0.0."
        )
    )
    subscription_arn: str | None = Field(
        default=None, description="The ARN of this account's subscription to the standard."
    )
    status: str | None = Field(
        default=None, description="PENDING, READY, FAILED, DELETING or INCOMPLETE."
    )
    status_reason: str | None = Field(
        default=None,
        description="Why the subscription is INCOMPLETE or FAILED (a StatusReasonCode), if so.",
    )


@resource_type(
    "aws.securityhub.region_settings",
    "Security Hub in one region: whether it is enabled, and its enabled standards.",
    account_asset=True,
)
class SecurityHubRegionSettings(Resource):
    """Security Hub in one region; the id is the region."""

    enabled: bool | None = Field(
        default=None,
        description="Security Hub is enabled in the region; null if DescribeHub failed.",
    )
    hub_arn: str | None = Field(default=None, description="The hub ARN, when enabled.")
    subscribed_at: datetime | None = Field(
        default=None, description="When Security Hub was enabled in the region."
    )
    auto_enable_controls: bool | None = Field(
        default=None,
        description="New controls of enabled standards are enabled automatically (when enabled).",
    )
    control_finding_generator: str | None = Field(
        default=None,
        description="SECURITY_CONTROL (consolidated findings) or STANDARD_CONTROL, when enabled.",
    )
    standards: list[EnabledStandard] = Field(
        default_factory=list,
        description="The enabled standards; empty when none, or when Security Hub is off.",
    )


def _region(_item: Any, ctx: RegionContext) -> Doc:
    return {"id": ctx.region, "name": f"Security Hub in {ctx.region}"}


_HUB = Map(
    {
        # The absent codes stand for an empty response: no hub, so not enabled.
        "enabled": ("HubArn", present),
        "hub_arn": "HubArn",
        "subscribed_at": "SubscribedAt",
        "auto_enable_controls": "AutoEnableControls",
        "control_finding_generator": "ControlFindingGenerator",
    }
)


def _is_enabled(doc: Doc) -> bool:
    return doc.get("enabled") is True


_STANDARD = Map(
    {
        "standards_arn": ("StandardsArn", required),
        "subscription_arn": "StandardsSubscriptionArn",
        "status": "StandardsStatus",
        "status_reason": "StandardsStatusReason.StatusReasonCode",
    }
)


collectors.register(
    ResourceSpec(
        model=SecurityHubRegionSettings,
        service="securityhub",
        normalize=_region,
        details=(
            Detail(
                Call("DescribeHub"),
                _HUB,
                absent={code: {} for code in NOT_ENABLED_CODES},
            ),
            Detail(
                Call("GetEnabledStandards"),
                Map({"standards": ("StandardsSubscriptions", each(_STANDARD))}),
                when=_is_enabled,
                stage=1,
            ),
        ),
    )
)
