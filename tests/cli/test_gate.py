"""The CI gate fails closed: checks that could not run are not passes."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest

from cloudwarden.demo.emulator import FAKE_ENVIRONMENT, moto_server
from tests.cli.test_cli import cloudwarden
from tests.support.environment import emulated_environment
from tests.support.iam import principal_with_policy

SETUP_CALLS = 3
"""create_user, put_user_policy, create_access_key: made before the emulator enforces IAM."""
IDENTIFY_ONLY = [
    {
        "Effect": "Allow",
        "Action": ["sts:GetCallerIdentity", "ec2:DescribeRegions"],
        "Resource": "*",
    }
]


@pytest.fixture(scope="module")
def denied_everything() -> Iterator[dict[str, str]]:
    """A moto_server enforcing IAM, and credentials that may identify themselves and no more."""
    with pytest.MonkeyPatch.context() as patch, emulated_environment():
        patch.setenv("INITIAL_NO_AUTH_ACTION_COUNT", str(SETUP_CALLS))
        with moto_server() as url:
            patch.setenv("AWS_ENDPOINT_URL", url)
            key = principal_with_policy(
                boto3.Session(region_name="us-east-1"), "blind", IDENTIFY_ONLY
            )
            yield {
                **FAKE_ENVIRONMENT,
                "AWS_SESSION_TOKEN": "",
                "AWS_ACCESS_KEY_ID": key["access_key_id"],
                "AWS_SECRET_ACCESS_KEY": key["secret_access_key"],
                "AWS_ENDPOINT_URL": url,
            }


def scan(env: dict[str, str], *args: str):
    return cloudwarden("scan", "aws", "-r", "us-east-1", "-s", "iam", "-s", "sqs", *args, env=env)


def test_fail_on_counts_checks_that_could_not_run(denied_everything):
    result = scan(denied_everything, "--fail-on", "low")
    assert result.returncode == 1, result.stderr
    assert "could not run ('error'; --allow-errors ignores them)" in result.stderr
    assert "results are error: the scan could not read most of the account" in result.stderr
    assert "check the credentials' permissions (cloudwarden permissions)" in result.stderr


def test_allow_errors_counts_only_failures(denied_everything):
    result = scan(denied_everything, "--fail-on", "low", "--allow-errors", "-q")
    assert result.returncode == 0, result.stderr
    assert "could not read most of the account" in result.stderr  # said, even when quiet
