"""RDS DB instances and the maintenance AWS has pending for them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map
from cloudwarden.aws.collectors.rds.base import (
    DATABASE_KEYS,
    Database,
    common,
    ids,
    security_groups,
)
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document


class PendingMaintenanceAction(Document):
    """A maintenance action AWS has scheduled or offers for a DB instance."""

    action: str = Field(description="e.g. system-update, db-upgrade, ca-certificate-rotation.")
    description: str | None = Field(default=None, description="What the action does.")
    auto_applied_after: datetime | None = Field(
        default=None, description="After this date the action is applied in a maintenance window."
    )
    forced_apply_date: datetime | None = Field(
        default=None, description="The date the action is applied whatever the opt-in."
    )
    current_apply_date: datetime | None = Field(
        default=None, description="The effective date the action will be applied."
    )
    opt_in_status: str | None = Field(
        default=None, description="immediate, next-maintenance or undo-opt-in, if opted in."
    )


@resource_type("aws.rds.db_instance", "An RDS DB instance and its security configuration.")
class DbInstance(Database):
    """An RDS (or Aurora, Neptune, DocumentDB) DB instance. For a cluster member, storage,
    backup, IAM authentication and deletion settings are governed by its cluster."""

    instance_class: str | None = Field(default=None, description="e.g. db.t3.micro.")
    availability_zone: str | None = Field(default=None, description="The Availability Zone.")
    publicly_accessible: bool = Field(
        default=False, description="The endpoint resolves to a public IP address."
    )
    auto_minor_version_upgrade: bool = Field(
        default=False, description="Minor engine upgrades are applied automatically."
    )
    performance_insights_enabled: bool = Field(
        default=False, description="Performance Insights is enabled."
    )
    performance_insights_kms_key_id: str | None = Field(
        default=None, description="The KMS key encrypting Performance Insights data."
    )
    monitoring_interval: int = Field(
        default=0, description="Enhanced Monitoring interval in seconds; 0 means disabled."
    )
    monitoring_role_arn: str | None = Field(
        default=None, description="The role Enhanced Monitoring publishes with."
    )
    ca_certificate_identifier: str | None = Field(
        default=None, description="The server certificate authority, e.g. rds-ca-rsa2048-g1."
    )
    certificate_valid_till: datetime | None = Field(
        default=None, description="When the instance's server certificate expires."
    )
    endpoint_address: str | None = Field(default=None, description="The DNS name of the endpoint.")
    endpoint_port: int | None = Field(
        default=None, description="The port the database listens on (engine defaults are guessed)."
    )
    vpc_id: str | None = Field(default=None, description="The VPC of the instance's subnet group.")
    parameter_group_names: list[str] = Field(
        default_factory=list, description="DB parameter groups (aws.rds.db_parameter_group ids)."
    )
    option_group_names: list[str] = Field(default_factory=list, description="The option groups.")
    db_cluster_identifier: str | None = Field(
        default=None, description="The cluster the instance belongs to, if any."
    )
    read_replica_source: str | None = Field(
        default=None, description="The source instance, if this is a read replica."
    )
    dbi_resource_id: str | None = Field(
        default=None, description="The region-unique immutable id, used in IAM auth policies."
    )
    pending_maintenance_actions: list[PendingMaintenanceAction] = Field(
        default_factory=list, description="Maintenance actions pending for the instance."
    )


_INSTANCE = Map(
    {
        **DATABASE_KEYS,
        "instance_class": "DBInstanceClass",
        "status": "DBInstanceStatus",
        "create_time": "InstanceCreateTime",
        "availability_zone": "AvailabilityZone",
        "performance_insights_kms_key_id": "PerformanceInsightsKMSKeyId",
        "monitoring_interval": "MonitoringInterval",
        "monitoring_role_arn": "MonitoringRoleArn",
        "ca_certificate_identifier": "CACertificateIdentifier",
        "certificate_valid_till": "CertificateDetails.ValidTill",
        "endpoint_address": "Endpoint.Address",
        "endpoint_port": "Endpoint.Port",
        "vpc_id": "DBSubnetGroup.VpcId",
        "subnet_group_name": "DBSubnetGroup.DBSubnetGroupName",
        "db_cluster_identifier": "DBClusterIdentifier",
        "read_replica_source": "ReadReplicaSourceDBInstanceIdentifier",
        "dbi_resource_id": "DbiResourceId",
    },
    present_only=True,
)


def _instance(item: Any, ctx: RegionContext) -> Doc:
    return {
        **common(item, "DBInstanceIdentifier", "DBInstanceArn"),
        **_INSTANCE.read(item),
        "security_group_ids": security_groups(item),
        "parameter_group_names": ids(item.get("DBParameterGroups"), "DBParameterGroupName"),
        "option_group_names": ids(item.get("OptionGroupMemberships"), "OptionGroupName"),
    }


def _pending_params(doc: Doc) -> dict[str, Any]:
    return {"Filters": [{"Name": "db-instance-id", "Values": [doc["arn"]]}]}


def _apply_pending(doc: Doc, response: Any) -> None:
    doc["pending_maintenance_actions"] = [
        {
            "action": detail["Action"],
            "description": detail.get("Description"),
            "auto_applied_after": detail.get("AutoAppliedAfterDate"),
            "forced_apply_date": detail.get("ForcedApplyDate"),
            "current_apply_date": detail.get("CurrentApplyDate"),
            "opt_in_status": detail.get("OptInStatus"),
        }
        for resource in response.get("PendingMaintenanceActions", [])
        if resource.get("ResourceIdentifier") in (None, doc["arn"])
        for detail in resource.get("PendingMaintenanceActionDetails", [])
    ]


PENDING_MAINTENANCE = Detail(
    Call("DescribePendingMaintenanceActions", _pending_params),
    _apply_pending,
    ("pending_maintenance_actions",),
    when=lambda doc: bool(doc.get("arn")),
)

collectors.register(
    listed(DbInstance, "rds", "DescribeDBInstances", "DBInstances", _instance, PENDING_MAINTENANCE)
)
