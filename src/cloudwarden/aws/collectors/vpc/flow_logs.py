"""VPC flow logs of VPCs, subnets and network interfaces.

A VPC has flow logs when some ``aws.ec2.flow_log`` has ``resource_id`` equal to the VPC id.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.ec2.base import common, or_none
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource

FLOW_LOG_RESOURCES = (
    ("vpc-", "vpc"),
    ("subnet-", "subnet"),
    ("eni-", "network_interface"),
    ("tgw-attach-", "transit_gateway_attachment"),
    ("tgw-", "transit_gateway"),
)


@resource_type("aws.ec2.flow_log", "A VPC flow log of a VPC, subnet or network interface.")
class FlowLog(Resource):
    """A flow log; join to a VPC or subnet by ``resource_id``."""

    resource_id: str = Field(description="The monitored resource (vpc-, subnet-, eni-, tgw-...).")
    resource_kind: str = Field(
        description="vpc, subnet, network_interface, transit_gateway, transit_gateway_attachment "
        "or unknown (from the resource id)."
    )
    traffic_type: str | None = Field(
        default=None, description="ALL, ACCEPT or REJECT (null for transit gateways)."
    )
    log_destination_type: str | None = Field(
        default=None, description="cloud-watch-logs, s3 or kinesis-data-firehose."
    )
    log_destination: str | None = Field(
        default=None, description="The destination ARN (bucket, log group or stream), if given."
    )
    log_group_name: str | None = Field(
        default=None, description="The CloudWatch Logs group, for cloud-watch-logs."
    )
    deliver_logs_permission_arn: str | None = Field(
        default=None, description="The IAM role that delivers to CloudWatch Logs."
    )
    deliver_logs_status: str | None = Field(
        default=None, description="SUCCESS or FAILED: whether delivery works."
    )
    deliver_logs_error_message: str | None = Field(
        default=None, description="Why delivery fails, e.g. Rate limited or Access error."
    )
    flow_log_status: str | None = Field(default=None, description="ACTIVE when it is on.")
    log_format: str | None = Field(default=None, description="The record format (${field} list).")
    max_aggregation_interval: int | None = Field(
        default=None, description="Seconds over which flows are aggregated (60 or 600)."
    )
    creation_time: datetime | None = Field(default=None, description="When it was created.")


def _flow_log_resource_type(resource_id: str) -> str:
    for prefix, kind in FLOW_LOG_RESOURCES:
        if resource_id.startswith(prefix):
            return kind
    return "unknown"


def _flow_log(item: Any, ctx: RegionContext) -> Doc:
    resource_id = str(item["ResourceId"])
    return common(item, ctx, "FlowLogId", "vpc-flow-log") | {
        "resource_id": resource_id,
        "resource_kind": _flow_log_resource_type(resource_id),
        "traffic_type": item.get("TrafficType"),
        "log_destination_type": item.get("LogDestinationType"),
        "log_destination": or_none(item.get("LogDestination")),
        "log_group_name": or_none(item.get("LogGroupName")),
        "deliver_logs_permission_arn": or_none(item.get("DeliverLogsPermissionArn")),
        "deliver_logs_status": item.get("DeliverLogsStatus"),
        "deliver_logs_error_message": or_none(item.get("DeliverLogsErrorMessage")),
        "flow_log_status": item.get("FlowLogStatus"),
        "log_format": item.get("LogFormat"),
        "max_aggregation_interval": item.get("MaxAggregationInterval"),
        "creation_time": item.get("CreationTime"),
    }


collectors.register(listed(FlowLog, "ec2", "DescribeFlowLogs", "FlowLogs", _flow_log))
