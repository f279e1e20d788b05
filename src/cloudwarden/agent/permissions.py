"""The agent role's permissions: the collectors' read-only actions, own resources, tagged deletes.

The scanning actions are never written by hand: they are what the collectors declare
(:func:`cloudwarden.aws.permissions.required_actions`), split into managed policies because one
IAM managed policy holds at most 6,144 characters. Everything else the agent may do is limited
to the resources of its own stack (by name) or, for deletes, to EC2 resources carrying the
``Created By: cloudwarden`` tag.
"""

from __future__ import annotations

import json
from typing import Any

from cloudwarden.agent.constants import TAG_KEY, TAG_VALUE
from cloudwarden.aws.collectors import load_all
from cloudwarden.aws.permissions import required_actions

Json = dict[str, Any]

MANAGED_POLICY_LIMIT = 6144
"""IAM's size limit of a managed policy document, whitespace not counted."""
POLICY_BUDGET = MANAGED_POLICY_LIMIT - 400
"""Room left for the Sid, the CloudFormation intrinsic functions and future growth."""

TAGGED_DELETE_ACTIONS = (
    "autoscaling:DeleteAutoScalingGroup",
    "autoscaling:UpdateAutoScalingGroup",
    "ec2:DeleteLaunchTemplate",
    "ec2:DeleteSnapshot",
    "ec2:DeleteVolume",
    "ec2:DetachVolume",
    "ec2:TerminateInstances",
)
"""What the agent may delete (the run-time EC2 resources it creates), only when tagged by it."""

TAG_CONDITION: Json = {"StringEquals": {f"aws:ResourceTag/{TAG_KEY}": TAG_VALUE}}


def scanning_actions() -> list[str]:
    """Every action a full scan calls, from the collectors' declarations (sorted, unique)."""
    return required_actions(load_all())


def chunk_actions(actions: list[str], budget: int = POLICY_BUDGET) -> list[list[str]]:
    """Split ``actions`` (in order) into groups whose compact JSON stays within ``budget``."""
    chunks: list[list[str]] = []
    current: list[str] = []
    size = 0
    for name in actions:
        cost = len(json.dumps(name)) + 1
        if current and size + cost > budget:
            chunks.append(current)
            current, size = [], 0
        current.append(name)
        size += cost
    if current:
        chunks.append(current)
    return chunks


def scanning_policy_documents() -> list[Json]:
    """The read-only scanning permissions as managed policy documents, each within IAM's limit."""
    return [
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": f"CloudwardenReadOnlyScan{index}",
                    "Effect": "Allow",
                    "Action": chunk,
                    "Resource": "*",
                }
            ],
        }
        for index, chunk in enumerate(chunk_actions(scanning_actions()), start=1)
    ]


def tagged_delete_statement() -> Json:
    """Delete rights on EC2 resources, only those carrying the agent's tag."""
    return {
        "Sid": "DeleteOnlyWhatTheAgentCreated",
        "Effect": "Allow",
        "Action": list(TAGGED_DELETE_ACTIONS),
        "Resource": "*",
        "Condition": TAG_CONDITION,
    }


STACK_NAME = "cloudwarden-agent-${IntegrationId}"
"""The name (a ``Fn::Sub`` pattern) every named resource of the stack starts with."""
PARAMETERS_PATH = "cloudwarden/agent/${IntegrationId}"
CODE_PREFIX = "cloudwarden-agent"
"""Key prefix of the release artifacts (manifest, zips, templates) in the code bucket."""

_REGIONAL = "arn:${AWS::Partition}:%s:${AWS::Region}:${AWS::AccountId}:%s"


def regional_arn(service: str, resource: str) -> str:
    return _REGIONAL % (service, resource)


def iam_arn(resource: str) -> str:
    return "arn:${AWS::Partition}:iam::${AWS::AccountId}:" + resource


FUNCTION_ARN = regional_arn("lambda", "function:" + STACK_NAME)
JOB_QUEUE_ARN = regional_arn("sqs", STACK_NAME + "-jobs")
DEAD_LETTER_QUEUE_ARN = regional_arn("sqs", STACK_NAME + "-jobs-dlq")
TOPIC_ARN = regional_arn("sns", STACK_NAME + "-lifecycle")
BUS_ARN = regional_arn("events", "event-bus/" + STACK_NAME)
LOG_GROUP_ARN = regional_arn("logs", "log-group:/aws/lambda/" + STACK_NAME)
STACK_ARN = regional_arn("cloudformation", "stack/${AWS::StackName}/*")
DEPLOY_ROLE_ARN = iam_arn("role/" + STACK_NAME + "-deploy")


def parameter_arn(leaf: str) -> str:
    return regional_arn("ssm", f"parameter/{PARAMETERS_PATH}/{leaf}")


def own_resource_statements(code_bucket: str) -> list[Json]:
    """What the agent may do to its own stack's resources (``Fn::Sub`` patterns as Resource).

    ``code_bucket`` is the bucket (a ``Fn::Sub`` pattern) the release artifacts come from.
    """
    config, state, credentials = (parameter_arn(n) for n in ("config", "state", "credentials"))
    return [
        _allow("ReadOwnParameters", ["ssm:GetParameter"], [config, state, credentials]),
        _allow("WriteStateAndCredentials", ["ssm:PutParameter"], [state, credentials]),
        _allow(
            "ManageCredentialsParameter",
            ["ssm:DeleteParameter", "ssm:AddTagsToResource"],
            [credentials],
        ),
        _allow(
            "UseOwnQueues",
            [
                "sqs:ChangeMessageVisibility",
                "sqs:DeleteMessage",
                "sqs:GetQueueAttributes",
                "sqs:PurgeQueue",
                "sqs:ReceiveMessage",
                "sqs:SendMessage",
            ],
            [JOB_QUEUE_ARN, DEAD_LETTER_QUEUE_ARN],
        ),
        _allow("PublishLifecycle", ["sns:Publish"], [TOPIC_ARN]),
        _allow(
            "WriteOwnLogs", ["logs:CreateLogStream", "logs:PutLogEvents"], [LOG_GROUP_ARN + ":*"]
        ),
        _allow(
            "ReadReleaseArtifacts",
            ["s3:GetObject"],
            [f"arn:${{AWS::Partition}}:s3:::{code_bucket}/{CODE_PREFIX}/*"],
        ),
        _allow(
            "UpdateOwnCode", ["lambda:GetFunction", "lambda:UpdateFunctionCode"], [FUNCTION_ARN]
        ),
        _allow(
            "UpdateOwnStack",
            ["cloudformation:DescribeStacks", "cloudformation:UpdateStack"],
            [STACK_ARN],
        ),
        {
            **_allow("PassDeployRoleToCloudFormation", ["iam:PassRole"], [DEPLOY_ROLE_ARN]),
            "Condition": {"StringEquals": {"iam:PassedToService": "cloudformation.amazonaws.com"}},
        },
    ]


def deploy_statements() -> list[Json]:
    """What CloudFormation may do, as the deploy role, when the agent updates its stack.

    Limited to the stack's own resources by name; the few actions IAM cannot scope to a
    resource (listing event source mappings) stay on ``*``. The agent's code cannot use these
    rights itself: only CloudFormation can assume the role.
    """
    own_roles = [iam_arn("role/" + STACK_NAME), DEPLOY_ROLE_ARN]
    own_policies = [iam_arn("policy/" + STACK_NAME + "-*")]
    rules = [
        regional_arn("events", "rule/" + STACK_NAME + "-*"),
        regional_arn("events", "rule/" + STACK_NAME + "/*"),
    ]
    return [
        _allow("ManageOwnFunction", ["lambda:*"], [FUNCTION_ARN]),
        _allow(
            "ManageEventSourceMappings",
            [
                "lambda:CreateEventSourceMapping",
                "lambda:DeleteEventSourceMapping",
                "lambda:GetEventSourceMapping",
                "lambda:ListEventSourceMappings",
                "lambda:ListTags",
                "lambda:TagResource",
                "lambda:UntagResource",
                "lambda:UpdateEventSourceMapping",
            ],
            ["*"],
        ),
        _allow("ManageOwnQueues", ["sqs:*"], [JOB_QUEUE_ARN, DEAD_LETTER_QUEUE_ARN]),
        _allow("ManageOwnTopic", ["sns:*"], [TOPIC_ARN]),
        _allow("ManageOwnBusAndRules", ["events:*"], [BUS_ARN, *rules]),
        _allow("ManageOwnParameters", ["ssm:*"], [parameter_arn("*")]),
        _allow("ManageOwnLogGroup", ["logs:*"], [LOG_GROUP_ARN, LOG_GROUP_ARN + ":*"]),
        _allow(
            "ManageOwnRoles",
            [
                "iam:AttachRolePolicy",
                "iam:DeleteRolePolicy",
                "iam:DetachRolePolicy",
                "iam:GetRole",
                "iam:GetRolePolicy",
                "iam:ListAttachedRolePolicies",
                "iam:ListRolePolicies",
                "iam:PassRole",
                "iam:PutRolePolicy",
                "iam:TagRole",
                "iam:UntagRole",
                "iam:UpdateAssumeRolePolicy",
                "iam:UpdateRole",
            ],
            own_roles,
        ),
        _allow(
            "ManageOwnPolicies",
            [
                "iam:CreatePolicy",
                "iam:CreatePolicyVersion",
                "iam:DeletePolicy",
                "iam:DeletePolicyVersion",
                "iam:GetPolicy",
                "iam:GetPolicyVersion",
                "iam:ListPolicyVersions",
            ],
            own_policies,
        ),
    ]


def _allow(sid: str, actions: list[str], resources: list[str]) -> Json:
    return {"Sid": sid, "Effect": "Allow", "Action": actions, "Resource": resources}


PLACEHOLDERS = ("AWS::Region", "AWS::AccountId", "AWS::StackName", "IntegrationId", "CodeBucket")


def with_placeholders(value: Any) -> Any:
    """``Fn::Sub`` patterns made readable for the published file: ``${IntegrationId}`` ->
    ``<IntegrationId>``, ``${AWS::Region}`` -> ``<Region>``, ``${AWS::Partition}`` -> ``aws``."""
    if isinstance(value, dict):
        return {key: with_placeholders(item) for key, item in value.items()}
    if isinstance(value, list):
        return [with_placeholders(item) for item in value]
    if isinstance(value, str):
        text = value.replace("${AWS::Partition}", "aws")
        for name in (
            "AWS::Region",
            "AWS::AccountId",
            "AWS::StackName",
            "IntegrationId",
            "CodeBucket",
        ):
            text = text.replace("${" + name + "}", "<" + name.removeprefix("AWS::") + ">")
        return text
    return value


def permissions_document() -> Json:
    """The published permissions file: what the stack's two roles may do, in plain IAM JSON.

    ``AgentRole`` is the Lambda function's role; ``DeployRole`` is the role CloudFormation takes
    when the agent updates its own stack. The scanning statement is one list here (the template
    splits it into managed policies of IAM's size limit).
    """
    agent = [
        {
            "Sid": "CloudwardenReadOnlyScan",
            "Effect": "Allow",
            "Action": scanning_actions(),
            "Resource": "*",
        },
        tagged_delete_statement(),
        *own_resource_statements("${CodeBucket}"),
    ]
    document: Json = with_placeholders(
        {
            "AgentRole": {"Version": "2012-10-17", "Statement": agent},
            "DeployRole": {"Version": "2012-10-17", "Statement": deploy_statements()},
        }
    )
    return document
