"""EC2 launch templates: what their default version launches (IMDS, public IPs, EBS encryption)
and the secrets any version's user data holds.

Two details per template: its default version (``$Default``) and every version, whose user data
is scanned by detect-secrets and dropped (only the kinds found are kept, per version).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.autoscaling import BlockDevice, ebs_devices
from cloudwarden.aws.collectors.mapping import Map, each, pairs, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.aws.secret_detection import user_data_secret_kinds
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class VersionSecrets(Document):
    """The secrets found in one launch template version's user data."""

    version_number: int = Field(description="The template version.")
    kinds: list[str] = Field(
        default_factory=list,
        description="Kinds of secret detect-secrets finds in its user data; empty if none.",
    )


@resource_type("aws.ec2.launch_template", "An EC2 launch template.")
class LaunchTemplate(Resource):
    """A launch template; its id is its id (lt-...), its name the template name."""

    default_version_number: int | None = Field(
        default=None, description="The version launched when none is named."
    )
    latest_version_number: int | None = Field(default=None, description="The newest version.")
    created_at: datetime | None = Field(default=None, description="When it was created.")
    image_id: str | None = Field(default=None, description="The default version's AMI.")
    instance_type: str | None = Field(
        default=None, description="The default version's instance type."
    )
    http_tokens: str | None = Field(
        default=None,
        description="The default version's IMDS tokens: required (IMDSv2 only) or optional; "
        "null when not set, which leaves it to the AMI and the account default.",
    )
    http_endpoint: str | None = Field(
        default=None, description="The default version's IMDS endpoint: enabled or disabled."
    )
    http_put_response_hop_limit: int | None = Field(
        default=None, description="The default version's IMDS token hop limit."
    )
    associate_public_ip_address: bool | None = Field(
        default=None,
        description="Some network interface of the default version asks for a public IPv4 "
        "address (true), all that set it refuse one (false), or none sets it (null: the "
        "subnet's setting decides).",
    )
    iam_instance_profile: str | None = Field(
        default=None, description="The default version's instance profile (ARN or name)."
    )
    security_group_ids: list[str] = Field(
        default_factory=list, description="The default version's security groups."
    )
    block_devices: list[BlockDevice] = Field(
        default_factory=list, description="The default version's EBS volumes."
    )
    version_secrets: list[VersionSecrets] = Field(
        default_factory=list,
        description="Every version, with the kinds of secret found in its user data (the user "
        "data itself is not kept).",
    )


def _public_ip(interfaces: Any) -> bool | None:
    """True if any interface asks for a public address, None if none says either way."""
    said = [
        bool(interface["AssociatePublicIpAddress"])
        for interface in interfaces or ()
        if interface.get("AssociatePublicIpAddress") is not None
    ]
    return any(said) if said else None


DATA = "LaunchTemplateVersions[0].LaunchTemplateData"

DEFAULT_VERSION = Map(
    {
        "image_id": f"{DATA}.ImageId",
        "instance_type": f"{DATA}.InstanceType",
        "http_tokens": f"{DATA}.MetadataOptions.HttpTokens",
        "http_endpoint": f"{DATA}.MetadataOptions.HttpEndpoint",
        "http_put_response_hop_limit": f"{DATA}.MetadataOptions.HttpPutResponseHopLimit",
        "associate_public_ip_address": (f"{DATA}.NetworkInterfaces", _public_ip),
        "iam_instance_profile": f"{DATA}.IamInstanceProfile.Arn || {DATA}.IamInstanceProfile.Name",
        "security_group_ids": (
            f"{DATA}.SecurityGroupIds || {DATA}.NetworkInterfaces[].Groups[]",
            strings,
        ),
        "block_devices": (f"{DATA}.BlockDeviceMappings", ebs_devices),
    }
)

VERSION_SECRETS = Map(
    {
        "version_number": "VersionNumber",
        "kinds": ("LaunchTemplateData.UserData", user_data_secret_kinds),
    }
)


TEMPLATE = Map(
    {
        "default_version_number": "DefaultVersionNumber",
        "latest_version_number": "LatestVersionNumber",
        "created_at": "CreateTime",
        "tags": ("Tags", pairs()),
    }
)


def _template(item: Any, ctx: RegionContext) -> Doc:
    return {
        "id": item["LaunchTemplateId"],
        "name": item.get("LaunchTemplateName"),
        "arn": ctx.arn("ec2", f"launch-template/{item['LaunchTemplateId']}"),
        **TEMPLATE.read(item),
    }


collectors.register(
    ResourceSpec(
        model=LaunchTemplate,
        service="ec2",
        list=Call("DescribeLaunchTemplates"),
        items="LaunchTemplates",
        normalize=_template,
        details=(
            Detail(
                Call(
                    "DescribeLaunchTemplateVersions",
                    lambda doc: {"LaunchTemplateId": doc["id"], "Versions": ["$Default"]},
                ),
                DEFAULT_VERSION,
            ),
            Detail(
                Call(
                    "DescribeLaunchTemplateVersions",
                    lambda doc: {"LaunchTemplateId": doc["id"]},
                ),
                Map({"version_secrets": ("LaunchTemplateVersions", each(VERSION_SECRETS))}),
            ),
        ),
    )
)
