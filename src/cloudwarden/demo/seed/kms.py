"""KMS keys: a rotated data key (used by other seeders), and keys a check should flag.

Runs before every other seeder (see ``SEED_MODULES_ORDER_FIRST``): the S3, CloudTrail, Logs,
SNS and SQS seeders encrypt with ``alias/cw-demo-data``.
"""

from __future__ import annotations

import json
import logging

from botocore.exceptions import BotoCoreError, ClientError

from cloudwarden.demo.seed import SeedContext

log = logging.getLogger(__name__)

DATA_ALIAS = "alias/cw-demo-data"
"""Customer managed symmetric key with rotation: the well-configured key."""
NO_ROTATION_ALIAS = "alias/cw-demo-no-rotation"
"""Customer managed symmetric key without rotation (CIS 3.6 fails)."""
RETIRED_ALIAS = "alias/cw-demo-retired"
"""A key scheduled for deletion (7 days)."""
SIGNING_ALIAS = "alias/cw-demo-signing"
"""An asymmetric RSA signing key: rotation does not apply to it."""
SHARED_ALIAS = "alias/cw-demo-shared"
"""A key whose policy lets any AWS principal use it (Principal *)."""
DELETION_WINDOW_DAYS = 7
TAGS = {"owner": "security", "data-class": "confidential"}


def data_key_arn(ctx: SeedContext, region: str | None = None) -> str | None:
    """The ARN of ``alias/cw-demo-data`` in that region, or None if the KMS seeder did not run."""
    try:
        return str(ctx.client("kms", region).describe_key(KeyId=DATA_ALIAS)["KeyMetadata"]["Arn"])
    except ClientError:
        return None


def ensure_data_key(ctx: SeedContext) -> str:
    """The data key in the home region; when the kms seeder did not run (``CW_SEED_ONLY``), a
    stand-in is created under the same alias, so seeders that encrypt always have one."""
    arn = data_key_arn(ctx, ctx.home)
    if arn is not None:
        return arn
    kms = ctx.client("kms", ctx.home)
    key = kms.create_key(Description="cloudwarden demo data key (stand-in)")["KeyMetadata"]
    kms.create_alias(AliasName=DATA_ALIAS, TargetKeyId=key["KeyId"])
    return str(key["Arn"])


def _create(ctx: SeedContext, alias: str, **params: object) -> str:
    kms = ctx.client("kms")
    key_id = str(kms.create_key(**params)["KeyMetadata"]["KeyId"])
    kms.create_alias(AliasName=alias, TargetKeyId=key_id)
    return key_id


def _shared_policy(ctx: SeedContext) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Id": "cw-demo-shared",
            "Statement": [
                {
                    "Sid": "EnableIAMUserPermissions",
                    "Effect": "Allow",
                    "Principal": {"AWS": f"arn:aws:iam::{ctx.account_id}:root"},
                    "Action": "kms:*",
                    "Resource": "*",
                },
                {
                    "Sid": "AnyoneMayDecrypt",
                    "Effect": "Allow",
                    "Principal": {"AWS": "*"},
                    "Action": ["kms:Decrypt", "kms:DescribeKey"],
                    "Resource": "*",
                },
            ],
        }
    )


def seed(ctx: SeedContext) -> None:
    try:
        _seed(ctx)
    except (ClientError, BotoCoreError):  # a seeder must never break the others
        log.exception("the KMS seeder could not plant every key")


def _seed(ctx: SeedContext) -> None:
    kms = ctx.client("kms")
    data = _create(
        ctx,
        DATA_ALIAS,
        Description="cw-demo data key",
        Tags=[{"TagKey": key, "TagValue": value} for key, value in TAGS.items()],
    )
    kms.enable_key_rotation(KeyId=data)

    _create(ctx, NO_ROTATION_ALIAS, Description="cw-demo key without rotation")

    retired = _create(ctx, RETIRED_ALIAS, Description="cw-demo retired key")
    kms.schedule_key_deletion(KeyId=retired, PendingWindowInDays=DELETION_WINDOW_DAYS)

    _create(
        ctx,
        SIGNING_ALIAS,
        Description="cw-demo signing key",
        KeyUsage="SIGN_VERIFY",
        KeySpec="RSA_2048",
    )

    shared = _create(
        ctx,
        SHARED_ALIAS,
        Description="cw-demo key shared with everyone",
        Policy=_shared_policy(ctx),
    )
    kms.enable_key_rotation(KeyId=shared)
