"""EC2 and EBS account settings of each region: default encryption, block public access, IMDS."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, one_if_any, required
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


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


def _region_settings(_item: Any, ctx: RegionContext) -> Doc:
    return {"id": ctx.region, "name": ctx.region}


_METADATA_DEFAULTS = Map(
    {
        "http_tokens": "HttpTokens",
        "http_tokens_enforced": "HttpTokensEnforced",
        "http_put_response_hop_limit": "HttpPutResponseHopLimit",
        "http_endpoint": "HttpEndpoint",
        "instance_metadata_tags": "InstanceMetadataTags",
    }
)


def _setting(operation: str, field: str, key: str) -> Detail:
    """A region setting read from one key of a Get* response (which always has it)."""
    return Detail(Call(operation), Map({field: (key, required)}))


collectors.register(
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
                Map(
                    {"instance_metadata_defaults": ("AccountLevel", one_if_any(_METADATA_DEFAULTS))}
                ),
            ),
        ),
    ),
)
