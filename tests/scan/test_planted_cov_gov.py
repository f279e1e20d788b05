"""End to end: the governance services' planted resources get their verdicts from the baseline.

Only these services' seeders run, so the scan stays quick. Where moto lacks an API the verdict
is ``error`` (the scanner must not guess), and the comment says which call.
"""

from __future__ import annotations

import pytest

from cloudwarden.demo.account import DemoAccount, emulated_account
from cloudwarden.demo.seed import cloudformation as cfn
from cloudwarden.demo.seed import ram, ssm
from cloudwarden.policy.results import Status
from cloudwarden.scan.discover import DiscoveryScope
from cloudwarden.scan.pipeline import scan
from tests.support.engine import EMULATOR_ENGINE

ACCOUNT = "123456789012"
HOME = "us-east-1"
IDENTITY_CENTER = "identity-center"
"""Stands for the home region's Identity Center instance, whose ARN moto generates."""
SEEDERS = frozenset(
    {"ssm", "cloudformation", "organizations", "inspector2", "macie2", "ram", "ssoadmin"}
)


def _ssm(kind: str, name: str) -> str:
    return f"arn:aws:ssm:{HOME}:{ACCOUNT}:{kind}{name}"


EXPECTED = [
    ("aws-ssm-document-not-public", _ssm("document/", ssm.PUBLIC_DOCUMENT), Status.FAIL),
    ("aws-ssm-document-not-public", _ssm("document/", ssm.PRIVATE_DOCUMENT), Status.PASS),
    ("aws-ssm-region-session-logging-enabled", HOME, Status.PASS),
    ("aws-ssm-region-session-logging-enabled", "eu-west-1", Status.FAIL),
    ("aws-ssm-region-session-logging-enabled", "ap-southeast-2", Status.FAIL),
    ("aws-ssm-region-session-logs-encrypted", HOME, Status.PASS),
    ("aws-ssm-region-session-data-kms-encrypted", HOME, Status.PASS),
    ("aws-ssm-region-session-data-kms-encrypted", "eu-west-1", Status.FAIL),
    ("aws-ssm-region-session-idle-timeout", HOME, Status.PASS),
    ("aws-ssm-region-session-idle-timeout", "eu-west-1", Status.FAIL),
    ("aws-ssm-region-session-run-as-enabled", HOME, Status.PASS),
    ("aws-ssm-region-session-run-as-enabled", "eu-west-1", Status.FAIL),
    # moto lacks GetServiceSetting.
    ("aws-ssm-region-document-public-sharing-blocked", HOME, Status.ERROR),
    ("aws-ssm-parameter-secret-securestring", _ssm("parameter", ssm.PLAIN_PASSWORD), Status.FAIL),
    (
        "aws-ssm-parameter-secret-securestring",
        _ssm("parameter", ssm.SECURE_TOKEN_CMK),
        Status.PASS,
    ),
    ("aws-ssm-parameter-securestring-cmk", _ssm("parameter", ssm.SECURE_TOKEN_CMK), Status.PASS),
    (
        "aws-ssm-parameter-securestring-cmk",
        _ssm("parameter", ssm.SECURE_KEY_DEFAULT),
        Status.FAIL,
    ),
    # The demo account manages the organization (one document, the account's id).
    ("aws-organizations-account-in-organization", ACCOUNT, Status.PASS),
    ("aws-organizations-all-features-enabled", ACCOUNT, Status.PASS),
    ("aws-organizations-scps-attached", ACCOUNT, Status.PASS),
    ("aws-organizations-scp-restricts-regions", ACCOUNT, Status.PASS),
    ("aws-organizations-scp-denies-leaving", ACCOUNT, Status.FAIL),
    ("aws-organizations-tag-policies-attached", ACCOUNT, Status.FAIL),
    ("aws-organizations-ai-opt-out-policy-attached", ACCOUNT, Status.PASS),
    ("aws-organizations-security-services-delegated", ACCOUNT, Status.FAIL),
    ("aws-organizations-delegated-administrators-active", ACCOUNT, Status.PASS),
    ("aws-organizations-scp-protects-cloudtrail", ACCOUNT, Status.FAIL),
    ("aws-inspector2-region-enabled", HOME, Status.PASS),
    ("aws-inspector2-region-enabled", "eu-west-1", Status.FAIL),
    # moto answers no account where Inspector was never enabled (AWS answers DISABLED).
    ("aws-inspector2-region-enabled", "ap-southeast-2", Status.ERROR),
    ("aws-inspector2-region-ec2-scanning", HOME, Status.PASS),
    ("aws-inspector2-region-ecr-scanning", HOME, Status.PASS),
    ("aws-inspector2-region-lambda-scanning", HOME, Status.FAIL),
    ("aws-inspector2-region-lambda-code-scanning", HOME, Status.FAIL),
    ("aws-inspector2-region-no-active-critical-findings", HOME, Status.PASS),
    ("aws-macie2-region-enabled", HOME, Status.PASS),
    # moto answers ResourceNotFoundException where Macie was disabled (AWS: "not enabled").
    ("aws-macie2-region-enabled", "eu-west-1", Status.ERROR),
    # moto implements no Macie configuration read.
    ("aws-macie2-region-automated-discovery-enabled", HOME, Status.ERROR),
    ("aws-macie2-region-findings-published-to-security-hub", HOME, Status.ERROR),
    ("aws-macie2-region-discovery-results-repository", HOME, Status.ERROR),
]
"""(check, resource id, verdict) of each planted resource."""

BY_NAME = [
    # moto lacks GetPatchBaseline, and omits AllowUnassociatedTargets from GetMaintenanceWindow.
    ("aws-ssm-patch-baseline-rejected-patches-blocked", ssm.STRICT_BASELINE, Status.ERROR),
    ("aws-ssm-patch-baseline-auto-approves-within-14-days", ssm.LAX_BASELINE, Status.ERROR),
    ("aws-ssm-maintenance-window-no-unassociated-targets", ssm.OPEN_WINDOW, Status.ERROR),
    ("aws-cloudformation-stack-termination-protection", cfn.PROTECTED_STACK, Status.PASS),
    ("aws-cloudformation-stack-termination-protection", cfn.BARE_STACK, Status.FAIL),
    ("aws-cloudformation-stack-notifications-configured", cfn.PROTECTED_STACK, Status.PASS),
    ("aws-cloudformation-stack-notifications-configured", cfn.BARE_STACK, Status.FAIL),
    ("aws-cloudformation-stack-service-role", cfn.PROTECTED_STACK, Status.PASS),
    ("aws-cloudformation-stack-service-role", cfn.BARE_STACK, Status.FAIL),
    ("aws-cloudformation-stack-policy-set", cfn.PROTECTED_STACK, Status.PASS),
    ("aws-cloudformation-stack-policy-set", cfn.BARE_STACK, Status.FAIL),
    ("aws-cloudformation-stack-outputs-no-secrets", cfn.PROTECTED_STACK, Status.PASS),
    ("aws-cloudformation-stack-outputs-no-secrets", cfn.BARE_STACK, Status.FAIL),
    ("aws-cloudformation-stack-secret-parameters-no-echo", cfn.PROTECTED_STACK, Status.PASS),
    ("aws-cloudformation-stack-secret-parameters-no-echo", cfn.BARE_STACK, Status.FAIL),
    ("aws-cloudformation-cdk-bootstrap-version-current", cfn.CDK_TOOLKIT_STACK, Status.FAIL),
    ("aws-cloudformation-stack-rollback-enabled", cfn.PROTECTED_STACK, Status.PASS),
    # Planted with DisableRollback, which moto ignores: the stack reads as rolling back.
    ("aws-cloudformation-stack-rollback-enabled", cfn.BARE_STACK, Status.PASS),
    # moto's DescribeStacks has no DriftInformation.
    ("aws-cloudformation-stack-drift-in-sync", cfn.PROTECTED_STACK, Status.ERROR),
    ("aws-ram-resource-share-no-external-principals", ram.INTERNAL_SHARE, Status.PASS),
    ("aws-ram-resource-share-no-external-principals", ram.EXTERNAL_SHARE, Status.FAIL),
    # moto reports the partner association as internal (external: false): a pass here.
    ("aws-ram-resource-share-not-associated-externally", ram.EXTERNAL_SHARE, Status.PASS),
    # One instance, planted with a 12-hour operator set that has an inline admin policy.
    ("aws-ssoadmin-permission-set-session-duration", IDENTITY_CENTER, Status.FAIL),
    ("aws-ssoadmin-permission-set-no-inline-admin", IDENTITY_CENTER, Status.FAIL),
    ("aws-ssoadmin-permission-set-no-inline-policy", IDENTITY_CENTER, Status.FAIL),
]
"""(check, resource name, verdict) for resources whose ids the emulator generates."""


def _generated_ids(account: DemoAccount) -> dict[str, str]:
    """Name -> id of the planted resources whose ids the emulator chose."""
    client = account.session.client("ssm", region_name=HOME, endpoint_url=account.endpoint_url)
    baselines = client.describe_patch_baselines(Filters=[{"Key": "OWNER", "Values": ["Self"]}])
    windows = client.describe_maintenance_windows()
    stacks = account.session.client(
        "cloudformation", region_name=HOME, endpoint_url=account.endpoint_url
    ).describe_stacks()["Stacks"]
    shares = account.session.client(
        "ram", region_name=HOME, endpoint_url=account.endpoint_url
    ).get_resource_shares(resourceOwner="SELF")["resourceShares"]
    [instance] = account.session.client(
        "sso-admin", region_name=HOME, endpoint_url=account.endpoint_url
    ).list_instances()["Instances"]
    return {
        IDENTITY_CENTER: instance["InstanceArn"],
        **{s["StackName"]: s["StackId"] for s in stacks},
        **{s["name"]: s["resourceShareArn"] for s in shares},
        **{b["BaselineName"]: b["BaselineId"] for b in baselines["BaselineIdentities"]},
        **{w["Name"]: w["WindowId"] for w in windows["WindowIdentities"]},
    }


@pytest.fixture(scope="module")
def scanned():
    with emulated_account(only=SEEDERS) as account:
        report = scan(
            account.session,
            account.identity,
            DiscoveryScope(regions=account.regions),
            endpoint_for=account.endpoint_for,
            settings=EMULATOR_ENGINE,
        )
        return report, _generated_ids(account)


@pytest.fixture(scope="module")
def report(scanned):
    return scanned[0]


@pytest.mark.parametrize(("check_id", "resource_id", "status"), EXPECTED)
def test_planted_resource_gets_its_verdict(report, check_id, resource_id, status):
    verdicts = [
        r.status for r in report.results if r.check_id == check_id and r.resource_id == resource_id
    ]
    assert verdicts == [status]


@pytest.mark.parametrize(("check_id", "name", "status"), BY_NAME)
def test_planted_resource_named_gets_its_verdict(scanned, check_id, name, status):
    report, ids = scanned
    verdicts = [
        r.status for r in report.results if r.check_id == check_id and r.resource_id == ids[name]
    ]
    assert verdicts == [status]
