"""SageMaker: a locked-down notebook instance and an exposed one, in the home region.

The secure one is encrypted with the demo KMS key (``alias/cw-demo-data``, or a well-formed
stand-in ARN when the kms seeder did not run), sits in a default-VPC subnet with direct internet
access and root access disabled. The insecure one has no KMS key, no subnet, direct internet
access and root access.

moto quirks: CreateNotebookInstance ignores PlatformIdentifier and
InstanceMetadataServiceConfiguration, so DescribeNotebookInstance never reports them (the
inventory shows null), and RootAccess is only reported when it was given at creation.
"""

from __future__ import annotations

import json

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.elbv2 import default_network
from cloudwarden.demo.seed.kms import data_key_arn

SECURE = "cw-demo-secure-notebook"
INSECURE = "cw-demo-open-notebook"
ROLE = "cw-demo-sagemaker-role"
INSTANCE_TYPE = "ml.t3.medium"
STAND_IN_KEY = "arn:aws:kms:{region}:{account}:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
"""Used when the kms seeder did not plant the demo key (CW_SEED_ONLY)."""
TAGS = {"owner": "data-science"}


def _role(ctx: SeedContext) -> str:
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "sagemaker.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
    role = ctx.client("iam").create_role(RoleName=ROLE, AssumeRolePolicyDocument=json.dumps(trust))
    return str(role["Role"]["Arn"])


def seed(ctx: SeedContext) -> None:
    home = ctx.home
    sagemaker = ctx.client("sagemaker", home)
    role_arn = _role(ctx)
    key_arn = data_key_arn(ctx, home) or STAND_IN_KEY.format(region=home, account=ctx.account_id)
    _, subnets, security_groups = default_network(ctx.client("ec2", home))

    sagemaker.create_notebook_instance(
        NotebookInstanceName=SECURE,
        InstanceType=INSTANCE_TYPE,
        RoleArn=role_arn,
        KmsKeyId=key_arn,
        SubnetId=subnets[0],
        SecurityGroupIds=security_groups,
        DirectInternetAccess="Disabled",
        RootAccess="Disabled",
        PlatformIdentifier="notebook-al2-v3",
        InstanceMetadataServiceConfiguration={"MinimumInstanceMetadataServiceVersion": "2"},
        Tags=[{"Key": key, "Value": value} for key, value in TAGS.items()],
    )
    sagemaker.create_notebook_instance(
        NotebookInstanceName=INSECURE,
        InstanceType=INSTANCE_TYPE,
        RoleArn=role_arn,
        DirectInternetAccess="Enabled",
        RootAccess="Enabled",
        InstanceMetadataServiceConfiguration={"MinimumInstanceMetadataServiceVersion": "1"},
    )
