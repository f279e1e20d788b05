"""Firehose (home region): a delivery stream encrypted with the demo KMS key that writes
KMS-encrypted objects and logs its errors, a bare one, and one reading the encrypted Kinesis
stream of the kinesis seeder (when it ran).

moto notes: encryption given at creation is answered without its Status; StartDeliveryStream
Encryption sets it, so the encrypted stream is encrypted after creation, as a migration would.
"""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.kinesis import ORDERS_STREAM, stream_arn
from cloudwarden.demo.seed.kms import ensure_data_key

ORDERS_DELIVERY = "cw-demo-orders-delivery"
RAW_DELIVERY = "cw-demo-raw-delivery"
REPLAY_DELIVERY = "cw-demo-orders-replay"
LANDING_BUCKET = "cw-demo-firehose-landing"
ERROR_LOG_GROUP = "/aws/kinesisfirehose/cw-demo-orders-delivery"
TAGS = [{"Key": "owner", "Value": "data-platform"}]


def seed(ctx: SeedContext) -> None:
    firehose = ctx.client("firehose", ctx.home)
    role = f"arn:aws:iam::{ctx.account_id}:role/cw-demo-firehose-delivery"
    bucket = f"arn:aws:s3:::{LANDING_BUCKET}"
    key = ensure_data_key(ctx)
    firehose.create_delivery_stream(
        DeliveryStreamName=ORDERS_DELIVERY,
        DeliveryStreamType="DirectPut",
        ExtendedS3DestinationConfiguration={
            "RoleARN": role,
            "BucketARN": bucket,
            "Prefix": "orders/",
            "EncryptionConfiguration": {"KMSEncryptionConfig": {"AWSKMSKeyARN": key}},
            "CloudWatchLoggingOptions": {
                "Enabled": True,
                "LogGroupName": ERROR_LOG_GROUP,
                "LogStreamName": "S3Delivery",
            },
        },
        Tags=TAGS,
    )
    firehose.start_delivery_stream_encryption(
        DeliveryStreamName=ORDERS_DELIVERY,
        DeliveryStreamEncryptionConfigurationInput={
            "KeyType": "CUSTOMER_MANAGED_CMK",
            "KeyARN": key,
        },
    )
    firehose.create_delivery_stream(
        DeliveryStreamName=RAW_DELIVERY,
        DeliveryStreamType="DirectPut",
        ExtendedS3DestinationConfiguration={
            "RoleARN": role,
            "BucketARN": bucket,
            "Prefix": "raw/",
        },
    )
    firehose.create_delivery_stream(
        DeliveryStreamName=REPLAY_DELIVERY,
        DeliveryStreamType="KinesisStreamAsSource",
        KinesisStreamSourceConfiguration={
            "KinesisStreamARN": stream_arn(ctx, ORDERS_STREAM),
            "RoleARN": role,
        },
        ExtendedS3DestinationConfiguration={
            "RoleARN": role,
            "BucketARN": bucket,
            "Prefix": "replay/",
            "EncryptionConfiguration": {"KMSEncryptionConfig": {"AWSKMSKeyARN": key}},
        },
    )
