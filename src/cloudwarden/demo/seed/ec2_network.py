"""EC2 networking: a production VPC done right and a development VPC left loose, per region.

In the home region and the second demo region: ``cw-demo-net-prod`` (flow logs to CloudWatch
Logs, a public and a private subnet, an internet gateway, a NAT gateway, an S3 gateway endpoint
with a full-access policy, an open and a restrictive network ACL) and ``cw-demo-net-dev`` (no
flow logs, a DynamoDB endpoint with a scoped policy), peered with each other; an attached and
an unattached Elastic IP and a detached internet gateway. Every resource carries a Name tag
(resource ids are random), which tests look resources up by.
"""

from __future__ import annotations

import json
from typing import Any

from botocore.exceptions import ClientError

from cloudwarden.demo.seed import SeedContext

PROD_VPC = "cw-demo-net-prod"
DEV_VPC = "cw-demo-net-dev"
PROD_CIDR = "10.10.0.0/16"
DEV_CIDR = "10.20.0.0/16"
PUBLIC_SUBNET = "cw-demo-net-prod-public"
PRIVATE_SUBNET = "cw-demo-net-prod-private"
DEV_SUBNET = "cw-demo-net-dev-app"
IGW = "cw-demo-net-prod-igw"
ORPHAN_IGW = "cw-demo-net-orphan-igw"
PUBLIC_RT = "cw-demo-net-prod-public-rt"
PRIVATE_RT = "cw-demo-net-prod-private-rt"
OPEN_NACL = "cw-demo-net-prod-open-ssh-nacl"
RESTRICTED_NACL = "cw-demo-net-prod-restricted-nacl"
FLOW_LOG = "cw-demo-net-prod-flow-log"
SUBNET_FLOW_LOG = "cw-demo-net-prod-public-reject-flow-log"
"""A REJECT-only flow log on the public subnet, planted in the second region only."""
FLOW_LOG_GROUP = "/cw-demo/vpc-flow-logs"
FLOW_LOG_FORMAT = "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${action}"
S3_ENDPOINT = "cw-demo-net-prod-s3-endpoint"
DYNAMODB_ENDPOINT = "cw-demo-net-dev-dynamodb-endpoint"
NAT_EIP = "cw-demo-net-prod-nat-eip"
UNUSED_EIP = "cw-demo-net-unused-eip"
NAT_GATEWAY = "cw-demo-net-prod-nat"
PEERING = "cw-demo-net-prod-dev-peering"

FULL_ACCESS_POLICY = {
    "Version": "2008-10-17",
    "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}],
}


def flow_log_role(ctx: SeedContext) -> str:
    return f"arn:aws:iam::{ctx.account_id}:role/cw-demo-flow-logs"


def scoped_policy(ctx: SeedContext) -> dict[str, Any]:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "*"},
                "Action": ["dynamodb:GetItem", "dynamodb:Query"],
                "Resource": "*",
                "Condition": {"StringEquals": {"aws:PrincipalAccount": ctx.account_id}},
            }
        ],
    }


def _tags(kind: str, name: str) -> list[dict[str, Any]]:
    return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": name}]}]


def _seed_region(ctx: SeedContext, region: str, *, second: bool) -> None:
    ec2 = ctx.client("ec2", region)
    zone = f"{region}a"

    prod = ec2.create_vpc(
        CidrBlock=PROD_CIDR,
        AmazonProvidedIpv6CidrBlock=True,
        TagSpecifications=_tags("vpc", PROD_VPC),
    )["Vpc"]["VpcId"]
    dev = ec2.create_vpc(CidrBlock=DEV_CIDR, TagSpecifications=_tags("vpc", DEV_VPC))["Vpc"]
    dev_id = dev["VpcId"]

    public = ec2.create_subnet(
        VpcId=prod,
        CidrBlock="10.10.1.0/24",
        AvailabilityZone=zone,
        TagSpecifications=_tags("subnet", PUBLIC_SUBNET),
    )["Subnet"]["SubnetId"]
    ec2.modify_subnet_attribute(SubnetId=public, MapPublicIpOnLaunch={"Value": True})
    private = ec2.create_subnet(
        VpcId=prod,
        CidrBlock="10.10.2.0/24",
        AvailabilityZone=zone,
        TagSpecifications=_tags("subnet", PRIVATE_SUBNET),
    )["Subnet"]["SubnetId"]
    # The dev subnet keeps the VPC's main route table and default network ACL.
    ec2.create_subnet(
        VpcId=dev_id,
        CidrBlock="10.20.1.0/24",
        AvailabilityZone=zone,
        TagSpecifications=_tags("subnet", DEV_SUBNET),
    )

    igw = ec2.create_internet_gateway(TagSpecifications=_tags("internet-gateway", IGW))
    igw_id = igw["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw_id, VpcId=prod)
    ec2.create_internet_gateway(TagSpecifications=_tags("internet-gateway", ORPHAN_IGW))

    public_rt = ec2.create_route_table(
        VpcId=prod, TagSpecifications=_tags("route-table", PUBLIC_RT)
    )["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=public_rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw_id)
    ec2.create_route(RouteTableId=public_rt, DestinationIpv6CidrBlock="::/0", GatewayId=igw_id)
    ec2.associate_route_table(RouteTableId=public_rt, SubnetId=public)

    nat_eip = ec2.allocate_address(Domain="vpc", TagSpecifications=_tags("elastic-ip", NAT_EIP))
    ec2.allocate_address(Domain="vpc", TagSpecifications=_tags("elastic-ip", UNUSED_EIP))
    nat = ec2.create_nat_gateway(
        SubnetId=public,
        AllocationId=nat_eip["AllocationId"],
        ConnectivityType="public",
        TagSpecifications=_tags("natgateway", NAT_GATEWAY),
    )["NatGateway"]["NatGatewayId"]

    peering = ec2.create_vpc_peering_connection(
        VpcId=prod, PeerVpcId=dev_id, TagSpecifications=_tags("vpc-peering-connection", PEERING)
    )["VpcPeeringConnection"]["VpcPeeringConnectionId"]
    ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=peering)

    private_rt = ec2.create_route_table(
        VpcId=prod, TagSpecifications=_tags("route-table", PRIVATE_RT)
    )["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=private_rt, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
    ec2.create_route(
        RouteTableId=private_rt, DestinationCidrBlock=DEV_CIDR, VpcPeeringConnectionId=peering
    )
    ec2.associate_route_table(RouteTableId=private_rt, SubnetId=private)

    open_acl = ec2.create_network_acl(
        VpcId=prod, TagSpecifications=_tags("network-acl", OPEN_NACL)
    )["NetworkAcl"]["NetworkAclId"]
    ec2.create_network_acl_entry(
        NetworkAclId=open_acl,
        RuleNumber=100,
        Protocol="6",
        RuleAction="allow",
        Egress=False,
        CidrBlock="0.0.0.0/0",
        PortRange={"From": 22, "To": 22},
    )
    ec2.create_network_acl_entry(
        NetworkAclId=open_acl,
        RuleNumber=100,
        Protocol="-1",
        RuleAction="allow",
        Egress=True,
        CidrBlock="0.0.0.0/0",
    )
    restricted_acl = ec2.create_network_acl(
        VpcId=prod, TagSpecifications=_tags("network-acl", RESTRICTED_NACL)
    )["NetworkAcl"]["NetworkAclId"]
    ec2.create_network_acl_entry(
        NetworkAclId=restricted_acl,
        RuleNumber=100,
        Protocol="6",
        RuleAction="allow",
        Egress=False,
        CidrBlock=PROD_CIDR,
        PortRange={"From": 443, "To": 443},
    )
    ec2.create_network_acl_entry(
        NetworkAclId=restricted_acl,
        RuleNumber=200,
        Protocol="-1",
        RuleAction="deny",
        Egress=False,
        Ipv6CidrBlock="::/0",
    )
    _associate_acl(ec2, prod, public, open_acl)
    _associate_acl(ec2, prod, private, restricted_acl)

    _ensure_log_group(ctx, region)
    ec2.create_flow_logs(
        ResourceIds=[prod],
        ResourceType="VPC",
        TrafficType="ALL",
        LogDestinationType="cloud-watch-logs",
        LogGroupName=FLOW_LOG_GROUP,
        DeliverLogsPermissionArn=flow_log_role(ctx),
        LogFormat=FLOW_LOG_FORMAT,
        TagSpecifications=_tags("vpc-flow-log", FLOW_LOG),
    )
    if second:
        ec2.create_flow_logs(
            ResourceIds=[public],
            ResourceType="Subnet",
            TrafficType="REJECT",
            LogDestinationType="cloud-watch-logs",
            LogGroupName=FLOW_LOG_GROUP,
            DeliverLogsPermissionArn=flow_log_role(ctx),
            TagSpecifications=_tags("vpc-flow-log", SUBNET_FLOW_LOG),
        )

    ec2.create_vpc_endpoint(
        VpcId=prod,
        VpcEndpointType="Gateway",
        ServiceName=f"com.amazonaws.{region}.s3",
        RouteTableIds=[private_rt],
        PolicyDocument=json.dumps(FULL_ACCESS_POLICY),
        TagSpecifications=_tags("vpc-endpoint", S3_ENDPOINT),
    )
    ec2.create_vpc_endpoint(
        VpcId=dev_id,
        VpcEndpointType="Gateway",
        ServiceName=f"com.amazonaws.{region}.dynamodb",
        RouteTableIds=[_main_route_table(ec2, dev_id)],
        PolicyDocument=json.dumps(scoped_policy(ctx)),
        TagSpecifications=_tags("vpc-endpoint", DYNAMODB_ENDPOINT),
    )


def _ensure_log_group(ctx: SeedContext, region: str) -> None:
    """The flow logs' group (another seeder may have created it already)."""
    try:
        ctx.client("logs", region).create_log_group(logGroupName=FLOW_LOG_GROUP)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") != "ResourceAlreadyExistsException":
            raise


def _associate_acl(ec2: Any, vpc: str, subnet: str, acl: str) -> None:
    """Move a subnet from the VPC's default ACL to ``acl``."""
    acls = ec2.describe_network_acls(
        Filters=[{"Name": "vpc-id", "Values": [vpc]}, {"Name": "default", "Values": ["true"]}]
    )["NetworkAcls"]
    for association in acls[0]["Associations"]:
        if association.get("SubnetId") == subnet:
            ec2.replace_network_acl_association(
                AssociationId=association["NetworkAclAssociationId"], NetworkAclId=acl
            )


def _main_route_table(ec2: Any, vpc: str) -> str:
    tables = ec2.describe_route_tables(
        Filters=[
            {"Name": "vpc-id", "Values": [vpc]},
            {"Name": "association.main", "Values": ["true"]},
        ]
    )["RouteTables"]
    return str(tables[0]["RouteTableId"])


def seed(ctx: SeedContext) -> None:
    for index, region in enumerate(ctx.regions[:2]):
        _seed_region(ctx, region, second=index == 1)
