"""EFS: file systems with their encryption, backup policy, resource policy, access points and
mount targets (with the security groups of each, read in a second stage).

The boto3 client is ``efs`` but IAM actions are ``elasticfilesystem:*``, so every call names its
permission.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import tags_of
from cloudwarden.aws.collectors.mapping import Map, each, nonempty, pairs, policy, required
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource

IAM_PREFIX = "elasticfilesystem"


class LifecyclePolicy(Document):
    """One lifecycle policy of a file system (each sets one transition)."""

    transition_to_ia: str | None = Field(
        default=None, description="Move files to Infrequent Access after, e.g. AFTER_30_DAYS."
    )
    transition_to_archive: str | None = Field(
        default=None, description="Move files to Archive after, e.g. AFTER_90_DAYS."
    )
    transition_to_primary_storage_class: str | None = Field(
        default=None, description="Move files back to Standard, e.g. AFTER_1_ACCESS."
    )


class AccessPoint(Document):
    """An EFS access point: an application entry point with an enforced identity and root."""

    id: str = Field(description="The access point id (fsap-...).")
    arn: str | None = Field(default=None, description="The access point ARN.")
    name: str | None = Field(default=None, description="The access point name, if any.")
    root_directory_path: str | None = Field(
        default=None, description="The directory exposed as the root; '/' means the whole system."
    )
    posix_user_uid: int | None = Field(
        default=None, description="The POSIX user id enforced on every request; null if none."
    )
    posix_user_gid: int | None = Field(
        default=None, description="The POSIX group id enforced on every request; null if none."
    )
    life_cycle_state: str | None = Field(
        default=None, description="creating, available, updating, deleting, deleted or error."
    )
    tags: dict[str, str] = Field(default_factory=dict, description="The access point's tags.")


class MountTarget(Document):
    """A mount target: the NFS endpoint of a file system in one subnet."""

    id: str = Field(description="The mount target id (fsmt-...).")
    subnet_id: str = Field(description="The subnet the mount target is in.")
    vpc_id: str | None = Field(default=None, description="The VPC of the subnet.")
    availability_zone_name: str | None = Field(default=None, description="Its Availability Zone.")
    ip_address: str | None = Field(default=None, description="Its private IPv4 address.")
    network_interface_id: str | None = Field(default=None, description="Its network interface.")
    life_cycle_state: str = Field(description="creating, available, updating, deleting, ...")
    security_groups: list[str] | None = Field(
        default=None,
        description="Security group ids guarding NFS access; null if they were not collected.",
    )


@resource_type("aws.efs.file_system", "An EFS file system and its security configuration.")
class EfsFileSystem(Resource):
    """An EFS file system. ``None`` in a configuration field means it has none of it."""

    creation_token: str | None = Field(default=None, description="The creation token.")
    creation_time: datetime | None = Field(default=None, description="When it was created.")
    owner_id: str | None = Field(default=None, description="The owning account id.")
    encrypted: bool = Field(default=False, description="Data at rest is encrypted.")
    kms_key_id: str | None = Field(
        default=None, description="The KMS key encrypting data at rest, when encrypted."
    )
    performance_mode: str | None = Field(default=None, description="generalPurpose or maxIO.")
    throughput_mode: str | None = Field(
        default=None, description="bursting, provisioned or elastic."
    )
    provisioned_throughput_in_mibps: float | None = Field(
        default=None, description="Provisioned throughput, in provisioned mode."
    )
    life_cycle_state: str | None = Field(
        default=None, description="creating, available, updating, deleting, deleted or error."
    )
    size_in_bytes: int | None = Field(
        default=None, description="The metered size of the data stored (last measured)."
    )
    number_of_mount_targets: int = Field(default=0, description="How many mount targets it has.")
    availability_zone_name: str | None = Field(
        default=None,
        description="For One Zone file systems, their Availability Zone; null for Regional ones.",
    )
    availability_zone_id: str | None = Field(
        default=None, description="The Availability Zone id of a One Zone file system."
    )
    replication_overwrite_protection: str | None = Field(
        default=None,
        description="ENABLED, DISABLED or REPLICATING (protection from replication overwrites).",
    )
    backup_policy_status: str | None = Field(
        default=None,
        description=(
            "Automatic backups (AWS Backup): ENABLED, ENABLING, DISABLED or DISABLING; "
            "null if no backup policy was ever set."
        ),
    )
    policy: dict[str, Any] | None = Field(
        default=None, description="The file system policy, parsed from JSON; null if none."
    )
    lifecycle_policies: list[LifecyclePolicy] = Field(
        default_factory=list, description="The lifecycle (storage class) policies; empty if none."
    )
    access_points: list[AccessPoint] = Field(
        default_factory=list, description="The file system's access points; empty if none."
    )
    mount_targets: list[MountTarget] = Field(
        default_factory=list, description="The file system's mount targets; empty if none."
    )


def _file_system(item: Any, ctx: RegionContext) -> Doc:
    file_system_id = item["FileSystemId"]
    protection = item.get("FileSystemProtection") or {}
    return {
        "id": file_system_id,
        "arn": item.get("FileSystemArn") or ctx.arn(IAM_PREFIX, f"file-system/{file_system_id}"),
        "name": item.get("Name") or None,
        "creation_token": item["CreationToken"],
        "creation_time": item["CreationTime"],
        "owner_id": item["OwnerId"],
        "encrypted": bool(item.get("Encrypted", False)),
        "kms_key_id": item.get("KmsKeyId"),
        "performance_mode": item["PerformanceMode"],
        "throughput_mode": item.get("ThroughputMode"),
        "provisioned_throughput_in_mibps": item.get("ProvisionedThroughputInMibps"),
        "life_cycle_state": item["LifeCycleState"],
        "size_in_bytes": item["SizeInBytes"]["Value"],
        "number_of_mount_targets": item["NumberOfMountTargets"],
        "availability_zone_name": item.get("AvailabilityZoneName"),
        "availability_zone_id": item.get("AvailabilityZoneId"),
        "replication_overwrite_protection": protection.get("ReplicationOverwriteProtection"),
        "tags": tags_of(item["Tags"]),
    }


def _fs_params(doc: Doc) -> dict[str, Any]:
    return {"FileSystemId": doc["id"]}


_LIFECYCLE_POLICY = Map(
    {
        "transition_to_ia": "TransitionToIA",
        "transition_to_archive": "TransitionToArchive",
        "transition_to_primary_storage_class": "TransitionToPrimaryStorageClass",
    }
)
_ACCESS_POINT = Map(
    {
        "id": ("AccessPointId", required),
        "arn": "AccessPointArn",
        "name": ("Name", nonempty),
        "root_directory_path": "RootDirectory.Path",
        "posix_user_uid": "PosixUser.Uid",
        "posix_user_gid": "PosixUser.Gid",
        "life_cycle_state": "LifeCycleState",
        "tags": ("Tags", pairs()),
    }
)
_MOUNT_TARGET = Map(
    {
        "id": ("MountTargetId", required),
        "subnet_id": ("SubnetId", required),
        "vpc_id": "VpcId",
        "availability_zone_name": "AvailabilityZoneName",
        "ip_address": "IpAddress",
        "network_interface_id": "NetworkInterfaceId",
        "life_cycle_state": ("LifeCycleState", required),
    }
)


def _each_available_mount_target(doc: Doc) -> list[Doc]:
    # Security groups can only be read from an available mount target. The list is unset when
    # DescribeMountTargets failed (its error is on the document).
    targets: list[Doc] = doc.get("mount_targets", [])
    return [target for target in targets if target["life_cycle_state"] == "available"]


def _mount_target_params(target: Doc) -> dict[str, Any]:
    return {"MountTargetId": target["id"]}


def _call(operation: str, params: Any = _fs_params, **options: Any) -> Call:
    return Call(operation, params, permission=f"{IAM_PREFIX}:{operation}", **options)


collectors.register(
    ResourceSpec(
        model=EfsFileSystem,
        service="efs",
        list=Call(
            "DescribeFileSystems",
            permission=f"{IAM_PREFIX}:DescribeFileSystems",
        ),
        items="FileSystems",
        normalize=_file_system,
        details=(
            Detail(
                _call("DescribeBackupPolicy"),
                Map({"backup_policy_status": "BackupPolicy.Status"}),
                absent={"PolicyNotFound": {}},
            ),
            Detail(
                _call("DescribeFileSystemPolicy"),
                Map({"policy": ("Policy", policy)}),
                absent={"PolicyNotFound": {}},
            ),
            Detail(
                _call("DescribeLifecycleConfiguration"),
                Map({"lifecycle_policies": ("LifecyclePolicies", each(_LIFECYCLE_POLICY))}),
            ),
            Detail(
                _call("DescribeAccessPoints"),
                Map({"access_points": ("AccessPoints", each(_ACCESS_POINT))}),
            ),
            Detail(
                _call("DescribeMountTargets"),
                Map({"mount_targets": ("MountTargets", each(_MOUNT_TARGET))}),
            ),
            Detail(
                _call(
                    "DescribeMountTargetSecurityGroups",
                    _mount_target_params,
                    extra_permissions=("ec2:DescribeNetworkInterfaceAttribute",),
                ),
                Map({"security_groups": ("SecurityGroups", required)}),
                ("mount_targets",),
                stage=1,
                for_each=_each_available_mount_target,
            ),
        ),
    )
)
