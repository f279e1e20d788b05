"""CloudWatch Logs: log groups (retention, encryption) and metric filters (CIS 4.x monitoring).

Metric filters are their own type so a check can join trail -> log group -> metric filter ->
alarm (``aws.cloudwatch.alarm`` by metric name and namespace) -> SNS topic.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Tags
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


@resource_type("aws.logs.log_group", "A CloudWatch Logs log group: retention and encryption.")
class LogGroup(Resource):
    """A log group. ``id`` and ``name`` are its name."""

    retention_in_days: int | None = Field(
        default=None, description="Days events are kept; null means they never expire."
    )
    kms_key_id: str | None = Field(
        default=None, description="The KMS key ARN encrypting the group; null if none."
    )
    stored_bytes: int | None = Field(default=None, description="Bytes of stored log data.")
    creation_time: datetime | None = Field(default=None, description="When the group was created.")
    log_group_class: str | None = Field(
        default=None, description="STANDARD, INFREQUENT_ACCESS or DELIVERY."
    )
    data_protection_status: str | None = Field(
        default=None,
        description="Sensitive data masking policy status (ACTIVATED, DELETED, ARCHIVED, "
        "DISABLED); null if the group never had one.",
    )
    deletion_protection_enabled: bool | None = Field(
        default=None, description="Deletion protection is on; null where AWS does not say."
    )


class MetricTransformation(Document):
    """How matching log events become a CloudWatch metric."""

    metric_name: str = Field(description="The metric name; alarms refer to it.")
    metric_namespace: str = Field(description="The metric namespace, e.g. CISBenchmark.")
    metric_value: str = Field(description="The value published per match, e.g. '1'.")
    default_value: float | None = Field(
        default=None, description="The value published when nothing matches."
    )
    unit: str | None = Field(default=None, description="The metric unit.")
    dimensions: dict[str, str] = Field(
        default_factory=dict, description="Metric dimensions from fields of the events."
    )


@resource_type("aws.logs.metric_filter", "A CloudWatch Logs metric filter on a log group.")
class MetricFilter(Resource):
    """A metric filter. ``id`` is ``<log group name>:<filter name>``."""

    log_group_name: str = Field(description="The log group the filter reads.")
    log_group_arn: str = Field(description="That log group's ARN (without the ':*' suffix).")
    filter_pattern: str = Field(
        description="The filter pattern, e.g. '{ ($.errorCode = \"*UnauthorizedOperation\") }'."
    )
    filter_pattern_compact: str = Field(
        description="The filter pattern with all whitespace removed, to compare with the "
        "patterns of the CIS benchmark."
    )
    metric_transformations: list[MetricTransformation] = Field(
        description="The metrics the filter publishes."
    )
    creation_time: datetime | None = Field(default=None, description="When the filter was created.")


def _epoch_ms(value: Any) -> datetime | None:
    return datetime.fromtimestamp(value / 1000, tz=UTC) if value is not None else None


def _group_arn(item: Any, ctx: RegionContext) -> str:
    """DescribeLogGroups' ``arn`` ends with ':*'; ``logGroupArn`` (newer) does not."""
    arn = item.get("logGroupArn") or item.get("arn")
    if arn:
        return str(arn).removesuffix(":*")
    return ctx.arn("logs", f"log-group:{item['logGroupName']}")


def _log_group(item: Any, ctx: RegionContext) -> Doc:
    name = item["logGroupName"]
    return {
        "id": name,
        "name": name,
        "arn": _group_arn(item, ctx),
        "retention_in_days": item.get("retentionInDays"),
        "kms_key_id": item.get("kmsKeyId"),
        "stored_bytes": item.get("storedBytes"),
        "creation_time": _epoch_ms(item.get("creationTime")),
        "log_group_class": item.get("logGroupClass"),
        "data_protection_status": item.get("dataProtectionStatus"),
        "deletion_protection_enabled": item.get("deletionProtectionEnabled"),
    }


def _transformation(raw: dict[str, Any]) -> Doc:
    return {
        "metric_name": raw["metricName"],
        "metric_namespace": raw["metricNamespace"],
        "metric_value": raw["metricValue"],
        "default_value": raw.get("defaultValue"),
        "unit": raw.get("unit"),
        "dimensions": dict(raw.get("dimensions") or {}),
    }


def _metric_filter(item: Any, ctx: RegionContext) -> Doc:
    group = item["logGroupName"]
    pattern = item.get("filterPattern") or ""
    return {
        "id": f"{group}:{item['filterName']}",
        "name": item["filterName"],
        "log_group_name": group,
        "log_group_arn": ctx.arn("logs", f"log-group:{group}"),
        "filter_pattern": pattern,
        "filter_pattern_compact": re.sub(r"\s+", "", pattern),
        "metric_transformations": [
            _transformation(raw) for raw in item.get("metricTransformations", [])
        ],
        "creation_time": _epoch_ms(item.get("creationTime")),
    }


collectors.register(
    ResourceSpec(
        model=LogGroup,
        service="logs",
        list=Call("DescribeLogGroups"),
        items="logGroups",
        normalize=_log_group,
        details=(
            Detail(
                Call("ListTagsForResource", lambda doc: {"resourceArn": doc["arn"]}),
                Tags("tags", key=None),
            ),
        ),
    ),
    ResourceSpec(
        model=MetricFilter,
        service="logs",
        list=Call("DescribeMetricFilters"),
        items="metricFilters",
        normalize=_metric_filter,
    ),
)
