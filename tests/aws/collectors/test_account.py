from __future__ import annotations

from typing import Any

import boto3
import pytest
from moto.iam.models import IAMBackend

from cloudwarden.aws.collectors import account as collector
from cloudwarden.aws.credentials import Identity
from cloudwarden.demo.seed import account as planted
from cloudwarden.inventory.errors import ErrorKind
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.scan.discover import DiscoveryScope, discover
from tests.conftest import ACCOUNT_ID, find

ACCOUNT_TYPE = "aws.account"
REPORT_HEADER = (
    "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
    "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
    "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
    "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
    "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
    "cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n"
)
ROOT_ROW = (
    f"<root_account>,arn:aws:iam::{ACCOUNT_ID}:root,2020-01-01T00:00:00+00:00,not_supported,"
    "2024-03-01T10:00:00+00:00,not_supported,not_supported,false,true,"
    "2020-01-02T00:00:00+00:00,2024-02-01T08:00:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,"
    "false,N/A,false,N/A\n"
)


def _account(inventory: Inventory) -> dict[str, Any]:
    return find(inventory, ACCOUNT_TYPE, ACCOUNT_ID).document()


def _only_account(aws: boto3.Session, identity: Identity) -> Inventory:
    return discover(
        aws, identity, DiscoveryScope(resource_types=(ACCOUNT_TYPE,), regions=("us-east-1",))
    )


def test_account_is_one_global_document(demo_inventory: Inventory) -> None:
    assert demo_inventory.errors_for(ACCOUNT_TYPE) == []
    (account,) = demo_inventory.of_type(ACCOUNT_TYPE)
    assert account.region == "global"
    assert account.arn == f"arn:aws:iam::{ACCOUNT_ID}:root"


def test_weak_password_policy(demo_inventory: Inventory) -> None:
    policy = _account(demo_inventory)["password_policy"]
    assert policy["minimum_password_length"] == planted.PASSWORD_MINIMUM_LENGTH
    assert policy["require_symbols"] is False
    assert policy["require_numbers"] is True
    assert policy["expire_passwords"] is False
    assert policy["max_password_age"] is None
    assert policy["password_reuse_prevention"] is None


def test_account_summary(demo_inventory: Inventory) -> None:
    account = _account(demo_inventory)
    assert account["summary"]["AccountMFAEnabled"] == 0
    assert account["account_mfa_enabled"] is False
    assert account["account_access_keys_present"] is False
    assert account["root_mfa_is_virtual"] is False


def test_contacts_and_public_access_block(demo_inventory: Inventory) -> None:
    account = _account(demo_inventory)
    contact = planted.SECURITY_CONTACT
    assert account["security_contact"] == {
        "name": contact["Name"],
        "title": contact["Title"],
        "email_address": contact["EmailAddress"],
        "phone_number": contact["PhoneNumber"],
    }
    assert account["billing_contact"] is None
    assert account["operations_contact"] is None
    assert account["s3_public_access_block"] == {
        "block_public_acls": True,
        "ignore_public_acls": True,
        "block_public_policy": False,
        "restrict_public_buckets": False,
    }


def test_missing_root_row_is_an_error_not_a_clean_root(demo_inventory: Inventory) -> None:
    # moto's credential report has no <root_account> row: the root fields stay null and the
    # account says why. That is the product behaving correctly (a check reads 'error', not 'pass').
    account = _account(demo_inventory)
    for field in collector.ROOT_FIELDS:
        assert account[field] is None
    (error,) = account["collection_errors"]
    assert error["operation"] == "GetCredentialReport"
    assert error["kind"] == ErrorKind.SERVICE_ERROR
    assert error["code"] == "CredentialReportError"
    assert "<root_account>" in error["message"]
    assert tuple(error["fields"]) == collector.ROOT_FIELDS


def test_unconfigured_account_reads_as_absent(aws: boto3.Session, identity: Identity) -> None:
    account = _account(_only_account(aws, identity))
    assert account["password_policy"] is None
    assert account["security_contact"] is None
    assert account["billing_contact"] is None
    assert account["s3_public_access_block"] is None
    assert [e["operation"] for e in account["collection_errors"]] == ["GetCredentialReport"]


def test_root_row_of_the_credential_report(
    aws: boto3.Session, identity: Identity, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(IAMBackend, "get_credential_report", lambda _self: REPORT_HEADER + ROOT_ROW)
    account = _account(_only_account(aws, identity))
    assert account["collection_errors"] == []
    assert account["root_mfa_active"] is False
    assert account["root_access_key_1_active"] is True
    assert account["root_access_key_2_active"] is False
    assert account["root_password_last_used"] == "2024-03-01T10:00:00Z"
    assert account["root_access_key_1_last_used"] == "2024-02-01T08:00:00Z"
    assert account["root_access_key_2_last_used"] is None


class _NeverReadyIam:
    def __init__(self) -> None:
        self.polls = 0

    def generate_credential_report(self) -> dict[str, str]:
        self.polls += 1
        return {"State": "STARTED"}


def test_a_report_that_never_completes_fails_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(collector.time, "sleep", lambda _seconds: None)
    client = _NeverReadyIam()
    with pytest.raises(collector.CredentialReportError, match="not complete"):
        collector.credential_report_root(client, {})
    assert client.polls == collector.REPORT_POLLS
