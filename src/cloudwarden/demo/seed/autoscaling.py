"""Auto Scaling and launch templates: a hardened launch template behind a multi-zone group with
ELB health checks, and the legacy path many accounts still have: a launch configuration (and an
old launch template) with IMDSv1, public IPs, unencrypted volumes and a password in the user
data, behind a one-zone group that only checks EC2 status.

The groups keep no instances (desired capacity 0), so the EC2 inventory stays as planted.
"""

from __future__ import annotations

import base64
from typing import Any

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.ecs import fake_password
from cloudwarden.demo.seed.elbv2 import default_network

HARDENED_TEMPLATE = "cw-demo-hardened-template"
LEGACY_TEMPLATE = "cw-demo-legacy-template"
HARDENED_CONFIGURATION = "cw-demo-hardened-launch-config"
LEGACY_CONFIGURATION = "cw-demo-legacy-launch-config"
HARDENED_GROUP = "cw-demo-hardened-asg"
LEGACY_GROUP = "cw-demo-legacy-asg"
TARGET_GROUP = "cw-demo-asg-targets"
IMAGE_ID = "ami-12c6146b"
INSTANCE_TYPES = ("t3.micro", "t3a.micro")
CLEAN_USER_DATA = "#!/bin/bash\nyum install -y nginx\nsystemctl enable --now nginx\n"


def leaky_user_data() -> str:
    """A boot script that exports a database password (a fake one) to the application."""
    return f'#!/bin/bash\nexport DB_PASSWORD="{fake_password()}"\n/opt/app/start\n'


def _encoded(script: str) -> str:
    return base64.b64encode(script.encode()).decode()


def _volume(encrypted: bool) -> list[dict[str, Any]]:
    return [{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 8, "Encrypted": encrypted}}]


def _launch_templates(ctx: SeedContext, groups: list[str]) -> str:
    ec2 = ctx.client("ec2", ctx.home)
    hardened = ec2.create_launch_template(
        LaunchTemplateName=HARDENED_TEMPLATE,
        LaunchTemplateData={
            "ImageId": IMAGE_ID,
            "InstanceType": INSTANCE_TYPES[0],
            "MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 1},
            "NetworkInterfaces": [
                {"DeviceIndex": 0, "AssociatePublicIpAddress": False, "Groups": groups}
            ],
            "BlockDeviceMappings": _volume(True),
            "UserData": _encoded(CLEAN_USER_DATA),
        },
        TagSpecifications=[
            {"ResourceType": "launch-template", "Tags": [{"Key": "owner", "Value": "web"}]}
        ],
    )["LaunchTemplate"]["LaunchTemplateId"]
    ec2.create_launch_template(
        LaunchTemplateName=LEGACY_TEMPLATE,
        LaunchTemplateData={
            "ImageId": IMAGE_ID,
            "InstanceType": INSTANCE_TYPES[0],
            "MetadataOptions": {"HttpTokens": "optional"},
            "NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": True}],
            "BlockDeviceMappings": _volume(False),
            "UserData": _encoded(leaky_user_data()),
        },
    )
    return str(hardened)


def _launch_configurations(ctx: SeedContext) -> None:
    autoscaling = ctx.client("autoscaling", ctx.home)
    for name, hardened, user_data in (
        (HARDENED_CONFIGURATION, True, CLEAN_USER_DATA),
        (LEGACY_CONFIGURATION, False, leaky_user_data()),
    ):
        autoscaling.create_launch_configuration(
            LaunchConfigurationName=name,
            ImageId=IMAGE_ID,
            InstanceType=INSTANCE_TYPES[0],
            AssociatePublicIpAddress=not hardened,
            MetadataOptions={
                "HttpTokens": "required" if hardened else "optional",
                "HttpEndpoint": "enabled",
            },
            BlockDeviceMappings=_volume(encrypted=hardened),
            UserData=user_data,
        )


def seed(ctx: SeedContext) -> None:
    ec2 = ctx.client("ec2", ctx.home)
    vpc_id, subnets, groups = default_network(ec2)
    template_id = _launch_templates(ctx, groups)
    _launch_configurations(ctx)
    target_group = ctx.client("elbv2", ctx.home).create_target_group(
        Name=TARGET_GROUP, Protocol="HTTP", Port=80, VpcId=vpc_id
    )["TargetGroups"][0]["TargetGroupArn"]

    autoscaling = ctx.client("autoscaling", ctx.home)
    autoscaling.create_auto_scaling_group(
        AutoScalingGroupName=HARDENED_GROUP,
        MixedInstancesPolicy={
            "LaunchTemplate": {
                "LaunchTemplateSpecification": {
                    "LaunchTemplateId": template_id,
                    "Version": "$Default",
                },
                "Overrides": [{"InstanceType": name} for name in INSTANCE_TYPES],
            }
        },
        MinSize=0,
        MaxSize=4,
        DesiredCapacity=0,
        VPCZoneIdentifier=",".join(subnets),
        HealthCheckType="ELB",
        HealthCheckGracePeriod=120,
        TargetGroupARNs=[target_group],
        CapacityRebalance=True,
        Tags=[{"Key": "owner", "Value": "web", "PropagateAtLaunch": True}],
    )
    autoscaling.create_auto_scaling_group(
        AutoScalingGroupName=LEGACY_GROUP,
        LaunchConfigurationName=LEGACY_CONFIGURATION,
        MinSize=0,
        MaxSize=2,
        DesiredCapacity=0,
        VPCZoneIdentifier=subnets[0],
        HealthCheckType="EC2",
        TargetGroupARNs=[target_group],
    )
