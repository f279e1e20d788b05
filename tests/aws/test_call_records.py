"""Every recorded failed call is logged at INFO on the runner's logger, without its parameters."""

from __future__ import annotations

import logging

import boto3
import pytest

from cloudwarden.aws.credentials import CredentialOptions, Identity, open_session
from cloudwarden.scan.discover import DiscoveryScope, discover
from tests.support.iam import iam_enforced, principal_with_policy

RUNNER_LOGGER = "cloudwarden.aws.collectors.runner"


def test_a_recorded_failure_is_logged_with_type_region_call_kind_and_code(
    aws: boto3.Session, identity: Identity, caplog: pytest.LogCaptureFixture
) -> None:
    aws.client("s3").create_bucket(Bucket="cw-logged-secret-name")
    key = principal_with_policy(
        aws,
        "logged-scanner",
        [
            {"Effect": "Allow", "Action": "*", "Resource": "*"},
            {"Effect": "Deny", "Action": "s3:GetBucketPolicy", "Resource": "*"},
            {"Effect": "Deny", "Action": "sqs:ListQueues", "Resource": "*"},
        ],
    )
    scope = DiscoveryScope(services=("s3", "sqs"), regions=("us-east-1",))
    with iam_enforced(), caplog.at_level(logging.INFO, logger=RUNNER_LOGGER):
        session, _ = open_session(CredentialOptions(**key))
        inventory = discover(session, identity, scope)
    lines = [r.getMessage() for r in caplog.records if r.name == RUNNER_LOGGER]
    failures = [line for line in lines if line.startswith("call failed: ")]
    assert (
        "call failed: aws.s3.bucket in global, s3:GetBucketPolicy, access_denied AccessDenied"
        in (failures)
    )
    assert any(
        line.startswith("call failed: aws.sqs.queue in us-east-1, sqs:ListQueues, access_denied ")
        for line in failures
    )
    # One line per recorded failure, and no request parameter (the bucket name) in any.
    assert len(failures) == len(inventory.all_errors())
    assert not [line for line in lines if "cw-logged-secret-name" in line]
