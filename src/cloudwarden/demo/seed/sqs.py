"""SQS: a KMS-encrypted queue with a dead-letter queue, and an unencrypted queue whose policy
lets anyone send and receive messages."""

from __future__ import annotations

import json
import logging

from botocore.exceptions import BotoCoreError, ClientError

from cloudwarden.demo.seed import SeedContext, public_policy
from cloudwarden.demo.seed.kms import DATA_ALIAS

log = logging.getLogger(__name__)

ORDERS_QUEUE = "cw-demo-orders"
ORDERS_DLQ = "cw-demo-orders-dlq"
MAX_RECEIVE_COUNT = 5
VISIBILITY_TIMEOUT = 120
DLQ_RETENTION = 1_209_600
PUBLIC_QUEUE = "cw-demo-public-queue"
TAGS = {"owner": "orders"}


def queue_arn(ctx: SeedContext, name: str) -> str:
    return f"arn:aws:sqs:{ctx.home}:{ctx.account_id}:{name}"


def _public_policy(ctx: SeedContext) -> str:
    return public_policy(["sqs:SendMessage", "sqs:ReceiveMessage"], queue_arn(ctx, PUBLIC_QUEUE))


def seed(ctx: SeedContext) -> None:
    try:
        _seed(ctx)
    except (ClientError, BotoCoreError):  # a seeder must never break the others
        log.exception("the SQS seeder could not plant everything")


def _seed(ctx: SeedContext) -> None:
    sqs = ctx.client("sqs")
    sqs.create_queue(
        QueueName=ORDERS_DLQ,
        Attributes={"KmsMasterKeyId": DATA_ALIAS, "MessageRetentionPeriod": str(DLQ_RETENTION)},
    )
    sqs.create_queue(
        QueueName=ORDERS_QUEUE,
        Attributes={
            "KmsMasterKeyId": DATA_ALIAS,
            "VisibilityTimeout": str(VISIBILITY_TIMEOUT),
            "RedrivePolicy": json.dumps(
                {
                    "deadLetterTargetArn": queue_arn(ctx, ORDERS_DLQ),
                    "maxReceiveCount": str(MAX_RECEIVE_COUNT),
                }
            ),
        },
        tags=TAGS,
    )
    sqs.create_queue(
        QueueName=PUBLIC_QUEUE,
        Attributes={"SqsManagedSseEnabled": "false", "Policy": _public_policy(ctx)},
    )
