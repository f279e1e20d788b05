"""The agent's stack: cfn-lint clean, deployed in moto, tagged, least privilege."""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path

import boto3
import cfnlint
import pytest
from cfnlint.api import ManualArgs, lint
from moto import mock_aws

from cloudwarden.agent import constants as c
from cloudwarden.agent.permissions import MANAGED_POLICY_LIMIT, TAGGED_DELETE_ACTIONS
from cloudwarden.agent.template import agent_template, template_json
from cloudwarden.aws.collectors import load_all
from cloudwarden.aws.permissions import required_actions
from tests.agent.stack import NAME, PLATFORM_ACCOUNT_ID, REGION, STACK, deploy
from tests.support.environment import emulated_environment

ACCOUNT = "123456789012"
SCHEMAS = Path(cfnlint.__file__).parent / "data" / "schemas"

MOTO_DROPS_TAGS = {
    "AWS::Lambda::Function": "moto's CloudFormation create_function ignores Tags",
    "AWS::Lambda::EventSourceMapping": "moto's mapping has no tags",
    "AWS::Events::EventBus": "moto's CloudFormation create_event_bus ignores Tags",
    "AWS::SNS::Topic": "moto's CloudFormation create_topic ignores Tags",
}
"""Types whose Tags moto's CloudFormation drops; for them the template itself is checked."""


def taggable(resource_type: str) -> bool:
    """Whether CloudFormation can tag the type, from the resource schemas cfn-lint ships."""
    index = json.loads((SCHEMAS / "providers" / "us-east-1.json").read_text())
    schema = json.loads((SCHEMAS / "resources" / f"{index[resource_type]}.json").read_text())
    return bool(schema.get("tagging", {}).get("taggable"))


@pytest.fixture
def deployed() -> Iterator[dict]:
    with emulated_environment(), mock_aws(config={"lambda": {"use_docker": False}}):
        yield deploy()


@pytest.mark.parametrize("bucket", [None, "cloudwarden-releases-${AWS::Region}"])
def test_the_template_passes_cfn_lint(bucket):
    text = template_json(agent_template("0.1.0", bucket))
    matches = lint(text, config=ManualArgs(regions=["us-east-1", "eu-west-1"]))
    assert [str(m) for m in matches] == []


def test_every_taggable_resource_declares_the_tag():
    template = agent_template("0.1.0", "bucket")
    untagged = []
    for name, resource in template["Resources"].items():
        if resource["Type"].startswith("Custom::") or not taggable(resource["Type"]):
            continue
        tags = resource["Properties"].get("Tags")
        as_map = tags if isinstance(tags, dict) else {t["Key"]: t["Value"] for t in tags or []}
        if as_map.get(c.TAG_KEY) != c.TAG_VALUE:
            untagged.append(name)
    assert untagged == []


def test_every_resource_of_the_template_is_created_in_moto(deployed):
    cloudformation = boto3.client("cloudformation", region_name=REGION)
    summaries = cloudformation.list_stack_resources(StackName=STACK)["StackResourceSummaries"]
    created = {s["LogicalResourceId"]: s["ResourceStatus"] for s in summaries}
    assert created == dict.fromkeys(deployed["Resources"], "CREATE_COMPLETE")
    # The stack itself waits for the agent's answer to its custom resource (the handler's part).
    stack = cloudformation.describe_stacks(StackName=STACK)["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_IN_PROGRESS"


def test_the_function_runs_the_agent_handler_with_its_resources(deployed):
    function = boto3.client("lambda", region_name=REGION).get_function(FunctionName=NAME)
    configuration = function["Configuration"]
    assert (configuration["Runtime"], configuration["Handler"]) == (c.RUNTIME, c.HANDLER)
    variables = configuration["Environment"]["Variables"]
    queue_url = boto3.client("sqs", region_name=REGION).get_queue_url(QueueName=f"{NAME}-jobs")
    assert variables[c.ENV_JOB_QUEUE_URL] == queue_url["QueueUrl"]
    assert variables[c.ENV_TOPIC_ARN] == f"arn:aws:sns:{REGION}:{ACCOUNT}:{NAME}-lifecycle"
    assert variables[c.ENV_STACK_NAME] == STACK
    assert variables[c.ENV_CREDENTIALS_PARAM].endswith("/credentials")
    ssm = boto3.client("ssm", region_name=REGION)
    config = json.loads(ssm.get_parameter(Name=variables[c.ENV_CONFIG_PARAM])["Parameter"]["Value"])
    assert config == {
        "platform_url": "https://platform.example",
        "integration_id": NAME.removeprefix("cloudwarden-agent-"),
        "regions": ["us-east-1", "eu-west-1"],
        "interval_seconds": 3600,
        "version": "0.1.0",
    }
    state = json.loads(ssm.get_parameter(Name=variables[c.ENV_STATE_PARAM])["Parameter"]["Value"])
    assert state == {"paused_until": None, "throttle_pauses": 0}


def test_no_secret_is_created_by_the_stack():
    """CloudFormation cannot create a SecureString: the agent writes its credentials itself."""
    template = agent_template("0.1.0", "bucket")
    parameters = [r for r in template["Resources"].values() if r["Type"] == "AWS::SSM::Parameter"]
    assert {p["Properties"]["Type"] for p in parameters} == {"String"}
    assert not any(p["Properties"]["Name"]["Fn::Sub"].endswith("credentials") for p in parameters)
    assert template["Parameters"]["RegistrationToken"]["NoEcho"] is True


def test_the_job_queue_feeds_the_function_and_fails_over_to_the_dead_letter_queue(deployed):
    sqs = boto3.client("sqs", region_name=REGION)
    url = sqs.get_queue_url(QueueName=f"{NAME}-jobs")["QueueUrl"]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    redrive = json.loads(attributes["RedrivePolicy"])
    assert redrive["deadLetterTargetArn"] == f"arn:aws:sqs:{REGION}:{ACCOUNT}:{NAME}-jobs-dlq"
    assert int(attributes["VisibilityTimeout"]) >= 900
    mappings = boto3.client("lambda", region_name=REGION).list_event_source_mappings(
        FunctionName=NAME
    )["EventSourceMappings"]
    assert [m["EventSourceArn"] for m in mappings] == [attributes["QueueArn"]]


def test_the_rules_invoke_the_function(deployed):
    events = boto3.client("events", region_name=REGION)
    function_arn = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{NAME}"
    command = events.describe_rule(Name=f"{NAME}-commands", EventBusName=NAME)
    assert json.loads(command["EventPattern"]) == {
        "source": [c.PLATFORM_EVENT_SOURCE],
        "account": [PLATFORM_ACCOUNT_ID],
    }
    schedule = events.describe_rule(Name=f"{NAME}-schedule")
    assert schedule["ScheduleExpression"] == "rate(60 minutes)"
    change = events.describe_rule(Name=f"{NAME}-changes")
    assert json.loads(change["EventPattern"])["detail-type"] == ["AWS API Call via CloudTrail"]
    for rule, bus in (
        (f"{NAME}-commands", NAME),
        (f"{NAME}-schedule", None),
        (change["Name"], None),
    ):
        kwargs = {"Rule": rule, **({"EventBusName": bus} if bus else {})}
        targets = events.list_targets_by_rule(**kwargs)["Targets"]
        assert [t["Arn"] for t in targets] == [function_arn]


def test_only_the_platform_account_may_put_events_on_the_bus():
    bus = agent_template("0.1.0", "bucket")["Resources"]["CommandBus"]["Properties"]
    [statement] = bus["Policy"]["Statement"]
    assert statement["Effect"] == "Allow"
    assert statement["Action"] == "events:PutEvents"
    assert statement["Principal"] == {
        "AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${PlatformAccountId}:root"}
    }
    assert statement["Resource"]["Fn::Sub"].endswith(
        ":event-bus/cloudwarden-agent-${IntegrationId}"
    )


def test_the_deployed_resources_carry_the_tag(deployed):
    tag = {"Key": c.TAG_KEY, "Value": c.TAG_VALUE}
    iam = boto3.client("iam", region_name=REGION)
    for role in (NAME, f"{NAME}-deploy"):
        assert tag in iam.list_role_tags(RoleName=role)["Tags"]
    sqs = boto3.client("sqs", region_name=REGION)
    for queue in (f"{NAME}-jobs", f"{NAME}-jobs-dlq"):
        url = sqs.get_queue_url(QueueName=queue)["QueueUrl"]
        assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {c.TAG_KEY: c.TAG_VALUE}
    events = boto3.client("events", region_name=REGION)
    for rule in (f"{NAME}/{NAME}-commands", f"{NAME}-schedule", f"{NAME}-changes"):
        arn = f"arn:aws:events:{REGION}:{ACCOUNT}:rule/{rule}"
        assert tag in events.list_tags_for_resource(ResourceARN=arn)["Tags"]
    ssm = boto3.client("ssm", region_name=REGION)
    for leaf in ("config", "state"):
        name = f"/cloudwarden/agent/{NAME.removeprefix('cloudwarden-agent-')}/{leaf}"
        tags = ssm.list_tags_for_resource(ResourceType="Parameter", ResourceId=name)["TagList"]
        assert tag in tags
    logs = boto3.client("logs", region_name=REGION)
    group = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/aws/lambda/{NAME}"
    assert logs.list_tags_for_resource(resourceArn=group)["tags"] == {c.TAG_KEY: c.TAG_VALUE}
    checked = {
        "AWS::IAM::Role",
        "AWS::SQS::Queue",
        "AWS::Events::Rule",
        "AWS::SSM::Parameter",
        "AWS::Logs::LogGroup",
    }
    taggable_types = {
        r["Type"]
        for r in deployed["Resources"].values()
        if not r["Type"].startswith("Custom::") and taggable(r["Type"])
    }
    assert taggable_types == checked | set(MOTO_DROPS_TAGS)


def _role_statements(role: str) -> list[dict]:
    iam = boto3.client("iam", region_name=REGION)
    statements = []
    for name in iam.list_role_policies(RoleName=role)["PolicyNames"]:
        document = iam.get_role_policy(RoleName=role, PolicyName=name)["PolicyDocument"]
        statements += _parsed(document)["Statement"]
    return statements


def _parsed(document: dict | str) -> dict:
    """moto returns an inline policy created by CloudFormation as the repr of a dict."""
    if isinstance(document, dict):
        return document
    try:
        return json.loads(document)
    except json.JSONDecodeError:
        return ast.literal_eval(document)


def _actions(statement: dict) -> list[str]:
    action = statement["Action"]
    return [action] if isinstance(action, str) else action


def test_deletes_are_allowed_only_on_resources_carrying_the_tag(deployed):
    statements = _role_statements(NAME)
    deleting = [s for s in statements if set(_actions(s)) & set(TAGGED_DELETE_ACTIONS)]
    assert len(deleting) == 1
    assert sorted(_actions(deleting[0])) == sorted(TAGGED_DELETE_ACTIONS)
    assert deleting[0]["Condition"] == {
        "StringEquals": {f"aws:ResourceTag/{c.TAG_KEY}": c.TAG_VALUE}
    }
    assert {"ec2:TerminateInstances", "autoscaling:DeleteAutoScalingGroup"} <= set(
        TAGGED_DELETE_ACTIONS
    )


def test_the_agent_role_reaches_only_its_own_resources(deployed):
    unconditioned = [
        s for s in _role_statements(NAME) if "Condition" not in s and s["Resource"] != "*"
    ]
    for statement in unconditioned:
        for arn in statement["Resource"]:
            if arn.startswith("arn:aws:s3:::"):
                assert arn == "arn:aws:s3:::cloudwarden-releases/cloudwarden-agent/*"
                assert _actions(statement) == ["s3:GetObject"]
            else:
                assert NAME in arn or "cloudwarden/agent/" in arn or ":stack/" in arn, arn
    assert all("Condition" in s for s in _role_statements(NAME) if s["Resource"] == ["*"])


def test_the_scanning_permissions_are_exactly_what_the_collectors_declare(deployed):
    iam = boto3.client("iam", region_name=REGION)
    attached = iam.list_attached_role_policies(RoleName=NAME)["AttachedPolicies"]
    actions: list[str] = []
    for policy in attached:
        arn = policy["PolicyArn"]
        version = iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"]
        document = iam.get_policy_version(PolicyArn=arn, VersionId=version)["PolicyVersion"]
        body = _parsed(document["Document"])
        assert len(json.dumps(body, separators=(",", ":"))) <= MANAGED_POLICY_LIMIT
        for statement in body["Statement"]:
            assert statement["Resource"] == "*"
            actions += _actions(statement)
    assert sorted(actions) == required_actions(load_all())
    assert len(actions) == len(set(actions))
