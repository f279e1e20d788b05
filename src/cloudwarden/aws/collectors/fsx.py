"""FSx: file systems (Windows File Server, Lustre, ONTAP, OpenZFS) with backups and tagging.

DescribeFileSystems answers everything these fields need, so there is no detail call; each
type keeps its settings in its own configuration block, read here into common fields.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, pairs, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource

CONFIGURATIONS = (
    "WindowsConfiguration",
    "LustreConfiguration",
    "OntapConfiguration",
    "OpenZFSConfiguration",
)


def _any_configuration(key: str) -> str:
    """A JMESPath to ``key`` in whichever type configuration the file system has."""
    return "[" + ", ".join(f"{block}.{key}" for block in CONFIGURATIONS) + "] | [?@ != null] | [0]"


@resource_type("aws.fsx.file_system", "An Amazon FSx file system.")
class FsxFileSystem(Resource):
    """An FSx file system; its id is fs-...."""

    file_system_type: str | None = Field(
        default=None, description="WINDOWS, LUSTRE, ONTAP or OPENZFS."
    )
    deployment_type: str | None = Field(
        default=None, description="E.g. MULTI_AZ_1, SINGLE_AZ_2 (Windows), PERSISTENT_2 (Lustre)."
    )
    kms_key_id: str | None = Field(default=None, description="The KMS key encrypting data.")
    subnet_ids: list[str] = Field(default_factory=list, description="Its subnets.")
    automatic_backup_retention_days: int | None = Field(
        default=None, description="Days automatic daily backups are kept; 0 or null: none."
    )
    copy_tags_to_backups: bool | None = Field(
        default=None, description="The file system's tags are copied to its backups."
    )


MAPPING = Map(
    {
        "file_system_type": "FileSystemType",
        "deployment_type": _any_configuration("DeploymentType"),
        "kms_key_id": "KmsKeyId",
        "subnet_ids": ("SubnetIds", strings),
        "automatic_backup_retention_days": _any_configuration("AutomaticBackupRetentionDays"),
        "copy_tags_to_backups": _any_configuration("CopyTagsToBackups"),
        "tags": ("Tags", pairs()),
    }
)


def _file_system(item: Any, ctx: RegionContext) -> Doc:
    return {
        "id": item["FileSystemId"],
        "arn": item.get("ResourceARN"),
        "name": pairs()(item.get("Tags")).get("Name"),
        **MAPPING.read(item),
    }


collectors.register(
    listed(FsxFileSystem, "fsx", "DescribeFileSystems", "FileSystems", _file_system)
)
