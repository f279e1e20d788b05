"""Redshift: provisioned clusters, their network exposure, encryption, backups and audit logging.

DescribeClusters answers everything but audit logging, which DescribeLoggingStatus adds per
cluster. Requiring TLS is a parameter of the cluster parameter group (require_ssl); its names are
collected here, its values are not.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import tags_of
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


@resource_type("aws.redshift.cluster", "A Redshift provisioned cluster and its security settings.")
class RedshiftCluster(Resource):
    """A Redshift provisioned cluster (not Redshift Serverless workgroups)."""

    node_type: str | None = Field(default=None, description="The node type, e.g. ra3.xlplus.")
    number_of_nodes: int | None = Field(default=None, description="The number of compute nodes.")
    status: str | None = Field(default=None, description="The cluster status, e.g. available.")
    cluster_version: str | None = Field(default=None, description="The Redshift engine version.")
    create_time: datetime | None = Field(default=None, description="When the cluster was created.")
    db_name: str | None = Field(default=None, description="The initial database name.")
    master_username: str | None = Field(
        default=None, description="The admin user name (the default is awsuser)."
    )
    master_password_secret_arn: str | None = Field(
        default=None, description="The Secrets Manager secret of the admin password, if managed."
    )
    publicly_accessible: bool = Field(
        default=False, description="The cluster can be reached from outside its VPC (public IP)."
    )
    encrypted: bool = Field(default=False, description="Data at rest is encrypted.")
    kms_key_id: str | None = Field(
        default=None, description="The KMS key encrypting the cluster; null if not KMS-encrypted."
    )
    vpc_id: str | None = Field(default=None, description="The VPC the cluster runs in.")
    subnet_group_name: str | None = Field(default=None, description="The cluster subnet group.")
    availability_zone: str | None = Field(default=None, description="The Availability Zone.")
    security_group_ids: list[str] = Field(
        default_factory=list, description="The VPC security groups of the cluster."
    )
    enhanced_vpc_routing: bool = Field(
        default=False,
        description="COPY and UNLOAD traffic goes through the VPC (endpoints, flow logs, "
        "security groups) rather than the internet.",
    )
    automated_snapshot_retention_period: int = Field(
        default=0, description="Days automated snapshots are kept; 0 means they are off."
    )
    manual_snapshot_retention_period: int | None = Field(
        default=None, description="Days manual snapshots are kept by default; -1 means forever."
    )
    allow_version_upgrade: bool = Field(
        default=False, description="Major engine upgrades are applied in the maintenance window."
    )
    maintenance_track_name: str | None = Field(
        default=None, description="The maintenance track: current or trailing."
    )
    endpoint_address: str | None = Field(default=None, description="The DNS name of the endpoint.")
    endpoint_port: int | None = Field(default=None, description="The port the cluster listens on.")
    parameter_group_names: list[str] = Field(
        default_factory=list, description="The cluster parameter groups (require_ssl lives there)."
    )
    iam_role_arns: list[str] = Field(
        default_factory=list, description="IAM roles the cluster may assume (COPY, UNLOAD...)."
    )
    logging_enabled: bool = Field(
        default=False, description="Audit logging (connection, user and activity logs) is on."
    )
    logging_destination_type: str | None = Field(
        default=None, description="Where audit logs go: s3 or cloudwatch; null if logging is off."
    )
    logging_bucket: str | None = Field(
        default=None, description="The S3 bucket receiving audit logs, for destination s3."
    )
    logging_s3_key_prefix: str | None = Field(
        default=None, description="The key prefix of the audit log objects in the bucket."
    )
    logging_log_exports: list[str] = Field(
        default_factory=list,
        description="Logs exported to CloudWatch: connectionlog, userlog, useractivitylog.",
    )


_CLUSTER_KEYS = {
    "node_type": "NodeType",
    "number_of_nodes": "NumberOfNodes",
    "status": "ClusterStatus",
    "cluster_version": "ClusterVersion",
    "create_time": "ClusterCreateTime",
    "db_name": "DBName",
    "master_username": "MasterUsername",
    "master_password_secret_arn": "MasterPasswordSecretArn",
    "publicly_accessible": "PubliclyAccessible",
    "encrypted": "Encrypted",
    "kms_key_id": "KmsKeyId",
    "vpc_id": "VpcId",
    "subnet_group_name": "ClusterSubnetGroupName",
    "availability_zone": "AvailabilityZone",
    "enhanced_vpc_routing": "EnhancedVpcRouting",
    "automated_snapshot_retention_period": "AutomatedSnapshotRetentionPeriod",
    "manual_snapshot_retention_period": "ManualSnapshotRetentionPeriod",
    "allow_version_upgrade": "AllowVersionUpgrade",
    "maintenance_track_name": "MaintenanceTrackName",
    "endpoint_address": "Endpoint.Address",
    "endpoint_port": "Endpoint.Port",
}


def _copy(item: Any, keys: dict[str, str]) -> Doc:
    """The fields AWS answered, by path (``Endpoint.Port``); absent ones keep the model default."""
    doc: Doc = {}
    for name, path in keys.items():
        value = item
        for key in path.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        if value is not None and value != "":
            doc[name] = value
    return doc


def _ids(items: Any, key: str) -> list[str]:
    return [str(entry[key]) for entry in items or () if key in entry]


def _cluster(item: Any, ctx: RegionContext) -> Doc:
    identifier = item["ClusterIdentifier"]
    return {
        "id": identifier,
        "name": identifier,
        "arn": ctx.arn("redshift", f"cluster:{identifier}"),
        "tags": tags_of(item.get("Tags")),
        **_copy(item, _CLUSTER_KEYS),
        "security_group_ids": _ids(item.get("VpcSecurityGroups"), "VpcSecurityGroupId"),
        "parameter_group_names": _ids(item.get("ClusterParameterGroups"), "ParameterGroupName"),
        "iam_role_arns": _ids(item.get("IamRoles"), "IamRoleArn"),
    }


def _cluster_params(doc: Doc) -> dict[str, Any]:
    return {"ClusterIdentifier": doc["id"]}


def _apply_logging(doc: Doc, response: Any) -> None:
    enabled = bool(response.get("LoggingEnabled"))
    bucket = response.get("BucketName") or None
    destination = response.get("LogDestinationType") or None
    if enabled and destination is None and bucket is not None:
        destination = "s3"  # the only destination before CloudWatch was offered
    doc["logging_enabled"] = enabled
    doc["logging_destination_type"] = destination if enabled else None
    doc["logging_bucket"] = bucket if enabled else None
    doc["logging_s3_key_prefix"] = (response.get("S3KeyPrefix") or None) if enabled else None
    doc["logging_log_exports"] = list(response.get("LogExports") or []) if enabled else []


collectors.register(
    ResourceSpec(
        model=RedshiftCluster,
        service="redshift",
        list=Call("DescribeClusters"),
        items="Clusters",
        normalize=_cluster,
        details=(
            Detail(
                Call("DescribeLoggingStatus", _cluster_params),
                _apply_logging,
                (
                    "logging_enabled",
                    "logging_destination_type",
                    "logging_bucket",
                    "logging_s3_key_prefix",
                    "logging_log_exports",
                ),
            ),
        ),
    )
)
