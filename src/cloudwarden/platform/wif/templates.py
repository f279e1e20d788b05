"""CloudFormation and Terraform that create what an integration's role needs, pinned.

Every value is encoded by a serializer (``yaml.safe_dump``, ``json.dumps`` plus Terraform's
template escapes), never concatenated into the text: a role name or host is input, and the
templates are pasted into the customer's account.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from cloudwarden.platform.wif.trust_policy import Trust, WifTrust, trust_policy

READ_ONLY_POLICY = "ReadOnlyAccess"


def read_only_arn(partition: str) -> str:
    return f"arn:{partition}:iam::aws:policy/{READ_ONLY_POLICY}"


def cloudformation(trust: Trust) -> str:
    """A stack with the role (ReadOnlyAccess, this integration's trust policy) and, for WIF,
    the IAM OIDC identity provider (one per issuer host and account)."""
    resources: dict[str, Any] = {}
    role: dict[str, Any] = {
        "Type": "AWS::IAM::Role",
        "Properties": {
            "RoleName": trust.role.name,
            "Path": trust.role.path,
            "Description": "Read-only scanning by cloudwarden",
            "AssumeRolePolicyDocument": trust_policy(trust),
            "ManagedPolicyArns": [read_only_arn(trust.role.partition)],
        },
    }
    if isinstance(trust, WifTrust):
        resources["OidcProvider"] = {
            "Type": "AWS::IAM::OIDCProvider",
            "Properties": {"Url": trust.issuer_url, "ClientIdList": [trust.audience]},
        }
        role["DependsOn"] = "OidcProvider"
    resources["ScanRole"] = role
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "cloudwarden: the read-only role of one integration",
        "Resources": resources,
        "Outputs": {"RoleArn": {"Value": {"Fn::GetAtt": ["ScanRole", "Arn"]}}},
    }
    return yaml.safe_dump(template, sort_keys=False)


def hcl_string(value: str) -> str:
    """A Terraform string literal: JSON's escapes, and ``${``/``%{`` kept literal."""
    return json.dumps(value, ensure_ascii=False).replace("${", "$${").replace("%{", "%%{")


def terraform(trust: Trust) -> str:
    policy = hcl_string(json.dumps(trust_policy(trust), indent=2))
    blocks = []
    if isinstance(trust, WifTrust):
        blocks.append(
            'resource "aws_iam_openid_connect_provider" "cloudwarden" {\n'
            f"  url            = {hcl_string(trust.issuer_url)}\n"
            f"  client_id_list = [{hcl_string(trust.audience)}]\n"
            "}\n"
        )
    depends = (
        "  depends_on         = [aws_iam_openid_connect_provider.cloudwarden]\n"
        if isinstance(trust, WifTrust)
        else ""
    )
    blocks.append(
        'resource "aws_iam_role" "cloudwarden" {\n'
        f"  name               = {hcl_string(trust.role.name)}\n"
        f"  path               = {hcl_string(trust.role.path)}\n"
        f"  assume_role_policy = {policy}\n"
        f"{depends}"
        "}\n"
    )
    blocks.append(
        'resource "aws_iam_role_policy_attachment" "cloudwarden_read_only" {\n'
        "  role       = aws_iam_role.cloudwarden.name\n"
        f"  policy_arn = {hcl_string(read_only_arn(trust.role.partition))}\n"
        "}\n"
    )
    return "\n".join(blocks)
