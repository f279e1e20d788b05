"""S3 buckets: a locked-down one, public ones by policy and by ACL, and plain defaults."""

from __future__ import annotations

import json

from cloudwarden.demo.seed import SeedContext

SECURE = "cw-demo-secure-bucket"
PUBLIC_POLICY = "cw-demo-public-policy-bucket"
PUBLIC_ACL = "cw-demo-public-acl-bucket"
LOGS = "cw-demo-access-logs"
EU_BUCKET = "cw-demo-eu-data"
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


def _create(ctx: SeedContext, name: str, region: str) -> None:
    s3 = ctx.client("s3", region)
    if region == "us-east-1":
        s3.create_bucket(Bucket=name)
    else:
        s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": region})


def seed(ctx: SeedContext) -> None:
    home = ctx.home
    s3 = ctx.client("s3", home)
    _create(ctx, LOGS, home)
    s3.put_bucket_policy(
        Bucket=LOGS,
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "S3ServerAccessLogs",
                        "Effect": "Allow",
                        "Principal": {"Service": "logging.s3.amazonaws.com"},
                        "Action": "s3:PutObject",
                        "Resource": f"arn:aws:s3:::{LOGS}/*",
                    }
                ],
            }
        ),
    )

    _create(ctx, SECURE, home)
    s3.put_public_access_block(
        Bucket=SECURE,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )
    s3.put_bucket_encryption(
        Bucket=SECURE,
        ServerSideEncryptionConfiguration={
            "Rules": [
                {
                    "ApplyServerSideEncryptionByDefault": {
                        "SSEAlgorithm": "aws:kms",
                        "KMSMasterKeyID": "alias/cw-demo-data",
                    },
                    "BucketKeyEnabled": True,
                }
            ]
        },
    )
    s3.put_bucket_versioning(Bucket=SECURE, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_logging(
        Bucket=SECURE,
        BucketLoggingStatus={"LoggingEnabled": {"TargetBucket": LOGS, "TargetPrefix": "secure/"}},
    )
    s3.put_bucket_policy(
        Bucket=SECURE,
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "DenyInsecureTransport",
                        "Effect": "Deny",
                        "Principal": {"AWS": "*"},
                        "Action": "s3:*",
                        "Resource": [f"arn:aws:s3:::{SECURE}", f"arn:aws:s3:::{SECURE}/*"],
                        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                    }
                ],
            }
        ),
    )
    s3.put_bucket_lifecycle_configuration(
        Bucket=SECURE,
        LifecycleConfiguration={
            "Rules": [
                {
                    "ID": "expire-old",
                    "Status": "Enabled",
                    "Filter": {"Prefix": ""},
                    "Expiration": {"Days": 365},
                }
            ]
        },
    )
    s3.put_bucket_tagging(
        Bucket=SECURE, Tagging={"TagSet": [{"Key": "owner", "Value": "security"}]}
    )

    _create(ctx, PUBLIC_POLICY, home)
    s3.put_bucket_policy(
        Bucket=PUBLIC_POLICY,
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": f"arn:aws:s3:::{PUBLIC_POLICY}/*",
                    }
                ],
            }
        ),
    )

    _create(ctx, PUBLIC_ACL, home)
    owner = s3.get_bucket_acl(Bucket=PUBLIC_ACL)["Owner"]
    s3.put_bucket_acl(
        Bucket=PUBLIC_ACL,
        AccessControlPolicy={
            "Owner": owner,
            "Grants": [
                {
                    "Grantee": {"Type": "CanonicalUser", "ID": owner["ID"]},
                    "Permission": "FULL_CONTROL",
                },
                {"Grantee": {"Type": "Group", "URI": ALL_USERS}, "Permission": "READ"},
                {"Grantee": {"Type": "Group", "URI": ALL_USERS}, "Permission": "WRITE"},
            ],
        },
    )

    if len(ctx.regions) > 1:
        _create(ctx, EU_BUCKET, ctx.regions[1])
        ctx.client("s3", ctx.regions[1]).put_bucket_versioning(
            Bucket=EU_BUCKET,
            VersioningConfiguration={"Status": "Suspended"},
        )

    for index in range(ctx.scale * 4):
        region = ctx.regions[index % len(ctx.regions)]
        _create(ctx, f"cw-demo-bulk-{index:05d}", region)
