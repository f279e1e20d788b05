"""End to end: the IAM privilege, Lambda environment secret, S3 (SSE-KMS, ACLs disabled) and
unattached EBS volume checks, on an emulated account planted with one good and one bad resource
for each.

One account (moto in-process), two scans of the same checks: one with full read access, where
every planted resource gets its verdict, and one by a scanner whose IAM policy denies the calls
these checks need, where every verdict is ``error`` (never ``pass``) and names the denied call.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from io import BytesIO
from typing import Any

import boto3
import pytest
from moto import mock_aws

from cloudwarden.aws.credentials import CredentialOptions, Identity, open_session
from cloudwarden.policy.evaluator import Evaluator
from cloudwarden.policy.results import Status
from cloudwarden.report.model import Report
from cloudwarden.scan.discover import DiscoveryScope, discover
from cloudwarden.scan.pipeline import PolicySelection, Selected, scan, select
from tests.support.engine import EMULATOR_ENGINE
from tests.support.environment import emulated_environment
from tests.support.iam import iam_enforced, principal_with_policy

ACCOUNT = "123456789012"
REGION = "us-east-1"
ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess"
READ_ONLY_ARN = "arn:aws:iam::aws:policy/ReadOnlyAccess"
PASS, FAIL, ERROR = Status.PASS, Status.FAIL, Status.ERROR

PLANTED_SECRET = "Zq8#vR2!" + "mK9pL4xW7tY1"
"""A password in the bad function's environment (assembled, so the repository holds none
verbatim): no report or document may contain it."""

GOOD_USER, BAD_USER = "cw-fam-user-least", "cw-fam-user-admin"
ESCALATING_USER = "cw-fam-user-escalates"
GOOD_GROUP, BAD_GROUP = "cw-fam-group-readers", "cw-fam-group-admins"
GOOD_ROLE, BAD_ROLE = "cw-fam-role-app", "cw-fam-role-admin"
GOOD_POLICY, BAD_POLICY = "cw-fam-policy-scoped", "cw-fam-policy-escalates"
STAR_POLICY = "cw-fam-policy-star"
GOOD_FUNCTION, BAD_FUNCTION = "cw-fam-fn-clean", "cw-fam-fn-leaky"
GOOD_BUCKET, BAD_BUCKET = "cw-fam-bucket-kms-enforced", "cw-fam-bucket-aes-acls"
GOOD_VOLUME, BAD_VOLUME = "cw-fam-volume-encrypted", "cw-fam-volume-plain"


def _arn(policy: str) -> str:
    return f"arn:aws:iam::{ACCOUNT}:policy/{policy}"


def _document(*statements: dict[str, object]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


SCOPED = _document(
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"},
    {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": f"arn:aws:iam::{ACCOUNT}:role/x"},
)
STAR = _document({"Effect": "Allow", "Action": "*", "Resource": "*"})
ESCALATES = _document(
    {"Effect": "Allow", "Action": ["iam:PassRole", "lambda:CreateFunction"], "Resource": "*"},
    {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"},
)
INLINE_GOOD = _document({"Effect": "Allow", "Action": "logs:*", "Resource": "*"})
INLINE_BAD = _document(
    {"Effect": "Allow", "Action": "iam:Put*", "Resource": "*"},
    {"Effect": "Allow", "Action": "sts:*", "Resource": "arn:aws:iam::*:role/*"},
)
LAMBDA_TRUST = _document(
    {
        "Effect": "Allow",
        "Principal": {"Service": "lambda.amazonaws.com"},
        "Action": "sts:AssumeRole",
    }
)

EXPECTED = [
    # Full administrator rights: AWS's AdministratorAccess, a customer "*:*" policy, inline.
    ("aws-iam-user-no-attached-admin-policy", GOOD_USER, PASS),
    ("aws-iam-user-no-attached-admin-policy", BAD_USER, FAIL),
    ("aws-iam-user-no-attached-admin-policy", ESCALATING_USER, FAIL),
    ("aws-iam-group-no-attached-admin-policy", GOOD_GROUP, PASS),
    ("aws-iam-group-no-attached-admin-policy", BAD_GROUP, FAIL),
    ("aws-iam-role-no-attached-admin-policy", GOOD_ROLE, PASS),
    ("aws-iam-role-no-attached-admin-policy", BAD_ROLE, FAIL),
    ("aws-iam-user-inline-policy-no-full-admin", GOOD_USER, PASS),
    ("aws-iam-user-inline-policy-no-full-admin", BAD_USER, FAIL),
    # Privilege escalation and sts:AssumeRole on every role.
    ("aws-iam-policy-no-privilege-escalation", _arn(GOOD_POLICY), PASS),
    ("aws-iam-policy-no-privilege-escalation", _arn(BAD_POLICY), FAIL),
    ("aws-iam-policy-no-privilege-escalation", _arn(STAR_POLICY), FAIL),
    ("aws-iam-policy-no-assume-any-role", _arn(GOOD_POLICY), PASS),
    ("aws-iam-policy-no-assume-any-role", _arn(BAD_POLICY), FAIL),
    ("aws-iam-user-inline-policy-no-privilege-escalation", GOOD_USER, PASS),
    ("aws-iam-user-inline-policy-no-privilege-escalation", ESCALATING_USER, FAIL),
    ("aws-iam-group-inline-policy-no-privilege-escalation", GOOD_GROUP, PASS),
    ("aws-iam-group-inline-policy-no-privilege-escalation", BAD_GROUP, FAIL),
    ("aws-iam-role-inline-policy-no-privilege-escalation", GOOD_ROLE, PASS),
    ("aws-iam-role-inline-policy-no-privilege-escalation", BAD_ROLE, FAIL),
    ("aws-iam-user-inline-policy-no-assume-any-role", GOOD_USER, PASS),
    ("aws-iam-user-inline-policy-no-assume-any-role", ESCALATING_USER, FAIL),
    ("aws-iam-group-inline-policy-no-assume-any-role", GOOD_GROUP, PASS),
    ("aws-iam-group-inline-policy-no-assume-any-role", BAD_GROUP, FAIL),
    ("aws-iam-role-inline-policy-no-assume-any-role", GOOD_ROLE, PASS),
    ("aws-iam-role-inline-policy-no-assume-any-role", BAD_ROLE, FAIL),
    # Lambda, S3, EBS.
    ("aws-lambda-function-no-secrets-in-environment", GOOD_FUNCTION, PASS),
    ("aws-lambda-function-no-secrets-in-environment", BAD_FUNCTION, FAIL),
    ("aws-s3-bucket-default-encryption-kms", GOOD_BUCKET, PASS),
    ("aws-s3-bucket-default-encryption-kms", BAD_BUCKET, FAIL),
    ("aws-s3-bucket-acls-disabled", GOOD_BUCKET, PASS),
    ("aws-s3-bucket-acls-disabled", BAD_BUCKET, FAIL),
    ("aws-ec2-volume-unattached-encrypted", GOOD_VOLUME, PASS),
    ("aws-ec2-volume-unattached-encrypted", BAD_VOLUME, FAIL),
]
CHECKS = frozenset(check for check, _, _ in EXPECTED)

DENIED_CALLS = (
    "iam:GetPolicyVersion",
    "iam:ListAttachedUserPolicies",
    "iam:ListAttachedGroupPolicies",
    "iam:ListAttachedRolePolicies",
    "iam:GetUserPolicy",
    "iam:GetGroupPolicy",
    "iam:GetRolePolicy",
    "lambda:ListFunctions",
    "s3:GetEncryptionConfiguration",
    # moto authorizes GetBucketEncryption and GetBucketOwnershipControls as s3:ListBucket (its
    # default for a bucket GET it has no action for); AWS's actions are the ones above.
    "s3:ListBucket",
    "s3:GetBucketOwnershipControls",
    "ec2:DescribeVolumes",
)
"""What the second scanner may not call: every check above then lacks the data it reads."""


def _these_checks() -> Selected:
    baseline = select(PolicySelection(policies=("aws-security-baseline",)))
    checks = [check for check in baseline.checks if check.id in CHECKS]
    return Selected(baseline.bundle, checks, baseline.policy_uids, [], Evaluator(checks))


def _plant_iam(iam: Any) -> None:
    for name, document in ((GOOD_POLICY, SCOPED), (BAD_POLICY, ESCALATES), (STAR_POLICY, STAR)):
        iam.create_policy(PolicyName=name, PolicyDocument=document)
    principals = (
        ("user", GOOD_USER, [_arn(GOOD_POLICY)], INLINE_GOOD),
        ("user", BAD_USER, [ADMIN_ARN], STAR),
        ("user", ESCALATING_USER, [_arn(STAR_POLICY)], INLINE_BAD),
        ("group", GOOD_GROUP, [READ_ONLY_ARN], INLINE_GOOD),
        ("group", BAD_GROUP, [ADMIN_ARN], INLINE_BAD),
        ("role", GOOD_ROLE, [_arn(GOOD_POLICY)], INLINE_GOOD),
        ("role", BAD_ROLE, [ADMIN_ARN], INLINE_BAD),
    )
    for kind, name, attached, inline in principals:
        key = {f"{kind.title()}Name": name}
        extra = {"AssumeRolePolicyDocument": LAMBDA_TRUST} if kind == "role" else {}
        getattr(iam, f"create_{kind}")(**key, **extra)
        for arn in attached:
            getattr(iam, f"attach_{kind}_policy")(**key, PolicyArn=arn)
        getattr(iam, f"put_{kind}_policy")(**key, PolicyName="inline", PolicyDocument=inline)


def _zip() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return event\n")
    return buffer.getvalue()


def _plant_services(session: boto3.Session) -> dict[str, str]:
    """Functions, buckets and volumes; returns volume name -> id (volume ids are generated)."""
    role = session.client("iam").get_role(RoleName=GOOD_ROLE)["Role"]["Arn"]
    lam = session.client("lambda")
    for name, variables in (
        (
            GOOD_FUNCTION,
            {
                "LOG_LEVEL": "info",
                "DB_PASSWORD_SECRET_ARN": f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:db",
            },
        ),
        (BAD_FUNCTION, {"LOG_LEVEL": "info", "DB_PASSWORD": PLANTED_SECRET}),
    ):
        lam.create_function(
            FunctionName=name,
            Runtime="python3.12",
            Role=role,
            Handler="handler.handler",
            Code={"ZipFile": _zip()},
            Environment={"Variables": variables},
        )
    s3 = session.client("s3")
    kms_key = session.client("kms").create_key()["KeyMetadata"]["Arn"]
    for bucket, algorithm, ownership in (
        (
            GOOD_BUCKET,
            {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": kms_key},
            "BucketOwnerEnforced",
        ),
        (BAD_BUCKET, {"SSEAlgorithm": "AES256"}, "ObjectWriter"),
    ):
        s3.create_bucket(Bucket=bucket)
        s3.put_bucket_encryption(
            Bucket=bucket,
            ServerSideEncryptionConfiguration={
                "Rules": [{"ApplyServerSideEncryptionByDefault": algorithm}]
            },
        )
        s3.put_bucket_ownership_controls(
            Bucket=bucket, OwnershipControls={"Rules": [{"ObjectOwnership": ownership}]}
        )
    ec2 = session.client("ec2")
    volumes = {}
    for name, encrypted in ((GOOD_VOLUME, True), (BAD_VOLUME, False)):
        volume = ec2.create_volume(
            AvailabilityZone=f"{REGION}a",
            Size=8,
            Encrypted=encrypted,
            TagSpecifications=[
                {"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": name}]}
            ],
        )
        volumes[name] = volume["VolumeId"]
    return volumes


@dataclass(frozen=True)
class Scanned:
    allowed: Report
    denied: Report
    ids: dict[str, str]
    """Planted name -> resource id, where the id is generated (volumes)."""
    lambda_documents: list[dict[str, Any]]

    def verdicts(self, report: Report, check_id: str, resource: str) -> list[Status]:
        resource_id = self.ids.get(resource, resource)
        return [
            r.status
            for r in report.results
            if r.check_id == check_id and r.resource_id == resource_id
        ]


@pytest.fixture(scope="module")
def scanned() -> Scanned:
    identity = Identity(ACCOUNT, f"arn:aws:iam::{ACCOUNT}:user/cw-fam-scanner", "AIDAFAMSCAN")
    scope = DiscoveryScope(regions=(REGION,))
    selected = _these_checks()
    with emulated_environment(), mock_aws():
        session = boto3.Session(region_name=REGION)
        _plant_iam(session.client("iam"))
        ids = _plant_services(session)
        allowed = scan(session, identity, scope, selected, settings=EMULATOR_ENGINE)
        inventory = discover(
            session, identity, DiscoveryScope(regions=(REGION,), services=("lambda",))
        )
        key = principal_with_policy(
            session,
            "cw-fam-denied-scanner",
            [
                {"Effect": "Allow", "Action": "*", "Resource": "*"},
                {"Effect": "Deny", "Action": list(DENIED_CALLS), "Resource": "*"},
            ],
        )
        with iam_enforced():
            denied_session, denied_identity = open_session(CredentialOptions(**key))
            denied = scan(
                denied_session, denied_identity, scope, selected, settings=EMULATOR_ENGINE
            )
    documents = [r.document() for r in inventory.of_type("aws.lambda.function")]
    return Scanned(allowed, denied, ids, documents)


@pytest.mark.parametrize(("check_id", "resource", "status"), EXPECTED)
def test_planted_resource_gets_its_verdict(
    scanned: Scanned, check_id: str, resource: str, status: Status
) -> None:
    assert scanned.verdicts(scanned.allowed, check_id, resource) == [status]


def test_every_check_of_the_families_is_asserted(scanned: Scanned) -> None:
    assert {r.check_id for r in scanned.allowed.results} == CHECKS
    assert not [r for r in scanned.allowed.results if r.status is ERROR]


def test_a_denied_call_makes_every_affected_verdict_an_error(scanned: Scanned) -> None:
    for check_id, resource, _ in EXPECTED:
        verdicts = scanned.verdicts(scanned.denied, check_id, resource)
        listing = [
            r.status for r in scanned.denied.results if r.check_id == check_id and r.listing_error
        ]
        assert verdicts + listing, (check_id, resource)
        assert set(verdicts + listing) == {ERROR}, (check_id, resource, verdicts)
    assert not [r for r in scanned.denied.results if r.status is PASS]
    reasons = " ".join(r.reason for r in scanned.denied.results)
    for call in (
        "GetPolicyVersion",
        "ListFunctions",
        "GetBucketOwnershipControls",
        "DescribeVolumes",
    ):
        assert call in reasons


def test_the_lambda_secret_is_named_never_shown(scanned: Scanned) -> None:
    by_name = {doc["name"]: doc for doc in scanned.lambda_documents}
    assert by_name[BAD_FUNCTION]["environment_secrets"] == [
        {"name": "DB_PASSWORD", "kinds": ["Secret Keyword"]}
    ]
    assert by_name[GOOD_FUNCTION]["environment_secrets"] == []
    assert PLANTED_SECRET not in json.dumps(scanned.lambda_documents, default=str)
    for report in (scanned.allowed, scanned.denied):
        assert PLANTED_SECRET not in report.model_dump_json()
