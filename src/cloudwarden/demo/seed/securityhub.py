"""Security Hub: enabled in the home region with the default standards; off everywhere else.

moto does not emulate the standards APIs (BatchEnableStandards, GetEnabledStandards answer
"Not yet implemented"), so the default standards are asked for at enable time only.
"""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext

TAGS = {"owner": "security"}


def hub_arn(region: str, account_id: str) -> str:
    return f"arn:aws:securityhub:{region}:{account_id}:hub/default"


def seed(ctx: SeedContext) -> None:
    ctx.client("securityhub", ctx.home).enable_security_hub(
        EnableDefaultStandards=True,
        ControlFindingGenerator="SECURITY_CONTROL",
        Tags=TAGS,
    )
