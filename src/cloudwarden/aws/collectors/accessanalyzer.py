"""IAM Access Analyzer: the analyzers of each region.

One document per region (``aws.accessanalyzer.region_settings``), so "an analyzer exists in every
region" has an answer where a region has none. Analyzers are regional; an ORGANIZATION analyzer in
the management (or delegated) account covers the organization in its region.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, chain, each, plain_dict, required
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class Analyzer(Document):
    """An IAM Access Analyzer analyzer."""

    name: str = Field(description="The analyzer name.")
    arn: str = Field(description="The analyzer ARN.")
    type: str = Field(
        description=(
            "ACCOUNT or ORGANIZATION (external access), ACCOUNT_UNUSED_ACCESS or "
            "ORGANIZATION_UNUSED_ACCESS (unused access), or the internal-access variants."
        )
    )
    status: str = Field(description="ACTIVE, CREATING, DISABLED or FAILED.")
    status_reason: str | None = Field(
        default=None, description="Why the analyzer is DISABLED or FAILED (a reason code), if so."
    )
    created_at: datetime | None = Field(default=None, description="When the analyzer was created.")
    last_resource_analyzed_at: datetime | None = Field(
        default=None, description="When the analyzer last analyzed a resource."
    )
    tags: dict[str, str] = Field(default_factory=dict, description="The analyzer's tags.")


@resource_type(
    "aws.accessanalyzer.region_settings",
    "IAM Access Analyzer in one region: its analyzers.",
    account_asset=True,
)
class AccessAnalyzerRegionSettings(Resource):
    """IAM Access Analyzer in one region; the id is the region."""

    analyzers: list[Analyzer] = Field(
        default_factory=list, description="The region's analyzers, of every type; empty if none."
    )


def _region(_item: Any, ctx: RegionContext) -> Doc:
    return {"id": ctx.region, "name": f"IAM Access Analyzer in {ctx.region}"}


_ANALYZER = Map(
    {
        "name": ("name", required),
        "arn": ("arn", required),
        "type": ("type", required),
        "status": ("status", required),
        "status_reason": "statusReason.code",
        "created_at": "createdAt",
        "last_resource_analyzed_at": "lastResourceAnalyzedAt",
        "tags": ("tags", plain_dict),
    }
)


collectors.register(
    ResourceSpec(
        model=AccessAnalyzerRegionSettings,
        service="accessanalyzer",
        normalize=_region,
        details=(
            Detail(
                Call("ListAnalyzers", permission="access-analyzer:ListAnalyzers"),
                Map({"analyzers": ("analyzers", chain(required, each(_ANALYZER)))}),
            ),
        ),
    )
)
