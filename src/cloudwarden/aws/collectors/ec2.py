"""EC2 compute and storage: instances, security groups, EBS volumes and snapshots, AMIs, and the
per-region EC2/EBS account settings. (VPC networking lives in :mod:`.ec2_network`.)

Snapshots and images are the account's own (``OwnerIds``/``Owners`` = self); who else may use
them is a detail call per snapshot or image. Most fields keep their AWS name in snake_case.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from botocore import xform_name
from pydantic import Field

from cloudwarden.aws.collectors.common import tags_of
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource

INTERNET_CIDRS = frozenset({"0.0.0.0/0", "::/0"})

# -- models ----------------------------------------------------------------------------------


class MetadataOptions(Document):
    """The instance metadata service (IMDS) settings of an instance."""

    http_tokens: str | None = Field(
        default=None, description="'required' (IMDSv2 only) or 'optional' (IMDSv1 allowed)."
    )
    http_endpoint: str | None = Field(default=None, description="'enabled' or 'disabled'.")
    http_put_response_hop_limit: int | None = Field(
        default=None, description="Hops an IMDSv2 token may travel (1 keeps it on the host)."
    )
    instance_metadata_tags: str | None = Field(
        default=None, description="'enabled' if instance tags are readable through IMDS."
    )
    http_protocol_ipv6: str | None = Field(default=None, description="IMDS on IPv6: enabled?")


class InstanceBlockDevice(Document):
    """An EBS volume attached to an instance through its block device mapping."""

    device_name: str = Field(description="The device name, e.g. /dev/xvda.")
    volume_id: str | None = Field(default=None, description="The EBS volume id.")
    delete_on_termination: bool | None = Field(
        default=None, description="The volume is deleted when the instance terminates."
    )
    status: str | None = Field(default=None, description="attaching, attached, detaching...")


@resource_type("aws.ec2.instance", "An EC2 instance: network exposure, IMDS, profile, disks.")
class Ec2Instance(Resource):
    """An EC2 instance as DescribeInstances reports it. ``name`` is its Name tag."""

    state: str = Field(description="pending, running, stopping, stopped, terminated...")
    state_transition_reason: str | None = Field(
        default=None, description="Why the state last changed (a stop includes its date)."
    )
    instance_type: str | None = Field(default=None, description="The instance type, e.g. t3.micro.")
    image_id: str | None = Field(default=None, description="The AMI it was launched from.")
    launch_time: datetime | None = Field(default=None, description="When it was last launched.")
    availability_zone: str | None = Field(default=None, description="Its availability zone.")
    vpc_id: str | None = Field(default=None, description="Its VPC.")
    subnet_id: str | None = Field(default=None, description="Its subnet.")
    public_ip: str | None = Field(default=None, description="Public IPv4 address; null if none.")
    public_dns: str | None = Field(default=None, description="Public DNS name; null if none.")
    private_ip: str | None = Field(default=None, description="Primary private IPv4 address.")
    ipv6_addresses: list[str] = Field(
        default_factory=list, description="IPv6 addresses of all its network interfaces."
    )
    network_interface_ids: list[str] = Field(
        default_factory=list, description="Its attached network interfaces (ENIs)."
    )
    security_group_ids: list[str] = Field(
        default_factory=list,
        description="Security groups of the instance and of every attached network interface.",
    )
    source_dest_check: bool | None = Field(
        default=None, description="Source/destination checking is on (off for NAT/routers)."
    )
    iam_instance_profile_arn: str | None = Field(
        default=None, description="The IAM instance profile attached; null if none."
    )
    metadata_options: MetadataOptions | None = Field(
        default=None, description="The instance metadata service (IMDS) settings."
    )
    monitoring_state: str | None = Field(
        default=None, description="Detailed CloudWatch monitoring: enabled, disabled, pending."
    )
    ebs_optimized: bool | None = Field(default=None, description="The instance is EBS-optimised.")
    root_device_type: str | None = Field(default=None, description="ebs or instance-store.")
    root_device_name: str | None = Field(default=None, description="The root device name.")
    block_device_mappings: list[InstanceBlockDevice] = Field(
        default_factory=list, description="The EBS volumes attached at launch or since."
    )
    key_name: str | None = Field(default=None, description="The SSH key pair name; null if none.")
    platform: str | None = Field(default=None, description="'windows' for Windows, else null.")
    architecture: str | None = Field(default=None, description="x86_64, arm64, i386...")
    virtualization_type: str | None = Field(default=None, description="hvm or paravirtual.")
    boot_mode: str | None = Field(default=None, description="legacy-bios or uefi, if reported.")
    hibernation_configured: bool = Field(
        default=False, description="The instance is enabled for hibernation."
    )


class RuleEntry(Document):
    """One security group rule, normalised to a single source (ingress) or destination."""

    protocol: str = Field(description="tcp, udp, icmp, icmpv6, a protocol number, or -1 (all).")
    all_traffic: bool = Field(description="Every protocol and port is allowed (protocol -1).")
    from_port: int | None = Field(default=None, description="First port (ICMP type); null if all.")
    to_port: int | None = Field(default=None, description="Last port (ICMP code); null if all.")
    source_kind: str = Field(description="cidr_ipv4, cidr_ipv6, security_group or prefix_list.")
    source: str = Field(description="The CIDR, security group id or prefix list id.")
    source_account_id: str | None = Field(
        default=None, description="The account owning a referenced security group."
    )
    open_to_internet: bool = Field(description="The source is 0.0.0.0/0 or ::/0.")
    description: str | None = Field(default=None, description="The rule's description.")


class SecurityGroupInterface(Document):
    """A network interface that uses a security group."""

    network_interface_id: str = Field(description="The ENI id.")
    interface_type: str | None = Field(
        default=None, description="interface, nat_gateway, lambda, network_load_balancer..."
    )
    instance_id: str | None = Field(default=None, description="The instance it is attached to.")
    public_ip: str | None = Field(default=None, description="Its public IPv4 address, if any.")


@resource_type("aws.ec2.security_group", "A VPC security group and its normalised rules.")
class SecurityGroup(Resource):
    """A security group; ``name`` is its group name. Each rule is one (protocol, ports, peer)."""

    description: str | None = Field(default=None, description="The group description.")
    vpc_id: str | None = Field(default=None, description="The VPC the group belongs to.")
    owner_id: str | None = Field(default=None, description="The owning account.")
    is_default: bool = Field(description="It is the VPC's default group (named 'default').")
    ingress_rules: list[RuleEntry] = Field(
        default_factory=list, description="Inbound rules, one entry per source."
    )
    egress_rules: list[RuleEntry] = Field(
        default_factory=list, description="Outbound rules, one entry per destination."
    )
    network_interfaces: list[SecurityGroupInterface] = Field(
        default_factory=list, description="Network interfaces using the group; empty if unused."
    )


class VolumeAttachment(Document):
    """An attachment of an EBS volume to an instance."""

    instance_id: str | None = Field(default=None, description="The instance.")
    device: str | None = Field(default=None, description="The device name on the instance.")
    state: str | None = Field(default=None, description="attaching, attached, detaching...")
    delete_on_termination: bool | None = Field(
        default=None, description="The volume is deleted when the instance terminates."
    )


@resource_type("aws.ec2.volume", "An EBS volume: encryption, type, attachments.")
class EbsVolume(Resource):
    """An EBS volume. ``name`` is its Name tag."""

    encrypted: bool = Field(description="The volume is encrypted at rest.")
    kms_key_id: str | None = Field(default=None, description="The KMS key ARN, if encrypted.")
    size: int | None = Field(default=None, description="Size in GiB.")
    volume_type: str | None = Field(default=None, description="gp2, gp3, io1, io2, st1, sc1...")
    iops: int | None = Field(default=None, description="Provisioned IOPS, if any.")
    state: str | None = Field(default=None, description="creating, available, in-use, deleting...")
    availability_zone: str | None = Field(default=None, description="Its availability zone.")
    create_time: datetime | None = Field(default=None, description="When it was created.")
    snapshot_id: str | None = Field(default=None, description="The snapshot it was created from.")
    multi_attach_enabled: bool | None = Field(default=None, description="Multi-Attach is on.")
    attachments: list[VolumeAttachment] = Field(
        default_factory=list, description="Instances it is attached to; empty if unattached."
    )


class SharePermission(Document):
    """Who, besides the owner, may use a snapshot or an image."""

    group: str | None = Field(default=None, description="'all' means everyone (public).")
    user_id: str | None = Field(default=None, description="An AWS account id it is shared with.")
    organization_arn: str | None = Field(default=None, description="An AWS Organization.")
    organizational_unit_arn: str | None = Field(default=None, description="An organisational unit.")


@resource_type("aws.ec2.snapshot", "An EBS snapshot owned by the account: encryption, sharing.")
class EbsSnapshot(Resource):
    """An EBS snapshot of this account. ``name`` is its Name tag."""

    description: str | None = Field(default=None, description="The snapshot description.")
    encrypted: bool = Field(description="The snapshot is encrypted.")
    kms_key_id: str | None = Field(default=None, description="The KMS key ARN, if encrypted.")
    volume_id: str | None = Field(default=None, description="The volume it was taken of.")
    volume_size: int | None = Field(default=None, description="Size in GiB.")
    start_time: datetime | None = Field(default=None, description="When it was taken.")
    state: str | None = Field(default=None, description="pending, completed, error...")
    storage_tier: str | None = Field(default=None, description="standard or archive.")
    owner_id: str | None = Field(default=None, description="The owning account.")
    create_volume_permissions: list[SharePermission] = Field(
        default_factory=list, description="Who may create volumes from it; empty if private."
    )
    public: bool | None = Field(
        default=None, description="Anyone may create a volume from it (group 'all')."
    )


class ImageBlockDevice(Document):
    """A block device of an AMI (EBS fields are null for instance-store devices)."""

    device_name: str | None = Field(default=None, description="The device name.")
    snapshot_id: str | None = Field(default=None, description="The EBS snapshot backing it.")
    encrypted: bool | None = Field(default=None, description="The EBS snapshot is encrypted.")
    kms_key_id: str | None = Field(default=None, description="The KMS key, if encrypted.")
    volume_size: int | None = Field(default=None, description="Size in GiB.")
    volume_type: str | None = Field(default=None, description="The EBS volume type.")
    delete_on_termination: bool | None = Field(
        default=None, description="The volume is deleted when an instance terminates."
    )


@resource_type("aws.ec2.image", "An AMI owned by the account: sharing, encryption, deprecation.")
class MachineImage(Resource):
    """An AMI of this account; ``name`` is the AMI name."""

    description: str | None = Field(default=None, description="The AMI description.")
    state: str | None = Field(default=None, description="available, pending, failed, disabled...")
    public: bool = Field(description="The AMI is launchable by everyone.")
    creation_date: datetime | None = Field(default=None, description="When it was created.")
    deprecation_time: datetime | None = Field(
        default=None, description="When it is (or was) deprecated; null if never."
    )
    last_launched_time: datetime | None = Field(
        default=None, description="When an instance was last launched from it."
    )
    image_type: str | None = Field(default=None, description="machine, kernel or ramdisk.")
    platform: str | None = Field(default=None, description="'windows' for Windows, else null.")
    architecture: str | None = Field(default=None, description="x86_64, arm64...")
    root_device_type: str | None = Field(default=None, description="ebs or instance-store.")
    virtualization_type: str | None = Field(default=None, description="hvm or paravirtual.")
    boot_mode: str | None = Field(default=None, description="legacy-bios, uefi...")
    imds_support: str | None = Field(
        default=None, description="'v2.0' if instances launched from it require IMDSv2."
    )
    source_instance_id: str | None = Field(default=None, description="The instance it came from.")
    block_device_mappings: list[ImageBlockDevice] = Field(
        default_factory=list, description="Its block devices."
    )
    ebs_encrypted: bool = Field(
        description="Every EBS block device of the image is encrypted (false if any is not)."
    )
    launch_permissions: list[SharePermission] = Field(
        default_factory=list, description="Who may launch it besides the owner; empty if private."
    )


class InstanceMetadataDefaults(Document):
    """Account-level IMDS defaults for new instances in a region."""

    http_tokens: str | None = Field(default=None, description="'required' or 'optional'.")
    http_tokens_enforced: str | None = Field(
        default=None, description="'enabled' if launches without IMDSv2 are refused."
    )
    http_put_response_hop_limit: int | None = Field(default=None, description="The hop limit.")
    http_endpoint: str | None = Field(default=None, description="'enabled' or 'disabled'.")
    instance_metadata_tags: str | None = Field(default=None, description="Tags readable in IMDS.")


@resource_type(
    "aws.ec2.region_settings",
    "EC2 and EBS account settings of one region.",
    account_asset=True,
)
class Ec2RegionSettings(Resource):
    """Per-region EC2/EBS account settings; ``id`` is the region. Null means not collected."""

    ebs_encryption_by_default: bool | None = Field(
        default=None, description="New EBS volumes are encrypted by default."
    )
    ebs_default_kms_key_id: str | None = Field(
        default=None, description="The KMS key default encryption uses (alias/aws/ebs if unset)."
    )
    snapshot_block_public_access_state: str | None = Field(
        default=None, description="block-all-sharing, block-new-sharing or unblocked."
    )
    image_block_public_access_state: str | None = Field(
        default=None, description="block-new-sharing or unblocked (public AMI sharing)."
    )
    serial_console_access_enabled: bool | None = Field(
        default=None, description="The EC2 serial console is enabled for the account."
    )
    instance_metadata_defaults: InstanceMetadataDefaults | None = Field(
        default=None, description="Account-level IMDS defaults; null if none are set."
    )


# -- readers ---------------------------------------------------------------------------------


def _snake(item: Mapping[str, Any], *keys: str) -> Doc:
    """The named keys of an AWS structure under their snake_case names (null when absent)."""
    return {xform_name(key): item.get(key) for key in keys}


def _named(item: Mapping[str, Any]) -> Doc:
    """Tags, with the Name tag as the resource's name."""
    tags = tags_of(item.get("Tags"))
    return {"tags": tags, "name": tags.get("Name")}


def _instance(item: Any, ctx: RegionContext) -> Doc:
    interfaces = item.get("NetworkInterfaces", [])
    groups = [group["GroupId"] for group in item.get("SecurityGroups", [])]
    groups += [group["GroupId"] for eni in interfaces for group in eni.get("Groups", [])]
    metadata = item.get("MetadataOptions")
    return {
        **_snake(item, "InstanceType", "ImageId", "LaunchTime", "VpcId", "SubnetId", "KeyName"),
        **_snake(item, "SourceDestCheck", "EbsOptimized", "RootDeviceType", "RootDeviceName"),
        **_snake(item, "Platform", "Architecture", "VirtualizationType", "BootMode"),
        **_named(item),
        "id": item["InstanceId"],
        "arn": ctx.arn("ec2", f"instance/{item['InstanceId']}"),
        "state": item["State"]["Name"],
        "state_transition_reason": item.get("StateTransitionReason") or None,
        "availability_zone": item.get("Placement", {}).get("AvailabilityZone"),
        "public_ip": item.get("PublicIpAddress"),
        "public_dns": item.get("PublicDnsName") or None,
        "private_ip": item.get("PrivateIpAddress"),
        "ipv6_addresses": [
            address["Ipv6Address"] for eni in interfaces for address in eni.get("Ipv6Addresses", [])
        ],
        "network_interface_ids": [eni["NetworkInterfaceId"] for eni in interfaces],
        "security_group_ids": list(dict.fromkeys(groups)),
        "iam_instance_profile_arn": item.get("IamInstanceProfile", {}).get("Arn"),
        "metadata_options": _snake(
            metadata,
            "HttpTokens",
            "HttpEndpoint",
            "HttpPutResponseHopLimit",
            "InstanceMetadataTags",
            "HttpProtocolIpv6",
        )
        if metadata
        else None,
        "monitoring_state": item.get("Monitoring", {}).get("State"),
        "block_device_mappings": [
            {
                "device_name": mapping["DeviceName"],
                **_snake(mapping["Ebs"], "VolumeId", "DeleteOnTermination", "Status"),
            }
            for mapping in item.get("BlockDeviceMappings", [])
            if "Ebs" in mapping
        ],
        "hibernation_configured": bool(item.get("HibernationOptions", {}).get("Configured")),
    }


def _rules(permissions: list[dict[str, Any]]) -> list[Doc]:
    """AWS IpPermissions (several peers per permission) as one entry per peer."""
    rules: list[Doc] = []
    for permission in permissions:
        protocol = str(permission["IpProtocol"])
        peers = [("cidr_ipv4", r["CidrIp"], r) for r in permission.get("IpRanges", [])]
        peers += [("cidr_ipv6", r["CidrIpv6"], r) for r in permission.get("Ipv6Ranges", [])]
        peers += [
            ("security_group", r["GroupId"], r) for r in permission.get("UserIdGroupPairs", [])
        ]
        peers += [
            ("prefix_list", r["PrefixListId"], r) for r in permission.get("PrefixListIds", [])
        ]
        rules += [
            {
                "protocol": protocol,
                "all_traffic": protocol == "-1",
                "from_port": permission.get("FromPort"),
                "to_port": permission.get("ToPort"),
                "source_kind": kind,
                "source": source,
                "source_account_id": peer.get("UserId"),
                "open_to_internet": source in INTERNET_CIDRS,
                "description": peer.get("Description"),
            }
            for kind, source, peer in peers
        ]
    return rules


def _security_group(item: Any, ctx: RegionContext) -> Doc:
    group_id = item["GroupId"]
    return {
        **_snake(item, "Description", "VpcId", "OwnerId"),
        "id": group_id,
        "arn": item.get("SecurityGroupArn") or ctx.arn("ec2", f"security-group/{group_id}"),
        "name": item["GroupName"],
        "tags": tags_of(item.get("Tags")),
        "is_default": item["GroupName"] == "default",
        "ingress_rules": _rules(item.get("IpPermissions", [])),
        "egress_rules": _rules(item.get("IpPermissionsEgress", [])),
    }


def _interfaces_of_group(doc: Doc) -> dict[str, Any]:
    return {"Filters": [{"Name": "group-id", "Values": [doc["id"]]}]}


def _apply_interfaces(doc: Doc, response: Any) -> None:
    doc["network_interfaces"] = [
        {
            "network_interface_id": eni["NetworkInterfaceId"],
            "interface_type": eni.get("InterfaceType"),
            "instance_id": eni.get("Attachment", {}).get("InstanceId"),
            "public_ip": eni.get("Association", {}).get("PublicIp"),
        }
        for eni in response.get("NetworkInterfaces", [])
    ]


def _volume(item: Any, ctx: RegionContext) -> Doc:
    return {
        **_snake(item, "KmsKeyId", "Size", "VolumeType", "Iops", "State", "AvailabilityZone"),
        **_snake(item, "CreateTime", "MultiAttachEnabled"),
        **_named(item),
        "id": item["VolumeId"],
        "arn": ctx.arn("ec2", f"volume/{item['VolumeId']}"),
        "encrypted": bool(item.get("Encrypted", False)),
        "snapshot_id": item.get("SnapshotId") or None,
        "attachments": [
            _snake(attachment, "InstanceId", "Device", "State", "DeleteOnTermination")
            for attachment in item.get("Attachments", [])
        ],
    }


def _share_permissions(entries: list[dict[str, Any]]) -> list[Doc]:
    keys = ("Group", "UserId", "OrganizationArn", "OrganizationalUnitArn")
    return [_snake(entry, *keys) for entry in entries]


def _snapshot(item: Any, ctx: RegionContext) -> Doc:
    return {
        **_snake(item, "KmsKeyId", "VolumeId", "VolumeSize", "StartTime", "State"),
        **_snake(item, "StorageTier", "OwnerId"),
        **_named(item),
        "id": item["SnapshotId"],
        # Snapshot and image ARNs carry no account id.
        "arn": f"arn:{ctx.partition}:ec2:{ctx.region}::snapshot/{item['SnapshotId']}",
        "description": item.get("Description") or None,
        "encrypted": bool(item.get("Encrypted", False)),
    }


def _snapshot_attribute(doc: Doc) -> dict[str, Any]:
    return {"SnapshotId": doc["id"], "Attribute": "createVolumePermission"}


def _apply_snapshot_permissions(doc: Doc, response: Any) -> None:
    permissions = _share_permissions(response.get("CreateVolumePermissions", []))
    doc["create_volume_permissions"] = permissions
    doc["public"] = any(permission["group"] == "all" for permission in permissions)


def _image(item: Any, ctx: RegionContext) -> Doc:
    mappings = item.get("BlockDeviceMappings", [])
    ebs_keys = ("SnapshotId", "Encrypted", "KmsKeyId", "VolumeSize", "VolumeType")
    return {
        **_snake(item, "Name", "State", "CreationDate", "DeprecationTime", "LastLaunchedTime"),
        **_snake(item, "ImageType", "Platform", "Architecture", "RootDeviceType", "BootMode"),
        **_snake(item, "VirtualizationType", "ImdsSupport", "SourceInstanceId"),
        "id": item["ImageId"],
        "arn": f"arn:{ctx.partition}:ec2:{ctx.region}::image/{item['ImageId']}",
        "tags": tags_of(item.get("Tags")),
        "description": item.get("Description") or None,
        "public": bool(item.get("Public", False)),
        "block_device_mappings": [
            {
                "device_name": mapping.get("DeviceName"),
                **_snake(mapping.get("Ebs", {}), *ebs_keys, "DeleteOnTermination"),
            }
            for mapping in mappings
        ],
        "ebs_encrypted": all(m["Ebs"].get("Encrypted") is True for m in mappings if "Ebs" in m),
    }


def _image_attribute(doc: Doc) -> dict[str, Any]:
    return {"ImageId": doc["id"], "Attribute": "launchPermission"}


def _apply_launch_permissions(doc: Doc, response: Any) -> None:
    doc["launch_permissions"] = _share_permissions(response.get("LaunchPermissions", []))


def _region_settings(_item: Any, ctx: RegionContext) -> Doc:
    return {"id": ctx.region, "name": ctx.region}


def _apply_metadata_defaults(doc: Doc, response: Any) -> None:
    level = response.get("AccountLevel") or {}
    keys = ("HttpTokens", "HttpTokensEnforced", "HttpPutResponseHopLimit", "HttpEndpoint")
    defaults = _snake(level, *keys, "InstanceMetadataTags")
    has_any = any(value is not None for value in defaults.values())
    doc["instance_metadata_defaults"] = defaults if has_any else None


def _setting(operation: str, field: str, key: str) -> Detail:
    """A region setting read from one key of a Get* response (which always has it)."""

    def apply(doc: Doc, response: Any) -> None:
        doc[field] = response[key]

    return Detail(Call(operation), apply, (field,))


collectors.register(
    ResourceSpec(
        model=Ec2Instance,
        service="ec2",
        list=Call("DescribeInstances"),
        items="Reservations[].Instances[]",
        normalize=_instance,
    ),
    ResourceSpec(
        model=SecurityGroup,
        service="ec2",
        list=Call("DescribeSecurityGroups"),
        items="SecurityGroups",
        normalize=_security_group,
        details=(
            # One call per group: the engine cannot join resources, and checks that do not read
            # network_interfaces skip it.
            Detail(
                Call("DescribeNetworkInterfaces", _interfaces_of_group),
                _apply_interfaces,
                ("network_interfaces",),
            ),
        ),
    ),
    ResourceSpec(
        model=EbsVolume,
        service="ec2",
        list=Call("DescribeVolumes"),
        items="Volumes",
        normalize=_volume,
    ),
    ResourceSpec(
        model=EbsSnapshot,
        service="ec2",
        list=Call("DescribeSnapshots", lambda _: {"OwnerIds": ["self"]}),
        items="Snapshots",
        normalize=_snapshot,
        details=(
            Detail(
                Call("DescribeSnapshotAttribute", _snapshot_attribute),
                _apply_snapshot_permissions,
                ("create_volume_permissions", "public"),
            ),
        ),
    ),
    ResourceSpec(
        model=MachineImage,
        service="ec2",
        list=Call(
            "DescribeImages",
            lambda _: {"Owners": ["self"], "IncludeDeprecated": True, "IncludeDisabled": True},
        ),
        items="Images",
        normalize=_image,
        details=(
            Detail(
                Call("DescribeImageAttribute", _image_attribute),
                _apply_launch_permissions,
                ("launch_permissions",),
            ),
        ),
    ),
    ResourceSpec(
        model=Ec2RegionSettings,
        service="ec2",
        normalize=_region_settings,
        details=(
            _setting(
                "GetEbsEncryptionByDefault", "ebs_encryption_by_default", "EbsEncryptionByDefault"
            ),
            _setting("GetEbsDefaultKmsKeyId", "ebs_default_kms_key_id", "KmsKeyId"),
            _setting(
                "GetSnapshotBlockPublicAccessState", "snapshot_block_public_access_state", "State"
            ),
            _setting(
                "GetImageBlockPublicAccessState",
                "image_block_public_access_state",
                "ImageBlockPublicAccessState",
            ),
            _setting(
                "GetSerialConsoleAccessStatus",
                "serial_console_access_enabled",
                "SerialConsoleAccessEnabled",
            ),
            Detail(
                Call("GetInstanceMetadataDefaults"),
                _apply_metadata_defaults,
                ("instance_metadata_defaults",),
            ),
        ),
    ),
)
