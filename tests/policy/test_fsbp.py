"""The shipped AWS Foundational Security Best Practices framework: exact mappings only, every
other control not covered with its reason, and how a report shows it.

That every control of the standard is present with its title, in order, is tested with the
other catalogues in test_framework_catalogues.py.
"""

from __future__ import annotations

import pytest

from cloudwarden.policy import loader
from cloudwarden.policy.evaluator import Evaluator
from cloudwarden.report.build import build_report
from cloudwarden.report.model import ControlStatus
from tests.policy.support import NOW, inventory_of, make_resource

BUNDLE = loader.load()
FSBP = BUNDLE.frameworks["aws-fsbp"]


def test_fsbp_names_the_security_hub_standard():
    assert FSBP.name == "AWS Foundational Security Best Practices"
    assert FSBP.version == "1.0.0"
    assert len(FSBP.controls) == 286


def test_every_mapped_check_is_shipped_and_most_controls_are_mapped():
    mapped = [c for c in FSBP.controls if c.checks]
    for control in mapped:
        assert set(control.checks) <= set(BUNDLE.checks), control.id
    assert len(mapped) >= 170


def test_no_control_is_manual_because_aws_decides_each_from_apis():
    assert [c.id for c in FSBP.controls if c.manual is not None] == []


@pytest.mark.parametrize(
    ("control_id", "checks"),
    [
        ("S3.5", {"aws-s3-bucket-ssl-requests-only"}),
        ("S3.1", {"aws-account-s3-public-access-blocked"}),
        ("S3.8", {"aws-s3-bucket-public-access-blocked"}),
        ("IAM.4", {"aws-account-root-no-access-keys"}),
        ("EC2.13", {"aws-ec2-security-group-ssh-restricted"}),
        (
            "IAM.22",
            {"aws-iam-user-unused-password-disabled", "aws-iam-user-unused-access-keys-disabled"},
        ),
        ("RDS.1", {"aws-rds-db-snapshot-not-public", "aws-rds-db-cluster-snapshot-not-public"}),
        ("OpenSearch.2", {"aws-opensearch-domain-in-vpc"}),
        ("ES.2", {"aws-opensearch-domain-in-vpc"}),
    ],
)
def test_controls_map_to_the_checks_that_decide_exactly_them(control_id, checks):
    (control,) = [c for c in FSBP.controls if c.id == control_id]
    assert set(control.checks) == checks


@pytest.mark.parametrize(
    ("control_id", "says"),
    [
        ("IAM.8", "45 days"),  # ours use 45 days; IAM.8 uses 90 (IAM.22 maps them)
        ("EKS.1", "listed networks"),  # ours passes a public endpoint restricted to CIDRs
        ("CloudTrail.3", "stricter"),  # ours asks for a multi-Region trail
        ("AppSync.1", "does not collect AppSync"),
        ("WAF.1", "WAF Classic"),
    ],
)
def test_near_misses_and_uncollected_services_are_not_covered_saying_why(control_id, says):
    (control,) = [c for c in FSBP.controls if c.id == control_id]
    assert control.checks == []
    assert control.not_covered is not None
    assert says in control.not_covered


@pytest.fixture(scope="module")
def report():
    """A report over a small inventory: one TLS-only bucket, one bucket without a TLS policy."""
    deny_insecure = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:*",
                "Resource": ["arn:aws:s3:::tls-only", "arn:aws:s3:::tls-only/*"],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            }
        ],
    }
    inventory = inventory_of(
        make_resource(
            "aws.s3.bucket", {"id": "tls-only", "name": "tls-only", "policy": deny_insecure}
        ),
        make_resource("aws.s3.bucket", {"id": "plain", "name": "plain"}),
    )
    mapped = list(dict.fromkeys(c for control in FSBP.controls for c in control.checks))
    results = Evaluator([BUNDLE.checks[c] for c in mapped]).evaluate(inventory, NOW)
    return build_report(
        inventory,
        BUNDLE,
        results,
        policy_uids=[],
        framework_ids=["aws-fsbp"],
        generated_at=NOW,
    )


def view_control(report, control_id):
    (view,) = report.frameworks
    (found,) = [c for c in view.controls if c.id == control_id]
    return found


def test_the_report_has_the_fsbp_view_with_every_control_in_order(report):
    (view,) = report.frameworks
    assert (view.id, view.name) == ("aws-fsbp", "AWS Foundational Security Best Practices")
    assert [c.id for c in view.controls] == [c.id for c in FSBP.controls]
    assert sum(view.counts.values()) == len(FSBP.controls)
    assert view.counts["not_covered"] == sum(1 for c in FSBP.controls if c.not_covered)
    assert "manual" not in view.counts


def test_a_bucket_without_a_tls_policy_fails_s3_5_and_only_it_is_named(report):
    found = view_control(report, "S3.5")
    assert found.status is ControlStatus.FAIL
    assert found.failing_resources == ["aws.s3.bucket:us-east-1:plain"]
    passed = [
        r.resource_id
        for r in report.results
        if r.check_id == "aws-s3-bucket-ssl-requests-only" and r.status.value == "pass"
    ]
    assert passed == ["tls-only"]


def test_a_control_no_check_decides_is_not_covered_with_its_reason(report):
    found = view_control(report, "S3.7")
    (control,) = [c for c in FSBP.controls if c.id == "S3.7"]
    assert found.status is ControlStatus.NOT_COVERED
    assert found.checks == []
    assert found.reason == control.not_covered


def test_a_mapped_control_with_nothing_to_evaluate_is_an_error_not_a_pass(report):
    found = view_control(report, "Lambda.1")  # no Lambda function in the inventory
    assert found.status is ControlStatus.ERROR
    assert found.reason == "no resource was evaluated"


def test_results_name_the_fsbp_controls_of_their_check(report):
    ssl = [r for r in report.results if r.check_id == "aws-s3-bucket-ssl-requests-only"]
    assert ssl
    for result in ssl:
        assert "aws-fsbp:S3.5" in result.controls
