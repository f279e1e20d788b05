"""VPCs and their subnets: address ranges, default VPC, public-address settings."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.ec2.base import common
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


@resource_type("aws.ec2.vpc", "A VPC: its address ranges, whether it is the default VPC, DHCP.")
class Vpc(Resource):
    """A VPC. Flow logs are ``aws.ec2.flow_log`` resources whose ``resource_id`` is this id."""

    cidr_block: str | None = Field(default=None, description="The primary IPv4 CIDR block.")
    cidr_blocks: list[str] = Field(
        default_factory=list, description="Every associated IPv4 CIDR block."
    )
    ipv6_cidr_blocks: list[str] = Field(
        default_factory=list, description="Every associated IPv6 CIDR block; empty if none."
    )
    is_default: bool = Field(description="This is the region's default VPC.")
    state: str | None = Field(default=None, description="pending or available.")
    dhcp_options_id: str | None = Field(
        default=None, description="The DHCP option set, or 'default'."
    )
    instance_tenancy: str | None = Field(default=None, description="default, dedicated or host.")
    owner_id: str | None = Field(
        default=None, description="The owning account (another account for a shared VPC)."
    )


@resource_type("aws.ec2.subnet", "A VPC subnet and its public-address settings.")
class Subnet(Resource):
    """A subnet. It is public when its route table (see ``aws.ec2.route_table``
    ``subnet_ids``, else the VPC's main table) has ``has_internet_route``."""

    vpc_id: str = Field(description="The VPC of the subnet.")
    cidr_block: str | None = Field(default=None, description="The IPv4 CIDR block.")
    ipv6_cidr_blocks: list[str] = Field(
        default_factory=list, description="Associated IPv6 CIDR blocks; empty if none."
    )
    availability_zone: str | None = Field(default=None, description="e.g. us-east-1a.")
    availability_zone_id: str | None = Field(default=None, description="e.g. use1-az6.")
    map_public_ip_on_launch: bool = Field(
        description="Instances launched here get a public IPv4 address by default."
    )
    assign_ipv6_address_on_creation: bool = Field(
        default=False, description="Network interfaces created here get an IPv6 address."
    )
    default_for_az: bool = Field(description="The default subnet of its availability zone.")
    state: str | None = Field(default=None, description="pending or available.")
    available_ip_address_count: int | None = Field(
        default=None, description="Unused IPv4 addresses left in the subnet."
    )
    owner_id: str | None = Field(default=None, description="The owning account.")


def _vpc(item: Any, ctx: RegionContext) -> Doc:
    return common(item, ctx, "VpcId", "vpc") | {
        "cidr_block": item.get("CidrBlock"),
        "cidr_blocks": [
            assoc["CidrBlock"]
            for assoc in item.get("CidrBlockAssociationSet", [])
            if assoc.get("CidrBlockState", {}).get("State") == "associated"
        ],
        "ipv6_cidr_blocks": [
            assoc["Ipv6CidrBlock"]
            for assoc in item.get("Ipv6CidrBlockAssociationSet", [])
            if assoc.get("Ipv6CidrBlockState", {}).get("State") == "associated"
        ],
        "is_default": bool(item.get("IsDefault", False)),
        "state": item.get("State"),
        "dhcp_options_id": item.get("DhcpOptionsId"),
        "instance_tenancy": item.get("InstanceTenancy"),
        "owner_id": item.get("OwnerId"),
    }


def _subnet(item: Any, ctx: RegionContext) -> Doc:
    doc = common(item, ctx, "SubnetId", "subnet")
    return doc | {
        "arn": item.get("SubnetArn") or doc["arn"],
        "vpc_id": item["VpcId"],
        "cidr_block": item.get("CidrBlock"),
        "ipv6_cidr_blocks": [
            assoc["Ipv6CidrBlock"]
            for assoc in item.get("Ipv6CidrBlockAssociationSet", [])
            if assoc.get("Ipv6CidrBlockState", {}).get("State") == "associated"
        ],
        "availability_zone": item.get("AvailabilityZone"),
        "availability_zone_id": item.get("AvailabilityZoneId"),
        "map_public_ip_on_launch": bool(item.get("MapPublicIpOnLaunch", False)),
        "assign_ipv6_address_on_creation": bool(item.get("AssignIpv6AddressOnCreation", False)),
        "default_for_az": bool(item.get("DefaultForAz", False)),
        "state": item.get("State"),
        "available_ip_address_count": item.get("AvailableIpAddressCount"),
        "owner_id": item.get("OwnerId"),
    }


collectors.register(
    listed(Vpc, "ec2", "DescribeVpcs", "Vpcs", _vpc),
    listed(Subnet, "ec2", "DescribeSubnets", "Subnets", _subnet),
)
