"""The agent's CloudFormation template, generated from code (the platform serves the same one).

One stack per integration, every named resource called ``cloudwarden-agent-<IntegrationId>...``
so the roles can be limited to the stack's own resources by name, and every taggable resource
tagged ``Created By: cloudwarden``. The credentials parameter is not in the stack:
CloudFormation cannot create a SecureString, so the agent writes it at registration (its role
may put, read and delete that one name).
"""

from __future__ import annotations

import json
from typing import Any

from cloudwarden.agent import constants as c
from cloudwarden.agent.permissions import (
    CODE_PREFIX,
    PARAMETERS_PATH,
    STACK_NAME,
    deploy_statements,
    own_resource_statements,
    scanning_policy_documents,
    tagged_delete_statement,
)

Json = dict[str, Any]

FUNCTION_TIMEOUT_SECONDS = 900
FUNCTION_MEMORY_MB = 1024
JOB_VISIBILITY_SECONDS = 6 * FUNCTION_TIMEOUT_SECONDS
"""AWS's advice for a queue feeding Lambda: six times the function's timeout."""
JOB_MAX_RECEIVES = 3
"""A job that failed three times goes to the dead-letter queue instead of looping."""
JOB_CONCURRENCY = 2
"""At most two scan jobs run at once (the lowest the mapping allows): jobs are spread out."""
LOG_RETENTION_DAYS = 14
RESOURCE_CHANGE_PATTERN: Json = {
    "source": [{"prefix": "aws."}],
    "detail-type": ["AWS API Call via CloudTrail"],
}


def sub(pattern: str) -> Json:
    return {"Fn::Sub": pattern}


def ref(name: str) -> Json:
    return {"Ref": name}


def get_att(name: str, attribute: str) -> Json:
    return {"Fn::GetAtt": [name, attribute]}


TAGS = [{"Key": c.TAG_KEY, "Value": c.TAG_VALUE}]
TAG_MAP = {c.TAG_KEY: c.TAG_VALUE}
"""AWS::SSM::Parameter takes its tags as a map, every other type as a list."""


def agent_template(
    version: str,
    code_bucket: str | None = None,
    code_key: str | None = None,
    release_public_key_pem: str = "",
) -> Json:
    """The stack template of agent ``version``.

    ``code_bucket`` is the release bucket (it may contain ``${AWS::Region}``: Lambda reads code
    from a bucket in its own region); None makes it a stack parameter, ``CodeBucket``. The zip
    is ``code_key``, by default ``cloudwarden-agent/<version>/agent.zip``.
    ``release_public_key_pem`` is the Ed25519 key the agent checks release manifests with
    (empty: self-update refuses every release).
    """
    bucket = code_bucket if code_bucket is not None else "${CodeBucket}"
    key = code_key if code_key is not None else f"{CODE_PREFIX}/{version}/agent.zip"
    scan_policies = scanning_policy_documents()
    resources: Json = {}
    for index, document in enumerate(scan_policies, start=1):
        resources[f"ScanPolicy{index}"] = {
            "Type": "AWS::IAM::ManagedPolicy",
            "Properties": {
                "ManagedPolicyName": sub(f"{STACK_NAME}-scan-{index}"),
                "Description": "Read-only calls of a cloudwarden scan (from the collectors).",
                "PolicyDocument": document,
                "Roles": [ref("AgentRole")],
            },
        }
    resources |= _roles(bucket)
    resources |= _function(version, bucket, key, release_public_key_pem)
    resources |= _queues_and_topic()
    resources |= _events()
    resources |= _parameters(version)
    resources["Agent"] = {
        "Type": c.CUSTOM_RESOURCE_TYPE,
        # Created last, deleted first: the agent answers it with everything else in place.
        "DependsOn": sorted(name for name in resources if name != "AgentFunction"),
        "Properties": {
            "ServiceToken": get_att("AgentFunction", "Arn"),
            "RegistrationToken": ref("RegistrationToken"),
            "PlatformUrl": ref("PlatformUrl"),
            "IntegrationId": ref("IntegrationId"),
        },
    }
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": f"cloudwarden agent {version}: scans this account, sends only results.",
        "Parameters": _parameters_section(code_bucket is None),
        "Mappings": {
            "ScanInterval": {
                str(minutes): {"Seconds": minutes * 60} for minutes in c.SCAN_INTERVAL_MINUTES
            }
        },
        "Conditions": {"AllRegions": {"Fn::Equals": [ref("Regions"), ""]}},
        "Resources": resources,
        "Outputs": {
            "FunctionArn": {"Value": get_att("AgentFunction", "Arn")},
            "EventBusArn": {"Value": get_att("CommandBus", "Arn")},
            "JobQueueUrl": {"Value": ref("JobQueue")},
            "LifecycleTopicArn": {"Value": ref("LifecycleTopic")},
        },
    }


def template_json(template: Json) -> str:
    """The template as the platform serves it and the release publishes it (stable bytes)."""
    return json.dumps(template, indent=1, sort_keys=True) + "\n"


def _parameters_section(with_code_bucket: bool) -> Json:
    parameters: Json = {
        "RegistrationToken": {
            "Type": "String",
            "NoEcho": True,
            "MinLength": 1,
            "Description": "The single-use registration token the platform issued (15 min).",
        },
        "PlatformUrl": {
            "Type": "String",
            "AllowedPattern": "^https?://[^\\s]+$",
            "Description": "The platform's base URL; the agent sends results only there.",
        },
        "PlatformAccountId": {
            "Type": "String",
            "AllowedPattern": "^[0-9]{12}$",
            "Description": "The AWS account the platform sends commands from (events:PutEvents).",
        },
        "IntegrationId": {
            "Type": "String",
            "AllowedPattern": "^[A-Za-z0-9-]{1,36}$",
            "Description": "The integration this stack belongs to (names every resource).",
        },
        "ScanIntervalMinutes": {
            "Type": "String",
            "AllowedValues": [str(m) for m in c.SCAN_INTERVAL_MINUTES],
            "Default": str(c.DEFAULT_SCAN_INTERVAL_MINUTES),
            "Description": "Minutes between scheduled full scans.",
        },
        "Regions": {
            "Type": "String",
            "Default": "",
            "Description": "Comma-separated regions to scan; empty: every enabled region.",
        },
    }
    if with_code_bucket:
        parameters["CodeBucket"] = {
            "Type": "String",
            "Description": "The S3 bucket (in this region) holding the agent's release artifacts.",
        }
    return parameters


def _roles(bucket: str) -> Json:
    own = own_resource_statements(bucket)
    return {
        "AgentRole": {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "RoleName": sub(STACK_NAME),
                "Description": "The cloudwarden agent: read-only scans, its own resources.",
                "AssumeRolePolicyDocument": _trust("lambda.amazonaws.com"),
                "Policies": [
                    {
                        "PolicyName": "own-resources",
                        "PolicyDocument": _document([*own, tagged_delete_statement()]),
                    }
                ],
                "Tags": TAGS,
            },
        },
        "DeployRole": {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "RoleName": sub(f"{STACK_NAME}-deploy"),
                "Description": "Taken by CloudFormation when the agent updates its own stack.",
                "AssumeRolePolicyDocument": _trust("cloudformation.amazonaws.com"),
                "Policies": [
                    {
                        "PolicyName": "own-stack",
                        "PolicyDocument": _document(deploy_statements()),
                    }
                ],
                "Tags": TAGS,
            },
        },
    }


def _function(version: str, bucket: str, key: str, release_key: str) -> Json:
    return {
        "AgentLogGroup": {
            "Type": "AWS::Logs::LogGroup",
            "Properties": {
                "LogGroupName": sub(f"/aws/lambda/{STACK_NAME}"),
                "RetentionInDays": LOG_RETENTION_DAYS,
                "Tags": TAGS,
            },
        },
        "AgentFunction": {
            "Type": "AWS::Lambda::Function",
            "DependsOn": ["AgentLogGroup"],
            "Properties": {
                "FunctionName": sub(STACK_NAME),
                "Description": f"cloudwarden agent {version}",
                "Runtime": c.RUNTIME,
                "Handler": c.HANDLER,
                "Role": get_att("AgentRole", "Arn"),
                "Code": {"S3Bucket": _sub_if_pattern(bucket), "S3Key": _sub_if_pattern(key)},
                "Timeout": FUNCTION_TIMEOUT_SECONDS,
                "MemorySize": FUNCTION_MEMORY_MB,
                "Environment": {
                    "Variables": {
                        c.ENV_CONFIG_PARAM: sub(f"/{PARAMETERS_PATH}/config"),
                        c.ENV_CREDENTIALS_PARAM: sub(f"/{PARAMETERS_PATH}/credentials"),
                        c.ENV_STATE_PARAM: sub(f"/{PARAMETERS_PATH}/state"),
                        c.ENV_JOB_QUEUE_URL: ref("JobQueue"),
                        c.ENV_TOPIC_ARN: ref("LifecycleTopic"),
                        c.ENV_STACK_NAME: ref("AWS::StackName"),
                        c.ENV_FUNCTION_NAME: sub(STACK_NAME),
                        c.ENV_DEPLOY_ROLE_ARN: get_att("DeployRole", "Arn"),
                        c.ENV_RELEASE_MANIFEST_URL: sub(
                            f"s3://{bucket}/{CODE_PREFIX}/release.json"
                        ),
                    }
                },
                "Tags": TAGS,
            },
        },
    }


def _queues_and_topic() -> Json:
    return {
        "JobDeadLetterQueue": {
            "Type": "AWS::SQS::Queue",
            "Properties": {
                "QueueName": sub(f"{STACK_NAME}-jobs-dlq"),
                "MessageRetentionPeriod": 14 * 24 * 3600,
                "SqsManagedSseEnabled": True,
                "Tags": TAGS,
            },
        },
        "JobQueue": {
            "Type": "AWS::SQS::Queue",
            "Properties": {
                "QueueName": sub(f"{STACK_NAME}-jobs"),
                "VisibilityTimeout": JOB_VISIBILITY_SECONDS,
                "SqsManagedSseEnabled": True,
                "RedrivePolicy": {
                    "deadLetterTargetArn": get_att("JobDeadLetterQueue", "Arn"),
                    "maxReceiveCount": JOB_MAX_RECEIVES,
                },
                "Tags": TAGS,
            },
        },
        "JobQueueMapping": {
            "Type": "AWS::Lambda::EventSourceMapping",
            "Properties": {
                "EventSourceArn": get_att("JobQueue", "Arn"),
                "FunctionName": ref("AgentFunction"),
                "BatchSize": 1,
                "FunctionResponseTypes": ["ReportBatchItemFailures"],
                "ScalingConfig": {"MaximumConcurrency": JOB_CONCURRENCY},
                "Tags": TAGS,
            },
        },
        "LifecycleTopic": {
            "Type": "AWS::SNS::Topic",
            "Properties": {
                "TopicName": sub(f"{STACK_NAME}-lifecycle"),
                "DisplayName": "cloudwarden agent lifecycle",
                "KmsMasterKeyId": "alias/aws/sns",
                "Tags": TAGS,
            },
        },
    }


def _events() -> Json:
    bus_policy = _document(
        [
            {
                "Sid": "OnlyThePlatformSendsCommands",
                "Effect": "Allow",
                "Principal": {"AWS": sub("arn:${AWS::Partition}:iam::${PlatformAccountId}:root")},
                "Action": "events:PutEvents",
                "Resource": sub(
                    "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/"
                    + STACK_NAME
                ),
            }
        ]
    )
    rules = {
        "CommandRule": {
            "Name": sub(f"{STACK_NAME}-commands"),
            "Description": "Commands from the platform (scan now, ping, update, ...).",
            "EventBusName": get_att("CommandBus", "Name"),
            "EventPattern": {
                "source": [c.PLATFORM_EVENT_SOURCE],
                "account": [ref("PlatformAccountId")],
            },
            "State": "ENABLED",
        },
        "ScheduleRule": {
            "Name": sub(f"{STACK_NAME}-schedule"),
            "Description": "The scheduled full scan.",
            "ScheduleExpression": sub("rate(${ScanIntervalMinutes} minutes)"),
            "State": "ENABLED",
        },
        "ResourceChangeRule": {
            "Name": sub(f"{STACK_NAME}-changes"),
            "Description": "Resource changes (CloudTrail) for targeted rescans; disabled until "
            "event-based scans ship: every write call in the account would invoke the agent.",
            "EventPattern": RESOURCE_CHANGE_PATTERN,
            "State": "DISABLED",
        },
    }
    resources: Json = {
        "CommandBus": {
            "Type": "AWS::Events::EventBus",
            "Properties": {"Name": sub(STACK_NAME), "Policy": bus_policy, "Tags": TAGS},
        }
    }
    for name, properties in rules.items():
        resources[name] = {
            "Type": "AWS::Events::Rule",
            "Properties": {
                **properties,
                "Targets": [{"Id": "agent", "Arn": get_att("AgentFunction", "Arn")}],
                "Tags": TAGS,
            },
        }
        resources[name.removesuffix("Rule") + "Permission"] = {
            "Type": "AWS::Lambda::Permission",
            "Properties": {
                "Action": "lambda:InvokeFunction",
                "FunctionName": ref("AgentFunction"),
                "Principal": "events.amazonaws.com",
                "SourceArn": get_att(name, "Arn"),
            },
        }
    return resources


def _parameters(version: str) -> Json:
    regions = {
        "Fn::If": [
            "AllRegions",
            "[]",
            {
                "Fn::Join": [
                    "",
                    ['["', {"Fn::Join": ['","', {"Fn::Split": [",", ref("Regions")]}]}, '"]'],
                ]
            },
        ]
    }
    config = {
        "Fn::Join": [
            "",
            [
                '{"platform_url": "',
                ref("PlatformUrl"),
                '", "integration_id": "',
                ref("IntegrationId"),
                '", "regions": ',
                regions,
                ', "interval_seconds": ',
                {"Fn::FindInMap": ["ScanInterval", ref("ScanIntervalMinutes"), "Seconds"]},
                f', "version": "{version}"}}',
            ],
        ]
    }
    return {
        "ConfigParameter": {
            "Type": "AWS::SSM::Parameter",
            "Properties": {
                "Name": sub(f"/{PARAMETERS_PATH}/config"),
                "Description": "The cloudwarden agent's configuration.",
                "Type": "String",
                "Value": config,
                "Tags": TAG_MAP,
            },
        },
        "StateParameter": {
            "Type": "AWS::SSM::Parameter",
            "Properties": {
                "Name": sub(f"/{PARAMETERS_PATH}/state"),
                "Description": "State every agent invocation shares (throttling pauses).",
                "Type": "String",
                "Value": json.dumps({"paused_until": None, "throttle_pauses": 0}),
                "Tags": TAG_MAP,
            },
        },
    }


def _trust(service: str) -> Json:
    return _document(
        [{"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]
    )


def _document(statements: list[Json]) -> Json:
    """A policy document whose string Resources are ``Fn::Sub`` patterns where they need one."""
    return {"Version": "2012-10-17", "Statement": [_substituted(s) for s in statements]}


def _substituted(statement: Json) -> Json:
    resources = statement.get("Resource")
    if isinstance(resources, list):
        return {**statement, "Resource": [_sub_if_pattern(r) for r in resources]}
    if isinstance(resources, str):
        return {**statement, "Resource": _sub_if_pattern(resources)}
    return statement


def _sub_if_pattern(value: str) -> Any:
    return sub(value) if "${" in value else value
