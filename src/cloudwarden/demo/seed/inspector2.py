"""Inspector: enabled for EC2 and ECR (not Lambda) in the home region, switched off again in the
second region, never touched in the third.

moto answers BatchGetAccountStatus with no account at all for a region where Inspector was
never enabled (AWS answers DISABLED): the third region's checks are therefore ``error``.
"""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext

HOME_SCAN_TYPES = ["EC2", "ECR"]
ALL_SCAN_TYPES = ["EC2", "ECR", "LAMBDA", "LAMBDA_CODE"]


def seed(ctx: SeedContext) -> None:
    ctx.client("inspector2", ctx.home).enable(
        accountIds=[ctx.account_id], resourceTypes=HOME_SCAN_TYPES
    )
    if len(ctx.regions) > 1:
        disabled = ctx.client("inspector2", ctx.regions[1])
        disabled.enable(accountIds=[ctx.account_id], resourceTypes=["EC2"])
        disabled.disable(accountIds=[ctx.account_id], resourceTypes=ALL_SCAN_TYPES)
