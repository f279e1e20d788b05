"""DynamoDB: a protected table (PITR, customer-managed KMS key, deletion protection) and a default
one readable by anyone through its resource policy.

moto drops the table class (STANDARD_INFREQUENT_ACCESS reads back as the default STANDARD) and
accepts replica updates without creating replicas, so no global table is planted.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.kms import ensure_data_key

log = logging.getLogger(__name__)

PROTECTED_TABLE = "cw-demo-orders"
DEFAULT_TABLE = "cw-demo-sessions"
KEY_SCHEMA = {
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
}


def _attempt(what: str, action: Callable[..., Any], *args: Any) -> Any:
    """Run one seeding step; a failure is logged and seeding goes on (seeders never raise)."""
    try:
        return action(*args)
    except (ClientError, BotoCoreError, NotImplementedError, KeyError) as exc:
        log.warning("dynamodb seed: could not %s: %s", what, exc)
        return None


def seed(ctx: SeedContext) -> None:
    dynamodb = ctx.client("dynamodb", ctx.home)
    key = _attempt("find or create the demo KMS key", ensure_data_key, ctx)
    sse = (
        {"SSESpecification": {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key}}
        if key
        else {}
    )
    _attempt(
        f"create {PROTECTED_TABLE}",
        lambda: dynamodb.create_table(
            TableName=PROTECTED_TABLE,
            **KEY_SCHEMA,
            BillingMode="PAY_PER_REQUEST",
            **sse,
            DeletionProtectionEnabled=True,
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
            Tags=[{"Key": "owner", "Value": "commerce"}],
        ),
    )
    _attempt(
        f"enable point-in-time recovery on {PROTECTED_TABLE}",
        lambda: dynamodb.update_continuous_backups(
            TableName=PROTECTED_TABLE,
            PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True},
        ),
    )
    _attempt(
        f"create {DEFAULT_TABLE}",
        lambda: dynamodb.create_table(
            TableName=DEFAULT_TABLE,
            **KEY_SCHEMA,
            ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
        ),
    )
    arn = f"arn:aws:dynamodb:{ctx.home}:{ctx.account_id}:table/{DEFAULT_TABLE}"
    _attempt(
        f"make {DEFAULT_TABLE} readable by anyone",
        lambda: dynamodb.put_resource_policy(
            ResourceArn=arn,
            Policy=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Sid": "PublicRead",
                            "Effect": "Allow",
                            "Principal": "*",
                            "Action": ["dynamodb:GetItem", "dynamodb:Query"],
                            "Resource": arn,
                        }
                    ],
                }
            ),
        ),
    )
