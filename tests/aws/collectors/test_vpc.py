from __future__ import annotations

from typing import Any

import pytest

from cloudwarden.aws.collectors.spec import RegionContext
from cloudwarden.aws.collectors.vpc import addresses, routing
from cloudwarden.aws.collectors.vpc import peering as peerings
from cloudwarden.demo.seed import ec2_network as planted
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.scan.discover import DiscoveryScope, discover

TYPES = (
    "aws.ec2.vpc",
    "aws.ec2.subnet",
    "aws.ec2.route_table",
    "aws.ec2.network_acl",
    "aws.ec2.internet_gateway",
    "aws.ec2.flow_log",
    "aws.ec2.vpc_endpoint",
    "aws.ec2.address",
    "aws.ec2.vpc_peering_connection",
    "aws.ec2.nat_gateway",
)
SEEDED_REGIONS = ("us-east-1", "eu-west-1")


def named(inventory: Inventory, type_name: str, name: str, region: str) -> dict[str, Any]:
    """The one resource of that type with that Name tag in that region (ids are random)."""
    matches = [
        r.document() for r in inventory.of_type(type_name) if r.name == name and r.region == region
    ]
    if len(matches) != 1:
        pytest.fail(f"{len(matches)} {type_name} named {name!r} in {region}")
    return matches[0]


def in_region(inventory: Inventory, type_name: str, region: str) -> list[dict[str, Any]]:
    return [r.document() for r in inventory.of_type(type_name) if r.region == region]


def test_no_collection_errors(demo_inventory: Inventory) -> None:
    for type_name in TYPES:
        assert demo_inventory.errors_for(type_name) == [], type_name
        for resource in demo_inventory.of_type(type_name):
            assert resource.collection_errors == [], resource.id


@pytest.mark.parametrize("region", SEEDED_REGIONS)
def test_default_vpc_is_listed(demo_inventory: Inventory, region: str) -> None:
    defaults = [
        vpc for vpc in in_region(demo_inventory, "aws.ec2.vpc", region) if vpc["is_default"]
    ]
    assert len(defaults) == 1
    vpc = defaults[0]
    assert vpc["cidr_block"] == "172.31.0.0/16"
    assert vpc["state"] == "available"
    default_subnets = [
        subnet
        for subnet in in_region(demo_inventory, "aws.ec2.subnet", region)
        if subnet["vpc_id"] == vpc["id"]
    ]
    assert default_subnets
    assert all(s["default_for_az"] and s["map_public_ip_on_launch"] for s in default_subnets)
    default_acl = [
        acl
        for acl in in_region(demo_inventory, "aws.ec2.network_acl", region)
        if acl["vpc_id"] == vpc["id"]
    ]
    assert [acl["is_default"] for acl in default_acl] == [True]


@pytest.mark.parametrize("region", SEEDED_REGIONS)
def test_planted_vpcs(demo_inventory: Inventory, region: str) -> None:
    prod = named(demo_inventory, "aws.ec2.vpc", planted.PROD_VPC, region)
    assert prod["arn"] == f"arn:aws:ec2:{region}:123456789012:vpc/{prod['id']}"
    assert prod["is_default"] is False
    assert prod["cidr_block"] == planted.PROD_CIDR
    assert prod["cidr_blocks"] == [planted.PROD_CIDR]
    assert len(prod["ipv6_cidr_blocks"]) == 1
    assert prod["dhcp_options_id"]
    dev = named(demo_inventory, "aws.ec2.vpc", planted.DEV_VPC, region)
    assert dev["cidr_blocks"] == [planted.DEV_CIDR]
    assert dev["ipv6_cidr_blocks"] == []


@pytest.mark.parametrize("region", SEEDED_REGIONS)
def test_flow_logs_join_to_the_prod_vpc_only(demo_inventory: Inventory, region: str) -> None:
    prod = named(demo_inventory, "aws.ec2.vpc", planted.PROD_VPC, region)
    dev = named(demo_inventory, "aws.ec2.vpc", planted.DEV_VPC, region)
    flow_logs = in_region(demo_inventory, "aws.ec2.flow_log", region)
    on_prod = [log for log in flow_logs if log["resource_id"] == prod["id"]]
    assert [log["name"] for log in on_prod] == [planted.FLOW_LOG]
    log = on_prod[0]
    assert log["resource_kind"] == "vpc"
    assert log["traffic_type"] == "ALL"
    assert log["log_destination_type"] == "cloud-watch-logs"
    assert log["log_group_name"] == planted.FLOW_LOG_GROUP
    assert log["deliver_logs_permission_arn"] == "arn:aws:iam::123456789012:role/cw-demo-flow-logs"
    assert log["deliver_logs_status"] == "SUCCESS"
    assert log["flow_log_status"] == "ACTIVE"
    assert log["log_format"] == planted.FLOW_LOG_FORMAT
    assert log["arn"].endswith(f":vpc-flow-log/{log['id']}")
    assert not [log for log in flow_logs if log["resource_id"] == dev["id"]]


def test_subnet_flow_log_names_its_subnet(demo_inventory: Inventory) -> None:
    subnet = named(demo_inventory, "aws.ec2.subnet", planted.PUBLIC_SUBNET, "eu-west-1")
    log = named(demo_inventory, "aws.ec2.flow_log", planted.SUBNET_FLOW_LOG, "eu-west-1")
    assert log["resource_id"] == subnet["id"]
    assert log["resource_kind"] == "subnet"
    assert log["traffic_type"] == "REJECT"


@pytest.mark.parametrize("region", SEEDED_REGIONS)
def test_public_and_private_subnets(demo_inventory: Inventory, region: str) -> None:
    prod = named(demo_inventory, "aws.ec2.vpc", planted.PROD_VPC, region)
    public = named(demo_inventory, "aws.ec2.subnet", planted.PUBLIC_SUBNET, region)
    private = named(demo_inventory, "aws.ec2.subnet", planted.PRIVATE_SUBNET, region)
    assert public["vpc_id"] == private["vpc_id"] == prod["id"]
    assert public["cidr_block"] == "10.10.1.0/24"
    assert public["availability_zone"] == f"{region}a"
    assert public["map_public_ip_on_launch"] is True
    assert public["default_for_az"] is False
    assert private["map_public_ip_on_launch"] is False
    assert public["arn"] == f"arn:aws:ec2:{region}:123456789012:subnet/{public['id']}"


@pytest.mark.parametrize("region", SEEDED_REGIONS)
def test_route_tables_say_which_subnets_reach_the_internet(
    demo_inventory: Inventory, region: str
) -> None:
    public = named(demo_inventory, "aws.ec2.subnet", planted.PUBLIC_SUBNET, region)
    private = named(demo_inventory, "aws.ec2.subnet", planted.PRIVATE_SUBNET, region)
    igw = named(demo_inventory, "aws.ec2.internet_gateway", planted.IGW, region)
    nat = named(demo_inventory, "aws.ec2.nat_gateway", planted.NAT_GATEWAY, region)
    peering = named(demo_inventory, "aws.ec2.vpc_peering_connection", planted.PEERING, region)

    public_rt = named(demo_inventory, "aws.ec2.route_table", planted.PUBLIC_RT, region)
    assert public_rt["subnet_ids"] == [public["id"]]
    assert public_rt["is_main"] is False
    assert public_rt["has_internet_route"] is True
    to_igw = [r for r in public_rt["routes"] if r["target_kind"] == "internet_gateway"]
    assert {(r["destination_cidr_block"], r["destination_ipv6_cidr_block"]) for r in to_igw} == {
        ("0.0.0.0/0", None),
        (None, "::/0"),
    }
    assert {r["target_id"] for r in to_igw} == {igw["id"]}

    private_rt = named(demo_inventory, "aws.ec2.route_table", planted.PRIVATE_RT, region)
    assert private_rt["subnet_ids"] == [private["id"]]
    assert private_rt["has_internet_route"] is False
    targets = {r["target_kind"]: r for r in private_rt["routes"]}
    assert targets["nat_gateway"]["target_id"] == nat["id"]
    assert targets["nat_gateway"]["destination_cidr_block"] == "0.0.0.0/0"
    assert targets["vpc_peering_connection"]["target_id"] == peering["id"]
    assert targets["vpc_peering_connection"]["destination_cidr_block"] == planted.DEV_CIDR
    assert targets["vpc_endpoint"]["destination_prefix_list_id"].startswith("pl-")
    assert targets["local"]["target_id"] == "local"

    prod = named(demo_inventory, "aws.ec2.vpc", planted.PROD_VPC, region)
    mains = [
        rt
        for rt in in_region(demo_inventory, "aws.ec2.route_table", region)
        if rt["vpc_id"] == prod["id"] and rt["is_main"]
    ]
    assert len(mains) == 1
    assert mains[0]["has_internet_route"] is False


@pytest.mark.parametrize("region", SEEDED_REGIONS)
def test_network_acls(demo_inventory: Inventory, region: str) -> None:
    public = named(demo_inventory, "aws.ec2.subnet", planted.PUBLIC_SUBNET, region)
    private = named(demo_inventory, "aws.ec2.subnet", planted.PRIVATE_SUBNET, region)
    open_acl = named(demo_inventory, "aws.ec2.network_acl", planted.OPEN_NACL, region)
    assert open_acl["is_default"] is False
    assert open_acl["subnet_ids"] == [public["id"]]
    ingress = [e for e in open_acl["entries"] if not e["egress"]]
    assert ingress == [
        {
            "rule_number": 100,
            "egress": False,
            "rule_action": "allow",
            "protocol": "6",
            "protocol_name": "tcp",
            "cidr_block": "0.0.0.0/0",
            "ipv6_cidr_block": None,
            "port_from": 22,
            "port_to": 22,
            "icmp_type": None,
            "icmp_code": None,
        }
    ]

    restricted = named(demo_inventory, "aws.ec2.network_acl", planted.RESTRICTED_NACL, region)
    assert restricted["subnet_ids"] == [private["id"]]
    allows = [e for e in restricted["entries"] if e["rule_action"] == "allow"]
    assert [(e["cidr_block"], e["port_from"], e["port_to"]) for e in allows] == [
        (planted.PROD_CIDR, 443, 443)
    ]
    denies = [e for e in restricted["entries"] if e["rule_action"] == "deny"]
    assert [(e["ipv6_cidr_block"], e["protocol_name"]) for e in denies] == [("::/0", "all")]


@pytest.mark.parametrize("region", SEEDED_REGIONS)
def test_internet_gateways(demo_inventory: Inventory, region: str) -> None:
    prod = named(demo_inventory, "aws.ec2.vpc", planted.PROD_VPC, region)
    igw = named(demo_inventory, "aws.ec2.internet_gateway", planted.IGW, region)
    assert igw["attachments"] == [{"vpc_id": prod["id"], "state": "available"}]
    assert igw["vpc_ids"] == [prod["id"]]
    orphan = named(demo_inventory, "aws.ec2.internet_gateway", planted.ORPHAN_IGW, region)
    assert orphan["attachments"] == []
    assert orphan["vpc_ids"] == []


@pytest.mark.parametrize("region", SEEDED_REGIONS)
def test_vpc_endpoints_and_their_policies(demo_inventory: Inventory, region: str) -> None:
    prod = named(demo_inventory, "aws.ec2.vpc", planted.PROD_VPC, region)
    private_rt = named(demo_inventory, "aws.ec2.route_table", planted.PRIVATE_RT, region)
    s3 = named(demo_inventory, "aws.ec2.vpc_endpoint", planted.S3_ENDPOINT, region)
    assert s3["endpoint_type"] == "Gateway"
    assert s3["service_name"] == f"com.amazonaws.{region}.s3"
    assert s3["vpc_id"] == prod["id"]
    assert s3["state"] == "available"
    assert s3["policy"] == planted.FULL_ACCESS_POLICY
    assert s3["route_table_ids"] == [private_rt["id"]]
    # moto answers PrivateDnsEnabled=true even for Gateway endpoints (AWS says false).
    assert isinstance(s3["private_dns_enabled"], bool)

    dynamodb = named(demo_inventory, "aws.ec2.vpc_endpoint", planted.DYNAMODB_ENDPOINT, region)
    statement = dynamodb["policy"]["Statement"][0]
    assert statement["Condition"] == {"StringEquals": {"aws:PrincipalAccount": "123456789012"}}
    assert statement["Action"] == ["dynamodb:GetItem", "dynamodb:Query"]


@pytest.mark.parametrize("region", SEEDED_REGIONS)
def test_elastic_ips_and_nat_gateway(demo_inventory: Inventory, region: str) -> None:
    prod = named(demo_inventory, "aws.ec2.vpc", planted.PROD_VPC, region)
    public = named(demo_inventory, "aws.ec2.subnet", planted.PUBLIC_SUBNET, region)
    nat = named(demo_inventory, "aws.ec2.nat_gateway", planted.NAT_GATEWAY, region)
    assert nat["vpc_id"] == prod["id"]
    assert nat["subnet_id"] == public["id"]
    assert nat["state"] == "available"
    assert nat["connectivity_type"] == "public"

    used = named(demo_inventory, "aws.ec2.address", planted.NAT_EIP, region)
    assert used["associated"] is True
    assert used["association_id"].startswith("eipassoc-")
    assert used["network_interface_id"] == nat["addresses"][0]["network_interface_id"]
    assert used["instance_id"] is None
    assert used["domain"] == "vpc"
    assert used["id"] == used["allocation_id"]
    assert nat["public_ips"] == [used["public_ip"]]

    unused = named(demo_inventory, "aws.ec2.address", planted.UNUSED_EIP, region)
    assert unused["associated"] is False
    assert unused["association_id"] is None
    assert unused["instance_id"] is None
    assert unused["network_interface_id"] is None
    assert unused["public_ip"]
    assert unused["arn"] == f"arn:aws:ec2:{region}:123456789012:elastic-ip/{unused['id']}"


@pytest.mark.parametrize("region", SEEDED_REGIONS)
def test_peering_connection(demo_inventory: Inventory, region: str) -> None:
    prod = named(demo_inventory, "aws.ec2.vpc", planted.PROD_VPC, region)
    dev = named(demo_inventory, "aws.ec2.vpc", planted.DEV_VPC, region)
    peering = named(demo_inventory, "aws.ec2.vpc_peering_connection", planted.PEERING, region)
    assert peering["status"] == "active"
    assert peering["requester"]["vpc_id"] == prod["id"]
    assert peering["requester"]["owner_id"] == "123456789012"
    assert peering["requester"]["cidr_blocks"] == [planted.PROD_CIDR]
    assert peering["accepter"]["vpc_id"] == dev["id"]
    assert peering["accepter"]["cidr_blocks"] == [planted.DEV_CIDR]
    assert peering["cross_account"] is False
    assert peering["cross_region"] is False


# -- shapes the demo account cannot produce -------------------------------------------------

CTX = RegionContext("123456789012", "aws", "us-east-1")


def test_route_targets_and_blackholes() -> None:
    rt = routing._route_table(
        {
            "RouteTableId": "rtb-1",
            "VpcId": "vpc-1",
            "Associations": [{"Main": True, "RouteTableAssociationId": "rtbassoc-1"}],
            "Routes": [
                {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "blackhole"},
                {"DestinationCidrBlock": "10.0.0.0/8", "TransitGatewayId": "tgw-1"},
                {"DestinationCidrBlock": "10.1.0.0/16", "GatewayId": "vgw-1"},
                {"DestinationIpv6CidrBlock": "::/0", "EgressOnlyInternetGatewayId": "eigw-1"},
                {
                    "DestinationCidrBlock": "10.2.0.0/16",
                    "InstanceId": "i-1",
                    "NetworkInterfaceId": "eni-1",
                },
            ],
        },
        CTX,
    )
    assert rt["is_main"] is True
    assert rt["subnet_ids"] == []
    # A blackhole route to a deleted gateway carries no traffic.
    assert rt["has_internet_route"] is False
    assert [(r["target_kind"], r["target_id"]) for r in rt["routes"]] == [
        ("internet_gateway", "igw-1"),
        ("transit_gateway", "tgw-1"),
        ("virtual_private_gateway", "vgw-1"),
        ("egress_only_internet_gateway", "eigw-1"),
        ("instance", "i-1"),
    ]


def test_classic_address_and_cross_account_peering() -> None:
    classic = addresses._address(
        {"PublicIp": "203.0.113.7", "Domain": "standard", "InstanceId": "i-1"}, CTX
    )
    assert classic["id"] == "203.0.113.7"
    assert classic["associated"] is True
    peering = peerings._peering(
        {
            "VpcPeeringConnectionId": "pcx-1",
            "RequesterVpcInfo": {
                "VpcId": "vpc-1",
                "OwnerId": "123456789012",
                "Region": "us-east-1",
                "CidrBlock": "10.0.0.0/16",
            },
            "AccepterVpcInfo": {"VpcId": "vpc-2", "OwnerId": "999999999999", "Region": "eu-west-1"},
            "Status": {"Code": "pending-acceptance"},
        },
        CTX,
    )
    assert peering["cross_account"] is True
    assert peering["cross_region"] is True
    assert peering["requester"]["cidr_blocks"] == ["10.0.0.0/16"]
    assert peering["accepter"]["cidr_blocks"] == []


def test_empty_account_lists_only_the_default_network(aws: Any, identity: Any) -> None:
    inventory = discover(
        aws, identity, DiscoveryScope(resource_types=TYPES, regions=("us-east-1",))
    )
    assert inventory.errors == []
    vpcs = list(inventory.of_type("aws.ec2.vpc"))
    assert [vpc.is_default for vpc in vpcs] == [True]  # type: ignore[attr-defined]
    for type_name in (
        "aws.ec2.flow_log",
        "aws.ec2.address",
        "aws.ec2.nat_gateway",
        "aws.ec2.vpc_peering_connection",
        "aws.ec2.vpc_endpoint",
    ):
        assert list(inventory.of_type(type_name)) == [], type_name
