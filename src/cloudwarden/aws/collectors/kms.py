"""KMS: keys with their state, spec, key policy, aliases, tags and rotation.

ListKeys gives only ids, so DescribeKey (stage 0) reads each key's metadata; rotation status is
asked (stage 1) only where AWS supports automatic rotation: customer managed symmetric keys with
AWS-generated key material.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import policy_document
from cloudwarden.aws.collectors.mapping import Tags
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


def _apply_describe(doc: Doc, response: Any) -> None:
    meta = response["KeyMetadata"]
    multi_region = meta.get("MultiRegionConfiguration") or {}
    doc.update(
        description=meta.get("Description") or None,
        key_manager=meta.get("KeyManager"),
        key_state=meta.get("KeyState"),
        enabled=meta.get("Enabled"),
        # DescribeKey may leave KeyUsage out for symmetric keys; symmetric keys encrypt.
        key_usage=meta.get("KeyUsage")
        or ("ENCRYPT_DECRYPT" if meta.get("KeySpec") == "SYMMETRIC_DEFAULT" else None),
        key_spec=meta.get("KeySpec") or meta.get("CustomerMasterKeySpec"),
        origin=meta.get("Origin"),
        multi_region=bool(meta.get("MultiRegion", False)),
        multi_region_key_type=multi_region.get("MultiRegionKeyType"),
        creation_date=meta.get("CreationDate"),
        deletion_date=meta.get("DeletionDate"),
        pending_deletion_window_in_days=meta.get("PendingDeletionWindowInDays"),
        valid_to=meta.get("ValidTo"),
        custom_key_store_id=meta.get("CustomKeyStoreId"),
    )


def _rotation_supported(doc: Doc) -> bool:
    return (
        doc.get("key_manager") == "CUSTOMER"
        and doc.get("key_spec") == "SYMMETRIC_DEFAULT"
        and doc.get("origin") == "AWS_KMS"
    )


def _apply_rotation(doc: Doc, response: Any) -> None:
    doc["rotation_enabled"] = bool(response["KeyRotationEnabled"])
    doc["rotation_period_in_days"] = response.get("RotationPeriodInDays")
    doc["next_rotation_date"] = response.get("NextRotationDate")


def _apply_policy(doc: Doc, response: Any) -> None:
    doc["policy"] = policy_document(response.get("Policy"))


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
                _apply_describe,
                (
                    "description",
                    "key_manager",
                    "key_state",
                    "enabled",
                    "key_usage",
                    "key_spec",
                    "origin",
                    "multi_region",
                    "multi_region_key_type",
                    "creation_date",
                    "deletion_date",
                    "pending_deletion_window_in_days",
                    "valid_to",
                    "custom_key_store_id",
                ),
            ),
            Detail(
                Call("GetKeyPolicy", lambda doc: {"KeyId": doc["id"], "PolicyName": "default"}),
                _apply_policy,
                ("policy",),
            ),
            Detail(Call("ListResourceTags", _key_params), Tags(key="TagKey", value="TagValue")),
            Detail(
                Call("ListAliases", _key_params),
                _apply_aliases,
                ("aliases", "name"),
            ),
            Detail(
                Call("GetKeyRotationStatus", _key_params),
                _apply_rotation,
                ("rotation_enabled", "rotation_period_in_days", "next_rotation_date"),
                when=_rotation_supported,
                stage=1,
            ),
        ),
    )
)
