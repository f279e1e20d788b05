"""RDS: DB instances and clusters, snapshots and who may restore them, parameter groups, events.

Instances, clusters and snapshots carry their tags in the describe response; parameter groups and
event subscriptions get theirs from ListTagsForResource. Parameter groups are read in full
(DescribeDBParameters) into a flat name -> value map, so TLS and logging settings can be checked.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import tags_of
from cloudwarden.aws.collectors.mapping import Tags
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


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


class ClusterMember(Document):
    """A DB instance of a cluster."""

    instance_id: str = Field(description="The DB instance identifier.")
    is_writer: bool = Field(description="The instance is the cluster's primary (writer).")


class _Database(Resource):
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


@resource_type("aws.rds.db_instance", "An RDS DB instance and its security configuration.")
class DbInstance(_Database):
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


@resource_type("aws.rds.db_cluster", "An Aurora or Multi-AZ DB cluster and its configuration.")
class DbCluster(_Database):
    """An RDS DB cluster (Aurora, Multi-AZ DB cluster, Neptune or DocumentDB)."""

    engine_mode: str | None = Field(default=None, description="provisioned, serverless, ...")
    backtrack_window: int = Field(
        default=0, description="Aurora MySQL backtrack window in seconds; 0 means disabled."
    )
    publicly_accessible: bool | None = Field(
        default=None, description="Multi-AZ DB clusters: public endpoint; null for Aurora."
    )
    auto_minor_version_upgrade: bool | None = Field(
        default=None, description="Multi-AZ DB clusters: minor upgrades are automatic."
    )
    performance_insights_enabled: bool | None = Field(
        default=None, description="Multi-AZ DB clusters: Performance Insights; null for Aurora."
    )
    http_endpoint_enabled: bool = Field(default=False, description="The RDS Data API is enabled.")
    activity_stream_status: str | None = Field(
        default=None, description="Database activity stream: stopped, starting, started, stopping."
    )
    activity_stream_kms_key_id: str | None = Field(
        default=None, description="The KMS key encrypting the activity stream."
    )
    members: list[ClusterMember] = Field(default_factory=list, description="The DB instances.")
    parameter_group_name: str | None = Field(
        default=None, description="The aws.rds.db_cluster_parameter_group id."
    )
    endpoint: str | None = Field(default=None, description="The writer endpoint DNS name.")
    reader_endpoint: str | None = Field(default=None, description="The reader endpoint DNS name.")
    port: int | None = Field(default=None, description="The port the database listens on.")


class _Snapshot(Resource):
    """Fields shared by DB snapshots and DB cluster snapshots."""

    engine: str | None = Field(default=None, description="The engine of the source database.")
    engine_version: str | None = Field(default=None, description="The engine version.")
    snapshot_type: str | None = Field(
        default=None, description="automated, manual, shared, public or awsbackup."
    )
    status: str | None = Field(default=None, description="The snapshot status, e.g. available.")
    create_time: datetime | None = Field(default=None, description="When the snapshot was taken.")
    encrypted: bool = Field(default=False, description="The snapshot is encrypted.")
    kms_key_id: str | None = Field(default=None, description="The KMS key encrypting the snapshot.")
    vpc_id: str | None = Field(default=None, description="The VPC of the source database.")
    restore_shared_with: list[str] = Field(
        default_factory=list,
        description="Account ids allowed to copy or restore the snapshot ('all' means public); "
        "automated snapshots cannot be shared and have none.",
    )
    public: bool = Field(
        default=False, description="Any AWS account can restore the snapshot ('all' is shared)."
    )


@resource_type("aws.rds.db_snapshot", "An RDS DB snapshot of the account, and who may restore it.")
class DbSnapshot(_Snapshot):
    """A manual or automated snapshot of a DB instance."""

    db_instance_identifier: str | None = Field(default=None, description="The source instance.")


@resource_type("aws.rds.db_cluster_snapshot", "A DB cluster snapshot and who may restore it.")
class DbClusterSnapshot(_Snapshot):
    """A manual or automated snapshot of a DB cluster."""

    db_cluster_identifier: str | None = Field(default=None, description="The source cluster.")


class _ParameterGroup(Resource):
    """Fields shared by DB and DB cluster parameter groups."""

    family: str = Field(description="The parameter group family, e.g. postgres16, aurora-mysql8.0.")
    description: str | None = Field(default=None, description="The group's description.")
    is_default: bool = Field(
        default=False, description="An AWS default group (named 'default.*'), not editable."
    )
    parameters: dict[str, str] = Field(
        default_factory=dict,
        description="Every parameter that has a value, name -> value as a string (e.g. "
        "rds.force_ssl, require_secure_transport, log_connections); a parameter with no "
        "value is absent.",
    )


@resource_type("aws.rds.db_parameter_group", "An RDS DB parameter group and its parameter values.")
class DbParameterGroup(_ParameterGroup):
    """A DB parameter group, applied to DB instances."""


@resource_type(
    "aws.rds.db_cluster_parameter_group", "A DB cluster parameter group and its parameter values."
)
class DbClusterParameterGroup(_ParameterGroup):
    """A DB cluster parameter group, applied to DB clusters."""


@resource_type("aws.rds.event_subscription", "An RDS event notification subscription.")
class EventSubscription(Resource):
    """An RDS event subscription that notifies an SNS topic."""

    sns_topic_arn: str | None = Field(default=None, description="The SNS topic notified.")
    status: str | None = Field(
        default=None, description="active, creating, no-permission, topic-not-exist..."
    )
    enabled: bool = Field(default=False, description="The subscription sends notifications.")
    source_type: str | None = Field(
        default=None,
        description="db-instance, db-cluster, db-parameter-group, db-security-group, "
        "db-snapshot...; null means every source type.",
    )
    source_ids: list[str] = Field(
        default_factory=list, description="The sources watched; empty means all of the type."
    )
    event_categories: list[str] = Field(
        default_factory=list, description="Event categories sent; empty means all categories."
    )


def _copy(item: Any, keys: dict[str, str]) -> Doc:
    """The fields AWS answered, by path (``Endpoint.Port``); absent ones keep the model default."""
    doc: Doc = {}
    for name, path in keys.items():
        value = item
        for key in path.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        if value is not None:
            doc[name] = value
    return doc


def _ids(items: Any, key: str) -> list[str]:
    return [str(item[key]) for item in items or () if key in item]


def _common(item: Any, id_key: str, arn_key: str) -> Doc:
    return {
        "id": item[id_key],
        "name": item[id_key],
        "arn": item.get(arn_key),
        "tags": tags_of(item.get("TagList")),
    }


def _security_groups(item: Any) -> list[str]:
    return _ids(item.get("VpcSecurityGroups"), "VpcSecurityGroupId")


_DATABASE_KEYS = {
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

_INSTANCE_KEYS = {
    **_DATABASE_KEYS,
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
}

_CLUSTER_KEYS = {
    **_DATABASE_KEYS,
    "engine_mode": "EngineMode",
    "status": "Status",
    "create_time": "ClusterCreateTime",
    "backtrack_window": "BacktrackWindow",
    "http_endpoint_enabled": "HttpEndpointEnabled",
    "activity_stream_status": "ActivityStreamStatus",
    "activity_stream_kms_key_id": "ActivityStreamKmsKeyId",
    "parameter_group_name": "DBClusterParameterGroup",
    "subnet_group_name": "DBSubnetGroup",
    "endpoint": "Endpoint",
    "reader_endpoint": "ReaderEndpoint",
    "port": "Port",
}

_SNAPSHOT_KEYS = {
    "engine": "Engine",
    "engine_version": "EngineVersion",
    "snapshot_type": "SnapshotType",
    "status": "Status",
    "create_time": "SnapshotCreateTime",
    "kms_key_id": "KmsKeyId",
    "vpc_id": "VpcId",
}


def _instance(item: Any, ctx: RegionContext) -> Doc:
    return {
        **_common(item, "DBInstanceIdentifier", "DBInstanceArn"),
        **_copy(item, _INSTANCE_KEYS),
        "security_group_ids": _security_groups(item),
        "parameter_group_names": _ids(item.get("DBParameterGroups"), "DBParameterGroupName"),
        "option_group_names": _ids(item.get("OptionGroupMemberships"), "OptionGroupName"),
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


def _cluster(item: Any, ctx: RegionContext) -> Doc:
    members = item.get("DBClusterMembers") or ()
    return {
        **_common(item, "DBClusterIdentifier", "DBClusterArn"),
        **_copy(item, _CLUSTER_KEYS),
        "security_group_ids": _security_groups(item),
        "members": [
            {"instance_id": m["DBInstanceIdentifier"], "is_writer": bool(m.get("IsClusterWriter"))}
            for m in members
        ],
    }


def _db_snapshot(item: Any, ctx: RegionContext) -> Doc:
    keys = {
        **_SNAPSHOT_KEYS,
        "encrypted": "Encrypted",
        "db_instance_identifier": "DBInstanceIdentifier",
    }
    return {**_common(item, "DBSnapshotIdentifier", "DBSnapshotArn"), **_copy(item, keys)}


def _cluster_snapshot(item: Any, ctx: RegionContext) -> Doc:
    keys = {
        **_SNAPSHOT_KEYS,
        "encrypted": "StorageEncrypted",
        "db_cluster_identifier": "DBClusterIdentifier",
    }
    return {
        **_common(item, "DBClusterSnapshotIdentifier", "DBClusterSnapshotArn"),
        **_copy(item, keys),
    }


def _shareable(doc: Doc) -> bool:
    """Automated snapshots cannot be shared; their attributes are not asked for."""
    return doc.get("snapshot_type") != "automated"


def _restore_reader(result_key: str, attributes_key: str) -> Any:
    def apply(doc: Doc, response: Any) -> None:
        attributes = response[result_key].get(attributes_key, [])
        values = [
            str(value)
            for attribute in attributes
            if attribute.get("AttributeName") == "restore"
            for value in attribute.get("AttributeValues") or ()
        ]
        doc["restore_shared_with"] = values
        doc["public"] = "all" in values

    return apply


def _parameter_group(name_key: str, arn_key: str) -> Any:
    def normalize(item: Any, ctx: RegionContext) -> Doc:
        name = item[name_key]
        return {
            "id": name,
            "name": name,
            "arn": item.get(arn_key),
            "family": item.get("DBParameterGroupFamily", ""),
            "description": item.get("Description"),
            "is_default": name.startswith("default."),
        }

    return normalize


def _apply_parameters(doc: Doc, response: Any) -> None:
    doc["parameters"] = {
        str(parameter["ParameterName"]): str(parameter["ParameterValue"])
        for parameter in response.get("Parameters", [])
        if parameter.get("ParameterValue") is not None
    }


_SUBSCRIPTION_KEYS = {
    "sns_topic_arn": "SnsTopicArn",
    "status": "Status",
    "enabled": "Enabled",
    "source_type": "SourceType",
    "source_ids": "SourceIdsList",
    "event_categories": "EventCategoriesList",
}


def _event_subscription(item: Any, ctx: RegionContext) -> Doc:
    name = item["CustSubscriptionId"]
    return {
        "id": name,
        "name": name,
        "arn": item.get("EventSubscriptionArn"),
        **_copy(item, _SUBSCRIPTION_KEYS),
    }


TAGS = Detail(
    Call("ListTagsForResource", lambda doc: {"ResourceName": doc["arn"]}),
    Tags("TagList"),
    when=lambda doc: bool(doc.get("arn")),
)


def _restore_detail(operation: str, id_key: str, result: str, attributes: str) -> Detail:
    """Who may restore a snapshot: the values of its 'restore' attribute."""
    return Detail(
        Call(operation, lambda doc: {id_key: doc["id"]}),
        _restore_reader(result, attributes),
        ("restore_shared_with", "public"),
        when=_shareable,
    )


def _parameters_detail(operation: str, name_key: str) -> Detail:
    """Every parameter of a group, read page by page."""
    call = Call(operation, lambda doc: {name_key: doc["id"]})
    return Detail(call, _apply_parameters, ("parameters",))


def _spec(
    model: type[Resource], operation: str, items: str, normalize: Any, *details: Detail
) -> ResourceSpec:
    return ResourceSpec(
        model=model,
        service="rds",
        list=Call(operation),
        items=items,
        normalize=normalize,
        details=details,
    )


PENDING_MAINTENANCE = Detail(
    Call("DescribePendingMaintenanceActions", _pending_params),
    _apply_pending,
    ("pending_maintenance_actions",),
    when=lambda doc: bool(doc.get("arn")),
)

collectors.register(
    _spec(DbInstance, "DescribeDBInstances", "DBInstances", _instance, PENDING_MAINTENANCE),
    _spec(DbCluster, "DescribeDBClusters", "DBClusters", _cluster),
    _spec(
        DbSnapshot,
        "DescribeDBSnapshots",
        "DBSnapshots",
        _db_snapshot,
        _restore_detail(
            "DescribeDBSnapshotAttributes",
            "DBSnapshotIdentifier",
            "DBSnapshotAttributesResult",
            "DBSnapshotAttributes",
        ),
    ),
    _spec(
        DbClusterSnapshot,
        "DescribeDBClusterSnapshots",
        "DBClusterSnapshots",
        _cluster_snapshot,
        _restore_detail(
            "DescribeDBClusterSnapshotAttributes",
            "DBClusterSnapshotIdentifier",
            "DBClusterSnapshotAttributesResult",
            "DBClusterSnapshotAttributes",
        ),
    ),
    _spec(
        DbParameterGroup,
        "DescribeDBParameterGroups",
        "DBParameterGroups",
        _parameter_group("DBParameterGroupName", "DBParameterGroupArn"),
        _parameters_detail("DescribeDBParameters", "DBParameterGroupName"),
        TAGS,
    ),
    _spec(
        DbClusterParameterGroup,
        "DescribeDBClusterParameterGroups",
        "DBClusterParameterGroups",
        _parameter_group("DBClusterParameterGroupName", "DBClusterParameterGroupArn"),
        _parameters_detail("DescribeDBClusterParameters", "DBClusterParameterGroupName"),
        TAGS,
    ),
    _spec(
        EventSubscription,
        "DescribeEventSubscriptions",
        "EventSubscriptionsList",
        _event_subscription,
        TAGS,
    ),
)
