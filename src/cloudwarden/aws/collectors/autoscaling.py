"""Auto Scaling: groups (zones, health checks, what they launch from) and launch configurations
(IMDS, public IPs, EBS encryption, secrets in user data).

Both are read from their listing alone. User data is never stored: only the kinds of secret
detect-secrets finds in it. Launch templates are EC2's (:mod:`.launch_templates`); a group names
its template, and checks join the two with ``related``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, default, flag, pairs, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Doc, RegionContext, listed
from cloudwarden.aws.secret_detection import user_data_secret_kinds
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


@resource_type("aws.autoscaling.group", "An EC2 Auto Scaling group.")
class AutoScalingGroup(Resource):
    """An Auto Scaling group; its id is its name."""

    launch_configuration_name: str | None = Field(
        default=None, description="The launch configuration it launches from; null if none."
    )
    launch_template_id: str | None = Field(
        default=None,
        description="The launch template it launches from (directly or through its mixed "
        "instances policy); null if none.",
    )
    launch_template_name: str | None = Field(
        default=None, description="The launch template's name; null if none."
    )
    launch_template_version: str | None = Field(
        default=None, description="The template version used: a number, $Default or $Latest."
    )
    instance_types: list[str] = Field(
        default_factory=list,
        description="Instance types of the mixed instances policy's overrides; empty when the "
        "group launches the one type of its template or configuration.",
    )
    availability_zones: list[str] = Field(
        default_factory=list, description="The Availability Zones it launches into."
    )
    subnet_ids: list[str] = Field(default_factory=list, description="Its VPC subnets.")
    health_check_type: str | None = Field(
        default=None, description="EC2 (instance status only), ELB, VPC_LATTICE or EBS."
    )
    health_check_grace_period: int | None = Field(
        default=None, description="Seconds before a new instance's health is checked."
    )
    load_balancer_names: list[str] = Field(
        default_factory=list, description="Classic load balancers it registers instances with."
    )
    target_group_arns: list[str] = Field(
        default_factory=list, description="Target groups it registers instances with."
    )
    capacity_rebalance: bool = Field(
        default=False,
        description="Spot instances at elevated interruption risk are replaced in advance.",
    )
    min_size: int = Field(default=0, description="The minimum number of instances.")
    max_size: int = Field(default=0, description="The maximum number of instances.")
    desired_capacity: int = Field(default=0, description="The number of instances it keeps.")
    created_at: datetime | None = Field(default=None, description="When it was created.")


class BlockDevice(Document):
    """An EBS volume a launch configuration or template gives each instance."""

    device_name: str | None = Field(default=None, description="The device name, e.g. /dev/xvda.")
    encrypted: bool | None = Field(
        default=None,
        description="The volume is encrypted; null when not set (the region's EBS "
        "encryption-by-default, or the snapshot's encryption, then decides).",
    )
    snapshot_id: str | None = Field(default=None, description="The snapshot it is created from.")


@resource_type("aws.autoscaling.launch_configuration", "An Auto Scaling launch configuration.")
class LaunchConfiguration(Resource):
    """A launch configuration; its id is its name."""

    image_id: str | None = Field(default=None, description="The AMI instances launch from.")
    instance_type: str | None = Field(default=None, description="The instance type.")
    created_at: datetime | None = Field(default=None, description="When it was created.")
    associate_public_ip_address: bool | None = Field(
        default=None,
        description="Instances get a public IPv4 address; null when not set (the subnet's "
        "setting decides).",
    )
    http_tokens: str | None = Field(
        default=None,
        description="IMDS tokens: required (IMDSv2 only) or optional (IMDSv1 allowed); null "
        "when not set, which means optional.",
    )
    http_endpoint: str | None = Field(
        default=None, description="IMDS endpoint: enabled or disabled; null means enabled."
    )
    http_put_response_hop_limit: int | None = Field(
        default=None, description="Network hops an IMDS token may travel; null means 1."
    )
    iam_instance_profile: str | None = Field(
        default=None, description="The instance profile (name or ARN) instances get."
    )
    security_group_ids: list[str] = Field(
        default_factory=list, description="The security groups instances get."
    )
    key_name: str | None = Field(default=None, description="The EC2 key pair for SSH.")
    detailed_monitoring: bool = Field(
        default=False, description="Instances send CloudWatch metrics every minute."
    )
    block_devices: list[BlockDevice] = Field(
        default_factory=list, description="The EBS volumes of each instance."
    )
    user_data_secret_kinds: list[str] = Field(
        default_factory=list,
        description="Kinds of secret detect-secrets finds in the user data (AWS Access Key, "
        "Secret Keyword...); empty if none or no user data. The user data is not kept.",
    )


def _subnets(found: Any) -> list[str]:
    """``VPCZoneIdentifier``: the subnets as one comma-separated string."""
    return [subnet for subnet in str(found or "").split(",") if subnet]


GROUP = Map(
    {
        "launch_configuration_name": "LaunchConfigurationName",
        "instance_types": (
            "MixedInstancesPolicy.LaunchTemplate.Overrides[].InstanceType",
            strings,
        ),
        "availability_zones": ("AvailabilityZones", strings),
        "subnet_ids": ("VPCZoneIdentifier", _subnets),
        "health_check_type": "HealthCheckType",
        "health_check_grace_period": "HealthCheckGracePeriod",
        "load_balancer_names": ("LoadBalancerNames", strings),
        "target_group_arns": ("TargetGroupARNs", strings),
        "capacity_rebalance": ("CapacityRebalance", flag),
        "min_size": ("MinSize", default(0)),
        "max_size": ("MaxSize", default(0)),
        "desired_capacity": ("DesiredCapacity", default(0)),
        "created_at": "CreatedTime",
        "tags": ("Tags", pairs()),
    }
)

TEMPLATE = Map(
    {
        "launch_template_id": "LaunchTemplateId",
        "launch_template_name": "LaunchTemplateName",
        "launch_template_version": "Version",
    }
)

BLOCK_DEVICE = Map(
    {
        "device_name": "DeviceName",
        "encrypted": "Ebs.Encrypted",
        "snapshot_id": "Ebs.SnapshotId",
    }
)


def ebs_devices(found: Any) -> list[Doc]:
    """The EBS volumes of a block device mapping (instance store entries have no ``Ebs``)."""
    return [BLOCK_DEVICE.read(device) for device in found or () if device.get("Ebs")]


LAUNCH_CONFIGURATION = Map(
    {
        "image_id": "ImageId",
        "instance_type": "InstanceType",
        "created_at": "CreatedTime",
        "associate_public_ip_address": "AssociatePublicIpAddress",
        "http_tokens": "MetadataOptions.HttpTokens",
        "http_endpoint": "MetadataOptions.HttpEndpoint",
        "http_put_response_hop_limit": "MetadataOptions.HttpPutResponseHopLimit",
        "iam_instance_profile": "IamInstanceProfile",
        "security_group_ids": ("SecurityGroups", strings),
        "key_name": "KeyName",
        "detailed_monitoring": ("InstanceMonitoring.Enabled", flag),
        "block_devices": ("BlockDeviceMappings", ebs_devices),
        "user_data_secret_kinds": ("UserData", user_data_secret_kinds),
    }
)


def _template_of(group: Any) -> Any:
    """A group's launch template, given directly or through its mixed instances policy."""
    mixed = (group.get("MixedInstancesPolicy") or {}).get("LaunchTemplate") or {}
    return group.get("LaunchTemplate") or mixed.get("LaunchTemplateSpecification") or {}


def _group(item: Any, _ctx: RegionContext) -> Doc:
    return {
        "id": item["AutoScalingGroupName"],
        "name": item["AutoScalingGroupName"],
        "arn": item.get("AutoScalingGroupARN"),
        **GROUP.read(item),
        **TEMPLATE.read(_template_of(item)),
    }


def _launch_configuration(item: Any, _ctx: RegionContext) -> Doc:
    return {
        "id": item["LaunchConfigurationName"],
        "name": item["LaunchConfigurationName"],
        "arn": item.get("LaunchConfigurationARN"),
        **LAUNCH_CONFIGURATION.read(item),
    }


collectors.register(
    listed(
        AutoScalingGroup,
        "autoscaling",
        "DescribeAutoScalingGroups",
        "AutoScalingGroups",
        _group,
    ),
    listed(
        LaunchConfiguration,
        "autoscaling",
        "DescribeLaunchConfigurations",
        "LaunchConfigurations",
        _launch_configuration,
    ),
)
