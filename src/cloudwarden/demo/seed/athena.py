"""Athena (home region): an analytics workgroup that enforces KMS-encrypted results and
publishes metrics, and an ad-hoc one that lets clients choose (no encryption, no metrics).
Every region also has the built-in 'primary' workgroup, left with AWS's defaults."""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.kms import ensure_data_key

ANALYTICS_WORKGROUP = "cw-demo-analytics"
ADHOC_WORKGROUP = "cw-demo-adhoc"
RESULTS_BUCKET = "s3://cw-demo-athena-results"


def seed(ctx: SeedContext) -> None:
    athena = ctx.client("athena", ctx.home)
    athena.create_work_group(
        Name=ANALYTICS_WORKGROUP,
        Description="curated analytics",
        Configuration={
            "ResultConfiguration": {
                "OutputLocation": f"{RESULTS_BUCKET}/analytics/",
                "EncryptionConfiguration": {
                    "EncryptionOption": "SSE_KMS",
                    "KmsKey": ensure_data_key(ctx),
                },
            },
            "EnforceWorkGroupConfiguration": True,
            "PublishCloudWatchMetricsEnabled": True,
        },
        Tags=[{"Key": "owner", "Value": "data-platform"}],
    )
    athena.create_work_group(
        Name=ADHOC_WORKGROUP,
        Description="ad-hoc queries",
        Configuration={
            "ResultConfiguration": {"OutputLocation": f"{RESULTS_BUCKET}/adhoc/"},
            "EnforceWorkGroupConfiguration": False,
            "PublishCloudWatchMetricsEnabled": False,
        },
    )
