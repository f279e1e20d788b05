"""EC2 instances: network exposure, instance metadata (IMDS), profile and disks."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.ec2.base import named, snake
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


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


def _instance(item: Any, ctx: RegionContext) -> Doc:
    interfaces = item.get("NetworkInterfaces", [])
    groups = [group["GroupId"] for group in item.get("SecurityGroups", [])]
    groups += [group["GroupId"] for eni in interfaces for group in eni.get("Groups", [])]
    metadata = item.get("MetadataOptions")
    return {
        **snake(item, "InstanceType", "ImageId", "LaunchTime", "VpcId", "SubnetId", "KeyName"),
        **snake(item, "SourceDestCheck", "EbsOptimized", "RootDeviceType", "RootDeviceName"),
        **snake(item, "Platform", "Architecture", "VirtualizationType", "BootMode"),
        **named(item),
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
        "metadata_options": snake(
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
                **snake(mapping["Ebs"], "VolumeId", "DeleteOnTermination", "Status"),
            }
            for mapping in item.get("BlockDeviceMappings", [])
            if "Ebs" in mapping
        ],
        "hibernation_configured": bool(item.get("HibernationOptions", {}).get("Configured")),
    }


collectors.register(
    listed(Ec2Instance, "ec2", "DescribeInstances", "Reservations[].Instances[]", _instance)
)
