"""The generated CloudFormation passes cfn-lint and deploys in moto; its role's trust policy,
read back from moto IAM, is one the trust verifier accepts. Hostile values stay data."""

from __future__ import annotations

import dataclasses
import json
import warnings

import pytest
import yaml
from cfnlint.api import lint

from cloudwarden.platform.wif.templates import cloudformation, terraform
from cloudwarden.platform.wif.trust_policy import RoleRef, RoleTrust, WifTrust, trust_policy
from cloudwarden.platform.wif.trust_verifier import parse_document, verify

ACCOUNT = "123456789012"
WIF = WifTrust.of(
    integration_id="int1",
    space_id="space1",
    role_arn=f"arn:aws:iam::{ACCOUNT}:role/scan/CloudwardenScan",
    audience="cloudwarden",
    issuer_url="https://auth.cloudwarden.example",
)
ROLE = RoleTrust(
    RoleRef.parse(f"arn:aws:iam::{ACCOUNT}:role/CloudwardenScan"),
    "cw-abc",
    "arn:aws:iam::999999999999:role/cloudwarden-platform",
)
TRUSTS = {"wif": WIF, "role": ROLE}


@pytest.mark.parametrize("kind", TRUSTS)
def test_the_cloudformation_is_cfn_lint_clean(kind):
    assert [str(m) for m in lint(cloudformation(TRUSTS[kind]), regions=["us-east-1"])] == []


@pytest.mark.parametrize("kind", TRUSTS)
def test_the_cloudformation_deploys_a_role_the_verifier_accepts(aws, kind):
    trust = TRUSTS[kind]
    template = cloudformation(trust)
    cfn, iam = aws.client("cloudformation"), aws.client("iam")
    with warnings.catch_warnings():
        # moto's CloudFormation does not implement AWS::IAM::OIDCProvider (it warns, skips it).
        warnings.simplefilter("ignore", UserWarning)
        cfn.create_stack(
            StackName="cloudwarden", TemplateBody=template, Capabilities=["CAPABILITY_NAMED_IAM"]
        )
    stack = cfn.describe_stacks(StackName="cloudwarden")["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    role = iam.get_role(RoleName=trust.role.name)["Role"]
    assert role["Arn"] == trust.role.arn
    assert verify(parse_document(role["AssumeRolePolicyDocument"]), trust) == []
    assert parse_document(role["AssumeRolePolicyDocument"]) == trust_policy(trust)
    # moto's CloudFormation drops ManagedPolicyArns: the template itself is what pins it.
    properties = yaml.safe_load(template)["Resources"]["ScanRole"]["Properties"]
    assert properties["ManagedPolicyArns"] == ["arn:aws:iam::aws:policy/ReadOnlyAccess"]


def test_the_wif_template_creates_the_provider_of_the_issuer():
    resources = yaml.safe_load(cloudformation(WIF))["Resources"]
    assert resources["OidcProvider"]["Properties"] == {
        "Url": "https://auth.cloudwarden.example",
        "ClientIdList": ["cloudwarden"],
    }
    assert "OidcProvider" not in yaml.safe_load(cloudformation(ROLE))["Resources"]


HOSTILE = 'x"\n: !Ref evil ${aws_iam_role.x} %{ if true }\\'


@pytest.mark.parametrize("audience", [HOSTILE, "!GetAtt Evil.Arn", "- [a, b]", "*"])
def test_hostile_audiences_are_one_string_in_the_cloudformation(audience):
    trust = dataclasses.replace(WIF, audience=audience)
    loaded = yaml.safe_load(cloudformation(trust))
    assert loaded["Resources"]["OidcProvider"]["Properties"]["ClientIdList"] == [audience]
    condition = loaded["Resources"]["ScanRole"]["Properties"]["AssumeRolePolicyDocument"]
    assert condition == trust_policy(trust)


def test_hostile_values_stay_data_in_the_terraform():
    trust = dataclasses.replace(WIF, audience=HOSTILE)
    hcl = terraform(trust)
    assert "${aws_iam_role" not in hcl.replace("$${aws_iam_role", "")
    assert "%{ if" not in hcl.replace("%%{ if", "")
    client_ids = next(line for line in hcl.splitlines() if "client_id_list" in line)
    literal = client_ids.split("= [", 1)[1].removesuffix("]")
    assert json.loads(literal.replace("$${", "${").replace("%%{", "%{")) == HOSTILE


def test_the_terraform_snippet_pins_the_same_policy():
    for trust in TRUSTS.values():
        hcl = terraform(trust)
        line = next(line for line in hcl.splitlines() if "assume_role_policy" in line)
        literal = json.loads(line.split("= ", 1)[1])
        assert json.loads(literal) == trust_policy(trust)
        assert '"arn:aws:iam::aws:policy/ReadOnlyAccess"' in hcl
        assert f'name               = "{trust.role.name}"' in hcl
    assert 'resource "aws_iam_openid_connect_provider"' in terraform(WIF)
    assert "aws_iam_openid_connect_provider" not in terraform(ROLE)
