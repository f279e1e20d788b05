"""Athena: workgroups with their query result encryption, enforcement and metrics.

ListWorkGroups has no botocore paginator (its NextToken is walked here) and answers names and
state; GetWorkGroup the configuration; ListTagsForResource the tags.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import next_token_listing
from cloudwarden.aws.collectors.mapping import Map, Tags, default
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


@resource_type("aws.athena.workgroup", "An Athena workgroup: query result encryption, enforcement.")
class AthenaWorkgroup(Resource):
    """A workgroup; its id is its name (every region has 'primary')."""

    state: str | None = Field(default=None, description="ENABLED or DISABLED.")
    created_at: datetime | None = Field(default=None, description="When it was created.")
    output_location: str | None = Field(
        default=None, description="The S3 location query results are written to."
    )
    result_encryption_option: str | None = Field(
        default=None,
        description="How query results are encrypted: SSE_S3, SSE_KMS or CSE_KMS; null if they "
        "are not.",
    )
    result_kms_key: str | None = Field(
        default=None, description="The KMS key, for SSE_KMS and CSE_KMS."
    )
    enforce_configuration: bool = Field(
        default=False,
        description="The workgroup's settings override the client's (queries cannot opt out of "
        "its result location and encryption).",
    )
    publish_cloudwatch_metrics: bool = Field(
        default=False, description="Query metrics are published to CloudWatch."
    )
    engine_version: str | None = Field(
        default=None, description="The effective engine version, e.g. Athena engine version 3."
    )


def _workgroup(item: Any, ctx: RegionContext) -> Doc:
    name = item["Name"]
    return {
        "id": name,
        "name": name,
        "arn": ctx.arn("athena", f"workgroup/{name}"),
        "state": item.get("State"),
        "created_at": item.get("CreationTime"),
    }


_CONFIGURATION = "WorkGroup.Configuration"

collectors.register(
    ResourceSpec(
        model=AthenaWorkgroup,
        service="athena",
        list=Call("ListWorkGroups", fetch=next_token_listing("list_work_groups", "WorkGroups")),
        items="WorkGroups",
        normalize=_workgroup,
        details=(
            Detail(
                Call("GetWorkGroup", lambda doc: {"WorkGroup": doc["id"]}),
                Map(
                    {
                        "output_location": f"{_CONFIGURATION}.ResultConfiguration.OutputLocation",
                        "result_encryption_option": (
                            f"{_CONFIGURATION}.ResultConfiguration.EncryptionConfiguration"
                            ".EncryptionOption"
                        ),
                        "result_kms_key": (
                            f"{_CONFIGURATION}.ResultConfiguration.EncryptionConfiguration.KmsKey"
                        ),
                        "enforce_configuration": (
                            f"{_CONFIGURATION}.EnforceWorkGroupConfiguration",
                            default(False),
                        ),
                        "publish_cloudwatch_metrics": (
                            f"{_CONFIGURATION}.PublishCloudWatchMetricsEnabled",
                            default(False),
                        ),
                        "engine_version": (
                            f"{_CONFIGURATION}.EngineVersion.EffectiveEngineVersion"
                        ),
                    }
                ),
            ),
            Detail(
                Call("ListTagsForResource", lambda doc: {"ResourceARN": doc["arn"]}),
                Tags(),
            ),
        ),
    )
)
