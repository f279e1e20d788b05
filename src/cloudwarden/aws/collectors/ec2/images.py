"""AMIs of the account (``Owners`` = self): sharing, encryption, deprecation."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import tags_of
from cloudwarden.aws.collectors.ec2.base import SHARE_PERMISSION, SharePermission, snake
from cloudwarden.aws.collectors.mapping import Map, each
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


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


def _image(item: Any, ctx: RegionContext) -> Doc:
    mappings = item.get("BlockDeviceMappings", [])
    ebs_keys = ("SnapshotId", "Encrypted", "KmsKeyId", "VolumeSize", "VolumeType")
    return {
        **snake(item, "Name", "State", "CreationDate", "DeprecationTime", "LastLaunchedTime"),
        **snake(item, "ImageType", "Platform", "Architecture", "RootDeviceType", "BootMode"),
        **snake(item, "VirtualizationType", "ImdsSupport", "SourceInstanceId"),
        "id": item["ImageId"],
        "arn": f"arn:{ctx.partition}:ec2:{ctx.region}::image/{item['ImageId']}",
        "tags": tags_of(item.get("Tags")),
        "description": item.get("Description") or None,
        "public": bool(item.get("Public", False)),
        "block_device_mappings": [
            {
                "device_name": mapping.get("DeviceName"),
                **snake(mapping.get("Ebs", {}), *ebs_keys, "DeleteOnTermination"),
            }
            for mapping in mappings
        ],
        "ebs_encrypted": all(m["Ebs"].get("Encrypted") is True for m in mappings if "Ebs" in m),
    }


def _image_attribute(doc: Doc) -> dict[str, Any]:
    return {"ImageId": doc["id"], "Attribute": "launchPermission"}


collectors.register(
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
                Map({"launch_permissions": ("LaunchPermissions", each(SHARE_PERMISSION))}),
            ),
        ),
    )
)
