"""GuardDuty: an enabled detector with protection plans in the home region, a suspended
(disabled) detector in the second region, and no detector in the third.
"""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext

TAGS = {"owner": "security"}
HOME_FREQUENCY = "FIFTEEN_MINUTES"


def seed(ctx: SeedContext) -> None:
    ctx.client("guardduty", ctx.home).create_detector(
        Enable=True,
        FindingPublishingFrequency=HOME_FREQUENCY,
        # moto ignores the MalwareProtection data source, so it is not asked for here.
        DataSources={"S3Logs": {"Enable": True}, "Kubernetes": {"AuditLogs": {"Enable": True}}},
        Features=[
            {"Name": "RDS_LOGIN_EVENTS", "Status": "ENABLED"},
            {
                "Name": "EKS_RUNTIME_MONITORING",
                "Status": "ENABLED",
                "AdditionalConfiguration": [{"Name": "EKS_ADDON_MANAGEMENT", "Status": "ENABLED"}],
            },
        ],
        Tags=TAGS,
    )
    if len(ctx.regions) > 1:
        ctx.client("guardduty", ctx.regions[1]).create_detector(Enable=False)
