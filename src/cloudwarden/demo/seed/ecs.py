"""ECS: a monitored cluster and a bare one; a hardened Fargate task definition and a legacy EC2
one that runs privileged on the host network with a database password in its environment; a
private Fargate service and a public one on an old platform version.

The fake password is built at run time from harmless parts, so this file holds no secret that
a scanner of the repository would (rightly) flag.
"""

from __future__ import annotations

from typing import Any

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.elbv2 import default_network
from cloudwarden.demo.seed.kms import ensure_data_key

MONITORED_CLUSTER = "cw-demo-monitored-cluster"
BARE_CLUSTER = "cw-demo-bare-cluster"
HARDENED_TASK = "cw-demo-hardened-task"
LEGACY_TASK = "cw-demo-legacy-task"
PRIVATE_SERVICE = "cw-demo-private-service"
PUBLIC_SERVICE = "cw-demo-public-service"
SENSITIVE_VARIABLE = "DB_PASSWORD"
PLAIN_VARIABLE = "LOG_LEVEL"
OLD_PLATFORM = "1.3.0"
APP_USER = "1000:1000"
LOG_GROUP = "/ecs/cw-demo-hardened-task"
EFS_ID = "fs-0123456789abcdef0"
"""An EFS file system id named in the task definitions (ECS does not check it exists)."""


def fake_password() -> str:
    """A password-shaped value that detect-secrets flags; never a real credential."""
    return "-".join(("Tr0ub4dor", "and", "Zebra", "Stapl3"))


def _hardened_container(ctx: SeedContext) -> dict[str, Any]:
    secret = f"arn:aws:secretsmanager:{ctx.home}:{ctx.account_id}:secret:cw-demo-db-AbCdEf"
    return {
        "name": "api",
        "image": f"{ctx.account_id}.dkr.ecr.{ctx.home}.amazonaws.com/api:1.4.2",
        "essential": True,
        "user": APP_USER,
        "readonlyRootFilesystem": True,
        "privileged": False,
        "environment": [{"name": PLAIN_VARIABLE, "value": "info"}],
        "secrets": [{"name": SENSITIVE_VARIABLE, "valueFrom": secret}],
        "linuxParameters": {"initProcessEnabled": True, "capabilities": {"drop": ["ALL"]}},
        "logConfiguration": {
            "logDriver": "awslogs",
            "options": {
                "awslogs-group": LOG_GROUP,
                "awslogs-region": ctx.home,
                "awslogs-stream-prefix": "api",
                "mode": "non-blocking",
            },
        },
        "mountPoints": [{"sourceVolume": "shared", "containerPath": "/data", "readOnly": True}],
    }


def _legacy_container() -> dict[str, Any]:
    return {
        "name": "worker",
        "image": "nginx:latest",
        "essential": True,
        "privileged": True,
        "memory": 512,
        "environment": [
            {"name": PLAIN_VARIABLE, "value": "debug"},
            {"name": SENSITIVE_VARIABLE, "value": fake_password()},
        ],
        "linuxParameters": {"capabilities": {"add": ["SYS_ADMIN", "NET_ADMIN"]}},
        "mountPoints": [{"sourceVolume": "shared", "containerPath": "/data"}],
    }


def _efs_volume(transit: str) -> dict[str, Any]:
    return {
        "name": "shared",
        "efsVolumeConfiguration": {"fileSystemId": EFS_ID, "transitEncryption": transit},
    }


def seed(ctx: SeedContext) -> None:
    ecs = ctx.client("ecs", ctx.home)
    ecs.create_cluster(
        clusterName=MONITORED_CLUSTER,
        settings=[{"name": "containerInsights", "value": "enabled"}],
        configuration={
            "executeCommandConfiguration": {"logging": "DEFAULT"},
            "managedStorageConfiguration": {
                "fargateEphemeralStorageKmsKeyId": ensure_data_key(ctx),
            },
        },
        tags=[{"key": "owner", "value": "platform"}],
    )
    ecs.create_cluster(
        clusterName=BARE_CLUSTER, settings=[{"name": "containerInsights", "value": "disabled"}]
    )

    hardened = ecs.register_task_definition(
        family=HARDENED_TASK,
        networkMode="awsvpc",
        requiresCompatibilities=["FARGATE"],
        cpu="256",
        memory="512",
        executionRoleArn=f"arn:aws:iam::{ctx.account_id}:role/cw-demo-ecs-execution",
        taskRoleArn=f"arn:aws:iam::{ctx.account_id}:role/cw-demo-ecs-task",
        containerDefinitions=[_hardened_container(ctx)],
        volumes=[_efs_volume("ENABLED")],
        tags=[{"key": "owner", "value": "platform"}],
    )["taskDefinition"]["taskDefinitionArn"]
    ecs.register_task_definition(
        family=LEGACY_TASK,
        networkMode="host",
        pidMode="host",
        requiresCompatibilities=["EC2"],
        containerDefinitions=[_legacy_container()],
        volumes=[_efs_volume("DISABLED")],
    )

    _, subnets, groups = default_network(ctx.client("ec2", ctx.home))
    for name, public, platform in (
        (PRIVATE_SERVICE, "DISABLED", "LATEST"),
        (PUBLIC_SERVICE, "ENABLED", OLD_PLATFORM),
    ):
        ecs.create_service(
            cluster=MONITORED_CLUSTER,
            serviceName=name,
            taskDefinition=hardened,
            desiredCount=1,
            launchType="FARGATE",
            platformVersion=platform,
            networkConfiguration={
                "awsvpcConfiguration": {
                    "subnets": subnets,
                    "securityGroups": groups,
                    "assignPublicIp": public,
                }
            },
        )
