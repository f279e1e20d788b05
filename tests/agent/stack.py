"""Deploying the agent's stack into moto: the shared helper of the template and update tests."""

from __future__ import annotations

import copy
import io
import json
import zipfile
from typing import Any

import boto3

from cloudwarden.agent.template import agent_template

REGION = "us-east-1"
BUCKET = "cloudwarden-releases"
INTEGRATION_ID = "0f3c9a7e5b2d4c1a8e6f7a9b0c1d2e3f"
PLATFORM_ACCOUNT_ID = "111122223333"
STACK = "cloudwarden-agent"
PARAMETERS = {
    "RegistrationToken": "registration-token-value",
    "PlatformUrl": "https://platform.example",
    "PlatformAccountId": PLATFORM_ACCOUNT_ID,
    "IntegrationId": INTEGRATION_ID,
    "ScanIntervalMinutes": "60",
    "Regions": "us-east-1,eu-west-1",
}
NAME = f"cloudwarden-agent-{INTEGRATION_ID}"


def zip_bytes(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def for_moto(template: dict[str, Any]) -> dict[str, Any]:
    """The one change moto needs: it reads AWS::SSM::Parameter Tags as a list, CloudFormation
    (and cfn-lint) as a map (docs/moto-gaps.md). Everything else is deployed as generated."""
    adapted = copy.deepcopy(template)
    for resource in adapted["Resources"].values():
        if resource["Type"] == "AWS::SSM::Parameter":
            tags = resource["Properties"]["Tags"]
            resource["Properties"]["Tags"] = [{"Key": k, "Value": v} for k, v in tags.items()]
    return adapted


def deploy(version: str = "0.1.0") -> dict[str, Any]:
    """Put the release zip in S3 and create the stack of ``version``; returns the template."""
    s3 = boto3.client("s3", region_name=REGION)
    s3.create_bucket(Bucket=BUCKET)
    key = f"cloudwarden-agent/{version}/agent.zip"
    s3.put_object(Bucket=BUCKET, Key=key, Body=zip_bytes({"cloudwarden/__init__.py": ""}))
    template = agent_template(version, BUCKET)
    boto3.client("cloudformation", region_name=REGION).create_stack(
        StackName=STACK,
        TemplateBody=json.dumps(for_moto(template)),
        Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in PARAMETERS.items()],
        Capabilities=["CAPABILITY_NAMED_IAM"],
    )
    return template
