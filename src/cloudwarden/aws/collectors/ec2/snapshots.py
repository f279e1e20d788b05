"""EBS snapshots of the account (``OwnerIds`` = self), and who may create volumes from them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.ec2.base import SHARE_PERMISSION, SharePermission, named, snake
from cloudwarden.aws.collectors.mapping import Map, each, flag
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


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


def _snapshot(item: Any, ctx: RegionContext) -> Doc:
    return {
        **snake(item, "KmsKeyId", "VolumeId", "VolumeSize", "StartTime", "State"),
        **snake(item, "StorageTier", "OwnerId"),
        **named(item),
        "id": item["SnapshotId"],
        # Snapshot and image ARNs carry no account id.
        "arn": f"arn:{ctx.partition}:ec2:{ctx.region}::snapshot/{item['SnapshotId']}",
        "description": item.get("Description") or None,
        "encrypted": bool(item.get("Encrypted", False)),
    }


def _snapshot_attribute(doc: Doc) -> dict[str, Any]:
    return {"SnapshotId": doc["id"], "Attribute": "createVolumePermission"}


collectors.register(
    ResourceSpec(
        model=EbsSnapshot,
        service="ec2",
        list=Call("DescribeSnapshots", lambda _: {"OwnerIds": ["self"]}),
        items="Snapshots",
        normalize=_snapshot,
        details=(
            Detail(
                Call("DescribeSnapshotAttribute", _snapshot_attribute),
                Map(
                    {
                        "create_volume_permissions": (
                            "CreateVolumePermissions",
                            each(SHARE_PERMISSION),
                        ),
                        "public": ("CreateVolumePermissions[?Group == 'all']", flag),
                    }
                ),
            ),
        ),
    )
)
