"""AWS Batch: a hardened Fargate job definition (non-root, read-only, secrets from Secrets
Manager, no public IP) and a legacy EC2 one (privileged, root, a password in its environment);
a Fargate compute environment in the default VPC's subnets, which give every task a public
IP, and one in a subnet of its own that does not."""

from __future__ import annotations

import json
from typing import Any

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.ecs import fake_password
from cloudwarden.demo.seed.elbv2 import default_network

HARDENED_JOB = "cw-demo-report-job"
LEGACY_JOB = "cw-demo-etl-job"
PUBLIC_COMPUTE = "cw-demo-public-compute"
PRIVATE_COMPUTE = "cw-demo-private-compute"
PRIVATE_SUBNET = "cw-demo-batch-private"
PRIVATE_CIDR = "172.31.200.0/24"
"""A block of the default VPC (172.31.0.0/16) the default subnets leave free."""
SENSITIVE_VARIABLE = "WAREHOUSE_PASSWORD"
APP_USER = "1000"


def private_subnet(ec2: Any, vpc_id: str, cidr: str, name: str) -> str:
    """A subnet of its own in ``vpc_id`` that assigns no public IPv4 address (AWS's default)."""
    subnet = ec2.create_subnet(
        VpcId=vpc_id,
        CidrBlock=cidr,
        TagSpecifications=[{"ResourceType": "subnet", "Tags": [{"Key": "Name", "Value": name}]}],
    )
    return str(subnet["Subnet"]["SubnetId"])


def _role(ctx: SeedContext, name: str, service: str) -> str:
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}
        ],
    }
    role = ctx.client("iam").create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))
    return str(role["Role"]["Arn"])


def seed(ctx: SeedContext) -> None:
    batch = ctx.client("batch", ctx.home)
    execution = _role(ctx, "cw-demo-batch-execution", "ecs-tasks.amazonaws.com")
    secret = f"arn:aws:secretsmanager:{ctx.home}:{ctx.account_id}:secret:cw-demo-warehouse-AbCdEf"
    batch.register_job_definition(
        jobDefinitionName=HARDENED_JOB,
        type="container",
        platformCapabilities=["FARGATE"],
        containerProperties={
            "image": f"{ctx.account_id}.dkr.ecr.{ctx.home}.amazonaws.com/reports:2.1.0",
            "user": APP_USER,
            "readonlyRootFilesystem": True,
            "executionRoleArn": execution,
            "resourceRequirements": [
                {"type": "VCPU", "value": "0.5"},
                {"type": "MEMORY", "value": "1024"},
            ],
            "environment": [{"name": "REPORT_BUCKET", "value": "cw-demo-reports"}],
            "secrets": [{"name": SENSITIVE_VARIABLE, "valueFrom": secret}],
            "networkConfiguration": {"assignPublicIp": "DISABLED"},
            "logConfiguration": {"logDriver": "awslogs"},
        },
        tags={"owner": "data"},
    )
    batch.register_job_definition(
        jobDefinitionName=LEGACY_JOB,
        type="container",
        platformCapabilities=["EC2"],
        containerProperties={
            "image": "python:3.12",
            "vcpus": 1,
            "memory": 2048,
            "privileged": True,
            "environment": [{"name": SENSITIVE_VARIABLE, "value": fake_password()}],
        },
    )
    ec2 = ctx.client("ec2", ctx.home)
    vpc_id, subnets, groups = default_network(ec2)
    private = private_subnet(ec2, vpc_id, PRIVATE_CIDR, PRIVATE_SUBNET)
    service_role = _role(ctx, "cw-demo-batch-service", "batch.amazonaws.com")
    for name, in_subnets in ((PUBLIC_COMPUTE, subnets), (PRIVATE_COMPUTE, [private])):
        batch.create_compute_environment(
            computeEnvironmentName=name,
            type="MANAGED",
            state="ENABLED",
            computeResources={
                "type": "FARGATE",
                "maxvCpus": 4,
                "subnets": in_subnets,
                "securityGroupIds": groups,
            },
            serviceRole=service_role,
        )
