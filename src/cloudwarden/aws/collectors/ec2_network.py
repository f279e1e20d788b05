"""EC2 networking: VPCs, subnets, route tables, network ACLs, gateways, flow logs, endpoints,
Elastic IPs, peering connections and NAT gateways.

Every type is read from its Describe* listing alone (no detail calls). The engine does not join
resources, so the raw facts a join needs are kept with consistent ids: a subnet is public when
the route table associated with it (or else the VPC's main table) has ``has_internet_route``; a
VPC has flow logs when some ``aws.ec2.flow_log`` has ``resource_id`` equal to the VPC id.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import policy_document, tags_of
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource

INTERNET = frozenset({"0.0.0.0/0", "::/0"})
PROTOCOLS = {"-1": "all", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6"}
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
FLOW_LOG_RESOURCES = (
    ("vpc-", "vpc"),
    ("subnet-", "subnet"),
    ("eni-", "network_interface"),
    ("tgw-attach-", "transit_gateway_attachment"),
    ("tgw-", "transit_gateway"),
)


# -- models --------------------------------------------------------------------------------


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


class AclEntry(Document):
    """One rule of a network ACL."""

    rule_number: int = Field(description="Rules are evaluated in ascending order; 32767 is '*'.")
    egress: bool = Field(description="An outbound rule (false: inbound).")
    rule_action: str = Field(description="allow or deny.")
    protocol: str = Field(description="The IP protocol number as a string; -1 means all.")
    protocol_name: str = Field(
        description="all, tcp, udp, icmp, icmpv6, or the protocol number for others."
    )
    cidr_block: str | None = Field(default=None, description="IPv4 range the rule matches.")
    ipv6_cidr_block: str | None = Field(default=None, description="IPv6 range the rule matches.")
    port_from: int | None = Field(
        default=None, description="First port (tcp/udp); null means every port."
    )
    port_to: int | None = Field(default=None, description="Last port (tcp/udp); null: every port.")
    icmp_type: int | None = Field(default=None, description="ICMP type, -1 for all.")
    icmp_code: int | None = Field(default=None, description="ICMP code, -1 for all.")


@resource_type("aws.ec2.network_acl", "A VPC network ACL: stateless subnet firewall rules.")
class NetworkAcl(Resource):
    """A network ACL and the subnets it guards."""

    vpc_id: str = Field(description="The VPC of the ACL.")
    is_default: bool = Field(description="The VPC's default ACL (allows everything by default).")
    entries: list[AclEntry] = Field(default_factory=list, description="Inbound and outbound rules.")
    subnet_ids: list[str] = Field(
        default_factory=list, description="Associated subnets; empty means the ACL is unused."
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


@resource_type("aws.ec2.address", "An Elastic IP address and what it is associated with.")
class ElasticIp(Resource):
    """An Elastic IP; ``associated`` is false for an allocated but unused address."""

    public_ip: str | None = Field(default=None, description="The public IPv4 address.")
    allocation_id: str | None = Field(default=None, description="eipalloc-... (VPC addresses).")
    association_id: str | None = Field(default=None, description="eipassoc-... if associated.")
    instance_id: str | None = Field(default=None, description="The associated instance, if any.")
    network_interface_id: str | None = Field(
        default=None, description="The associated network interface, if any."
    )
    network_interface_owner_id: str | None = Field(
        default=None, description="The account owning that network interface."
    )
    private_ip_address: str | None = Field(
        default=None, description="The private address it maps to, if associated."
    )
    domain: str | None = Field(default=None, description="vpc or standard (EC2-Classic).")
    public_ipv4_pool: str | None = Field(default=None, description="amazon or a BYOIP pool.")
    associated: bool = Field(description="Associated with an instance or network interface.")


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


# -- normalizers ---------------------------------------------------------------------------


def _common(item: Any, ctx: RegionContext, id_key: str, arn_kind: str) -> Doc:
    """id, arn, name (the Name tag) and tags of an EC2 resource."""
    tags = tags_of(item.get("Tags"))
    resource_id = str(item[id_key])
    return {
        "id": resource_id,
        "arn": ctx.arn("ec2", f"{arn_kind}/{resource_id}"),
        "name": tags.get("Name"),
        "tags": tags,
    }


def _or_none(value: Any) -> Any:
    """An empty string (as some endpoints answer for 'no value') as null."""
    return value if value not in ("", None) else None


def _vpc(item: Any, ctx: RegionContext) -> Doc:
    return _common(item, ctx, "VpcId", "vpc") | {
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
    doc = _common(item, ctx, "SubnetId", "subnet")
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


def _route_target(route: Any) -> tuple[str, str | None]:
    for key, kind in ROUTE_TARGETS:
        target = _or_none(route.get(key))
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
    return _common(item, ctx, "RouteTableId", "route-table") | {
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


def _acl_entry(entry: Any) -> Doc:
    protocol = str(entry["Protocol"])
    ports = entry.get("PortRange") or {}
    icmp = entry.get("IcmpTypeCode") or {}
    return {
        "rule_number": entry["RuleNumber"],
        "egress": bool(entry.get("Egress", False)),
        "rule_action": entry["RuleAction"],
        "protocol": protocol,
        "protocol_name": PROTOCOLS.get(protocol, protocol),
        "cidr_block": entry.get("CidrBlock"),
        "ipv6_cidr_block": entry.get("Ipv6CidrBlock"),
        "port_from": ports.get("From"),
        "port_to": ports.get("To"),
        "icmp_type": icmp.get("Type"),
        "icmp_code": icmp.get("Code"),
    }


def _network_acl(item: Any, ctx: RegionContext) -> Doc:
    return _common(item, ctx, "NetworkAclId", "network-acl") | {
        "vpc_id": item["VpcId"],
        "is_default": bool(item.get("IsDefault", False)),
        "entries": [_acl_entry(entry) for entry in item.get("Entries", [])],
        "subnet_ids": [
            assoc["SubnetId"] for assoc in item.get("Associations", []) if assoc.get("SubnetId")
        ],
        "owner_id": item.get("OwnerId"),
    }


def _internet_gateway(item: Any, ctx: RegionContext) -> Doc:
    attachments = [
        {"vpc_id": attachment["VpcId"], "state": attachment.get("State")}
        for attachment in item.get("Attachments", [])
    ]
    return _common(item, ctx, "InternetGatewayId", "internet-gateway") | {
        "attachments": attachments,
        "vpc_ids": [attachment["vpc_id"] for attachment in attachments],
        "owner_id": item.get("OwnerId"),
    }


def _flow_log_resource_type(resource_id: str) -> str:
    for prefix, kind in FLOW_LOG_RESOURCES:
        if resource_id.startswith(prefix):
            return kind
    return "unknown"


def _flow_log(item: Any, ctx: RegionContext) -> Doc:
    resource_id = str(item["ResourceId"])
    return _common(item, ctx, "FlowLogId", "vpc-flow-log") | {
        "resource_id": resource_id,
        "resource_kind": _flow_log_resource_type(resource_id),
        "traffic_type": item.get("TrafficType"),
        "log_destination_type": item.get("LogDestinationType"),
        "log_destination": _or_none(item.get("LogDestination")),
        "log_group_name": _or_none(item.get("LogGroupName")),
        "deliver_logs_permission_arn": _or_none(item.get("DeliverLogsPermissionArn")),
        "deliver_logs_status": item.get("DeliverLogsStatus"),
        "deliver_logs_error_message": _or_none(item.get("DeliverLogsErrorMessage")),
        "flow_log_status": item.get("FlowLogStatus"),
        "log_format": item.get("LogFormat"),
        "max_aggregation_interval": item.get("MaxAggregationInterval"),
        "creation_time": item.get("CreationTime"),
    }


def _vpc_endpoint(item: Any, ctx: RegionContext) -> Doc:
    return _common(item, ctx, "VpcEndpointId", "vpc-endpoint") | {
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


def _address(item: Any, ctx: RegionContext) -> Doc:
    # EC2-Classic addresses have no allocation id: the public IP is their identity.
    key = "AllocationId" if item.get("AllocationId") else "PublicIp"
    doc = _common(item, ctx, key, "elastic-ip")
    association = _or_none(item.get("AssociationId"))
    instance = _or_none(item.get("InstanceId"))
    interface = _or_none(item.get("NetworkInterfaceId"))
    return doc | {
        "name": doc["name"] or item.get("PublicIp"),
        "public_ip": item.get("PublicIp"),
        "allocation_id": _or_none(item.get("AllocationId")),
        "association_id": association,
        "instance_id": instance,
        "network_interface_id": interface,
        "network_interface_owner_id": _or_none(item.get("NetworkInterfaceOwnerId")),
        "private_ip_address": _or_none(item.get("PrivateIpAddress")),
        "domain": item.get("Domain"),
        "public_ipv4_pool": item.get("PublicIpv4Pool"),
        "associated": bool(association or instance or interface),
    }


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
    return _common(item, ctx, "VpcPeeringConnectionId", "vpc-peering-connection") | {
        "requester": requester,
        "accepter": accepter,
        "status": status.get("Code"),
        "status_message": status.get("Message"),
        "cross_account": requester["owner_id"] != accepter["owner_id"],
        "cross_region": (requester["region"] or ctx.region) != (accepter["region"] or ctx.region),
        "expiration_time": item.get("ExpirationTime"),
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
    return _common(item, ctx, "NatGatewayId", "natgateway") | {
        "vpc_id": item.get("VpcId"),
        "subnet_id": item.get("SubnetId"),
        "state": item.get("State"),
        "connectivity_type": item.get("ConnectivityType"),
        "addresses": addresses,
        "public_ips": [address["public_ip"] for address in addresses if address["public_ip"]],
        "failure_code": item.get("FailureCode"),
        "create_time": item.get("CreateTime"),
    }


# -- specs ---------------------------------------------------------------------------------


def _listed(
    model: type[Resource],
    operation: str,
    items: str,
    normalize: Callable[[Any, RegionContext], Doc],
) -> ResourceSpec:
    """A regional EC2 type read entirely from its paginated Describe* listing."""
    return ResourceSpec(
        model=model,
        service="ec2",
        list=Call(operation),
        items=items,
        normalize=normalize,
    )


collectors.register(
    _listed(Vpc, "DescribeVpcs", "Vpcs", _vpc),
    _listed(Subnet, "DescribeSubnets", "Subnets", _subnet),
    _listed(RouteTable, "DescribeRouteTables", "RouteTables", _route_table),
    _listed(NetworkAcl, "DescribeNetworkAcls", "NetworkAcls", _network_acl),
    _listed(InternetGateway, "DescribeInternetGateways", "InternetGateways", _internet_gateway),
    _listed(FlowLog, "DescribeFlowLogs", "FlowLogs", _flow_log),
    _listed(VpcEndpoint, "DescribeVpcEndpoints", "VpcEndpoints", _vpc_endpoint),
    _listed(ElasticIp, "DescribeAddresses", "Addresses", _address),
    _listed(
        VpcPeeringConnection,
        "DescribeVpcPeeringConnections",
        "VpcPeeringConnections",
        _peering,
    ),
    _listed(NatGateway, "DescribeNatGateways", "NatGateways", _nat_gateway),
)
