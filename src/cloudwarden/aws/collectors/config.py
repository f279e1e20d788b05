"""AWS Config: the configuration recorders and delivery channels of each region.

One document per region (``aws.config.region_settings``), so that "Config records in every
region" has an answer for a region with no recorder at all. Recorders are read first (stage 0);
their status (recording or not, last error) is joined to them by name in stage 1.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, each, flag, required, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class ConfigRecorder(Document):
    """A configuration recorder and its status."""

    name: str = Field(description="The recorder name (usually 'default').")
    arn: str | None = Field(default=None, description="The recorder ARN, when AWS returns one.")
    service_principal: str | None = Field(
        default=None,
        description="The service owning a service-linked recorder; null if customer-managed.",
    )
    recording_scope: str | None = Field(
        default=None, description="INTERNAL or PAID for service-linked recorders, if AWS says."
    )
    role_arn: str | None = Field(
        default=None, description="The IAM role the recorder uses to read resource configurations."
    )
    all_supported: bool = Field(
        default=False, description="The recorder records every supported resource type."
    )
    include_global_resource_types: bool = Field(
        default=False,
        description="Global resource types (IAM users, roles, policies...) are recorded too.",
    )
    recording_strategy: str | None = Field(
        default=None,
        description=(
            "ALL_SUPPORTED_RESOURCE_TYPES, INCLUSION_BY_RESOURCE_TYPES or "
            "EXCLUSION_BY_RESOURCE_TYPES; null if AWS does not say."
        ),
    )
    resource_types: list[str] = Field(
        default_factory=list,
        description="The resource types recorded, when the recorder lists them (inclusion).",
    )
    excluded_resource_types: list[str] = Field(
        default_factory=list, description="The resource types excluded from recording."
    )
    recording_frequency: str | None = Field(
        default=None, description="The default recording frequency, CONTINUOUS or DAILY, if set."
    )
    recording: bool | None = Field(
        default=None,
        description="The recorder is running; null if its status was not collected.",
    )
    last_status: str | None = Field(
        default=None, description="Status of the last recording attempt: Pending, Success, Failure."
    )
    last_error_code: str | None = Field(
        default=None, description="The error code of the last failed recording, if any."
    )
    last_error_message: str | None = Field(
        default=None, description="The error message of the last failed recording, if any."
    )
    last_start_time: datetime | None = Field(
        default=None, description="When the recorder was last started."
    )
    last_stop_time: datetime | None = Field(
        default=None, description="When the recorder was last stopped."
    )
    last_status_change_time: datetime | None = Field(
        default=None, description="When the recording status last changed."
    )


class DeliveryChannel(Document):
    """Where AWS Config delivers configuration snapshots and history."""

    name: str = Field(description="The delivery channel name.")
    s3_bucket_name: str | None = Field(
        default=None, description="The S3 bucket that receives snapshots and history files."
    )
    s3_key_prefix: str | None = Field(default=None, description="The key prefix in the bucket.")
    s3_kms_key_arn: str | None = Field(
        default=None, description="The KMS key that encrypts the delivered objects, if any."
    )
    sns_topic_arn: str | None = Field(
        default=None, description="The SNS topic notified of configuration changes, if any."
    )
    delivery_frequency: str | None = Field(
        default=None,
        description="How often snapshots are delivered (One_Hour ... TwentyFour_Hours), if set.",
    )


@resource_type(
    "aws.config.region_settings",
    "AWS Config in one region: its configuration recorders and delivery channels.",
    account_asset=True,
)
class ConfigRegionSettings(Resource):
    """AWS Config in one region; the id is the region. Empty lists mean none is set up."""

    recorders: list[ConfigRecorder] = Field(
        default_factory=list,
        description="The region's configuration recorders with their status; empty if none.",
    )
    delivery_channels: list[DeliveryChannel] = Field(
        default_factory=list, description="The region's delivery channels; empty if none."
    )


def _region(_item: Any, ctx: RegionContext) -> Doc:
    return {"id": ctx.region, "name": f"AWS Config in {ctx.region}"}


_RECORDER = Map(
    {
        "name": ("name", required),
        "arn": "arn",
        "service_principal": "servicePrincipal",
        "recording_scope": "recordingScope",
        "role_arn": "roleARN",
        "all_supported": ("recordingGroup.allSupported", flag),
        "include_global_resource_types": ("recordingGroup.includeGlobalResourceTypes", flag),
        "recording_strategy": "recordingGroup.recordingStrategy.useOnly",
        "resource_types": ("recordingGroup.resourceTypes", strings),
        "excluded_resource_types": (
            "recordingGroup.exclusionByResourceTypes.resourceTypes",
            strings,
        ),
        "recording_frequency": "recordingMode.recordingFrequency",
    }
)


def _apply_recorder_status(doc: Doc, response: Any) -> None:
    by_name = {recorder["name"]: recorder for recorder in doc["recorders"]}
    for status in response.get("ConfigurationRecordersStatus", []):
        recorder = by_name.get(status["name"])
        if recorder is None:
            continue  # a recorder created between the two calls: it is in the next scan
        recorder.update(
            {
                "recording": bool(status.get("recording", False)),
                "last_status": status.get("lastStatus"),
                "last_error_code": status.get("lastErrorCode"),
                "last_error_message": status.get("lastErrorMessage"),
                "last_start_time": status.get("lastStartTime"),
                "last_stop_time": status.get("lastStopTime"),
                "last_status_change_time": status.get("lastStatusChangeTime"),
            }
        )


def _has_recorders(doc: Doc) -> bool:
    # Unset when DescribeConfigurationRecorders failed (its error is on the document).
    return bool(doc.get("recorders"))


_DELIVERY_CHANNEL = Map(
    {
        "name": ("name", required),
        "s3_bucket_name": "s3BucketName",
        "s3_key_prefix": "s3KeyPrefix",
        "s3_kms_key_arn": "s3KmsKeyArn",
        "sns_topic_arn": "snsTopicARN",
        "delivery_frequency": "configSnapshotDeliveryProperties.deliveryFrequency",
    }
)


collectors.register(
    ResourceSpec(
        model=ConfigRegionSettings,
        service="config",
        normalize=_region,
        details=(
            Detail(
                Call("DescribeConfigurationRecorders"),
                Map({"recorders": ("ConfigurationRecorders", each(_RECORDER))}),
            ),
            Detail(
                Call("DescribeDeliveryChannels"),
                Map({"delivery_channels": ("DeliveryChannels", each(_DELIVERY_CHANNEL))}),
            ),
            Detail(
                Call("DescribeConfigurationRecorderStatus"),
                _apply_recorder_status,
                ("recorders",),
                when=_has_recorders,
                stage=1,
            ),
        ),
    )
)
