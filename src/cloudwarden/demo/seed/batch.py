"""AWS Batch: a hardened Fargate job definition (non-root, read-only, secrets from Secrets
Manager, no public IP) and a legacy EC2 one (privileged, root, a password in its environment);
a Fargate compute environment in the default VPC's subnets, which give every task a public
IP, and one in a private VPC of its own whose subnet does not."""

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
PRIVATE_NETWORK = "cw-demo-batch-private"
PRIVATE_CIDR = "10.90.0.0/16"
SENSITIVE_VARIABLE = "WAREHOUSE_PASSWORD"
APP_USER = "1000"


def private_network(ec2: Any, cidr: str, name: str) -> tuple[str, str]:
    """A VPC of its own (``cidr``, a /16) with one subnet that assigns no public IPv4 address
    and no internet gateway: the subnet id and the VPC's default security group.

    A VPC apart, so that the default VPC keeps only its default subnets."""
    vpc = ec2.create_vpc(
        CidrBlock=cidr,
        TagSpecifications=[{"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": name}]}],
    )["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(
        VpcId=vpc,
        CidrBlock=cidr.replace(".0.0/16", ".1.0/24"),
        TagSpecifications=[{"ResourceType": "subnet", "Tags": [{"Key": "Name", "Value": name}]}],
    )["Subnet"]["SubnetId"]
    groups = ec2.describe_security_groups(
        Filters=[{"Name": "vpc-id", "Values": [vpc]}, {"Name": "group-name", "Values": ["default"]}]
    )["SecurityGroups"]
    return str(subnet), str(groups[0]["GroupId"])


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
    _, subnets, groups = default_network(ec2)
    private, private_group = private_network(ec2, PRIVATE_CIDR, PRIVATE_NETWORK)
    service_role = _role(ctx, "cw-demo-batch-service", "batch.amazonaws.com")
    for name, in_subnets, in_groups in (
        (PUBLIC_COMPUTE, subnets, groups),
        (PRIVATE_COMPUTE, [private], [private_group]),
    ):
        batch.create_compute_environment(
            computeEnvironmentName=name,
            type="MANAGED",
            state="ENABLED",
            computeResources={
                "type": "FARGATE",
                "maxvCpus": 4,
                "subnets": in_subnets,
                "securityGroupIds": in_groups,
            },
            serviceRole=service_role,
        )
