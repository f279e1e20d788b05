from __future__ import annotations

from typing import Any

import boto3
import pytest

from cloudwarden.aws.credentials import Identity
from cloudwarden.demo.seed import macie2 as planted
from cloudwarden.inventory.errors import ErrorKind
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import find
from tests.support.stubbed_clients import REGION, discover_stubbed, stubbed

TYPE = "aws.macie2.region_settings"


def test_enabled_in_the_home_region(demo_inventory: Inventory) -> None:
    settings = find(demo_inventory, TYPE, "us-east-1")
    doc = settings.document()
    assert doc["enabled"] is True
    assert doc["status"] == "ENABLED"
    assert doc["finding_publishing_frequency"] == planted.PUBLISHING_FREQUENCY
    # moto implements none of the three configuration reads: unknown, never "off".
    assert settings.missing_fields() == {
        "automated_discovery_status",
        "publishes_classification_findings",
        "publishes_policy_findings",
        "results_bucket",
    }


def test_moto_disabled_answer_is_not_read_as_off(demo_inventory: Inventory) -> None:
    # moto answers ResourceNotFoundException once Macie is disabled; AWS answers
    # AccessDeniedException "Macie is not enabled", the only refusal that means "off".
    settings = find(demo_inventory, TYPE, "eu-west-1")
    [error] = settings.document()["collection_errors"]
    assert error["operation"] == "GetMacieSession"
    assert "enabled" in settings.missing_fields()


def test_not_enabled_is_a_value(aws: boto3.Session, identity: Identity) -> None:
    with stubbed(aws, "macie2") as macie:
        macie.add_client_error(
            "get_macie_session", "AccessDeniedException", "Macie is not enabled.", 403
        )
        inventory = discover_stubbed(aws, identity, {("macie2", REGION): macie}, (TYPE,))
    doc = find(inventory, TYPE, REGION).document()
    assert doc["enabled"] is False
    assert doc["status"] is None
    assert doc["collection_errors"] == []


def test_a_denied_session_call_is_an_error(aws: boto3.Session, identity: Identity) -> None:
    with stubbed(aws, "macie2") as macie:
        macie.add_client_error(
            "get_macie_session",
            "AccessDeniedException",
            "User is not authorized to perform: macie2:GetMacieSession",
            403,
        )
        inventory = discover_stubbed(aws, identity, {("macie2", REGION): macie}, (TYPE,))
    settings = find(inventory, TYPE, REGION)
    [error] = settings.document()["collection_errors"]
    assert error["kind"] == ErrorKind.ACCESS_DENIED
    assert "enabled" in settings.missing_fields()


CONFIGURATIONS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "get_automated_discovery_configuration": (
        {"status": "ENABLED"},
        {"automated_discovery_status": "ENABLED"},
    ),
    "get_findings_publication_configuration": (
        {
            "securityHubConfiguration": {
                "publishClassificationFindings": False,
                "publishPolicyFindings": True,
            }
        },
        {"publishes_classification_findings": False, "publishes_policy_findings": True},
    ),
    "get_classification_export_configuration": (
        {
            "configuration": {
                "s3Destination": {
                    "bucketName": "macie-results-123456789012",
                    "kmsKeyArn": "arn:aws:kms:us-east-1:123456789012:key/1234abcd",
                }
            }
        },
        {"results_bucket": "macie-results-123456789012"},
    ),
}
"""Operation -> (its answer, the fields read from it)."""


@pytest.mark.parametrize("operation", sorted(CONFIGURATIONS))
def test_configuration_reads(aws: boto3.Session, identity: Identity, operation: str) -> None:
    answer, expected = CONFIGURATIONS[operation]
    with stubbed(aws, "macie2") as macie:
        macie.add_response(
            "get_macie_session", {"status": "ENABLED", "findingPublishingFrequency": "ONE_HOUR"}
        )
        macie.add_response(operation, answer)
        # One configuration read per discovery: a Stubber answers in order, details run at once.
        inventory = discover_stubbed(
            aws,
            identity,
            {("macie2", REGION): macie},
            (TYPE,),
            needed_fields={TYPE: frozenset({"enabled", *expected})},
        )
    doc = find(inventory, TYPE, REGION).document()
    assert doc["finding_publishing_frequency"] == "ONE_HOUR"
    assert {field: doc[field] for field in expected} == expected
    assert doc["collection_errors"] == []
