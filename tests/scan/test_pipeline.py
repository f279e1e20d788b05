"""End to end: scan the seeded account with the shipped baseline; planted problems are found."""

from __future__ import annotations

import pytest

from cloudwarden.demo.account import DemoAccount
from cloudwarden.demo.seed import iam, rds
from cloudwarden.demo.seed import s3 as planted_s3
from cloudwarden.policy.results import Status
from cloudwarden.report.model import Report
from cloudwarden.scan.discover import DiscoveryScope
from cloudwarden.scan.pipeline import scan
from tests.support.engine import EMULATOR_ENGINE

ACCOUNT = "123456789012"
EXPECTED = [
    ("aws-s3-bucket-policy-not-public", planted_s3.PUBLIC_POLICY, Status.FAIL),
    ("aws-s3-bucket-acl-not-public", planted_s3.PUBLIC_ACL, Status.FAIL),
    ("aws-s3-bucket-public-access-blocked", planted_s3.SECURE, Status.PASS),
    ("aws-s3-bucket-ssl-requests-only", planted_s3.SECURE, Status.PASS),
    ("aws-iam-user-console-mfa-enabled", iam.ADMIN_USER, Status.FAIL),
    ("aws-iam-user-console-mfa-enabled", iam.GOOD_USER, Status.PASS),
    ("aws-iam-group-has-members", iam.EMPTY_GROUP, Status.FAIL),
    ("aws-iam-group-has-members", iam.GOOD_GROUP, Status.PASS),
    ("aws-iam-role-cross-account-trust-external-id", iam.TRUST_NO_EXTERNAL_ID_ROLE, Status.FAIL),
    ("aws-iam-role-cross-account-trust-external-id", iam.TRUST_EXTERNAL_ID_ROLE, Status.PASS),
    ("aws-rds-db-instance-not-publicly-accessible", rds.PUBLIC_MYSQL, Status.FAIL),
    ("aws-rds-db-instance-not-publicly-accessible", rds.PRIVATE_POSTGRES, Status.PASS),
    ("aws-rds-db-snapshot-not-public", rds.PUBLIC_SNAPSHOT, Status.FAIL),
    ("aws-rds-db-snapshot-not-public", rds.PRIVATE_SNAPSHOT, Status.PASS),
    ("aws-account-password-policy-min-length", ACCOUNT, Status.FAIL),
    # moto's credential report has no root row: the check must say so, never pass.
    ("aws-account-root-not-recently-used", ACCOUNT, Status.ERROR),
]


@pytest.fixture(scope="module")
def report(demo_account: DemoAccount) -> Report:
    return scan(
        demo_account.session,
        demo_account.identity,
        DiscoveryScope(regions=demo_account.regions),
        endpoint_for=demo_account.endpoint_for,
        settings=EMULATOR_ENGINE,
    )


@pytest.mark.parametrize(("check_id", "resource_id", "status"), EXPECTED)
def test_planted_configuration_gets_its_verdict(report, check_id, resource_id, status):
    verdicts = [
        r.status for r in report.results if r.check_id == check_id and r.resource_id == resource_id
    ]
    assert verdicts == [status]


def test_errors_name_the_call_that_failed(report):
    errors = [r for r in report.results if r.status is Status.ERROR]
    assert errors
    assert all(
        r.reason.startswith(("not collected: ", "listing failed: ", "needs ")) for r in errors
    )


def test_every_selected_check_ran(report):
    assert {r.check_id for r in report.results} >= {check for check, _, _ in EXPECTED}
    assert report.policies[0].uid == "aws-security-baseline"
    assert report.assets[0].resource_type == "aws.account"
    assert report.grade != "-"
