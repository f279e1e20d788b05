"""KMS: keys with their state, spec, key policy, aliases, tags and rotation.

ListKeys gives only ids, so DescribeKey (stage 0) reads each key's metadata; rotation status is
asked (stage 1) only where AWS supports automatic rotation: customer managed symmetric keys with
AWS-generated key material.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, Tags, chain, flag, nonempty, policy, required
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


@resource_type("aws.kms.key", "A KMS key (customer or AWS managed) and its security settings.")
class KmsKey(Resource):
    """A KMS key. ``name`` is its first alias, if it has one."""

    key_id: str = Field(description="The key id (a UUID, or mrk-... for multi-Region keys).")
    description: str | None = Field(default=None, description="The key's description.")
    key_manager: str | None = Field(
        default=None, description="CUSTOMER (customer managed) or AWS (AWS managed, alias/aws/*)."
    )
    key_state: str | None = Field(
        default=None,
        description="Enabled, Disabled, PendingDeletion, PendingImport, PendingReplicaDeletion, "
        "Unavailable, Creating, Updating.",
    )
    enabled: bool | None = Field(default=None, description="The key can be used.")
    key_usage: str | None = Field(
        default=None,
        description="ENCRYPT_DECRYPT, SIGN_VERIFY, GENERATE_VERIFY_MAC or KEY_AGREEMENT.",
    )
    key_spec: str | None = Field(
        default=None,
        description="SYMMETRIC_DEFAULT for symmetric encryption keys, else RSA_*, ECC_*, HMAC_*...",
    )
    origin: str | None = Field(
        default=None,
        description="Where the key material comes from: AWS_KMS, EXTERNAL (imported), "
        "AWS_CLOUDHSM or EXTERNAL_KEY_STORE.",
    )
    multi_region: bool = Field(default=False, description="The key is a multi-Region key.")
    multi_region_key_type: str | None = Field(
        default=None, description="PRIMARY or REPLICA for multi-Region keys."
    )
    creation_date: datetime | None = Field(default=None, description="When the key was created.")
    deletion_date: datetime | None = Field(
        default=None, description="When a key pending deletion will be deleted; null otherwise."
    )
    pending_deletion_window_in_days: int | None = Field(
        default=None, description="The waiting period of a scheduled deletion, in days."
    )
    valid_to: datetime | None = Field(
        default=None, description="When imported key material expires; null if it does not."
    )
    custom_key_store_id: str | None = Field(
        default=None, description="The custom key store holding the key, if any."
    )
    rotation_enabled: bool | None = Field(
        default=None,
        description="Automatic key rotation is on. Null where AWS does not support rotation "
        "(AWS managed keys are not asked; asymmetric, HMAC, imported and custom-key-store keys).",
    )
    rotation_period_in_days: int | None = Field(
        default=None, description="Days between automatic rotations, when rotation is on."
    )
    next_rotation_date: datetime | None = Field(
        default=None, description="The next scheduled automatic rotation, when rotation is on."
    )
    policy: dict[str, Any] | None = Field(
        default=None, description="The key policy (policy name 'default'), parsed from JSON."
    )
    aliases: list[str] = Field(
        default_factory=list, description="The key's alias names, e.g. alias/orders."
    )


def _key(item: Any, ctx: RegionContext) -> Doc:
    key_id = item["KeyId"]
    return {
        "id": key_id,
        "key_id": key_id,
        "arn": item.get("KeyArn") or ctx.arn("kms", f"key/{key_id}"),
    }


def _key_params(doc: Doc) -> dict[str, Any]:
    return {"KeyId": doc["id"]}


def _key_usage(meta: Any) -> str | None:
    """DescribeKey may leave KeyUsage out for symmetric keys; symmetric keys encrypt."""
    usage = meta.get("KeyUsage")
    if usage:
        return str(usage)
    return "ENCRYPT_DECRYPT" if meta.get("KeySpec") == "SYMMETRIC_DEFAULT" else None


_KEY_METADATA = Map(
    {
        "description": ("KeyMetadata.Description", nonempty),
        "key_manager": "KeyMetadata.KeyManager",
        "key_state": "KeyMetadata.KeyState",
        "enabled": "KeyMetadata.Enabled",
        "key_usage": ("KeyMetadata", chain(required, _key_usage)),
        "key_spec": "KeyMetadata.KeySpec || KeyMetadata.CustomerMasterKeySpec",
        "origin": "KeyMetadata.Origin",
        "multi_region": ("KeyMetadata.MultiRegion", flag),
        "multi_region_key_type": "KeyMetadata.MultiRegionConfiguration.MultiRegionKeyType",
        "creation_date": "KeyMetadata.CreationDate",
        "deletion_date": "KeyMetadata.DeletionDate",
        "pending_deletion_window_in_days": "KeyMetadata.PendingDeletionWindowInDays",
        "valid_to": "KeyMetadata.ValidTo",
        "custom_key_store_id": "KeyMetadata.CustomKeyStoreId",
    }
)


def _rotation_supported(doc: Doc) -> bool:
    return (
        doc.get("key_manager") == "CUSTOMER"
        and doc.get("key_spec") == "SYMMETRIC_DEFAULT"
        and doc.get("origin") == "AWS_KMS"
    )


_ROTATION = Map(
    {
        "rotation_enabled": ("KeyRotationEnabled", chain(required, flag)),
        "rotation_period_in_days": "RotationPeriodInDays",
        "next_rotation_date": "NextRotationDate",
    }
)


def _apply_aliases(doc: Doc, response: Any) -> None:
    aliases = sorted(alias["AliasName"] for alias in response.get("Aliases", []))
    doc["aliases"] = aliases
    doc["name"] = aliases[0] if aliases else None


collectors.register(
    ResourceSpec(
        model=KmsKey,
        service="kms",
        list=Call("ListKeys"),
        items="Keys",
        normalize=_key,
        details=(
            Detail(
                Call("DescribeKey", _key_params),
                _KEY_METADATA,
            ),
            Detail(
                Call("GetKeyPolicy", lambda doc: {"KeyId": doc["id"], "PolicyName": "default"}),
                Map({"policy": ("Policy", policy)}),
            ),
            Detail(Call("ListResourceTags", _key_params), Tags(key="TagKey", value="TagValue")),
            Detail(
                Call("ListAliases", _key_params),
                _apply_aliases,
                ("aliases", "name"),
            ),
            Detail(
                Call("GetKeyRotationStatus", _key_params),
                _ROTATION,
                when=_rotation_supported,
                stage=1,
            ),
        ),
    )
)
