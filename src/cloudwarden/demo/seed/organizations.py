"""Organizations: the demo account is the management account of an organization with all
features, a region-restricting SCP on the root, an AI services opt-out policy on the root, a tag
policy that is written but attached nowhere, and a security account that administers GuardDuty
(but not Security Hub) as delegated administrator.
"""

from __future__ import annotations

import json

from cloudwarden.demo.seed import SeedContext

REGION_SCP = "cw-demo-allowed-regions"
TAG_POLICY = "cw-demo-cost-center-tags"
AI_OPT_OUT_POLICY = "cw-demo-ai-opt-out"
SECURITY_ACCOUNT = "cw-demo-security"
SECURITY_ACCOUNT_EMAIL = "security@cw-demo.example.com"
DELEGATED_SERVICE = "guardduty.amazonaws.com"
ALLOWED_REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"]

_REGION_SCP = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "DenyOutsideAllowedRegions",
            "Effect": "Deny",
            "NotAction": ["iam:*", "organizations:*", "sts:*", "support:*", "cloudfront:*"],
            "Resource": "*",
            "Condition": {"StringNotEquals": {"aws:RequestedRegion": ALLOWED_REGIONS}},
        }
    ],
}
_TAG_POLICY = {"tags": {"costcenter": {"tag_key": {"@@assign": "CostCenter"}}}}
_AI_OPT_OUT = {"services": {"default": {"opt_out_policy": {"@@assign": "optOut"}}}}


def seed(ctx: SeedContext) -> None:
    organizations = ctx.client("organizations", ctx.home)
    organizations.create_organization(FeatureSet="ALL")
    root = organizations.list_roots()["Roots"][0]["Id"]
    for policy_type in ("SERVICE_CONTROL_POLICY", "TAG_POLICY", "AISERVICES_OPT_OUT_POLICY"):
        organizations.enable_policy_type(RootId=root, PolicyType=policy_type)
    scp = organizations.create_policy(
        Name=REGION_SCP,
        Description="Deny regional services outside the approved regions",
        Type="SERVICE_CONTROL_POLICY",
        Content=json.dumps(_REGION_SCP),
    )["Policy"]["PolicySummary"]["Id"]
    organizations.attach_policy(PolicyId=scp, TargetId=root)
    organizations.create_policy(
        Name=TAG_POLICY,
        Description="Cost center tag (not attached yet)",
        Type="TAG_POLICY",
        Content=json.dumps(_TAG_POLICY),
    )
    opt_out = organizations.create_policy(
        Name=AI_OPT_OUT_POLICY,
        Description="Opt out of AI services content use",
        Type="AISERVICES_OPT_OUT_POLICY",
        Content=json.dumps(_AI_OPT_OUT),
    )["Policy"]["PolicySummary"]["Id"]
    organizations.attach_policy(PolicyId=opt_out, TargetId=root)
    status = organizations.create_account(
        AccountName=SECURITY_ACCOUNT, Email=SECURITY_ACCOUNT_EMAIL
    )["CreateAccountStatus"]
    organizations.register_delegated_administrator(
        AccountId=status["AccountId"], ServicePrincipal=DELEGATED_SERVICE
    )
