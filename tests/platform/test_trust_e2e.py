"""The trust verifier against moto IAM and over the running platform's HTTP API.

moto checks neither tokens nor trust policies: what is under test is that the platform reads
the role's real trust policy back from IAM (GetRole, URL-encoded on the wire) and judges it.
"""

from __future__ import annotations

import json

import pytest
from moto.core import set_initial_no_auth_action_count

from cloudwarden.platform.db.models import Integration
from cloudwarden.platform.repositories import integrations as integration_repo
from cloudwarden.platform.schemas import Status
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.services import trust
from cloudwarden.platform.services.spaces import bootstrap_user
from cloudwarden.platform.wif.trust_policy import RoleRef, RoleTrust, WifTrust, trust_policy
from tests.platform.helpers import scanning_user, wait_for_scan

ACCOUNT = "123456789012"
ISSUER = "https://auth.cloudwarden.example"
HOST = "auth.cloudwarden.example"
PLATFORM = f"arn:aws:iam::{ACCOUNT}:user/platform"
ALLOW_ALL = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
    }
)


@pytest.fixture
def settings(settings):
    return settings.model_copy(update={"issuer_url": ISSUER, "platform_principal_arn": PLATFORM})


def wif_row(role_arn: str) -> Integration:
    return Integration(
        id="int1", space_id="space1", auth_type="wif", role_arn=role_arn, audience="cloudwarden"
    )


def open_wif(subject_condition):
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Federated": f"arn:aws:iam::{ACCOUNT}:oidc-provider/{HOST}"},
                "Action": "sts:AssumeRoleWithWebIdentity",
                **subject_condition,
            }
        ],
    }


WIF_ROLE = f"arn:aws:iam::{ACCOUNT}:role/cw/Scan"
EXPECTED_WIF = WifTrust.of(
    integration_id="int1",
    space_id="space1",
    role_arn=WIF_ROLE,
    audience="cloudwarden",
    issuer_url=ISSUER,
)
DOCUMENTS = {
    "pinned": (trust_policy(EXPECTED_WIF), None),
    "no condition": (open_wif({}), "it has no condition"),
    "StringLike *": (
        open_wif({"Condition": {"StringLike": {f"{HOST}:sub": "*"}}}),
        "wildcard",
    ),
    "another integration's subject": (
        open_wif({"Condition": {"StringEquals": {f"{HOST}:sub": "other@integrations.x"}}}),
        "no StringEquals",
    ),
}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_wif_role_documents_created_in_moto_are_read_back_and_judged(aws, settings, name):
    document, expected = DOCUMENTS[name]
    aws.client("iam").create_role(
        RoleName="Scan", Path="/cw/", AssumeRolePolicyDocument=json.dumps(document)
    )
    found = trust.findings(settings, aws, None, wif_row(WIF_ROLE))
    if expected is None:
        assert found == []
        return
    (finding,) = found
    assert finding["severity"] == "critical"
    assert expected in finding["message"]
    assert "any other tenant of this platform can assume this role" in finding["message"]
    assert finding["fixed_policy"] == trust_policy(EXPECTED_WIF)


def test_a_denied_get_role_is_recorded_as_unverified_never_trusted(aws, settings):
    iam = aws.client("iam")
    iam.create_role(RoleName="Scan", Path="/cw/", AssumeRolePolicyDocument=json.dumps(open_wif({})))
    key = scanning_user(iam, "no-iam", ["sts:GetCallerIdentity"])
    denied = aws.__class__(
        aws_access_key_id=key["access_key_id"],
        aws_secret_access_key=key["secret_access_key"],
        region_name="us-east-1",
    )

    def body():
        (finding,) = trust.findings(settings, denied, None, wif_row(WIF_ROLE))
        assert finding["severity"] == "unverified"
        assert finding["message"].startswith(
            "could not verify the trust policy: iam:GetRole on Scan answered AccessDenied"
        )
        assert finding["fixed_policy"] == trust_policy(EXPECTED_WIF)

    set_initial_no_auth_action_count(0)(body)()


def test_without_the_setting_a_role_is_unverified(aws, settings):
    row = Integration(
        id="i", space_id="s", auth_type="role", role_arn=f"arn:aws:iam::{ACCOUNT}:role/R"
    )
    unset = settings.model_copy(update={"platform_principal_arn": None})
    (finding,) = trust.findings(unset, aws, None, row)
    assert finding["severity"] == "unverified"
    assert "CLOUDWARDEN_PLATFORM_PRINCIPAL_ARN" in finding["message"]
    assert finding["fixed_policy"] is None


@pytest.fixture
def owner(live):
    token = bootstrap_user(live.platform.runtime, "owner@example.com", "acme", Role.OWNER)
    client = live.as_user(token.token)
    space_id = client.get("/api/v1/spaces").json()["items"][0]["id"]
    return client, space_id


def test_the_trust_route_over_http(live, owner):
    client, space = owner
    base = f"/api/v1/spaces/{space}/integrations"
    role_arn = f"arn:aws:iam::{ACCOUNT}:role/Scan"
    created = client.post(
        base, json={"name": "r", "credentials": {"type": "role", "role_arn": role_arn}}
    ).json()
    assert created["trust_findings"] == []
    answer = client.get(f"{base}/{created['id']}/trust")
    assert answer.status_code == 200, answer.text
    documents = answer.json()
    expected = RoleTrust(RoleRef.parse(role_arn), created["credentials"]["external_id"], PLATFORM)
    assert documents["auth_type"] == "role"
    assert documents["trust_policy"] == trust_policy(expected)
    assert documents["subject"] is None
    assert "AWS::IAM::Role" in documents["cloudformation"]
    assert 'resource "aws_iam_role"' in documents["terraform"]

    rt = live.platform.runtime
    with rt.sessions.begin() as session:
        row = Integration(
            space_id=space,
            name="w",
            auth_type="wif",
            role_arn=role_arn,
            audience="cloudwarden",
            interval_seconds=3600,
            regions_allow=[],
            regions_deny=[],
            policy_toggles={},
            status=Status.CONFIGURING,
        )
        integration_repo.add(session, row)
        wif_id = row.id
    documents = client.get(f"{base}/{wif_id}/trust").json()
    subject = f"{wif_id}@integrations.{space}.spaces.{HOST}"
    assert documents["subject"] == subject
    statement = documents["trust_policy"]["Statement"][0]
    assert statement["Principal"] == {"Federated": f"arn:aws:iam::{ACCOUNT}:oidc-provider/{HOST}"}
    assert statement["Condition"] == {
        "StringEquals": {f"{HOST}:sub": subject, f"{HOST}:aud": "cloudwarden"}
    }
    assert "AWS::IAM::OIDCProvider" in documents["cloudformation"]

    key = {"type": "access_key", "access_key_id": "AKIAIOSFODNN7EXAMPLE"}
    access = client.post(
        base,
        json={"name": "k", "credentials": {**key, "secret_access_key": "x" * 40}},
    ).json()
    refused = client.get(f"{base}/{access['id']}/trust")
    assert refused.status_code == 409
    assert refused.headers["content-type"] == "application/problem+json"
    assert "assumes no role" in refused.json()["detail"]


def test_a_role_with_an_open_trust_policy_gets_the_finding_and_keeps_scanning(
    aws, live, owner, monkeypatch
):
    client, space = owner
    iam = aws.client("iam")
    platform_key = scanning_user(iam, "platform", ["sts:AssumeRole"])
    open_policy = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": PLATFORM}, "Action": "sts:AssumeRole"}
        ],
    }
    role = iam.create_role(RoleName="Scanner", AssumeRolePolicyDocument=json.dumps(open_policy))
    iam.put_role_policy(RoleName="Scanner", PolicyName="read", PolicyDocument=ALLOW_ALL)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", platform_key["access_key_id"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", platform_key["secret_access_key"])
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    base = f"/api/v1/spaces/{space}/integrations"
    credentials = {"type": "role", "role_arn": role["Role"]["Arn"]}
    created = client.post(
        base, json={"name": "role", "credentials": credentials, "regions_allow": ["us-east-1"]}
    ).json()
    url = f"{base}/{created['id']}"
    fixed = trust_policy(
        RoleTrust(
            RoleRef.parse(role["Role"]["Arn"]), created["credentials"]["external_id"], PLATFORM
        )
    )

    def body():
        pinged = client.post(f"{url}/ping").json()
        assert pinged["status"] == "active", "an open trust policy is a finding, not an error"
        (finding,) = pinged["trust_findings"]
        assert finding["severity"] == "critical"
        assert "no condition" in finding["message"]
        assert "any other tenant of this platform" in finding["message"]
        assert finding["fixed_policy"] == fixed
        assert client.get(url).json()["trust_findings"] == [finding]
        done = wait_for_scan(client, space, client.post(f"{url}/scans").json()["id"])
        assert done["state"] == "succeeded", "the scan goes on despite the finding"
        report = client.get(f"{url}/latest-report").json()
        assert report["trust_findings"] == [finding], "the report carries the finding"
        return report["id"]

    open_report = set_initial_no_auth_action_count(0)(body)()
    iam.update_assume_role_policy(RoleName="Scanner", PolicyDocument=json.dumps(fixed))

    def after():
        done = wait_for_scan(client, space, client.post(f"{url}/scans").json()["id"])
        assert done["state"] == "succeeded", done
        assert client.get(url).json()["trust_findings"] == [], "judged again by the scan"
        assert client.get(f"{url}/latest-report").json()["trust_findings"] == []
        kept = client.get(f"/api/v1/spaces/{space}/reports/{open_report}").json()
        assert kept["trust_findings"][0]["severity"] == "critical", "history is not rewritten"

    set_initial_no_auth_action_count(0)(after)()
