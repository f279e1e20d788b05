"""EBS volumes: encryption, type and attachments."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.ec2.base import named, snake
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


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


def _volume(item: Any, ctx: RegionContext) -> Doc:
    return {
        **snake(item, "KmsKeyId", "Size", "VolumeType", "Iops", "State", "AvailabilityZone"),
        **snake(item, "CreateTime", "MultiAttachEnabled"),
        **named(item),
        "id": item["VolumeId"],
        "arn": ctx.arn("ec2", f"volume/{item['VolumeId']}"),
        "encrypted": bool(item.get("Encrypted", False)),
        "snapshot_id": item.get("SnapshotId") or None,
        "attachments": [
            snake(attachment, "InstanceId", "Device", "State", "DeleteOnTermination")
            for attachment in item.get("Attachments", [])
        ],
    }


collectors.register(listed(EbsVolume, "ec2", "DescribeVolumes", "Volumes", _volume))
