"""CloudFormation: a well-run stack (termination protection, service role, event notifications,
stack policy, secrets by dynamic reference) and a bare one (a password parameter shown in clear,
a password output, rollback disabled), plus an outdated CDK bootstrap stack.

moto quirks: DescribeStacks has no DriftInformation, so drift checks are ``error`` here; and it
never masks NoEcho parameters, so the well-run stack takes its secret by dynamic reference.
"""

from __future__ import annotations

import json

from cloudwarden.demo.seed import SeedContext, service_role

PROTECTED_STACK = "cw-demo-network-stack"
BARE_STACK = "cw-demo-scratch-stack"
CDK_TOOLKIT_STACK = "CDKToolkit"
OLD_BOOTSTRAP_VERSION = "14"
DEPLOY_ROLE = "cw-demo-cfn-deployer"
EVENTS_TOPIC = "cw-demo-stack-events"
PASSWORD_PARAMETER = "DbPassword"  # noqa: S105 - a parameter name
PASSWORD_OUTPUT = "AdminPassword"  # noqa: S105 - an output name

_PLACEHOLDER = {"Type": "AWS::CloudFormation::WaitConditionHandle"}
"""A resource that creates nothing: the demo's stacks are about their settings."""


def _template(parameters: dict[str, object], outputs: dict[str, object]) -> str:
    return json.dumps(
        {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Parameters": parameters,
            "Resources": {"Handle": _PLACEHOLDER},
            "Outputs": outputs,
        }
    )


def seed(ctx: SeedContext) -> None:
    cloudformation = ctx.client("cloudformation", ctx.home)
    topic = ctx.client("sns", ctx.home).create_topic(
        Name=EVENTS_TOPIC, Attributes={"KmsMasterKeyId": "alias/aws/sns"}
    )["TopicArn"]
    cloudformation.create_stack(
        StackName=PROTECTED_STACK,
        TemplateBody=_template(
            {"Environment": {"Type": "String", "Default": "production"}},
            {"EnvironmentName": {"Value": {"Ref": "Environment"}}},
        ),
        EnableTerminationProtection=True,
        NotificationARNs=[topic],
        RoleARN=service_role(ctx, DEPLOY_ROLE, "cloudformation.amazonaws.com"),
        Tags=[{"Key": "owner", "Value": "network"}],
    )
    cloudformation.set_stack_policy(
        StackName=PROTECTED_STACK,
        StackPolicyBody=json.dumps(
            {
                "Statement": [
                    {"Effect": "Allow", "Action": "Update:*", "Principal": "*", "Resource": "*"},
                    {
                        "Effect": "Deny",
                        "Action": ["Update:Replace", "Update:Delete"],
                        "Principal": "*",
                        "Resource": "*",
                    },
                ]
            }
        ),
    )
    cloudformation.create_stack(
        StackName=BARE_STACK,
        TemplateBody=_template(
            {PASSWORD_PARAMETER: {"Type": "String"}},
            {PASSWORD_OUTPUT: {"Value": {"Ref": PASSWORD_PARAMETER}}},
        ),
        Parameters=[{"ParameterKey": PASSWORD_PARAMETER, "ParameterValue": "cw-demo-pw-0a9c"}],
        DisableRollback=True,
    )
    cloudformation.create_stack(
        StackName=CDK_TOOLKIT_STACK,
        TemplateBody=_template({}, {"BootstrapVersion": {"Value": OLD_BOOTSTRAP_VERSION}}),
        EnableTerminationProtection=True,
    )
