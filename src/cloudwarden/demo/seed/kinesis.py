"""Kinesis Data Streams (home region): a stream encrypted with the demo KMS key, one on the AWS
managed key, and an unencrypted one with a one-day retention and a policy open to anyone."""

from __future__ import annotations

import json

from cloudwarden.demo.seed import SeedContext, public_policy
from cloudwarden.demo.seed.kms import ensure_data_key

ORDERS_STREAM = "cw-demo-orders-stream"
AUDIT_STREAM = "cw-demo-audit-stream"
CLICKSTREAM = "cw-demo-clickstream"
AWS_MANAGED_KEY = "alias/aws/kinesis"
WEEK_HOURS = 168
TAGS = {"owner": "data-platform"}


def stream_arn(ctx: SeedContext, name: str) -> str:
    return f"arn:aws:kinesis:{ctx.home}:{ctx.account_id}:stream/{name}"


def _account_policy(ctx: SeedContext, arn: str) -> str:
    statement = {
        "Sid": "ConsumersOfThisAccount",
        "Effect": "Allow",
        "Principal": {"AWS": f"arn:aws:iam::{ctx.account_id}:root"},
        "Action": ["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream"],
        "Resource": arn,
    }
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def seed(ctx: SeedContext) -> None:
    kinesis = ctx.client("kinesis", ctx.home)
    for name in (ORDERS_STREAM, AUDIT_STREAM, CLICKSTREAM):
        kinesis.create_stream(StreamName=name, StreamModeDetails={"StreamMode": "ON_DEMAND"})
    kinesis.start_stream_encryption(
        StreamName=ORDERS_STREAM, EncryptionType="KMS", KeyId=ensure_data_key(ctx)
    )
    kinesis.start_stream_encryption(
        StreamName=AUDIT_STREAM, EncryptionType="KMS", KeyId=AWS_MANAGED_KEY
    )
    for name in (ORDERS_STREAM, AUDIT_STREAM):
        kinesis.increase_stream_retention_period(StreamName=name, RetentionPeriodHours=WEEK_HOURS)
    kinesis.add_tags_to_stream(StreamName=ORDERS_STREAM, Tags=TAGS)
    orders = stream_arn(ctx, ORDERS_STREAM)
    kinesis.put_resource_policy(ResourceARN=orders, Policy=_account_policy(ctx, orders))
    clicks = stream_arn(ctx, CLICKSTREAM)
    kinesis.put_resource_policy(
        ResourceARN=clicks, Policy=public_policy(["kinesis:GetRecords"], clicks)
    )
