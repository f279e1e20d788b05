"""SSM documents the account owns, with whom each is shared; and each region's SSM settings.

``aws.ssm.region_settings`` holds what is set once per region: whether documents may be shared
publicly at all (a service setting) and the Session Manager preferences, which AWS stores as
the account's own ``SSM-SessionManagerRunShell`` document (absent until someone saves them).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import tags_of
from cloudwarden.aws.collectors.mapping import Map, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource

PUBLIC_SHARING_SETTING = "/ssm/documents/console/public-sharing-permission"
"""The service setting that blocks (``Disable``) or allows (``Enable``) public document sharing."""
SESSION_PREFERENCES_DOCUMENT = "SSM-SessionManagerRunShell"
"""The document in which Session Manager keeps the region's session preferences."""


@resource_type("aws.ssm.document", "A Systems Manager document owned by the account.")
class SsmDocument(Resource):
    """An SSM document of the account (Command, Automation, Session...); the id is its ARN."""

    document_type: str | None = Field(
        default=None, description="Command, Automation, Session, Policy, Package..."
    )
    document_format: str | None = Field(default=None, description="JSON, YAML or TEXT.")
    schema_version: str | None = Field(default=None, description="The document schema version.")
    document_version: str | None = Field(default=None, description="The listed (latest) version.")
    target_type: str | None = Field(
        default=None, description="The resource type it targets, e.g. /AWS::EC2::Instance."
    )
    shared_with: list[str] = Field(
        default_factory=list,
        description="Account ids the document is shared with; 'all' means shared publicly.",
    )


@resource_type(
    "aws.ssm.region_settings",
    "Systems Manager in one region: public document sharing and Session Manager preferences.",
    account_asset=True,
)
class SsmRegionSettings(Resource):
    """SSM settings of one region; the id is the region."""

    document_public_sharing: str | None = Field(
        default=None,
        description="Enable (documents may be shared publicly) or Disable (sharing blocked).",
    )
    session_preferences_configured: bool | None = Field(
        default=None,
        description="Session Manager preferences were saved in the region (false: AWS defaults, "
        "no session logging).",
    )
    session_s3_bucket: str | None = Field(
        default=None, description="S3 bucket session transcripts are written to; null if none."
    )
    session_s3_encryption_required: bool | None = Field(
        default=None, description="Session logs go only to an encrypted S3 bucket."
    )
    session_cloudwatch_log_group: str | None = Field(
        default=None, description="CloudWatch Logs group session output is sent to; null if none."
    )
    session_cloudwatch_encryption_required: bool | None = Field(
        default=None, description="Session logs go only to an encrypted log group."
    )
    session_kms_key_id: str | None = Field(
        default=None,
        description="KMS key that encrypts session data end to end; null if none (TLS only).",
    )
    session_idle_timeout_minutes: int | None = Field(
        default=None,
        description="Minutes of inactivity before a session ends (AWS default 20 when unset).",
    )
    session_max_duration_minutes: int | None = Field(
        default=None, description="Longest a session may last, in minutes; null if unlimited."
    )
    session_run_as_enabled: bool | None = Field(
        default=None,
        description="Linux sessions run as a named OS user instead of the sudo-capable ssm-user.",
    )


def _document(item: Any, ctx: RegionContext) -> Doc:
    name = item["Name"]
    return {
        "id": ctx.arn("ssm", f"document/{name}"),
        "arn": ctx.arn("ssm", f"document/{name}"),
        "name": name,
        "document_type": item.get("DocumentType"),
        "document_format": item.get("DocumentFormat"),
        "schema_version": item.get("SchemaVersion"),
        "document_version": item.get("DocumentVersion"),
        "target_type": item.get("TargetType"),
        "tags": tags_of(item.get("Tags")),
    }


def _name_params(doc: Doc) -> dict[str, Any]:
    return {"Name": doc["name"], "PermissionType": "Share"}


def _region(_item: Any, ctx: RegionContext) -> Doc:
    return {"id": ctx.region, "name": f"Systems Manager in {ctx.region}"}


def _minutes(value: Any) -> int | None:
    """A preference in minutes, which the document holds as a string ('20') or a number."""
    if value in (None, ""):
        return None
    return int(value)


def _apply_session_preferences(doc: Doc, response: Any) -> None:
    # InvalidDocument (no preferences saved) stands for an empty response.
    content = response.get("Content")
    inputs: dict[str, Any] = (json.loads(content).get("inputs") or {}) if content else {}
    doc.update(
        {
            "session_preferences_configured": content is not None,
            "session_s3_bucket": inputs.get("s3BucketName") or None,
            "session_s3_encryption_required": bool(inputs.get("s3EncryptionEnabled")),
            "session_cloudwatch_log_group": inputs.get("cloudWatchLogGroupName") or None,
            "session_cloudwatch_encryption_required": bool(
                inputs.get("cloudWatchEncryptionEnabled")
            ),
            "session_kms_key_id": inputs.get("kmsKeyId") or None,
            "session_idle_timeout_minutes": _minutes(inputs.get("idleSessionTimeout")),
            "session_max_duration_minutes": _minutes(inputs.get("maxSessionDuration")),
            "session_run_as_enabled": bool(inputs.get("runAsEnabled")),
        }
    )


collectors.register(
    ResourceSpec(
        model=SsmDocument,
        service="ssm",
        list=Call(
            "ListDocuments", lambda _doc: {"Filters": [{"Key": "Owner", "Values": ["Self"]}]}
        ),
        items="DocumentIdentifiers",
        normalize=_document,
        details=(
            Detail(
                Call("DescribeDocumentPermission", _name_params),
                Map({"shared_with": ("AccountIds", strings)}),
            ),
        ),
    )
)

collectors.register(
    ResourceSpec(
        model=SsmRegionSettings,
        service="ssm",
        normalize=_region,
        details=(
            Detail(
                Call("GetServiceSetting", lambda _doc: {"SettingId": PUBLIC_SHARING_SETTING}),
                Map({"document_public_sharing": "ServiceSetting.SettingValue"}),
            ),
            Detail(
                Call(
                    "GetDocument",
                    lambda _doc: {"Name": SESSION_PREFERENCES_DOCUMENT, "DocumentFormat": "JSON"},
                ),
                _apply_session_preferences,
                (
                    "session_preferences_configured",
                    "session_s3_bucket",
                    "session_s3_encryption_required",
                    "session_cloudwatch_log_group",
                    "session_cloudwatch_encryption_required",
                    "session_kms_key_id",
                    "session_idle_timeout_minutes",
                    "session_max_duration_minutes",
                    "session_run_as_enabled",
                ),
                absent={"InvalidDocument": {}},
            ),
        ),
    )
)
