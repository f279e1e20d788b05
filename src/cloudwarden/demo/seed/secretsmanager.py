"""Secrets Manager: a rotated secret under a customer key, a static one shared with everyone.

moto quirk: RotateSecret invokes the rotation Lambda (which needs Docker) when the function
exists, and raises ResourceNotFoundException when it does not, but only after it has stored the
rotation settings. The seeder names a rotation function that does not exist and expects that
error, so the secret keeps its rotation configuration and nothing is invoked.
"""

from __future__ import annotations

import json
import logging

from botocore.exceptions import ClientError

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.kms import ensure_data_key

log = logging.getLogger(__name__)

ROTATED = "cw-demo-rotated-secret"
STATIC = "cw-demo-static-secret"
EU_SECRET = "cw-demo-eu-secret"  # noqa: S105 - a secret name
ROTATION_DAYS = 30
ROTATION_FUNCTION = "cw-demo-secret-rotator"
ROTATED_VALUE = "cw-demo-rotated-value-4e1f"
STATIC_VALUE = "cw-demo-static-value-9b2c"
"""Secret values: tests check that they never reach the inventory."""


def _public_read_policy() -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "ShareWithEveryone",
                    "Effect": "Allow",
                    "Principal": {"AWS": "*"},
                    "Action": "secretsmanager:GetSecretValue",
                    "Resource": "*",
                }
            ],
        }
    )


def seed(ctx: SeedContext) -> None:
    secrets = ctx.client("secretsmanager", ctx.home)
    secrets.create_secret(
        Name=ROTATED,
        Description="Database credentials, rotated monthly",
        SecretString=ROTATED_VALUE,
        KmsKeyId=ensure_data_key(ctx),
        Tags=[{"Key": "owner", "Value": "security"}],
    )
    rotation_lambda = f"arn:aws:lambda:{ctx.home}:{ctx.account_id}:function:{ROTATION_FUNCTION}"
    try:
        secrets.rotate_secret(
            SecretId=ROTATED,
            RotationLambdaARN=rotation_lambda,
            RotationRules={"AutomaticallyAfterDays": ROTATION_DAYS},
            RotateImmediately=False,
        )
    except ClientError as exc:
        # Expected in moto (see the module docstring): the rotation settings are stored.
        if exc.response.get("Error", {}).get("Code") != "ResourceNotFoundException":
            log.warning("could not configure rotation of %s: %s", ROTATED, exc)

    secrets.create_secret(Name=STATIC, SecretString=STATIC_VALUE)
    secrets.put_resource_policy(SecretId=STATIC, ResourcePolicy=_public_read_policy())

    if len(ctx.regions) > 1:
        ctx.client("secretsmanager", ctx.regions[1]).create_secret(
            Name=EU_SECRET, SecretString=STATIC_VALUE
        )
