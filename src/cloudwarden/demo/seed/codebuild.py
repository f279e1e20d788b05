"""CodeBuild: a hardened project (secrets from Parameter Store, logs, encrypted output, in a
VPC) and a legacy one that builds privileged from a URL with a token in it, passes a password
in plain text and keeps no logs.

moto stores every setting planted here but the project's KMS key (it always reports
alias/aws/s3), and does not emulate imported source credentials (ListSourceCredentials).
"""

from __future__ import annotations

from typing import Any

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.ecs import fake_password
from cloudwarden.demo.seed.elbv2 import default_network
from cloudwarden.demo.seed.kms import ensure_data_key

HARDENED_PROJECT = "cw-demo-hardened-build"
LEGACY_PROJECT = "cw-demo-legacy-build"
ARTIFACT_BUCKET = "cw-demo-build-artifacts"
REPOSITORY = "https://github.com/example-org/service.git"
URL_USER = "ci-bot"
SENSITIVE_VARIABLE = "DEPLOY_PASSWORD"
LOG_GROUP = "/codebuild/cw-demo-hardened-build"
IMAGE = "aws/codebuild/amazonlinux2-x86_64-standard:5.0"


def _role(ctx: SeedContext) -> str:
    return f"arn:aws:iam::{ctx.account_id}:role/cw-demo-codebuild"


def _environment(privileged: bool, variables: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "type": "LINUX_CONTAINER",
        "image": IMAGE,
        "computeType": "BUILD_GENERAL1_SMALL",
        "privilegedMode": privileged,
        "environmentVariables": variables,
    }


def seed(ctx: SeedContext) -> None:
    codebuild = ctx.client("codebuild", ctx.home)
    vpc_id, subnets, groups = default_network(ctx.client("ec2", ctx.home))
    codebuild.create_project(
        name=HARDENED_PROJECT,
        source={"type": "GITHUB", "location": REPOSITORY, "buildspec": "buildspec.yml"},
        artifacts={"type": "S3", "location": ARTIFACT_BUCKET, "encryptionDisabled": False},
        environment=_environment(
            False,
            [
                {"name": "STAGE", "value": "prod", "type": "PLAINTEXT"},
                {"name": SENSITIVE_VARIABLE, "value": "/ci/deploy", "type": "PARAMETER_STORE"},
            ],
        ),
        serviceRole=_role(ctx),
        encryptionKey=ensure_data_key(ctx),
        logsConfig={
            "cloudWatchLogs": {"status": "ENABLED", "groupName": LOG_GROUP},
            "s3Logs": {
                "status": "ENABLED",
                "location": f"{ARTIFACT_BUCKET}/logs",
                "encryptionDisabled": False,
            },
        },
        vpcConfig={"vpcId": vpc_id, "subnets": subnets, "securityGroupIds": groups},
        tags=[{"key": "owner", "value": "ci"}],
    )
    token_url = REPOSITORY.replace("https://", f"https://{URL_USER}:{fake_password()}@")
    codebuild.create_project(
        name=LEGACY_PROJECT,
        source={"type": "GITHUB", "location": token_url, "insecureSsl": True},
        artifacts={"type": "S3", "location": ARTIFACT_BUCKET, "encryptionDisabled": True},
        environment=_environment(
            True, [{"name": SENSITIVE_VARIABLE, "value": fake_password(), "type": "PLAINTEXT"}]
        ),
        serviceRole=_role(ctx),
        logsConfig={
            "cloudWatchLogs": {"status": "DISABLED"},
            "s3Logs": {"status": "DISABLED"},
        },
    )
