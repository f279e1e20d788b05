"""What the EC2 and VPC collectors share: readers of EC2 structures, sharing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from botocore import xform_name
from pydantic import Field

from cloudwarden.aws.collectors.common import tags_of
from cloudwarden.aws.collectors.mapping import Map
from cloudwarden.aws.collectors.spec import Doc, RegionContext
from cloudwarden.inventory.resource import Document

INTERNET = frozenset({"0.0.0.0/0", "::/0"})
"""The CIDRs that mean 'anywhere'."""


class SharePermission(Document):
    """Who, besides the owner, may use a snapshot or an image."""

    group: str | None = Field(default=None, description="'all' means everyone (public).")
    user_id: str | None = Field(default=None, description="An AWS account id it is shared with.")
    organization_arn: str | None = Field(default=None, description="An AWS Organization.")
    organizational_unit_arn: str | None = Field(default=None, description="An organisational unit.")


SHARE_PERMISSION = Map(
    {
        "group": "Group",
        "user_id": "UserId",
        "organization_arn": "OrganizationArn",
        "organizational_unit_arn": "OrganizationalUnitArn",
    }
)
"""A snapshot's create-volume or an image's launch permission."""


def snake(item: Mapping[str, Any], *keys: str) -> Doc:
    """The named keys of an AWS structure under their snake_case names (null when absent)."""
    return {xform_name(key): item.get(key) for key in keys}


def named(item: Mapping[str, Any]) -> Doc:
    """Tags, with the Name tag as the resource's name."""
    tags = tags_of(item.get("Tags"))
    return {"tags": tags, "name": tags.get("Name")}


def common(item: Any, ctx: RegionContext, id_key: str, arn_kind: str) -> Doc:
    """id, arn, name (the Name tag) and tags of an EC2 resource."""
    tags = tags_of(item.get("Tags"))
    resource_id = str(item[id_key])
    return {
        "id": resource_id,
        "arn": ctx.arn("ec2", f"{arn_kind}/{resource_id}"),
        "name": tags.get("Name"),
        "tags": tags,
    }


def or_none(value: Any) -> Any:
    """An empty string (as some endpoints answer for 'no value') as null."""
    return value if value not in ("", None) else None
