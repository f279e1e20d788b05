"""SNS: the encrypted security-alerts topic (CIS 4.x alarms notify it, an e-mail subscriber
reads it) and an unencrypted topic whose policy lets anyone publish and subscribe."""

from __future__ import annotations

import json
import logging

from botocore.exceptions import BotoCoreError, ClientError

from cloudwarden.demo.seed import SeedContext, public_policy
from cloudwarden.demo.seed.kms import DATA_ALIAS

log = logging.getLogger(__name__)

ALERTS_TOPIC = "cw-demo-security-alerts"
ALERTS_EMAIL = "security-alerts@example.com"
PUBLIC_TOPIC = "cw-demo-public-topic"
TAGS = {"owner": "security"}


def topic_arn(ctx: SeedContext, name: str) -> str:
    return f"arn:aws:sns:{ctx.home}:{ctx.account_id}:{name}"


def _alerts_policy(ctx: SeedContext) -> str:
    arn = topic_arn(ctx, ALERTS_TOPIC)
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "CloudWatchAlarmsPublish",
                    "Effect": "Allow",
                    "Principal": {"Service": "cloudwatch.amazonaws.com"},
                    "Action": "SNS:Publish",
                    "Resource": arn,
                    "Condition": {"StringEquals": {"aws:SourceAccount": ctx.account_id}},
                },
                {
                    "Sid": "AccountManages",
                    "Effect": "Allow",
                    "Principal": {"AWS": f"arn:aws:iam::{ctx.account_id}:root"},
                    "Action": ["SNS:GetTopicAttributes", "SNS:Subscribe", "SNS:Publish"],
                    "Resource": arn,
                },
            ],
        }
    )


def _public_policy(ctx: SeedContext) -> str:
    return public_policy(["SNS:Publish", "SNS:Subscribe"], topic_arn(ctx, PUBLIC_TOPIC))


def seed(ctx: SeedContext) -> None:
    try:
        _seed(ctx)
    except (ClientError, BotoCoreError):  # a seeder must never break the others
        log.exception("the SNS seeder could not plant everything")


def _seed(ctx: SeedContext) -> None:
    sns = ctx.client("sns")
    alerts = sns.create_topic(
        Name=ALERTS_TOPIC,
        Attributes={
            "DisplayName": "Security alerts",
            "KmsMasterKeyId": DATA_ALIAS,
            "Policy": _alerts_policy(ctx),
        },
        Tags=[{"Key": key, "Value": value} for key, value in TAGS.items()],
    )["TopicArn"]
    sns.subscribe(TopicArn=alerts, Protocol="email", Endpoint=ALERTS_EMAIL)

    sns.create_topic(Name=PUBLIC_TOPIC, Attributes={"Policy": _public_policy(ctx)})
