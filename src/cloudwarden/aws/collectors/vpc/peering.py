"""VPC peering connections between two VPCs (of this or another account or region)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.ec2.base import common
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class PeeringSide(Document):
    """The requester or accepter side of a VPC peering connection."""

    vpc_id: str | None = Field(default=None, description="The VPC on this side.")
    owner_id: str | None = Field(default=None, description="The account owning that VPC.")
    region: str | None = Field(default=None, description="The region of that VPC.")
    cidr_blocks: list[str] = Field(default_factory=list, description="Its IPv4 CIDR blocks.")
    ipv6_cidr_blocks: list[str] = Field(default_factory=list, description="Its IPv6 CIDR blocks.")
    allow_dns_resolution_from_remote_vpc: bool = Field(
        default=False, description="The remote VPC resolves this side's private DNS names."
    )


@resource_type("aws.ec2.vpc_peering_connection", "A VPC peering connection between two VPCs.")
class VpcPeeringConnection(Resource):
    """A peering connection; routes over it are route table routes to its pcx- id."""

    requester: PeeringSide = Field(description="The side that requested the peering.")
    accepter: PeeringSide = Field(description="The side that accepted (or must accept) it.")
    status: str | None = Field(
        default=None, description="pending-acceptance, active, rejected, deleted, expired..."
    )
    status_message: str | None = Field(default=None, description="The status explanation.")
    cross_account: bool = Field(description="The two VPCs belong to different accounts.")
    cross_region: bool = Field(description="The two VPCs are in different regions.")
    expiration_time: datetime | None = Field(
        default=None, description="When a pending request expires."
    )


def _peering_side(side: Any) -> Doc:
    cidrs = [block["CidrBlock"] for block in side.get("CidrBlockSet", [])]
    if not cidrs and side.get("CidrBlock"):
        cidrs = [side["CidrBlock"]]
    return {
        "vpc_id": side.get("VpcId"),
        "owner_id": side.get("OwnerId"),
        "region": side.get("Region"),
        "cidr_blocks": cidrs,
        "ipv6_cidr_blocks": [block["Ipv6CidrBlock"] for block in side.get("Ipv6CidrBlockSet", [])],
        "allow_dns_resolution_from_remote_vpc": bool(
            side.get("PeeringOptions", {}).get("AllowDnsResolutionFromRemoteVpc", False)
        ),
    }


def _peering(item: Any, ctx: RegionContext) -> Doc:
    requester = _peering_side(item.get("RequesterVpcInfo", {}))
    accepter = _peering_side(item.get("AccepterVpcInfo", {}))
    status = item.get("Status", {})
    return common(item, ctx, "VpcPeeringConnectionId", "vpc-peering-connection") | {
        "requester": requester,
        "accepter": accepter,
        "status": status.get("Code"),
        "status_message": status.get("Message"),
        "cross_account": requester["owner_id"] != accepter["owner_id"],
        "cross_region": (requester["region"] or ctx.region) != (accepter["region"] or ctx.region),
        "expiration_time": item.get("ExpirationTime"),
    }


collectors.register(
    listed(
        VpcPeeringConnection,
        "ec2",
        "DescribeVpcPeeringConnections",
        "VpcPeeringConnections",
        _peering,
    )
)
