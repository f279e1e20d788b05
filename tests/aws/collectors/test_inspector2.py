from __future__ import annotations

import boto3

from cloudwarden.aws.credentials import Identity
from cloudwarden.inventory.errors import ErrorKind
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import ACCOUNT_ID, find
from tests.support.stubbed_clients import REGION, discover_stubbed, stubbed

TYPE = "aws.inspector2.region_settings"


def test_enabled_with_some_scan_types(demo_inventory: Inventory) -> None:
    doc = find(demo_inventory, TYPE, "us-east-1").document()
    assert doc["status"] == "ENABLED"
    assert doc["ec2_scanning"] == "ENABLED"
    assert doc["ecr_scanning"] == "ENABLED"
    assert doc["lambda_scanning"] == "DISABLED"
    assert doc["lambda_code_scanning"] == "DISABLED"
    assert doc["active_critical_findings"] == 0
    assert doc["collection_errors"] == []


def test_disabled_is_a_value(demo_inventory: Inventory) -> None:
    doc = find(demo_inventory, TYPE, "eu-west-1").document()
    assert doc["status"] == "DISABLED"
    assert doc["active_critical_findings"] is None  # not asked where Inspector is off
    assert doc["collection_errors"] == []


def test_an_answer_without_the_account_is_not_collected(demo_inventory: Inventory) -> None:
    # moto answers no account where Inspector was never enabled; AWS answers DISABLED.
    settings = find(demo_inventory, TYPE, "ap-southeast-2")
    [error] = settings.document()["collection_errors"]
    assert error["operation"] == "BatchGetAccountStatus"
    assert "status" in settings.missing_fields()


def _state(status: str) -> dict[str, str]:
    # The model requires errorCode and errorMessage on every state, even a healthy one.
    return {"status": status, "errorCode": "ALREADY_ENABLED", "errorMessage": "Already enabled."}


def _account_status(status: str) -> dict[str, object]:
    resources = {key: _state(status) for key in ("ec2", "ecr", "lambda", "lambdaCode")}
    return {
        "accounts": [
            {
                "accountId": ACCOUNT_ID,
                "state": _state(status),
                "resourceState": {**resources, "lambda": _state("DISABLED")},
            }
        ]
    }


def test_critical_findings_are_counted(aws: boto3.Session, identity: Identity) -> None:
    finding = {
        "awsAccountId": ACCOUNT_ID,
        "description": "A vulnerable OpenSSL package is installed.",
        "findingArn": f"arn:aws:inspector2:us-east-1:{ACCOUNT_ID}:finding/0123456789abcdef",
        "firstObservedAt": "2026-11-01T00:00:00Z",
        "lastObservedAt": "2026-11-30T00:00:00Z",
        "remediation": {"recommendation": {"text": "Update openssl."}},
        "resources": [{"id": "i-0123456789abcdef0", "type": "AWS_EC2_INSTANCE"}],
        "severity": "CRITICAL",
        "status": "ACTIVE",
        "type": "PACKAGE_VULNERABILITY",
    }
    with stubbed(aws, "inspector2") as inspector:
        inspector.add_response(
            "batch_get_account_status", _account_status("ENABLED"), {"accountIds": [ACCOUNT_ID]}
        )
        inspector.add_response("list_findings", {"findings": [finding, finding]})
        inventory = discover_stubbed(aws, identity, {("inspector2", REGION): inspector}, (TYPE,))
    doc = find(inventory, TYPE, REGION).document()
    assert doc["status"] == "ENABLED"
    assert doc["lambda_scanning"] == "DISABLED"
    assert doc["active_critical_findings"] == 2


def test_a_denied_status_call_is_an_error(aws: boto3.Session, identity: Identity) -> None:
    with stubbed(aws, "inspector2") as inspector:
        inspector.add_client_error(
            "batch_get_account_status", "AccessDeniedException", "not authorized", 403
        )
        inventory = discover_stubbed(aws, identity, {("inspector2", REGION): inspector}, (TYPE,))
    settings = find(inventory, TYPE, REGION)
    [error] = settings.document()["collection_errors"]
    assert error["kind"] == ErrorKind.ACCESS_DENIED
    assert settings.missing_fields() >= {"status", "ec2_scanning"}
