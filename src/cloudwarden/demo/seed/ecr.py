"""ECR: a locked-down repository, a public one with mutable tags, and enhanced registry scanning
in the second region (the home region keeps the default basic scanning with no rules)."""

from __future__ import annotations

import json

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.kms import ensure_data_key

SECURE_REPO = "cw-demo-secure-repo"
PUBLIC_REPO = "cw-demo-public-repo"
LIFECYCLE_UNTAGGED_DAYS = 14


def _public_pull_policy() -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "PublicPull",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                }
            ],
        }
    )


def _lifecycle_policy() -> str:
    return json.dumps(
        {
            "rules": [
                {
                    "rulePriority": 1,
                    "description": "Expire untagged images",
                    "selection": {
                        "tagStatus": "untagged",
                        "countType": "sinceImagePushed",
                        "countUnit": "days",
                        "countNumber": LIFECYCLE_UNTAGGED_DAYS,
                    },
                    "action": {"type": "expire"},
                }
            ]
        }
    )


def seed(ctx: SeedContext) -> None:
    ecr = ctx.client("ecr", ctx.home)
    ecr.create_repository(
        repositoryName=SECURE_REPO,
        imageTagMutability="IMMUTABLE",
        imageScanningConfiguration={"scanOnPush": True},
        encryptionConfiguration={"encryptionType": "KMS", "kmsKey": ensure_data_key(ctx)},
        tags=[{"Key": "owner", "Value": "platform"}],
    )
    ecr.put_lifecycle_policy(repositoryName=SECURE_REPO, lifecyclePolicyText=_lifecycle_policy())

    ecr.create_repository(
        repositoryName=PUBLIC_REPO,
        imageTagMutability="MUTABLE",
        imageScanningConfiguration={"scanOnPush": False},
    )
    ecr.set_repository_policy(repositoryName=PUBLIC_REPO, policyText=_public_pull_policy())

    if len(ctx.regions) > 1:
        ctx.client("ecr", ctx.regions[1]).put_registry_scanning_configuration(
            scanType="ENHANCED",
            rules=[
                {
                    "scanFrequency": "CONTINUOUS_SCAN",
                    "repositoryFilters": [{"filter": "*", "filterType": "WILDCARD"}],
                }
            ],
        )
