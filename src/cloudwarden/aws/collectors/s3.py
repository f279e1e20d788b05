"""S3: buckets with their region, access controls, encryption, versioning, logging, lock, lifecycle.

Buckets are listed once (ListBuckets is global) and then described in their own region, so the
detail calls run after GetBucketLocation (stage 0) and never bounce through a redirect.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import policy_document, tags_of
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec, Scope
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class PublicAccessBlock(Document):
    """An S3 Block Public Access configuration."""

    block_public_acls: bool = Field(description="New public ACLs are rejected.")
    ignore_public_acls: bool = Field(description="Existing public ACLs are ignored.")
    block_public_policy: bool = Field(description="Public bucket policies are rejected.")
    restrict_public_buckets: bool = Field(
        description="Access through a public policy is limited to AWS services and the owner."
    )


class BucketGrant(Document):
    """One grant of a bucket ACL."""

    grantee_type: str = Field(description="CanonicalUser, AmazonCustomerByEmail or Group.")
    grantee_id: str | None = Field(default=None, description="Canonical user id, if any.")
    grantee_uri: str | None = Field(
        default=None, description="Group URI, e.g. http://acs.amazonaws.com/groups/global/AllUsers."
    )
    permission: str = Field(description="READ, WRITE, READ_ACP, WRITE_ACP or FULL_CONTROL.")


class EncryptionRule(Document):
    """A default encryption rule of a bucket."""

    algorithm: str = Field(description="AES256, aws:kms or aws:kms:dsse.")
    kms_key_id: str | None = Field(default=None, description="The KMS key for aws:kms.")
    bucket_key_enabled: bool = Field(default=False, description="S3 Bucket Keys are used.")


class BucketLogging(Document):
    """Server access logging of a bucket."""

    target_bucket: str = Field(description="The bucket that receives the access logs.")
    target_prefix: str = Field(default="", description="The key prefix of the log objects.")


class LifecycleRule(Document):
    """A lifecycle rule of a bucket."""

    id: str | None = Field(default=None, description="The rule id.")
    status: str = Field(description="Enabled or Disabled.")
    expiration_days: int | None = Field(default=None, description="Objects expire after days.")
    has_transitions: bool = Field(
        default=False, description="The rule moves objects to other storage classes."
    )


@resource_type("aws.s3.bucket", "An S3 bucket and its security configuration.")
class S3Bucket(Resource):
    """An S3 bucket. ``None`` in a configuration field means the bucket has none of it."""

    creation_date: datetime | None = Field(default=None, description="When the bucket was created.")
    owner_id: str | None = Field(default=None, description="The canonical id of the bucket owner.")
    public_access_block: PublicAccessBlock | None = Field(
        default=None, description="The bucket's Block Public Access settings; null if not set."
    )
    policy: dict[str, Any] | None = Field(
        default=None, description="The bucket policy, parsed from JSON; null if none."
    )
    policy_is_public: bool | None = Field(
        default=None, description="AWS's verdict that the bucket policy makes it public."
    )
    acl_grants: list[BucketGrant] = Field(default_factory=list, description="The ACL grants.")
    encryption_rules: list[EncryptionRule] = Field(
        default_factory=list, description="Default encryption rules; empty if none."
    )
    versioning_status: str | None = Field(
        default=None, description="Enabled, Suspended, or null if versioning was never enabled."
    )
    mfa_delete: bool = Field(default=False, description="MFA delete is enabled.")
    logging: BucketLogging | None = Field(
        default=None, description="Server access logging; null if disabled."
    )
    object_lock_enabled: bool = Field(default=False, description="Object Lock is enabled.")
    object_lock_mode: str | None = Field(
        default=None, description="Default retention mode (GOVERNANCE or COMPLIANCE), if any."
    )
    lifecycle_rules: list[LifecycleRule] = Field(
        default_factory=list, description="Lifecycle rules; empty if none."
    )


def _bucket(item: Any, ctx: RegionContext) -> Doc:
    name = item["Name"]
    return {
        "id": name,
        "name": name,
        "arn": f"arn:{ctx.partition}:s3:::{name}",
        "creation_date": item.get("CreationDate"),
    }


def _bucket_params(doc: Doc) -> dict[str, Any]:
    return {"Bucket": doc["id"]}


def _apply_location(doc: Doc, response: Any) -> None:
    # us-east-1 answers null, and the legacy EU alias means eu-west-1.
    location = response.get("LocationConstraint") or "us-east-1"
    doc["region"] = "eu-west-1" if location == "EU" else location


def _apply_public_access_block(doc: Doc, response: Any) -> None:
    config = response.get("PublicAccessBlockConfiguration")
    doc["public_access_block"] = (
        {
            "block_public_acls": config.get("BlockPublicAcls", False),
            "ignore_public_acls": config.get("IgnorePublicAcls", False),
            "block_public_policy": config.get("BlockPublicPolicy", False),
            "restrict_public_buckets": config.get("RestrictPublicBuckets", False),
        }
        if config
        else None
    )


def _apply_policy(doc: Doc, response: Any) -> None:
    doc["policy"] = policy_document(response.get("Policy"))


def _apply_policy_status(doc: Doc, response: Any) -> None:
    status = response.get("PolicyStatus")
    doc["policy_is_public"] = bool(status.get("IsPublic")) if status else False


def _apply_acl(doc: Doc, response: Any) -> None:
    doc["owner_id"] = response.get("Owner", {}).get("ID")
    doc["acl_grants"] = [
        {
            "grantee_type": grant["Grantee"].get("Type", ""),
            "grantee_id": grant["Grantee"].get("ID"),
            "grantee_uri": grant["Grantee"].get("URI"),
            "permission": grant.get("Permission", ""),
        }
        for grant in response.get("Grants", [])
    ]


def _apply_encryption(doc: Doc, response: Any) -> None:
    rules = response.get("ServerSideEncryptionConfiguration", {}).get("Rules", [])
    doc["encryption_rules"] = [
        {
            "algorithm": rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"],
            "kms_key_id": rule["ApplyServerSideEncryptionByDefault"].get("KMSMasterKeyID"),
            "bucket_key_enabled": bool(rule.get("BucketKeyEnabled", False)),
        }
        for rule in rules
        if "ApplyServerSideEncryptionByDefault" in rule
    ]


def _apply_versioning(doc: Doc, response: Any) -> None:
    doc["versioning_status"] = response.get("Status")
    doc["mfa_delete"] = response.get("MFADelete") == "Enabled"


def _apply_logging(doc: Doc, response: Any) -> None:
    enabled = response.get("LoggingEnabled")
    doc["logging"] = (
        {"target_bucket": enabled["TargetBucket"], "target_prefix": enabled.get("TargetPrefix", "")}
        if enabled
        else None
    )


def _apply_object_lock(doc: Doc, response: Any) -> None:
    config = response.get("ObjectLockConfiguration") or {}
    doc["object_lock_enabled"] = config.get("ObjectLockEnabled") == "Enabled"
    doc["object_lock_mode"] = config.get("Rule", {}).get("DefaultRetention", {}).get("Mode")


def _apply_lifecycle(doc: Doc, response: Any) -> None:
    doc["lifecycle_rules"] = [
        {
            "id": rule.get("ID"),
            "status": rule.get("Status", "Disabled"),
            "expiration_days": rule.get("Expiration", {}).get("Days"),
            "has_transitions": bool(rule.get("Transitions")),
        }
        for rule in response.get("Rules", [])
    ]


def _apply_tags(doc: Doc, response: Any) -> None:
    doc["tags"] = tags_of(response.get("TagSet"))


def _in_bucket_region(doc: Doc) -> str:
    return str(doc["region"])


def _detail(
    operation: str,
    apply: Any,
    fields: tuple[str, ...],
    absent: dict[str, Any] | None = None,
    permission: str | None = None,
) -> Detail:
    """A stage-1 bucket detail, called in the bucket's own region."""
    return Detail(
        Call(operation, _bucket_params, permission=permission),
        apply,
        fields,
        absent=absent or {},
        stage=1,
        region=_in_bucket_region,
    )


collectors.register(
    ResourceSpec(
        model=S3Bucket,
        service="s3",
        scope=Scope.GLOBAL_LIST,
        list=Call("ListBuckets", permission="s3:ListAllMyBuckets"),
        items="Buckets",
        normalize=_bucket,
        details=(
            Detail(Call("GetBucketLocation", _bucket_params), _apply_location, ("region",)),
            _detail(
                "GetPublicAccessBlock",
                _apply_public_access_block,
                ("public_access_block",),
                {"NoSuchPublicAccessBlockConfiguration": {}},
                "s3:GetBucketPublicAccessBlock",
            ),
            _detail("GetBucketPolicy", _apply_policy, ("policy",), {"NoSuchBucketPolicy": {}}),
            _detail(
                "GetBucketPolicyStatus",
                _apply_policy_status,
                ("policy_is_public",),
                {"NoSuchBucketPolicy": {}},
            ),
            _detail("GetBucketAcl", _apply_acl, ("acl_grants", "owner_id")),
            _detail(
                "GetBucketEncryption",
                _apply_encryption,
                ("encryption_rules",),
                {"ServerSideEncryptionConfigurationNotFoundError": {}},
                "s3:GetEncryptionConfiguration",
            ),
            _detail("GetBucketVersioning", _apply_versioning, ("versioning_status", "mfa_delete")),
            _detail("GetBucketLogging", _apply_logging, ("logging",)),
            _detail(
                "GetObjectLockConfiguration",
                _apply_object_lock,
                ("object_lock_enabled", "object_lock_mode"),
                {"ObjectLockConfigurationNotFoundError": {}},
                "s3:GetBucketObjectLockConfiguration",
            ),
            _detail(
                "GetBucketLifecycleConfiguration",
                _apply_lifecycle,
                ("lifecycle_rules",),
                {"NoSuchLifecycleConfiguration": {}},
                "s3:GetLifecycleConfiguration",
            ),
            _detail("GetBucketTagging", _apply_tags, ("tags",), {"NoSuchTagSet": {}}),
        ),
    )
)
