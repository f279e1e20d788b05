"""What the RDS types share: database fields, readers of describe responses, the tag detail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import tags_of
from cloudwarden.aws.collectors.mapping import Tags
from cloudwarden.aws.collectors.spec import Call, Detail, Doc
from cloudwarden.inventory.resource import Resource


class Database(Resource):
    """Fields that DB instances and DB clusters share."""

    engine: str = Field(description="The engine, e.g. mysql, postgres, aurora-postgresql.")
    engine_version: str | None = Field(default=None, description="The engine version.")
    status: str | None = Field(default=None, description="The status, e.g. available.")
    master_username: str | None = Field(
        default=None, description="The master user name (default names such as admin are guessed)."
    )
    create_time: datetime | None = Field(default=None, description="When it was created.")
    storage_encrypted: bool = Field(default=False, description="Storage is encrypted at rest.")
    kms_key_id: str | None = Field(default=None, description="The KMS key encrypting the storage.")
    multi_az: bool = Field(default=False, description="It spans several Availability Zones.")
    backup_retention_period: int = Field(
        default=0, description="Days automated backups are kept; 0 means automated backups are off."
    )
    deletion_protection: bool = Field(default=False, description="Deletion protection is enabled.")
    iam_database_authentication_enabled: bool = Field(
        default=False, description="IAM database authentication is enabled."
    )
    enabled_cloudwatch_logs_exports: list[str] = Field(
        default_factory=list, description="Log types exported to CloudWatch Logs (audit, error...)."
    )
    copy_tags_to_snapshot: bool = Field(default=False, description="Tags are copied to snapshots.")
    subnet_group_name: str | None = Field(default=None, description="The DB subnet group.")
    security_group_ids: list[str] = Field(default_factory=list, description="VPC security groups.")
    master_user_secret_arn: str | None = Field(
        default=None, description="The Secrets Manager secret of the master password, if managed."
    )


def ids(items: Any, key: str) -> list[str]:
    """The ``key`` of each item that has it."""
    return [str(item[key]) for item in items or () if key in item]


def common(item: Any, id_key: str, arn_key: str) -> Doc:
    """Id, name, ARN and tags: every RDS describe answers them alike."""
    return {
        "id": item[id_key],
        "name": item[id_key],
        "arn": item.get(arn_key),
        "tags": tags_of(item.get("TagList")),
    }


def security_groups(item: Any) -> list[str]:
    return ids(item.get("VpcSecurityGroups"), "VpcSecurityGroupId")


DATABASE_KEYS = {
    "engine": "Engine",
    "engine_version": "EngineVersion",
    "master_username": "MasterUsername",
    "storage_encrypted": "StorageEncrypted",
    "kms_key_id": "KmsKeyId",
    "multi_az": "MultiAZ",
    "backup_retention_period": "BackupRetentionPeriod",
    "deletion_protection": "DeletionProtection",
    "auto_minor_version_upgrade": "AutoMinorVersionUpgrade",
    "iam_database_authentication_enabled": "IAMDatabaseAuthenticationEnabled",
    "enabled_cloudwatch_logs_exports": "EnabledCloudwatchLogsExports",
    "performance_insights_enabled": "PerformanceInsightsEnabled",
    "publicly_accessible": "PubliclyAccessible",
    "copy_tags_to_snapshot": "CopyTagsToSnapshot",
    "master_user_secret_arn": "MasterUserSecret.SecretArn",
}
"""Keys that DB instances and DB clusters share."""

TAGS = Detail(
    Call("ListTagsForResource", lambda doc: {"ResourceName": doc["arn"]}),
    Tags("TagList"),
    when=lambda doc: bool(doc.get("arn")),
)
"""Tags of the types whose describe call does not carry them."""
