"""IAM Identity Center: a read-only permission set with a one-hour session and a managed
policy, and an operator set with a twelve-hour session and an inline administrator policy.
"""

from __future__ import annotations

import json

from cloudwarden.demo.seed import SeedContext

READ_ONLY_SET = "cw-demo-read-only"
OPERATOR_SET = "cw-demo-operator"
READ_ONLY_POLICY = "arn:aws:iam::aws:policy/ReadOnlyAccess"
_ADMIN_INLINE = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
}


def seed(ctx: SeedContext) -> None:
    sso = ctx.client("sso-admin", ctx.home)
    instance = sso.list_instances()["Instances"][0]["InstanceArn"]
    read_only = sso.create_permission_set(
        Name=READ_ONLY_SET, InstanceArn=instance, SessionDuration="PT1H"
    )["PermissionSet"]["PermissionSetArn"]
    sso.attach_managed_policy_to_permission_set(
        InstanceArn=instance, PermissionSetArn=read_only, ManagedPolicyArn=READ_ONLY_POLICY
    )
    operator = sso.create_permission_set(
        Name=OPERATOR_SET, InstanceArn=instance, SessionDuration="PT12H"
    )["PermissionSet"]["PermissionSetArn"]
    sso.put_inline_policy_to_permission_set(
        InstanceArn=instance, PermissionSetArn=operator, InlinePolicy=json.dumps(_ADMIN_INLINE)
    )
