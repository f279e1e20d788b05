"""S3: buckets with their region, access controls (ACLs, policy, object ownership), encryption,
versioning, logging, lock, lifecycle.

Buckets are listed once (ListBuckets is global) and then described in their own region, so the
detail calls run after GetBucketLocation (stage 0) and never bounce through a redirect.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, Tags, default, each, enabled, flag, one, policy
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
    object_ownership: str | None = Field(
        default=None,
        description="The Object Ownership setting: BucketOwnerEnforced (ACLs disabled), "
        "BucketOwnerPreferred or ObjectWriter; null if the bucket has no ownership controls "
        "(ACLs then decide, as ObjectWriter).",
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


def _bucket_region(location: Any) -> str:
    # us-east-1 answers null, and the legacy EU alias means eu-west-1.
    region = location or "us-east-1"
    return "eu-west-1" if region == "EU" else str(region)


_GRANT = Map(
    {
        "grantee_type": ("Grantee.Type", default("")),
        "grantee_id": "Grantee.ID",
        "grantee_uri": "Grantee.URI",
        "permission": ("Permission", default("")),
    }
)
_ENCRYPTION_RULE = Map(
    {
        "algorithm": "ApplyServerSideEncryptionByDefault.SSEAlgorithm",
        "kms_key_id": "ApplyServerSideEncryptionByDefault.KMSMasterKeyID",
        "bucket_key_enabled": ("BucketKeyEnabled", flag),
    }
)
_LOGGING = Map({"target_bucket": "TargetBucket", "target_prefix": ("TargetPrefix", default(""))})
_LIFECYCLE_RULE = Map(
    {
        "id": "ID",
        "status": ("Status", default("Disabled")),
        "expiration_days": "Expiration.Days",
        "has_transitions": ("Transitions", flag),
    }
)
PUBLIC_ACCESS_BLOCK = Map(
    {
        "block_public_acls": ("BlockPublicAcls", flag),
        "ignore_public_acls": ("IgnorePublicAcls", flag),
        "block_public_policy": ("BlockPublicPolicy", flag),
        "restrict_public_buckets": ("RestrictPublicBuckets", flag),
    }
)
"""A Block Public Access configuration (the account's one has the same shape)."""


def _in_bucket_region(doc: Doc) -> str:
    return str(doc["region"])


def _detail(
    operation: str,
    apply: Map | Tags,
    absent: dict[str, Any] | None = None,
    permission: str | None = None,
) -> Detail:
    """A stage-1 bucket detail, called in the bucket's own region."""
    return Detail(
        Call(operation, _bucket_params, permission=permission),
        apply,
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
            Detail(
                Call("GetBucketLocation", _bucket_params),
                Map({"region": ("LocationConstraint", _bucket_region)}),
            ),
            _detail(
                "GetPublicAccessBlock",
                Map(
                    {
                        "public_access_block": (
                            "PublicAccessBlockConfiguration",
                            one(PUBLIC_ACCESS_BLOCK),
                        )
                    }
                ),
                {"NoSuchPublicAccessBlockConfiguration": {}},
                "s3:GetBucketPublicAccessBlock",
            ),
            _detail(
                "GetBucketPolicy", Map({"policy": ("Policy", policy)}), {"NoSuchBucketPolicy": {}}
            ),
            _detail(
                "GetBucketPolicyStatus",
                Map({"policy_is_public": ("PolicyStatus.IsPublic", flag)}),
                {"NoSuchBucketPolicy": {}},
            ),
            _detail(
                "GetBucketAcl",
                Map({"acl_grants": ("Grants", each(_GRANT)), "owner_id": "Owner.ID"}),
            ),
            _detail(
                "GetBucketEncryption",
                Map(
                    {
                        "encryption_rules": (
                            "ServerSideEncryptionConfiguration.Rules[?ApplyServerSideEncryptionByDefault]",
                            each(_ENCRYPTION_RULE),
                        )
                    }
                ),
                {"ServerSideEncryptionConfigurationNotFoundError": {}},
                "s3:GetEncryptionConfiguration",
            ),
            _detail(
                "GetBucketVersioning",
                Map({"versioning_status": "Status", "mfa_delete": ("MFADelete", enabled)}),
            ),
            _detail(
                "GetBucketLogging",
                Map({"logging": ("LoggingEnabled", one(_LOGGING))}),
            ),
            _detail(
                "GetObjectLockConfiguration",
                Map(
                    {
                        "object_lock_enabled": (
                            "ObjectLockConfiguration.ObjectLockEnabled",
                            enabled,
                        ),
                        "object_lock_mode": "ObjectLockConfiguration.Rule.DefaultRetention.Mode",
                    }
                ),
                {"ObjectLockConfigurationNotFoundError": {}},
                "s3:GetBucketObjectLockConfiguration",
            ),
            _detail(
                "GetBucketLifecycleConfiguration",
                Map({"lifecycle_rules": ("Rules", each(_LIFECYCLE_RULE))}),
                {"NoSuchLifecycleConfiguration": {}},
                "s3:GetLifecycleConfiguration",
            ),
            _detail(
                "GetBucketOwnershipControls",
                Map({"object_ownership": "OwnershipControls.Rules[0].ObjectOwnership"}),
                {"OwnershipControlsNotFoundError": {}},
            ),
            _detail("GetBucketTagging", Tags("TagSet"), {"NoSuchTagSet": {}}),
        ),
    )
)
