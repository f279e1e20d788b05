"""Amazon Macie: whether it is enabled in each region, automated sensitive data discovery, and
where its findings and discovery results go.

One document per region (``aws.macie2.region_settings``). Where Macie is off, GetMacieSession
fails with AccessDeniedException *and* the message "Macie is not enabled": that answer is the
value ``enabled: false``. Any other AccessDeniedException is a denied call, reported as an error.
"""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError
from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource

NOT_ENABLED_MESSAGE = "Macie is not enabled"
SECURITY_HUB = "securityHubConfiguration"


@resource_type(
    "aws.macie2.region_settings",
    "Amazon Macie in one region: status, automated discovery, findings and results export.",
    account_asset=True,
)
class MacieRegionSettings(Resource):
    """Macie for this account in one region; the id is the region."""

    enabled: bool | None = Field(
        default=None, description="Macie is enabled (status ENABLED) in the region."
    )
    status: str | None = Field(
        default=None, description="ENABLED or PAUSED; null where Macie is not enabled."
    )
    finding_publishing_frequency: str | None = Field(
        default=None, description="FIFTEEN_MINUTES, ONE_HOUR or SIX_HOURS."
    )
    automated_discovery_status: str | None = Field(
        default=None, description="Automated sensitive data discovery: ENABLED or DISABLED."
    )
    publishes_classification_findings: bool | None = Field(
        default=None, description="Sensitive data findings are published to Security Hub."
    )
    publishes_policy_findings: bool | None = Field(
        default=None, description="Policy findings (bucket exposure) are published to Security Hub."
    )
    results_bucket: str | None = Field(
        default=None,
        description="S3 bucket of the sensitive data discovery results repository; null if none.",
    )


def fetch_macie_session(client: Any, params: Any) -> Any:
    """GetMacieSession, with the 'not enabled' refusal read as an empty answer."""
    try:
        return client.get_macie_session(**params)
    except ClientError as exc:
        error = exc.response.get("Error", {})
        if error.get("Code") == "AccessDeniedException" and NOT_ENABLED_MESSAGE in str(
            error.get("Message", "")
        ):
            return {}
        raise


def _region(_item: Any, ctx: RegionContext) -> Doc:
    return {"id": ctx.region, "name": f"Amazon Macie in {ctx.region}"}


def _apply_session(doc: Doc, response: Any) -> None:
    doc["status"] = response.get("status")
    doc["enabled"] = response.get("status") == "ENABLED"
    doc["finding_publishing_frequency"] = response.get("findingPublishingFrequency")


def _is_on(doc: Doc) -> bool:
    return doc.get("status") is not None


collectors.register(
    ResourceSpec(
        model=MacieRegionSettings,
        service="macie2",
        normalize=_region,
        details=(
            Detail(
                Call("GetMacieSession", fetch=fetch_macie_session),
                _apply_session,
                ("enabled", "status", "finding_publishing_frequency"),
            ),
            Detail(
                Call("GetAutomatedDiscoveryConfiguration"),
                Map({"automated_discovery_status": "status"}),
                when=_is_on,
                stage=1,
            ),
            Detail(
                Call("GetFindingsPublicationConfiguration"),
                Map(
                    {
                        "publishes_classification_findings": (
                            f"{SECURITY_HUB}.publishClassificationFindings"
                        ),
                        "publishes_policy_findings": f"{SECURITY_HUB}.publishPolicyFindings",
                    }
                ),
                when=_is_on,
                stage=1,
            ),
            Detail(
                Call("GetClassificationExportConfiguration"),
                Map({"results_bucket": "configuration.s3Destination.bucketName"}),
                when=_is_on,
                stage=1,
            ),
        ),
    )
)
