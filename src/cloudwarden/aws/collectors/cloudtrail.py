"""CloudTrail: trails with their delivery, encryption, validation, status and event selectors.

DescribeTrails is regional but, by default, also returns the shadow copies of multi-Region and
organization trails homed elsewhere; ``includeShadowTrails=False`` keeps each trail in its home
region only, so a trail is one resource however many regions are scanned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, Tags, chain, flag, nonempty, required
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class DataResource(Document):
    """The data events a basic event selector logs for one resource type."""

    type: str = Field(description="The resource type, e.g. AWS::S3::Object, AWS::Lambda::Function.")
    values: list[str] = Field(
        default_factory=list,
        description="ARN prefixes logged; 'arn:aws:s3' or 'arn:aws:s3:::' means every bucket.",
    )


class EventSelector(Document):
    """A basic event selector of a trail."""

    read_write_type: str = Field(description="ReadOnly, WriteOnly or All.")
    include_management_events: bool = Field(description="Management events are logged.")
    exclude_management_event_sources: list[str] = Field(
        default_factory=list,
        description="Event sources left out of management events (kms.amazonaws.com...).",
    )
    data_resources: list[DataResource] = Field(
        default_factory=list, description="The data events logged."
    )


class FieldSelector(Document):
    """One condition of an advanced event selector."""

    field: str = Field(description="eventCategory, readOnly, resources.type, resources.ARN...")
    equals: list[str] = Field(default_factory=list, description="Values the field equals.")
    starts_with: list[str] = Field(default_factory=list, description="Prefixes it starts with.")
    ends_with: list[str] = Field(default_factory=list, description="Suffixes it ends with.")
    not_equals: list[str] = Field(default_factory=list, description="Values it must not equal.")
    not_starts_with: list[str] = Field(
        default_factory=list, description="Prefixes it must not start with."
    )
    not_ends_with: list[str] = Field(
        default_factory=list, description="Suffixes it must not end with."
    )


class AdvancedEventSelector(Document):
    """An advanced event selector: events matching every one of its field selectors are logged."""

    name: str | None = Field(default=None, description="The selector's name.")
    field_selectors: list[FieldSelector] = Field(description="The conditions, all of which apply.")


class S3DataEvents(Document):
    """S3 object-level (data event) logging of a trail, from its basic or advanced selectors."""

    read: list[str] = Field(
        default_factory=list, description="S3 ARN prefixes whose read (Get*) events are logged."
    )
    write: list[str] = Field(
        default_factory=list,
        description="S3 ARN prefixes whose write (Put*, Delete*) events are logged.",
    )
    all_buckets_read: bool = Field(
        default=False, description="Read data events of every bucket are logged (CIS 3.9)."
    )
    all_buckets_write: bool = Field(
        default=False, description="Write data events of every bucket are logged (CIS 3.8)."
    )


@resource_type("aws.cloudtrail.trail", "A CloudTrail trail, in its home region.")
class CloudTrailTrail(Resource):
    """A trail, listed in its home region only (shadow copies in other regions are skipped)."""

    home_region: str = Field(description="The region the trail was created in.")
    is_multi_region: bool = Field(description="The trail logs events of every region.")
    is_organization_trail: bool = Field(
        description="The trail logs every account of the organization."
    )
    include_global_service_events: bool = Field(
        description="Events of global services (IAM, STS, CloudFront) are logged."
    )
    s3_bucket_name: str | None = Field(default=None, description="The bucket receiving log files.")
    s3_key_prefix: str | None = Field(default=None, description="The key prefix of the log files.")
    kms_key_id: str | None = Field(
        default=None, description="The KMS key encrypting log files (SSE-KMS); null if none."
    )
    log_file_validation_enabled: bool = Field(description="Log file integrity validation is on.")
    cloudwatch_logs_log_group_arn: str | None = Field(
        default=None, description="The CloudWatch Logs log group receiving events; null if none."
    )
    cloudwatch_logs_log_group_name: str | None = Field(
        default=None,
        description="That log group's name (from its ARN), to join aws.logs.metric_filter.",
    )
    cloudwatch_logs_role_arn: str | None = Field(
        default=None, description="The role CloudTrail assumes to write to CloudWatch Logs."
    )
    sns_topic_arn: str | None = Field(
        default=None, description="The SNS topic notified of each log file delivery."
    )
    has_custom_event_selectors: bool = Field(
        default=False, description="The trail has basic event selectors of its own."
    )
    has_insight_selectors: bool = Field(default=False, description="CloudTrail Insights is on.")
    is_logging: bool | None = Field(default=None, description="The trail is logging (not stopped).")
    start_logging_time: datetime | None = Field(
        default=None, description="When logging was last started."
    )
    stop_logging_time: datetime | None = Field(
        default=None, description="When logging was last stopped."
    )
    latest_delivery_time: datetime | None = Field(
        default=None, description="When a log file was last delivered to S3."
    )
    latest_delivery_error: str | None = Field(
        default=None, description="The last S3 delivery error; null if none."
    )
    latest_cloudwatch_logs_delivery_time: datetime | None = Field(
        default=None, description="When events were last delivered to CloudWatch Logs (CIS 3.4)."
    )
    latest_cloudwatch_logs_delivery_error: str | None = Field(
        default=None, description="The last CloudWatch Logs delivery error; null if none."
    )
    latest_digest_delivery_time: datetime | None = Field(
        default=None, description="When a validation digest file was last delivered."
    )
    latest_digest_delivery_error: str | None = Field(
        default=None, description="The last digest delivery error; null if none."
    )
    event_selectors: list[EventSelector] = Field(
        default_factory=list, description="Basic event selectors; empty if advanced ones are used."
    )
    advanced_event_selectors: list[AdvancedEventSelector] = Field(
        default_factory=list, description="Advanced event selectors; empty if basic ones are used."
    )
    logs_all_management_events: bool | None = Field(
        default=None,
        description="Read and write management events of every source are logged (CIS 3.1), "
        "derived from the event selectors.",
    )
    s3_data_events: S3DataEvents | None = Field(
        default=None, description="S3 object-level logging, derived from the event selectors."
    )


def _log_group_name(arn: str | None) -> str | None:
    """'arn:aws:logs:r:a:log-group:NAME:*' -> 'NAME'."""
    if not arn or ":log-group:" not in arn:
        return None
    name = arn.split(":log-group:", 1)[1]
    return name.removesuffix(":*")


def _trail(item: Any, ctx: RegionContext) -> Doc:
    log_group_arn = item.get("CloudWatchLogsLogGroupArn")
    return {
        "id": item["Name"],
        "name": item["Name"],
        "arn": item.get("TrailARN") or ctx.arn("cloudtrail", f"trail/{item['Name']}"),
        "home_region": item.get("HomeRegion") or ctx.region,
        "is_multi_region": bool(item.get("IsMultiRegionTrail", False)),
        "is_organization_trail": bool(item.get("IsOrganizationTrail", False)),
        "include_global_service_events": bool(item.get("IncludeGlobalServiceEvents", False)),
        "s3_bucket_name": item.get("S3BucketName"),
        "s3_key_prefix": item.get("S3KeyPrefix"),
        "kms_key_id": item.get("KmsKeyId"),
        "log_file_validation_enabled": bool(item.get("LogFileValidationEnabled", False)),
        "cloudwatch_logs_log_group_arn": log_group_arn,
        "cloudwatch_logs_log_group_name": _log_group_name(log_group_arn),
        "cloudwatch_logs_role_arn": item.get("CloudWatchLogsRoleArn"),
        "sns_topic_arn": item.get("SnsTopicARN"),
        "has_custom_event_selectors": bool(item.get("HasCustomEventSelectors", False)),
        "has_insight_selectors": bool(item.get("HasInsightSelectors", False)),
    }


def _trail_params(doc: Doc) -> dict[str, Any]:
    return {"Name": doc["arn"]}


_STATUS = Map(
    {
        "is_logging": ("IsLogging", chain(required, flag)),
        "start_logging_time": "StartLoggingTime",
        "stop_logging_time": "StopLoggingTime",
        "latest_delivery_time": "LatestDeliveryTime",
        # Status strings are '' when there is nothing to say.
        "latest_delivery_error": ("LatestDeliveryError", nonempty),
        "latest_cloudwatch_logs_delivery_time": "LatestCloudWatchLogsDeliveryTime",
        "latest_cloudwatch_logs_delivery_error": ("LatestCloudWatchLogsDeliveryError", nonempty),
        "latest_digest_delivery_time": "LatestDigestDeliveryTime",
        "latest_digest_delivery_error": ("LatestDigestDeliveryError", nonempty),
    }
)


# -- event selectors ----------------------------------------------------------------------

_ALL_BUCKETS = re.compile(r"arn:[a-z-]+:s3(:::)?")
_S3_OBJECT = "AWS::S3::Object"
_ADVANCED_OPERATORS = {
    "Equals": "equals",
    "StartsWith": "starts_with",
    "EndsWith": "ends_with",
    "NotEquals": "not_equals",
    "NotStartsWith": "not_starts_with",
    "NotEndsWith": "not_ends_with",
}


def _basic_selector(raw: dict[str, Any]) -> Doc:
    return {
        "read_write_type": raw.get("ReadWriteType", "All"),
        "include_management_events": bool(raw.get("IncludeManagementEvents", True)),
        "exclude_management_event_sources": list(raw.get("ExcludeManagementEventSources", [])),
        "data_resources": [
            {"type": resource["Type"], "values": list(resource.get("Values", []))}
            for resource in raw.get("DataResources", [])
        ],
    }


def _advanced_selector(raw: dict[str, Any]) -> Doc:
    return {
        "name": raw.get("Name"),
        "field_selectors": [
            {"field": selector["Field"]}
            | {
                key: list(selector.get(operator, []))
                for operator, key in _ADVANCED_OPERATORS.items()
            }
            for selector in raw.get("FieldSelectors", [])
        ],
    }


def _directions(read_write_type: str) -> set[str]:
    return {"ReadOnly": {"read"}, "WriteOnly": {"write"}}.get(read_write_type, {"read", "write"})


def _read_only_directions(selector: Doc | None) -> set[str] | None:
    """Directions an advanced readOnly condition lets through; None if it is not a plain one."""
    if selector is None:
        return {"read", "write"}
    if any(
        selector[key] for key in ("starts_with", "ends_with", "not_starts_with", "not_ends_with")
    ):
        return None
    allowed = {"true", "false"} - set(selector["not_equals"])
    if selector["equals"]:
        allowed &= set(selector["equals"])
    return {"read" if value == "true" else "write" for value in allowed}


def _management_directions(basic: Iterable[Doc], advanced: Iterable[Doc]) -> set[str]:
    """Which of read/write management events of every event source are logged."""
    covered: set[str] = set()
    for selector in basic:
        if (
            selector["include_management_events"]
            and not selector["exclude_management_event_sources"]
        ):
            covered |= _directions(selector["read_write_type"])
    for selector in advanced:
        fields = {field["field"]: field for field in selector["field_selectors"]}
        category = fields.pop("eventCategory", None)
        if category is None or category["equals"] != ["Management"]:
            continue
        read_only = fields.pop("readOnly", None)
        if fields:  # eventSource exclusions or other filters: not every management event
            continue
        covered |= _read_only_directions(read_only) or set()
    return covered


def _s3_data_events(basic: Iterable[Doc], advanced: Iterable[Doc], partition: str) -> Doc:
    prefixes: dict[str, set[str]] = {"read": set(), "write": set()}
    for selector in basic:
        for resource in selector["data_resources"]:
            if resource["type"] == _S3_OBJECT:
                for direction in _directions(selector["read_write_type"]):
                    prefixes[direction].update(resource["values"])
    for selector in advanced:
        fields = {field["field"]: field for field in selector["field_selectors"]}
        category = fields.pop("eventCategory", None)
        resource_type = fields.pop("resources.type", None)
        if (
            category is None
            or category["equals"] != ["Data"]
            or resource_type is None
            or resource_type["equals"] != [_S3_OBJECT]
        ):
            continue
        directions = _read_only_directions(fields.pop("readOnly", None)) or set()
        arn = fields.pop("resources.ARN", None)
        if fields:  # eventName or identity filters: only some events of these objects
            continue
        if arn is None:
            values = {f"arn:{partition}:s3:::"}
        elif any(
            arn[key] for key in ("ends_with", "not_equals", "not_starts_with", "not_ends_with")
        ):
            continue  # exclusions: not expressible as the prefixes logged
        else:
            values = set(arn["equals"]) | set(arn["starts_with"])
        for direction in directions:
            prefixes[direction] |= values
    return {
        "read": sorted(prefixes["read"]),
        "write": sorted(prefixes["write"]),
        "all_buckets_read": any(_ALL_BUCKETS.fullmatch(value) for value in prefixes["read"]),
        "all_buckets_write": any(_ALL_BUCKETS.fullmatch(value) for value in prefixes["write"]),
    }


def _apply_event_selectors(doc: Doc, response: Any) -> None:
    basic = [_basic_selector(raw) for raw in response.get("EventSelectors") or []]
    advanced = [_advanced_selector(raw) for raw in response.get("AdvancedEventSelectors") or []]
    partition = str(doc["arn"]).split(":")[1]
    doc["event_selectors"] = basic
    doc["advanced_event_selectors"] = advanced
    doc["logs_all_management_events"] = _management_directions(basic, advanced) == {"read", "write"}
    doc["s3_data_events"] = _s3_data_events(basic, advanced, partition)


collectors.register(
    ResourceSpec(
        model=CloudTrailTrail,
        service="cloudtrail",
        list=Call("DescribeTrails", lambda _: {"includeShadowTrails": False}),
        items="trailList",
        normalize=_trail,
        details=(
            Detail(
                Call("GetTrailStatus", _trail_params),
                _STATUS,
            ),
            Detail(
                Call("GetEventSelectors", lambda doc: {"TrailName": doc["arn"]}),
                _apply_event_selectors,
                (
                    "event_selectors",
                    "advanced_event_selectors",
                    "logs_all_management_events",
                    "s3_data_events",
                ),
            ),
            Detail(
                Call("ListTags", lambda doc: {"ResourceIdList": [doc["arn"]]}),
                Tags("TagsList", entries=("ResourceTagList", "ResourceId")),
            ),
        ),
    )
)
