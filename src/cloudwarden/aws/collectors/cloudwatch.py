"""CloudWatch: metric alarms, the alerting end of the CIS 4.x monitoring controls.

An alarm watches one metric (``metric_name`` + ``namespace``, which a CloudWatch Logs metric
filter publishes) or a metric-math expression over several (``metrics``), and notifies the ARNs
in ``alarm_actions`` (usually SNS topics).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import tags_of
from cloudwarden.aws.collectors.mapping import Tags
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class AlarmMetric(Document):
    """One metric or expression of a metric-math alarm."""

    id: str = Field(description="The query id within the alarm.")
    namespace: str | None = Field(default=None, description="The metric's namespace.")
    metric_name: str | None = Field(default=None, description="The metric's name.")
    expression: str | None = Field(default=None, description="A math expression, if not a metric.")
    return_data: bool = Field(default=False, description="This query is the alarm's value.")


@resource_type("aws.cloudwatch.alarm", "A CloudWatch metric alarm and the actions it triggers.")
class CloudWatchAlarm(Resource):
    """A metric alarm. ``id`` and ``name`` are its name."""

    description: str | None = Field(default=None, description="The alarm's description.")
    metric_name: str | None = Field(
        default=None, description="The metric watched; null for metric-math alarms."
    )
    namespace: str | None = Field(default=None, description="The namespace of that metric.")
    statistic: str | None = Field(
        default=None, description="Sum, Average, Minimum, Maximum or SampleCount."
    )
    extended_statistic: str | None = Field(default=None, description="A percentile, e.g. p99.")
    dimensions: dict[str, str] = Field(default_factory=dict, description="The metric dimensions.")
    metrics: list[AlarmMetric] = Field(
        default_factory=list, description="The queries of a metric-math alarm; empty otherwise."
    )
    comparison_operator: str | None = Field(
        default=None, description="e.g. GreaterThanOrEqualToThreshold."
    )
    threshold: float | None = Field(default=None, description="The threshold compared with.")
    period: int | None = Field(default=None, description="The evaluation period in seconds.")
    evaluation_periods: int | None = Field(
        default=None, description="Periods evaluated before the state changes."
    )
    datapoints_to_alarm: int | None = Field(
        default=None, description="Breaching datapoints needed to alarm (M of N)."
    )
    treat_missing_data: str | None = Field(
        default=None, description="breaching, notBreaching, ignore or missing."
    )
    actions_enabled: bool = Field(description="Actions run when the state changes.")
    alarm_actions: list[str] = Field(
        default_factory=list, description="ARNs notified on ALARM (SNS topics, ...)."
    )
    ok_actions: list[str] = Field(default_factory=list, description="ARNs notified on OK.")
    insufficient_data_actions: list[str] = Field(
        default_factory=list, description="ARNs notified on INSUFFICIENT_DATA."
    )
    state: str | None = Field(default=None, description="OK, ALARM or INSUFFICIENT_DATA.")
    state_reason: str | None = Field(default=None, description="Why the alarm is in that state.")
    state_updated: datetime | None = Field(default=None, description="When the state last changed.")
    configuration_updated: datetime | None = Field(
        default=None, description="When the alarm's configuration last changed."
    )


def _metric(raw: dict[str, Any]) -> Doc:
    metric = raw.get("MetricStat", {}).get("Metric", {})
    return {
        "id": raw["Id"],
        "namespace": metric.get("Namespace"),
        "metric_name": metric.get("MetricName"),
        "expression": raw.get("Expression"),
        "return_data": bool(raw.get("ReturnData", True)),
    }


def _alarm(item: Any, ctx: RegionContext) -> Doc:
    name = item["AlarmName"]
    return {
        "id": name,
        "name": name,
        "arn": item.get("AlarmArn") or ctx.arn("cloudwatch", f"alarm:{name}"),
        "description": item.get("AlarmDescription"),
        "metric_name": item.get("MetricName"),
        "namespace": item.get("Namespace"),
        "statistic": item.get("Statistic"),
        "extended_statistic": item.get("ExtendedStatistic"),
        "dimensions": tags_of(item.get("Dimensions"), key="Name", value="Value"),
        "metrics": [_metric(raw) for raw in item.get("Metrics") or []],
        "comparison_operator": item.get("ComparisonOperator"),
        "threshold": item.get("Threshold"),
        "period": item.get("Period"),
        "evaluation_periods": item.get("EvaluationPeriods"),
        "datapoints_to_alarm": item.get("DatapointsToAlarm"),
        "treat_missing_data": item.get("TreatMissingData"),
        "actions_enabled": bool(item.get("ActionsEnabled", False)),
        "alarm_actions": list(item.get("AlarmActions", [])),
        "ok_actions": list(item.get("OKActions", [])),
        "insufficient_data_actions": list(item.get("InsufficientDataActions", [])),
        "state": item.get("StateValue"),
        "state_reason": item.get("StateReason"),
        "state_updated": item.get("StateUpdatedTimestamp"),
        "configuration_updated": item.get("AlarmConfigurationUpdatedTimestamp"),
    }


collectors.register(
    ResourceSpec(
        model=CloudWatchAlarm,
        service="cloudwatch",
        list=Call("DescribeAlarms", lambda _: {"AlarmTypes": ["MetricAlarm"]}),
        items="MetricAlarms",
        normalize=_alarm,
        details=(
            Detail(
                Call("ListTagsForResource", lambda doc: {"ResourceARN": doc["arn"]}),
                Tags(),
            ),
        ),
    )
)
