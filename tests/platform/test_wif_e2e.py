"""A WIF integration end to end over real HTTP against moto: ping, scan, active; every token
the platform sent to STS verified by the STS-like verifier against the running issuer.

moto's AssumeRoleWithWebIdentity accepts any token and checks no trust policy: the verifier
(tests/platform/sts_verifier.py) is what checks the platform's tokens here."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from botocore.stub import Stubber

from cloudwarden.aws.credentials import CredentialOptions, open_session
from cloudwarden.exceptions import CredentialsError
from cloudwarden.platform.repositories import integrations as integration_repo
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.services import aws as platform_aws
from cloudwarden.platform.services.spaces import bootstrap_user
from cloudwarden.platform.wif import failures, sts
from tests.platform.helpers import ONE_REGION, wait_for_scan
from tests.platform.sts_verifier import StsVerifier

ACCOUNT = "123456789012"
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"


def oidc_trust(host: str, subject: str, audience: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Federated": f"arn:aws:iam::{ACCOUNT}:oidc-provider/{host}"},
                    "Action": "sts:AssumeRoleWithWebIdentity",
                    "Condition": {
                        "StringEquals": {f"{host}:sub": subject, f"{host}:aud": audience}
                    },
                }
            ],
        }
    )


@pytest.fixture
def issuing(live):
    live.platform.runtime.settings.issuer_url = live.url
    minted: list[str] = []
    live.platform.runtime.token_listeners.append(minted.append)
    token = bootstrap_user(live.platform.runtime, "owner@example.com", "acme", Role.OWNER)
    client = live.as_user(token.token)
    return live, client, client.get("/api/v1/spaces").json()["items"][0]["id"], minted


def assumed_sessions(role_arn: str) -> list[str]:
    from moto.sts.models import sts_backends  # noqa: PLC0415 - moto is a test dependency

    return [
        role.session_name
        for regions in sts_backends.values()
        for backend in regions.values()
        for role in backend.assumed_roles
        if role.role_arn == role_arn
    ]


def test_a_wif_integration_pings_scans_and_becomes_active(aws, issuing):
    live, client, space, minted = issuing
    host = live.url.removeprefix("http://")
    iam = aws.client("iam")
    iam.create_open_id_connect_provider(Url=live.url, ClientIDList=["cloudwarden"])
    iam.create_role(RoleName="Scanner", AssumeRolePolicyDocument=oidc_trust(host, "x", "y"))
    iam.attach_role_policy(RoleName="Scanner", PolicyArn=READ_ONLY)
    role_arn = f"arn:aws:iam::{ACCOUNT}:role/Scanner"
    aws.client("s3").create_bucket(Bucket="cw-wif-e2e")
    base = f"/api/v1/spaces/{space}/integrations"
    body = {
        "name": "wif",
        "credentials": {"type": "wif", "role_arn": role_arn},
        "regions_allow": ONE_REGION,
    }
    integration = client.post(base, json=body).json()
    subject = integration["credentials"]["subject"]
    iam.update_assume_role_policy(
        RoleName="Scanner", PolicyDocument=oidc_trust(host, subject, "cloudwarden")
    )
    url = f"{base}/{integration['id']}"

    pinged = client.post(f"{url}/ping").json()
    assert (pinged["status"], pinged["account_id"], pinged["last_ping_ok"]) == (
        "active",
        ACCOUNT,
        True,
    )
    done = wait_for_scan(client, space, client.post(f"{url}/scans").json()["id"])
    assert done["state"] == "succeeded", done
    assert done["api_calls"] > 0
    after = client.get(url).json()
    assert (after["status"], after["status_message"]) == ("active", None)
    report = client.get(f"/api/v1/spaces/{space}/reports/{done['report_id']}").json()
    assert report["complete"]

    sessions = assumed_sessions(role_arn)
    assert len(minted) == len(sessions) >= 2, "one fresh token per STS call"
    assert set(sessions) == {f"cloudwarden-{integration['id']}"}
    verifier = StsVerifier(live.url, ["cloudwarden"])
    for token in minted:
        assert verifier.verify(token, trusted_subject=subject)["sub"] == subject


def test_the_credentials_refresh_with_a_new_token_before_they_expire(aws, issuing):
    live, client, space, minted = issuing
    rt = live.platform.runtime
    body = {
        "name": "wif",
        "credentials": {"type": "wif", "role_arn": f"arn:aws:iam::{ACCOUNT}:role/R"},
    }
    integration = client.post(f"/api/v1/spaces/{space}/integrations", json=body).json()
    with rt.sessions.begin() as session:
        row = integration_repo.get_any(session, integration["id"])
    source = platform_aws.web_identity_source(rt, row)
    session, identity = open_session(CredentialOptions(credential_source=source))
    assert identity.account_id == ACCOUNT
    credentials = session.get_credentials()
    first = credentials.get_frozen_credentials().access_key
    # As if the hour were nearly over: botocore refreshes within its advisory window.
    credentials._expiry_time = datetime.now(UTC) + timedelta(minutes=1)
    assert credentials.get_frozen_credentials().access_key != first
    assert len(minted) == 2


def test_without_its_issuer_a_wif_integration_lands_in_error_saying_so(aws, issuing):
    live, client, space, minted = issuing
    base = f"/api/v1/spaces/{space}/integrations"
    body = {
        "name": "wif",
        "credentials": {"type": "wif", "role_arn": f"arn:aws:iam::{ACCOUNT}:role/R"},
    }
    url = f"{base}/{client.post(base, json=body).json()['id']}"
    live.platform.runtime.settings.issuer_url = None
    pinged = client.post(f"{url}/ping").json()
    assert (pinged["status"], pinged["last_ping_ok"]) == ("error", False)
    assert pinged["status_message"].startswith("WIF needs the platform's issuer URL")
    assert pinged["credentials"]["subject"] is None
    scan = wait_for_scan(client, space, client.post(f"{url}/scans").json()["id"])
    assert scan["state"] == "failed"
    assert "CLOUDWARDEN_ISSUER_URL" in scan["message"]
    assert minted == []


CONTEXT = failures.Context(
    f"arn:aws:iam::{ACCOUNT}:role/Scanner",
    "https://auth.example.com",
    "i1@integrations.s1.spaces.auth.example.com",
    "cloudwarden",
)
IDENTITY = sts.WebIdentity(CONTEXT.role_arn, "cloudwarden-i1", CONTEXT)
# Codes and messages as AWS STS answers them (the STS API reference and observed errors).
STS_ERRORS = [
    (
        "InvalidIdentityToken",
        "No OpenIDConnect provider found in your account for https://auth.example.com",
        "has no IAM OIDC identity provider whose URL is byte-equal to the issuer",
    ),
    ("InvalidIdentityToken", "Incorrect token audience", "is not a client id of the IAM OIDC"),
    (
        "AccessDenied",
        "Not authorized to perform sts:AssumeRoleWithWebIdentity",
        "the role does not exist, or its trust policy does not allow",
    ),
    ("IDPRejectedClaim", "Rejected claim", "i1@integrations.s1.spaces.auth.example.com"),
    ("ExpiredTokenException", "Token expired: current date/time", "synchronize it (NTP)"),
    (
        "InvalidIdentityToken",
        "Couldn't retrieve verification key from your identity provider",
        "the issuer must answer from the internet over TLS",
    ),
]


def stubbed(errors: list[tuple[str, str]], succeed: bool = False):
    client = sts.unsigned_client(None)
    stubber = Stubber(client)
    for code, message in errors:
        stubber.add_client_error("assume_role_with_web_identity", code, message, 400)
    if succeed:
        expiration = datetime.now(UTC) + timedelta(hours=1)
        stubber.add_response(
            "assume_role_with_web_identity",
            {
                "Credentials": {
                    "AccessKeyId": "ASIAEXAMPLEEXAMPLE01",
                    "SecretAccessKey": "s" * 40,
                    "SessionToken": "t" * 100,
                    "Expiration": expiration,
                }
            },
        )
    stubber.activate()
    return client, stubber


@pytest.mark.parametrize(("code", "message", "sentence"), STS_ERRORS)
def test_each_sts_failure_is_one_sentence_of_the_checklist(code, message, sentence):
    client, _ = stubbed([(code, message)])
    source = sts.credential_source(IDENTITY, lambda: "a.b.c", client=client)
    with pytest.raises(CredentialsError) as raised:
        source()
    assert sentence in str(raised.value)
    assert "a.b.c" not in str(raised.value)


def test_an_unreachable_issuer_is_retried_a_few_times():
    pauses: list[float] = []
    tokens: list[str] = []

    def mint() -> str:
        tokens.append(f"token-{len(tokens)}")
        return tokens[-1]

    flaky = [("IDPCommunicationError", "could not reach")] * (sts.IDP_ATTEMPTS - 1)
    client, stubber = stubbed(flaky, succeed=True)
    credentials = sts.credential_source(IDENTITY, mint, client, pauses.append)()
    assert credentials.access_key_id == "ASIAEXAMPLEEXAMPLE01"
    assert len(pauses) == sts.IDP_ATTEMPTS - 1
    assert len(set(tokens)) == sts.IDP_ATTEMPTS, "a fresh token per STS call"
    stubber.assert_no_pending_responses()

    client, _ = stubbed([("IDPCommunicationError", "could not reach")] * sts.IDP_ATTEMPTS)
    with pytest.raises(CredentialsError, match="must answer from the internet over TLS"):
        sts.credential_source(IDENTITY, mint, client, pauses.append)()
