"""Routing out of a VPC: route tables, internet gateways and NAT gateways.

A subnet is public when the route table associated with it (or else the VPC's main table) has
``has_internet_route``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.ec2.base import INTERNET, common, or_none
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource

ROUTE_TARGETS = (
    ("NatGatewayId", "nat_gateway"),
    ("VpcPeeringConnectionId", "vpc_peering_connection"),
    ("TransitGatewayId", "transit_gateway"),
    ("EgressOnlyInternetGatewayId", "egress_only_internet_gateway"),
    ("CarrierGatewayId", "carrier_gateway"),
    ("LocalGatewayId", "local_gateway"),
    ("CoreNetworkArn", "core_network"),
    ("InstanceId", "instance"),
    ("NetworkInterfaceId", "network_interface"),
    ("GatewayId", "gateway"),
)


GATEWAY_PREFIXES = (
    ("igw-", "internet_gateway"),
    ("vgw-", "virtual_private_gateway"),
    ("vpce-", "vpc_endpoint"),
)


class Route(Document):
    """One route of a route table."""

    destination_cidr_block: str | None = Field(default=None, description="IPv4 destination.")
    destination_ipv6_cidr_block: str | None = Field(default=None, description="IPv6 destination.")
    destination_prefix_list_id: str | None = Field(
        default=None, description="Destination prefix list (pl-...), e.g. of a gateway endpoint."
    )
    target_kind: str = Field(
        description="local, internet_gateway, virtual_private_gateway, vpc_endpoint, nat_gateway, "
        "vpc_peering_connection, transit_gateway, egress_only_internet_gateway, network_interface, "
        "instance, carrier_gateway, local_gateway, core_network or unknown."
    )
    target_id: str | None = Field(
        default=None, description="The target's id (igw-, nat-, pcx-, tgw-, eni-, i-, vpce-...)."
    )
    state: str | None = Field(
        default=None, description="active, or blackhole if the target is gone."
    )
    origin: str | None = Field(
        default=None, description="CreateRouteTable, CreateRoute or EnableVgwRoutePropagation."
    )


class RouteTableAssociation(Document):
    """An association of a route table with a subnet or gateway, or the VPC's main mark."""

    association_id: str | None = Field(default=None, description="The association id.")
    main: bool = Field(description="This is the VPC's main route table association.")
    subnet_id: str | None = Field(default=None, description="The associated subnet, if any.")
    gateway_id: str | None = Field(default=None, description="The associated gateway, if any.")
    state: str | None = Field(default=None, description="associated, disassociating...")


@resource_type("aws.ec2.route_table", "A VPC route table: its routes and associated subnets.")
class RouteTable(Resource):
    """A route table. Subnets with no explicit association use the VPC's main table."""

    vpc_id: str = Field(description="The VPC of the route table.")
    is_main: bool = Field(description="This is the VPC's main route table.")
    subnet_ids: list[str] = Field(
        default_factory=list, description="Subnets explicitly associated with this table."
    )
    associations: list[RouteTableAssociation] = Field(
        default_factory=list, description="Every association of the table."
    )
    routes: list[Route] = Field(default_factory=list, description="Every route of the table.")
    has_internet_route: bool = Field(
        description="A route sends 0.0.0.0/0 or ::/0 to an internet gateway (igw-): the "
        "associated subnets are public."
    )
    owner_id: str | None = Field(default=None, description="The owning account.")


class GatewayAttachment(Document):
    """The attachment of a gateway to a VPC."""

    vpc_id: str = Field(description="The attached VPC.")
    state: str | None = Field(default=None, description="attaching, available, detaching...")


@resource_type("aws.ec2.internet_gateway", "An internet gateway and the VPCs it is attached to.")
class InternetGateway(Resource):
    """An internet gateway; unattached when ``attachments`` is empty."""

    attachments: list[GatewayAttachment] = Field(
        default_factory=list, description="VPC attachments; empty if detached."
    )
    vpc_ids: list[str] = Field(default_factory=list, description="The attached VPC ids.")
    owner_id: str | None = Field(default=None, description="The owning account.")


class NatAddress(Document):
    """An address of a NAT gateway."""

    public_ip: str | None = Field(default=None, description="The Elastic IP (public NAT).")
    private_ip: str | None = Field(default=None, description="The private address.")
    allocation_id: str | None = Field(default=None, description="The Elastic IP allocation.")
    network_interface_id: str | None = Field(default=None, description="The gateway's interface.")


@resource_type("aws.ec2.nat_gateway", "A NAT gateway: outbound internet access for a subnet.")
class NatGateway(Resource):
    """A NAT gateway."""

    vpc_id: str | None = Field(default=None, description="The VPC of the gateway.")
    subnet_id: str | None = Field(default=None, description="The subnet it lives in.")
    state: str | None = Field(default=None, description="pending, available, failed, deleted...")
    connectivity_type: str | None = Field(
        default=None, description="public or private; null if AWS did not say."
    )
    addresses: list[NatAddress] = Field(default_factory=list, description="Its addresses.")
    public_ips: list[str] = Field(default_factory=list, description="Its public IPv4 addresses.")
    failure_code: str | None = Field(default=None, description="Why creation failed, if it did.")
    create_time: datetime | None = Field(default=None, description="When it was created.")


def _route_target(route: Any) -> tuple[str, str | None]:
    for key, kind in ROUTE_TARGETS:
        target = or_none(route.get(key))
        if target is None:
            continue
        if kind != "gateway":
            return kind, str(target)
        if target == "local":
            return "local", "local"
        for prefix, gateway_kind in GATEWAY_PREFIXES:
            if str(target).startswith(prefix):
                return gateway_kind, str(target)
        return "unknown", str(target)
    return "unknown", None


def _route(route: Any) -> Doc:
    kind, target = _route_target(route)
    return {
        "destination_cidr_block": route.get("DestinationCidrBlock"),
        "destination_ipv6_cidr_block": route.get("DestinationIpv6CidrBlock"),
        "destination_prefix_list_id": route.get("DestinationPrefixListId"),
        "target_kind": kind,
        "target_id": target,
        "state": route.get("State"),
        "origin": route.get("Origin"),
    }


def _route_table(item: Any, ctx: RegionContext) -> Doc:
    associations = [
        {
            "association_id": assoc.get("RouteTableAssociationId"),
            "main": bool(assoc.get("Main", False)),
            "subnet_id": assoc.get("SubnetId"),
            "gateway_id": assoc.get("GatewayId"),
            "state": assoc.get("AssociationState", {}).get("State"),
        }
        for assoc in item.get("Associations", [])
    ]
    routes = [_route(route) for route in item.get("Routes", [])]
    return common(item, ctx, "RouteTableId", "route-table") | {
        "vpc_id": item["VpcId"],
        "is_main": any(assoc["main"] for assoc in associations),
        "subnet_ids": [assoc["subnet_id"] for assoc in associations if assoc["subnet_id"]],
        "associations": associations,
        "routes": routes,
        "has_internet_route": any(
            route["target_kind"] == "internet_gateway"
            and route["state"] != "blackhole"
            and INTERNET & {route["destination_cidr_block"], route["destination_ipv6_cidr_block"]}
            for route in routes
        ),
        "owner_id": item.get("OwnerId"),
    }


def _internet_gateway(item: Any, ctx: RegionContext) -> Doc:
    attachments = [
        {"vpc_id": attachment["VpcId"], "state": attachment.get("State")}
        for attachment in item.get("Attachments", [])
    ]
    return common(item, ctx, "InternetGatewayId", "internet-gateway") | {
        "attachments": attachments,
        "vpc_ids": [attachment["vpc_id"] for attachment in attachments],
        "owner_id": item.get("OwnerId"),
    }


def _nat_gateway(item: Any, ctx: RegionContext) -> Doc:
    addresses = [
        {
            "public_ip": address.get("PublicIp"),
            "private_ip": address.get("PrivateIp"),
            "allocation_id": address.get("AllocationId"),
            "network_interface_id": address.get("NetworkInterfaceId"),
        }
        for address in item.get("NatGatewayAddresses", [])
    ]
    return common(item, ctx, "NatGatewayId", "natgateway") | {
        "vpc_id": item.get("VpcId"),
        "subnet_id": item.get("SubnetId"),
        "state": item.get("State"),
        "connectivity_type": item.get("ConnectivityType"),
        "addresses": addresses,
        "public_ips": [address["public_ip"] for address in addresses if address["public_ip"]],
        "failure_code": item.get("FailureCode"),
        "create_time": item.get("CreateTime"),
    }


collectors.register(
    listed(RouteTable, "ec2", "DescribeRouteTables", "RouteTables", _route_table),
    listed(
        InternetGateway, "ec2", "DescribeInternetGateways", "InternetGateways", _internet_gateway
    ),
    listed(NatGateway, "ec2", "DescribeNatGateways", "NatGateways", _nat_gateway),
)
