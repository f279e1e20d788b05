"""AWS Config: a recorder of everything, recording, with an S3 delivery channel, in the home region
only. The other demo regions have no recorder: the gap a "Config in every region" check catches.
"""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext

RECORDER = "cw-demo-recorder"
DELIVERY_CHANNEL = "cw-demo-delivery"
CONFIG_BUCKET = "cw-demo-config-logs"
KEY_PREFIX = "config"
DELIVERY_FREQUENCY = "TwentyFour_Hours"
ROLE_NAME = "aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"


def role_arn(account_id: str) -> str:
    return f"arn:aws:iam::{account_id}:role/{ROLE_NAME}"


def seed(ctx: SeedContext) -> None:
    home = ctx.home
    s3 = ctx.client("s3", home)
    if home == "us-east-1":
        s3.create_bucket(Bucket=CONFIG_BUCKET)
    else:
        s3.create_bucket(
            Bucket=CONFIG_BUCKET, CreateBucketConfiguration={"LocationConstraint": home}
        )
    # The log bucket itself is kept tidy, so it is no one's example of a bad bucket.
    s3.put_public_access_block(
        Bucket=CONFIG_BUCKET,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )
    s3.put_bucket_encryption(
        Bucket=CONFIG_BUCKET,
        ServerSideEncryptionConfiguration={
            "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
        },
    )

    config = ctx.client("config", home)
    config.put_configuration_recorder(
        ConfigurationRecorder={
            "name": RECORDER,
            "roleARN": role_arn(ctx.account_id),
            "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": True},
        }
    )
    config.put_delivery_channel(
        DeliveryChannel={
            "name": DELIVERY_CHANNEL,
            "s3BucketName": CONFIG_BUCKET,
            "s3KeyPrefix": KEY_PREFIX,
            "configSnapshotDeliveryProperties": {"deliveryFrequency": DELIVERY_FREQUENCY},
        }
    )
    config.start_configuration_recorder(ConfigurationRecorderName=RECORDER)
