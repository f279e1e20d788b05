"""Redshift: a public, unencrypted, unlogged cluster and a private, KMS-encrypted, logged one
(us-east-1), plus a private cluster in eu-west-1 with audit logging off.

moto notes: DescribeClusters never reports VpcId or ManualSnapshotRetentionPeriod, and
DescribeLoggingStatus omits LogDestinationType for S3 logging (the good cluster logs to
CloudWatch, so no bucket is needed).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.kms import data_key_arn

log = logging.getLogger(__name__)

PUBLIC_CLUSTER = "cw-demo-public-redshift"
PRIVATE_CLUSTER = "cw-demo-private-redshift"
EU_CLUSTER = "cw-demo-eu-redshift"
SUBNET_GROUP = "cw-demo-redshift-private"
PARAMETER_GROUP = "cw-demo-redshift-params"
DEFAULT_MASTER = "awsuser"
CUSTOM_MASTER = "cwdemo_owner"
LOG_EXPORTS = ["connectionlog", "userlog", "useractivitylog"]
PASSWORD = "cw-demo-Passw0rd1"  # noqa: S105 - a fake password for an emulated cluster


def _attempt(what: str, action: Callable[..., Any], *args: Any) -> Any:
    """Run one seeding step; a failure is logged and seeding goes on (seeders never raise)."""
    try:
        return action(*args)
    except (ClientError, BotoCoreError, NotImplementedError, KeyError, IndexError) as exc:
        log.warning("redshift seed: could not %s: %s", what, exc)
        return None


def _default_network(ctx: SeedContext) -> tuple[list[str], list[str]]:
    """Subnet ids and the default security group of the home region's default VPC."""
    ec2 = ctx.client("ec2", ctx.home)
    vpc = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    in_vpc = [{"Name": "vpc-id", "Values": [vpc]}]
    subnets = [s["SubnetId"] for s in ec2.describe_subnets(Filters=in_vpc)["Subnets"]]
    groups = ec2.describe_security_groups(
        Filters=[*in_vpc, {"Name": "group-name", "Values": ["default"]}]
    )["SecurityGroups"]
    return subnets, [g["GroupId"] for g in groups]


def _public(redshift: Any) -> None:
    redshift.create_cluster(
        ClusterIdentifier=PUBLIC_CLUSTER,
        ClusterType="single-node",
        NodeType="dc2.large",
        MasterUsername=DEFAULT_MASTER,
        MasterUserPassword=PASSWORD,
        PubliclyAccessible=True,
        Encrypted=False,
        EnhancedVpcRouting=False,
        AllowVersionUpgrade=False,
        AutomatedSnapshotRetentionPeriod=1,
    )


def _private(redshift: Any, key: str | None, subnets: list[str], groups: list[str]) -> None:
    if subnets:
        _attempt(
            f"create subnet group {SUBNET_GROUP}",
            lambda: redshift.create_cluster_subnet_group(
                ClusterSubnetGroupName=SUBNET_GROUP,
                Description="private subnets (cw-demo)",
                SubnetIds=subnets,
            ),
        )
    _attempt(
        f"create parameter group {PARAMETER_GROUP}",
        lambda: redshift.create_cluster_parameter_group(
            ParameterGroupName=PARAMETER_GROUP,
            ParameterGroupFamily="redshift-1.0",
            Description="cw-demo cluster parameters",
        ),
    )
    redshift.create_cluster(
        ClusterIdentifier=PRIVATE_CLUSTER,
        ClusterType="multi-node",
        NumberOfNodes=2,
        NodeType="ra3.xlplus",
        MasterUsername=CUSTOM_MASTER,
        MasterUserPassword=PASSWORD,
        **({"ClusterSubnetGroupName": SUBNET_GROUP} if subnets else {}),
        VpcSecurityGroupIds=groups,
        ClusterParameterGroupName=PARAMETER_GROUP,
        PubliclyAccessible=False,
        Encrypted=True,
        **({"KmsKeyId": key} if key else {}),
        EnhancedVpcRouting=True,
        AllowVersionUpgrade=True,
        AutomatedSnapshotRetentionPeriod=14,
        ManualSnapshotRetentionPeriod=30,
        Tags=[{"Key": "owner", "Value": "data-platform"}],
    )
    redshift.enable_logging(
        ClusterIdentifier=PRIVATE_CLUSTER, LogDestinationType="cloudwatch", LogExports=LOG_EXPORTS
    )


def seed(ctx: SeedContext) -> None:
    redshift = ctx.client("redshift", ctx.home)
    key = _attempt("find the demo KMS key", data_key_arn, ctx, ctx.home)
    network = _attempt("find the default VPC", _default_network, ctx)
    subnets, groups = network or ([], [])
    _attempt(f"create {PUBLIC_CLUSTER}", _public, redshift)
    _attempt(f"create {PRIVATE_CLUSTER}", _private, redshift, key, subnets, groups)
    if len(ctx.regions) > 1:
        _attempt(
            f"create {EU_CLUSTER}",
            lambda: ctx.client("redshift", ctx.regions[1]).create_cluster(
                ClusterIdentifier=EU_CLUSTER,
                ClusterType="single-node",
                NodeType="ra3.xlplus",
                MasterUsername=CUSTOM_MASTER,
                MasterUserPassword=PASSWORD,
                PubliclyAccessible=False,
                Encrypted=True,
                AutomatedSnapshotRetentionPeriod=7,
            ),
        )
