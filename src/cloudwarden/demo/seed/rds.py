"""RDS: a public unencrypted MySQL, a locked-down Postgres, an Aurora cluster, snapshots (one
public), parameter groups with and without forced TLS, an event subscription, one EU instance.

moto notes: every instance gets an automated snapshot (even with backups off), an instance
without a subnet group has none (so the bad instance is put in a subnet group named 'default',
as AWS does), and the encrypted instance's KMS key must be named or moto reports a placeholder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.kms import ensure_data_key

log = logging.getLogger(__name__)

PUBLIC_MYSQL = "cw-demo-public-mysql"
PRIVATE_POSTGRES = "cw-demo-private-postgres"
AURORA_CLUSTER = "cw-demo-aurora"
AURORA_INSTANCE = "cw-demo-aurora-1"
EU_INSTANCE = "cw-demo-eu-mariadb"
DEFAULT_SUBNET_GROUP = "default"
PRIVATE_SUBNET_GROUP = "cw-demo-private-db"
PARAMS_NO_TLS = "cw-demo-postgres-no-tls"
PARAMS_FORCE_TLS = "cw-demo-postgres-force-tls"
CLUSTER_PARAMS = "cw-demo-aurora-params"
PUBLIC_SNAPSHOT = "cw-demo-public-snapshot"
PRIVATE_SNAPSHOT = "cw-demo-private-snapshot"
CLUSTER_SNAPSHOT = "cw-demo-aurora-snapshot"
EVENT_SUBSCRIPTION = "cw-demo-rds-events"
SHARED_WITH_ACCOUNT = "111122223333"
PASSWORD = "cw-demo-Passw0rd!"  # noqa: S105 - a fake password for an emulated database


def _attempt(what: str, action: Callable[..., Any], *args: Any) -> Any:
    """Run one seeding step; a failure is logged and seeding goes on (seeders never raise)."""
    try:
        return action(*args)
    except (ClientError, BotoCoreError, NotImplementedError, KeyError, IndexError) as exc:
        log.warning("rds seed: could not %s: %s", what, exc)
        return None


def _default_vpc(ctx: SeedContext, region: str) -> tuple[list[str], list[str]]:
    """Subnet ids and the default security group of the region's default VPC."""
    ec2 = ctx.client("ec2", region)
    vpc = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    in_vpc = [{"Name": "vpc-id", "Values": [vpc]}]
    subnets = [s["SubnetId"] for s in ec2.describe_subnets(Filters=in_vpc)["Subnets"]]
    groups = ec2.describe_security_groups(
        Filters=[*in_vpc, {"Name": "group-name", "Values": ["default"]}]
    )["SecurityGroups"]
    return subnets, [g["GroupId"] for g in groups]


def _parameter_group(rds: Any, name: str, force_ssl: str, log_connections: str) -> None:
    rds.create_db_parameter_group(
        DBParameterGroupName=name,
        DBParameterGroupFamily="postgres16",
        Description=f"{name} (cw-demo)",
        Tags=[{"Key": "owner", "Value": "data-platform"}],
    )
    rds.modify_db_parameter_group(
        DBParameterGroupName=name,
        Parameters=[
            {
                "ParameterName": "rds.force_ssl",
                "ParameterValue": force_ssl,
                "ApplyMethod": "pending-reboot",
            },
            {
                "ParameterName": "log_connections",
                "ParameterValue": log_connections,
                "ApplyMethod": "immediate",
            },
        ],
    )


def _parameter_groups(rds: Any) -> None:
    _attempt(f"create {PARAMS_NO_TLS}", _parameter_group, rds, PARAMS_NO_TLS, "0", "0")
    _attempt(f"create {PARAMS_FORCE_TLS}", _parameter_group, rds, PARAMS_FORCE_TLS, "1", "1")
    _attempt(
        f"create cluster parameter group {CLUSTER_PARAMS}",
        lambda: (
            rds.create_db_cluster_parameter_group(
                DBClusterParameterGroupName=CLUSTER_PARAMS,
                DBParameterGroupFamily="aurora-postgresql16",
                Description="Aurora with TLS forced (cw-demo)",
                Tags=[{"Key": "owner", "Value": "data-platform"}],
            ),
            rds.modify_db_cluster_parameter_group(
                DBClusterParameterGroupName=CLUSTER_PARAMS,
                Parameters=[
                    {
                        "ParameterName": "rds.force_ssl",
                        "ParameterValue": "1",
                        "ApplyMethod": "pending-reboot",
                    }
                ],
            ),
        ),
    )


def _instances(rds: Any, key: str | None, subnets: list[str], default_sg: list[str]) -> None:
    def subnet_group(name: str) -> None:
        rds.create_db_subnet_group(
            DBSubnetGroupName=name, DBSubnetGroupDescription=name, SubnetIds=subnets
        )

    for group in (DEFAULT_SUBNET_GROUP, PRIVATE_SUBNET_GROUP):
        _attempt(f"create subnet group {group}", subnet_group, group)
    _attempt(
        f"create {PUBLIC_MYSQL}",
        lambda: rds.create_db_instance(
            DBInstanceIdentifier=PUBLIC_MYSQL,
            Engine="mysql",
            EngineVersion="8.0.35",
            DBInstanceClass="db.t3.micro",
            AllocatedStorage=20,
            MasterUsername="admin",
            MasterUserPassword=PASSWORD,
            DBSubnetGroupName=DEFAULT_SUBNET_GROUP,
            VpcSecurityGroupIds=default_sg,
            PubliclyAccessible=True,
            StorageEncrypted=False,
            BackupRetentionPeriod=0,
            DeletionProtection=False,
            AutoMinorVersionUpgrade=False,
        ),
    )
    _attempt(
        f"create {PRIVATE_POSTGRES}",
        lambda: rds.create_db_instance(
            DBInstanceIdentifier=PRIVATE_POSTGRES,
            Engine="postgres",
            EngineVersion="16.3",
            DBInstanceClass="db.m6g.large",
            AllocatedStorage=100,
            MasterUsername="cwdemo_owner",
            MasterUserPassword=PASSWORD,
            DBSubnetGroupName=PRIVATE_SUBNET_GROUP,
            VpcSecurityGroupIds=default_sg,
            DBParameterGroupName=PARAMS_FORCE_TLS,
            PubliclyAccessible=False,
            StorageEncrypted=True,
            **({"KmsKeyId": key} if key else {}),
            MultiAZ=True,
            BackupRetentionPeriod=14,
            DeletionProtection=True,
            EnableIAMDatabaseAuthentication=True,
            EnableCloudwatchLogsExports=["postgresql", "upgrade"],
            AutoMinorVersionUpgrade=True,
            CopyTagsToSnapshot=True,
            CACertificateIdentifier="rds-ca-rsa2048-g1",
            Tags=[{"Key": "owner", "Value": "data-platform"}],
        ),
    )


def _aurora(rds: Any, key: str | None, default_sg: list[str]) -> None:
    _attempt(
        f"create {AURORA_CLUSTER}",
        lambda: rds.create_db_cluster(
            DBClusterIdentifier=AURORA_CLUSTER,
            Engine="aurora-postgresql",
            EngineVersion="16.1",
            MasterUsername="cwdemo_owner",
            MasterUserPassword=PASSWORD,
            DBSubnetGroupName=PRIVATE_SUBNET_GROUP,
            DBClusterParameterGroupName=CLUSTER_PARAMS,
            VpcSecurityGroupIds=default_sg,
            StorageEncrypted=True,
            **({"KmsKeyId": key} if key else {}),
            BackupRetentionPeriod=7,
            DeletionProtection=True,
            EnableIAMDatabaseAuthentication=True,
            EnableCloudwatchLogsExports=["postgresql"],
            CopyTagsToSnapshot=True,
            Tags=[{"Key": "owner", "Value": "data-platform"}],
        ),
    )
    _attempt(
        f"create {AURORA_INSTANCE}",
        lambda: rds.create_db_instance(
            DBInstanceIdentifier=AURORA_INSTANCE,
            DBClusterIdentifier=AURORA_CLUSTER,
            Engine="aurora-postgresql",
            DBInstanceClass="db.r6g.large",
            PubliclyAccessible=False,
        ),
    )


def _snapshots(rds: Any) -> None:
    _attempt(
        f"create {PUBLIC_SNAPSHOT}",
        lambda: (
            rds.create_db_snapshot(
                DBSnapshotIdentifier=PUBLIC_SNAPSHOT, DBInstanceIdentifier=PUBLIC_MYSQL
            ),
            rds.modify_db_snapshot_attribute(
                DBSnapshotIdentifier=PUBLIC_SNAPSHOT, AttributeName="restore", ValuesToAdd=["all"]
            ),
        ),
    )
    _attempt(
        f"create {PRIVATE_SNAPSHOT}",
        lambda: (
            rds.create_db_snapshot(
                DBSnapshotIdentifier=PRIVATE_SNAPSHOT, DBInstanceIdentifier=PRIVATE_POSTGRES
            ),
            rds.modify_db_snapshot_attribute(
                DBSnapshotIdentifier=PRIVATE_SNAPSHOT,
                AttributeName="restore",
                ValuesToAdd=[SHARED_WITH_ACCOUNT],
            ),
        ),
    )
    _attempt(
        f"create {CLUSTER_SNAPSHOT}",
        lambda: rds.create_db_cluster_snapshot(
            DBClusterSnapshotIdentifier=CLUSTER_SNAPSHOT, DBClusterIdentifier=AURORA_CLUSTER
        ),
    )


def seed(ctx: SeedContext) -> None:
    rds = ctx.client("rds", ctx.home)
    key = _attempt("find or create the demo KMS key", ensure_data_key, ctx)
    _parameter_groups(rds)
    network = _attempt("find the default VPC", _default_vpc, ctx, ctx.home)
    subnets, default_sg = network or ([], [])
    _instances(rds, key, subnets, default_sg)
    _aurora(rds, key, default_sg)
    _snapshots(rds)
    _attempt(
        f"create {EVENT_SUBSCRIPTION}",
        lambda: rds.create_event_subscription(
            SubscriptionName=EVENT_SUBSCRIPTION,
            # moto does not check that the topic exists; none is created so as to leave SNS alone.
            SnsTopicArn=f"arn:aws:sns:{ctx.home}:{ctx.account_id}:cw-demo-rds-events",
            SourceType="db-instance",
            EventCategories=["failure", "configuration change", "deletion"],
            Enabled=True,
        ),
    )
    if len(ctx.regions) > 1:
        _attempt(
            f"create {EU_INSTANCE}",
            lambda: ctx.client("rds", ctx.regions[1]).create_db_instance(
                DBInstanceIdentifier=EU_INSTANCE,
                Engine="mariadb",
                EngineVersion="10.11.6",
                DBInstanceClass="db.t4g.micro",
                AllocatedStorage=20,
                MasterUsername="admin",
                MasterUserPassword=PASSWORD,
                PubliclyAccessible=False,
                StorageEncrypted=False,
                BackupRetentionPeriod=1,
            ),
        )
