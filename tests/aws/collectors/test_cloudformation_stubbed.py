"""Stack drift as AWS reports it (moto omits DriftInformation), through botocore's Stubber."""

from __future__ import annotations

from datetime import UTC, datetime

import boto3

from cloudwarden.aws.credentials import Identity
from tests.conftest import find
from tests.support.stubbed_clients import REGION, discover_stubbed, stubbed

STACK_ID = "arn:aws:cloudformation:us-east-1:123456789012:stack/prod-db/" + "5e0a9d10-9c2c-11ee"


def test_drift_and_masked_parameters(aws: boto3.Session, identity: Identity) -> None:
    checked = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    with stubbed(aws, "cloudformation") as cloudformation:
        cloudformation.add_response(
            "describe_stacks",
            {
                "Stacks": [
                    {
                        "StackId": STACK_ID,
                        "StackName": "prod-db",
                        "CreationTime": datetime(2025, 1, 5, tzinfo=UTC),
                        "StackStatus": "UPDATE_COMPLETE",
                        "Parameters": [
                            {"ParameterKey": "DbPassword", "ParameterValue": "****"},
                            {"ParameterKey": "Env", "ParameterValue": "production"},
                        ],
                        "Outputs": [{"OutputKey": "Endpoint", "OutputValue": "db.internal"}],
                        "EnableTerminationProtection": True,
                        "DriftInformation": {
                            "StackDriftStatus": "DRIFTED",
                            "LastCheckTimestamp": checked,
                        },
                    }
                ]
            },
        )
        cloudformation.add_response("get_stack_policy", {}, {"StackName": STACK_ID})
        inventory = discover_stubbed(
            aws,
            identity,
            {("cloudformation", REGION): cloudformation},
            ("aws.cloudformation.stack",),
        )
    doc = find(inventory, "aws.cloudformation.stack", STACK_ID).document()
    assert doc["drift_status"] == "DRIFTED"
    assert doc["drift_checked_at"] is not None
    assert doc["parameter_keys"] == ["DbPassword", "Env"]
    assert doc["plaintext_parameter_keys"] == ["Env"]
    assert doc["stack_policy"] is None
    assert doc["collection_errors"] == []
