"""VPC endpoints (Gateway and Interface) and their policies."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import policy_document
from cloudwarden.aws.collectors.ec2.base import common
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


@resource_type("aws.ec2.vpc_endpoint", "A VPC endpoint (Gateway or Interface) and its policy.")
class VpcEndpoint(Resource):
    """A VPC endpoint to an AWS or partner service."""

    endpoint_type: str = Field(description="Interface, Gateway or GatewayLoadBalancer.")
    service_name: str = Field(description="e.g. com.amazonaws.us-east-1.s3.")
    vpc_id: str = Field(description="The VPC of the endpoint.")
    state: str | None = Field(default=None, description="available, pending, rejected...")
    policy: dict[str, Any] | None = Field(
        default=None, description="The endpoint policy, parsed; null if the service has none."
    )
    private_dns_enabled: bool | None = Field(
        default=None, description="Interface endpoints: the service's DNS name resolves to it."
    )
    route_table_ids: list[str] = Field(
        default_factory=list, description="Gateway endpoints: the route tables it is in."
    )
    subnet_ids: list[str] = Field(
        default_factory=list, description="Interface endpoints: the subnets of its interfaces."
    )
    security_group_ids: list[str] = Field(
        default_factory=list, description="Interface endpoints: its security groups."
    )
    network_interface_ids: list[str] = Field(
        default_factory=list, description="Interface endpoints: its network interfaces."
    )
    requester_managed: bool = Field(
        default=False, description="Created by an AWS service on the account's behalf."
    )
    owner_id: str | None = Field(default=None, description="The owning account.")
    creation_timestamp: datetime | None = Field(default=None, description="When it was created.")


def _vpc_endpoint(item: Any, ctx: RegionContext) -> Doc:
    return common(item, ctx, "VpcEndpointId", "vpc-endpoint") | {
        "endpoint_type": item["VpcEndpointType"],
        "service_name": item["ServiceName"],
        "vpc_id": item["VpcId"],
        "state": item.get("State"),
        "policy": policy_document(item.get("PolicyDocument")),
        "private_dns_enabled": item.get("PrivateDnsEnabled"),
        "route_table_ids": list(item.get("RouteTableIds", [])),
        "subnet_ids": list(item.get("SubnetIds", [])),
        "security_group_ids": [group["GroupId"] for group in item.get("Groups", [])],
        "network_interface_ids": list(item.get("NetworkInterfaceIds", [])),
        "requester_managed": bool(item.get("RequesterManaged", False)),
        "owner_id": item.get("OwnerId"),
        "creation_timestamp": item.get("CreationTimestamp"),
    }


collectors.register(
    listed(VpcEndpoint, "ec2", "DescribeVpcEndpoints", "VpcEndpoints", _vpc_endpoint)
)
