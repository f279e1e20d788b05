"""EC2 compute and storage, planted in every demo region.

Each region gets its own VPC with a private and a public subnet, and in it:

- a hardened instance (private, IMDSv2 only, hop limit 1, encrypted root deleted on termination)
  and an exposed one (public IP, IMDSv1 allowed, SSH and all-traffic groups, an instance profile,
  a key pair, an unencrypted root volume kept after termination);
- security groups open to SSH from 0.0.0.0/0, RDP from ::/0, all traffic from 0.0.0.0/0, and a
  restricted one (HTTPS from 10.0.0.0/8 only, egress restricted too); the VPC's default group
  keeps its default rules;
- an encrypted volume (attached to the hardened instance) and an unencrypted unattached one;
- a public unencrypted snapshot and a private encrypted one;
- a private AMI and a public AMI, registered from the two instances.

EBS encryption by default is enabled in the home region only. moto does not apply it to new
volumes, so every volume here states its encryption explicitly.
"""

from __future__ import annotations

from typing import Any

from cloudwarden.demo.seed import SeedContext

BASE_IMAGE_ID = "ami-12345678"
"""The made-up AMI the demo launches from (moto runs any id when its AMI catalogue is off)."""

VPC = "cw-demo-ec2-vpc"
PRIVATE_SUBNET = "cw-demo-ec2-private"
PUBLIC_SUBNET = "cw-demo-ec2-public"
HARDENED_INSTANCE = "cw-demo-ec2-hardened"
EXPOSED_INSTANCE = "cw-demo-ec2-exposed"
OPEN_SSH_GROUP = "cw-demo-ec2-open-ssh"
OPEN_RDP_GROUP = "cw-demo-ec2-open-rdp-ipv6"
ALL_TRAFFIC_GROUP = "cw-demo-ec2-all-traffic"
RESTRICTED_GROUP = "cw-demo-ec2-restricted-https"
ENCRYPTED_VOLUME = "cw-demo-ec2-encrypted-volume"
UNENCRYPTED_VOLUME = "cw-demo-ec2-unencrypted-volume"
PUBLIC_SNAPSHOT = "cw-demo-ec2-public-snapshot"
PRIVATE_SNAPSHOT = "cw-demo-ec2-private-snapshot"
PRIVATE_IMAGE = "cw-demo-ec2-private-ami"
PUBLIC_IMAGE = "cw-demo-ec2-public-ami"
INSTANCE_ROLE = "cw-demo-ec2-web-role"
INSTANCE_PROFILE = "cw-demo-ec2-web-profile"
KEY_PAIR = "cw-demo-ec2-key"
BULK_PREFIX = "cw-demo-ec2-bulk"
BULK_PER_REGION = 3
"""Bulk instances, security groups and volumes per region, times the scale factor."""

TRUST_EC2 = (
    '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
    '"Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}'
)


def _tags(resource_type: str, name: str) -> list[dict[str, Any]]:
    return [{"ResourceType": resource_type, "Tags": [{"Key": "Name", "Value": name}]}]


def _network(ec2: Any) -> tuple[str, str, str]:
    """A VPC with a private subnet and a public one (routed to an internet gateway)."""
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16", TagSpecifications=_tags("vpc", VPC))
    vpc_id = vpc["Vpc"]["VpcId"]
    private = ec2.create_subnet(
        VpcId=vpc_id, CidrBlock="10.20.1.0/24", TagSpecifications=_tags("subnet", PRIVATE_SUBNET)
    )["Subnet"]["SubnetId"]
    public = ec2.create_subnet(
        VpcId=vpc_id, CidrBlock="10.20.2.0/24", TagSpecifications=_tags("subnet", PUBLIC_SUBNET)
    )["Subnet"]["SubnetId"]
    ec2.modify_subnet_attribute(SubnetId=public, MapPublicIpOnLaunch={"Value": True})
    gateway = ec2.create_internet_gateway(
        TagSpecifications=_tags("internet-gateway", "cw-demo-ec2-igw")
    )["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc_id)
    table = ec2.create_route_table(
        VpcId=vpc_id, TagSpecifications=_tags("route-table", "cw-demo-ec2-public-routes")
    )["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", GatewayId=gateway)
    ec2.associate_route_table(RouteTableId=table, SubnetId=public)
    return vpc_id, private, public


def _group(ec2: Any, vpc_id: str, name: str, ingress: list[dict[str, Any]]) -> str:
    group_id: str = ec2.create_security_group(
        GroupName=name, Description=f"{name} (cloudwarden demo)", VpcId=vpc_id
    )["GroupId"]
    if ingress:
        ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=ingress)
    return group_id


def _tcp(port: int, **peers: Any) -> dict[str, Any]:
    return {"IpProtocol": "tcp", "FromPort": port, "ToPort": port, **peers}


def _security_groups(ec2: Any, vpc_id: str) -> dict[str, str]:
    world = [{"CidrIp": "0.0.0.0/0"}]
    groups = {
        OPEN_SSH_GROUP: _group(ec2, vpc_id, OPEN_SSH_GROUP, [_tcp(22, IpRanges=world)]),
        OPEN_RDP_GROUP: _group(
            ec2, vpc_id, OPEN_RDP_GROUP, [_tcp(3389, Ipv6Ranges=[{"CidrIpv6": "::/0"}])]
        ),
        ALL_TRAFFIC_GROUP: _group(
            ec2, vpc_id, ALL_TRAFFIC_GROUP, [{"IpProtocol": "-1", "IpRanges": world}]
        ),
    }
    internal = [{"CidrIp": "10.0.0.0/8", "Description": "internal clients"}]
    restricted = _group(ec2, vpc_id, RESTRICTED_GROUP, [_tcp(443, IpRanges=internal)])
    ec2.revoke_security_group_egress(
        GroupId=restricted, IpPermissions=[{"IpProtocol": "-1", "IpRanges": world}]
    )
    ec2.authorize_security_group_egress(
        GroupId=restricted, IpPermissions=[_tcp(443, IpRanges=[{"CidrIp": "10.0.0.0/8"}])]
    )
    groups[RESTRICTED_GROUP] = restricted
    return groups


def _instance_profile(ctx: SeedContext) -> str:
    iam = ctx.client("iam")
    iam.create_role(RoleName=INSTANCE_ROLE, AssumeRolePolicyDocument=TRUST_EC2)
    profile = iam.create_instance_profile(InstanceProfileName=INSTANCE_PROFILE)
    iam.add_role_to_instance_profile(InstanceProfileName=INSTANCE_PROFILE, RoleName=INSTANCE_ROLE)
    return str(profile["InstanceProfile"]["Arn"])


def _launch(ec2: Any, name: str, subnet: str, groups: list[str], **options: Any) -> str:
    reservation = ec2.run_instances(
        ImageId=BASE_IMAGE_ID,
        InstanceType="t3.micro",
        MinCount=1,
        MaxCount=1,
        SubnetId=subnet,
        SecurityGroupIds=groups,
        TagSpecifications=_tags("instance", name),
        **options,
    )
    return str(reservation["Instances"][0]["InstanceId"])


def _root(*, encrypted: bool, delete_on_termination: bool) -> list[dict[str, Any]]:
    ebs = {"VolumeSize": 8, "Encrypted": encrypted, "DeleteOnTermination": delete_on_termination}
    return [{"DeviceName": "/dev/sda1", "Ebs": ebs}]


def _seed_region(ctx: SeedContext, region: str, profile_arn: str) -> None:
    ec2 = ctx.client("ec2", region)
    zone = f"{region}a"
    vpc_id, private, public = _network(ec2)
    groups = _security_groups(ec2, vpc_id)
    ec2.create_key_pair(KeyName=KEY_PAIR)

    hardened = _launch(
        ec2,
        HARDENED_INSTANCE,
        private,
        [groups[RESTRICTED_GROUP]],
        MetadataOptions={"HttpTokens": "required", "HttpPutResponseHopLimit": 1},
        Monitoring={"Enabled": True},
        EbsOptimized=True,
        BlockDeviceMappings=_root(encrypted=True, delete_on_termination=True),
    )
    exposed = _launch(
        ec2,
        EXPOSED_INSTANCE,
        public,
        [groups[OPEN_SSH_GROUP], groups[ALL_TRAFFIC_GROUP]],
        MetadataOptions={"HttpTokens": "optional", "HttpPutResponseHopLimit": 2},
        IamInstanceProfile={"Arn": profile_arn},
        KeyName=KEY_PAIR,
        BlockDeviceMappings=_root(encrypted=False, delete_on_termination=False),
    )

    encrypted = ec2.create_volume(
        AvailabilityZone=zone,
        Size=20,
        VolumeType="gp3",
        Encrypted=True,
        TagSpecifications=_tags("volume", ENCRYPTED_VOLUME),
    )["VolumeId"]
    unencrypted = ec2.create_volume(
        AvailabilityZone=zone,
        Size=10,
        VolumeType="gp2",
        Encrypted=False,
        TagSpecifications=_tags("volume", UNENCRYPTED_VOLUME),
    )["VolumeId"]
    ec2.attach_volume(VolumeId=encrypted, InstanceId=hardened, Device="/dev/sdf")

    public_snapshot = ec2.create_snapshot(
        VolumeId=unencrypted, TagSpecifications=_tags("snapshot", PUBLIC_SNAPSHOT)
    )["SnapshotId"]
    ec2.modify_snapshot_attribute(
        SnapshotId=public_snapshot,
        Attribute="createVolumePermission",
        OperationType="add",
        GroupNames=["all"],
    )
    ec2.create_snapshot(VolumeId=encrypted, TagSpecifications=_tags("snapshot", PRIVATE_SNAPSHOT))

    ec2.create_image(InstanceId=hardened, Name=PRIVATE_IMAGE, Description="hardened base image")
    public_image = ec2.create_image(InstanceId=exposed, Name=PUBLIC_IMAGE)["ImageId"]
    ec2.modify_image_attribute(ImageId=public_image, LaunchPermission={"Add": [{"Group": "all"}]})

    for index in range(ctx.scale * BULK_PER_REGION):
        name = f"{BULK_PREFIX}-{index:05d}"
        group = _group(ec2, vpc_id, name, [_tcp(8080, IpRanges=[{"CidrIp": "10.20.0.0/16"}])])
        _launch(ec2, name, private, [group], MetadataOptions={"HttpTokens": "required"})
        ec2.create_volume(
            AvailabilityZone=zone,
            Size=1,
            VolumeType="gp3",
            Encrypted=index % 2 == 0,
            TagSpecifications=_tags("volume", name),
        )


def seed(ctx: SeedContext) -> None:
    profile_arn = _instance_profile(ctx)
    for region in ctx.regions:
        _seed_region(ctx, region, profile_arn)
    ctx.client("ec2", ctx.home).enable_ebs_encryption_by_default()
