"""CloudTrail: a well-configured multi-Region trail in the home region and a stopped,
unvalidated, unencrypted single-Region trail in the second region.

Each trail writes to a bucket of its own, planted here because the S3 seeder runs later. The
main trail's CloudWatch Logs group comes from the Logs seeder (created early if need be).
"""

from __future__ import annotations

import json
import logging

from botocore.exceptions import BotoCoreError, ClientError

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.kms import data_key_arn
from cloudwarden.demo.seed.logs import ensure_trail_log_group

log = logging.getLogger(__name__)

MAIN_TRAIL = "cw-demo-main-trail"
"""Multi-Region, validated, KMS-encrypted, to CloudWatch Logs, logging all management events
and every S3 object event."""
MAIN_BUCKET = "cw-demo-cloudtrail-logs"
MAIN_PREFIX = "main"
EU_TRAIL = "cw-demo-eu-trail"
"""Single-Region, no validation, no encryption, stopped; write-only management events and S3
read events of one bucket (advanced event selectors)."""
EU_BUCKET = "cw-demo-eu-trail-logs"
LOGS_ROLE = "cw-demo-cloudtrail-to-logs"
TAGS = {"owner": "security"}


def role_arn(ctx: SeedContext) -> str:
    return f"arn:aws:iam::{ctx.account_id}:role/{LOGS_ROLE}"


def eu_data_prefix() -> str:
    """The S3 ARN prefix whose read events the EU trail logs."""
    return f"arn:aws:s3:::{EU_BUCKET}/"


def _bucket(ctx: SeedContext, name: str, region: str) -> None:
    s3 = ctx.client("s3", region)
    if region == "us-east-1":
        s3.create_bucket(Bucket=name)
    else:
        s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": region})
    statement = {"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}}
    s3.put_bucket_policy(
        Bucket=name,
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    statement
                    | {
                        "Sid": "AWSCloudTrailAclCheck",
                        "Action": "s3:GetBucketAcl",
                        "Resource": f"arn:aws:s3:::{name}",
                    },
                    statement
                    | {
                        "Sid": "AWSCloudTrailWrite",
                        "Action": "s3:PutObject",
                        "Resource": f"arn:aws:s3:::{name}/AWSLogs/{ctx.account_id}/*",
                        "Condition": {
                            "StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}
                        },
                    },
                ],
            }
        ),
    )


def seed(ctx: SeedContext) -> None:
    try:
        _seed_main(ctx)
        if len(ctx.regions) > 1:
            _seed_eu(ctx, ctx.regions[1])
    except (ClientError, BotoCoreError):  # a seeder must never break the others
        log.exception("the CloudTrail seeder could not plant every trail")


def _seed_main(ctx: SeedContext) -> None:
    _bucket(ctx, MAIN_BUCKET, ctx.home)
    cloudtrail = ctx.client("cloudtrail")
    key = data_key_arn(ctx)
    cloudtrail.create_trail(
        Name=MAIN_TRAIL,
        S3BucketName=MAIN_BUCKET,
        S3KeyPrefix=MAIN_PREFIX,
        IsMultiRegionTrail=True,
        IncludeGlobalServiceEvents=True,
        EnableLogFileValidation=True,
        CloudWatchLogsLogGroupArn=ensure_trail_log_group(ctx),
        CloudWatchLogsRoleArn=role_arn(ctx),
        TagsList=[{"Key": k, "Value": v} for k, v in TAGS.items()],
        **({"KmsKeyId": key} if key else {}),
    )
    cloudtrail.put_event_selectors(
        TrailName=MAIN_TRAIL,
        EventSelectors=[
            {
                "ReadWriteType": "All",
                "IncludeManagementEvents": True,
                "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}],
            }
        ],
    )
    cloudtrail.start_logging(Name=MAIN_TRAIL)


def _seed_eu(ctx: SeedContext, region: str) -> None:
    _bucket(ctx, EU_BUCKET, region)
    cloudtrail = ctx.client("cloudtrail", region)
    cloudtrail.create_trail(Name=EU_TRAIL, S3BucketName=EU_BUCKET)
    cloudtrail.put_event_selectors(
        TrailName=EU_TRAIL,
        AdvancedEventSelectors=[
            {
                "Name": "write-only management events",
                "FieldSelectors": [
                    {"Field": "eventCategory", "Equals": ["Management"]},
                    {"Field": "readOnly", "Equals": ["false"]},
                ],
            },
            {
                "Name": "reads of the trail bucket",
                "FieldSelectors": [
                    {"Field": "eventCategory", "Equals": ["Data"]},
                    {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
                    {"Field": "readOnly", "Equals": ["true"]},
                    {"Field": "resources.ARN", "StartsWith": [eu_data_prefix()]},
                ],
            },
        ],
    )
    cloudtrail.start_logging(Name=EU_TRAIL)
    cloudtrail.stop_logging(Name=EU_TRAIL)
