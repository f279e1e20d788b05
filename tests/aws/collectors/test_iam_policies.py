"""IAM policies, server certificates and identity providers (collectors/iam_policies.py)."""

from __future__ import annotations

import json

import boto3
import pytest

from cloudwarden.aws.credentials import Identity
from cloudwarden.demo.seed import iam as planted
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.scan.discover import DiscoveryScope, discover
from tests.aws.collectors.test_iam import ALLOW_ALL_STATEMENT, _doc, _policy_arn
from tests.conftest import ACCOUNT_ID


def test_customer_managed_policies(demo_inventory: Inventory) -> None:
    admin = _doc(demo_inventory, "aws.iam.policy", _policy_arn(planted.ADMIN_POLICY))
    assert admin["name"] == planted.ADMIN_POLICY
    assert admin["aws_managed"] is False
    assert admin["default_version_id"] == "v1"
    assert admin["policy_document"]["Statement"] == [ALLOW_ALL_STATEMENT]
    assert admin["attachment_count"] == 1
    assert admin["attached_roles"] == [planted.TRUST_NO_EXTERNAL_ID_ROLE]
    assert admin["collection_errors"] == []
    narrow = _doc(demo_inventory, "aws.iam.policy", _policy_arn(planted.LEAST_PRIVILEGE_POLICY))
    assert narrow["policy_document"] == planted.READ_LOGS
    assert narrow["attached_groups"] == [planted.GOOD_GROUP]
    assert narrow["is_attachable"] is True
    assert narrow["tags"] == {"owner": "security"}
    assert narrow["collection_errors"] == []


def test_attached_aws_managed_policies_are_listed(demo_inventory: Inventory) -> None:
    arn = f"arn:aws:iam::aws:policy/{planted.AWS_ADMINISTRATOR_ACCESS}"
    admin = _doc(demo_inventory, "aws.iam.policy", arn)
    assert admin["aws_managed"] is True
    assert admin["policy_document"]["Statement"] == [ALLOW_ALL_STATEMENT]
    assert admin["attached_roles"] == [planted.TRUST_NO_EXTERNAL_ID_ROLE]
    assert admin["collection_errors"] == []
    shell = _doc(
        demo_inventory,
        "aws.iam.policy",
        f"arn:aws:iam::aws:policy/{planted.AWS_CLOUDSHELL_FULL_ACCESS}",
    )
    assert shell["attached_users"] == [planted.ADMIN_USER]
    for policy in demo_inventory.of_type("aws.iam.policy"):
        if policy.aws_managed:  # type: ignore[attr-defined]
            assert policy.attachment_count > 0  # type: ignore[attr-defined]


def test_server_certificate(demo_inventory: Inventory) -> None:
    cert = _doc(demo_inventory, "aws.iam.server_certificate", planted.SERVER_CERTIFICATE)
    assert (
        cert["arn"] == f"arn:aws:iam::{ACCOUNT_ID}:server-certificate/{planted.SERVER_CERTIFICATE}"
    )
    assert cert["server_certificate_id"]
    # moto ignores the certificate body and reports fixed dates (uploaded 2010, expired 2012).
    assert cert["upload_date"] is not None
    assert cert["expiration"] is not None
    assert cert["collection_errors"] == []


def test_identity_providers(demo_inventory: Inventory) -> None:
    saml_arn = f"arn:aws:iam::{ACCOUNT_ID}:saml-provider/{planted.SAML_PROVIDER}"
    saml = _doc(demo_inventory, "aws.iam.saml_provider", saml_arn)
    assert saml["name"] == planted.SAML_PROVIDER
    assert saml["valid_until"] is not None
    assert saml["create_date"] is not None
    oidc_arn = f"arn:aws:iam::{ACCOUNT_ID}:oidc-provider/{planted.OIDC_URL}"
    oidc = _doc(demo_inventory, "aws.iam.oidc_provider", oidc_arn)
    assert oidc["url"] == planted.OIDC_URL
    assert oidc["client_ids"] == ["sts.amazonaws.com"]
    assert oidc["thumbprints"] == [planted.OIDC_THUMBPRINT]
    assert oidc["tags"] == {"ci": "github"}
    assert oidc["collection_errors"] == []


def test_unattached_aws_managed_policies_are_not_listed(
    aws: boto3.Session, identity: Identity, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Load moto's whole catalogue of AWS managed policies (before IAM is first called).
    monkeypatch.setenv("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
    iam = aws.client("iam")
    iam.create_role(
        RoleName="auditor",
        AssumeRolePolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "ec2.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                    }
                ],
            }
        ),
    )
    iam.attach_role_policy(RoleName="auditor", PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")
    inventory = discover(
        aws,
        identity,
        DiscoveryScope(resource_types=("aws.iam.policy",), regions=("us-east-1",)),
    )
    assert inventory.errors_for("aws.iam.policy") == []
    policies = list(inventory.of_type("aws.iam.policy"))
    assert [p.id for p in policies] == ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    assert policies[0].attached_roles == ["auditor"]  # type: ignore[attr-defined]
