"""Credentials from callables: a web identity token minted in memory, credentials from code."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from cloudwarden.aws.credentials import CredentialOptions, TemporaryCredentials, open_session
from cloudwarden.exceptions import CredentialsError
from tests.support.iam import principal_with_policy

ACCOUNT = "123456789012"
ALLOW_ALL = [{"Effect": "Allow", "Action": "*", "Resource": "*"}]


class CountingToken:
    """A token source that counts how often it is asked."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        return f"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjdyJ9.c2ln-{self.calls}"


def federated_role(session) -> str:
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Federated": f"arn:aws:iam::{ACCOUNT}:oidc-provider/issuer"},
                "Action": "sts:AssumeRoleWithWebIdentity",
            }
        ],
    }
    role = session.client("iam").create_role(
        RoleName="federated", AssumeRolePolicyDocument=json.dumps(trust)
    )
    return role["Role"]["Arn"]


def test_a_token_callable_is_called_again_at_every_refresh(aws):
    token = CountingToken()
    # 15 minutes is inside botocore's refresh window: every use of the credentials refreshes.
    options = CredentialOptions(
        role_arn=federated_role(aws), web_identity_token=token, duration_seconds=900
    )
    session, identity = open_session(options)
    assert identity.arn == f"arn:aws:sts::{ACCOUNT}:assumed-role/federated/cloudwarden"
    before = token.calls
    session.get_credentials().get_frozen_credentials()
    assert token.calls == before + 1


def test_a_token_callable_that_fails_is_one_sentence(aws):
    def broken() -> str:
        raise ConnectionError("the token service is down")

    options = CredentialOptions(role_arn=federated_role(aws), web_identity_token=broken)
    with pytest.raises(CredentialsError, match="the web identity token source failed"):
        open_session(options)


def test_a_token_file_and_a_token_callable_exclude_each_other(tmp_path):
    options = CredentialOptions(
        role_arn=f"arn:aws:iam::{ACCOUNT}:role/x",
        web_identity_token_file=tmp_path / "token",
        web_identity_token=CountingToken(),
    )
    with pytest.raises(CredentialsError, match="as a file or as a callable, not both"):
        open_session(options)


def test_a_token_file_that_is_not_utf8_is_one_sentence(aws, tmp_path):
    token = tmp_path / "token"
    token.write_bytes(b"\xff\xfe\x00")
    options = CredentialOptions(role_arn=federated_role(aws), web_identity_token_file=token)
    with pytest.raises(CredentialsError, match="is not text"):
        open_session(options)


def test_a_credential_source_is_refreshed_before_it_expires(aws):
    key = principal_with_policy(aws, "agent", ALLOW_ALL)
    calls: list[datetime] = []

    def source() -> TemporaryCredentials:
        calls.append(datetime.now(UTC))
        # Five minutes left: inside botocore's mandatory refresh window, so each use refreshes.
        return TemporaryCredentials(
            access_key_id=key["access_key_id"],
            secret_access_key=key["secret_access_key"],
            session_token=None,
            expiration=datetime.now(UTC) + timedelta(minutes=5),
        )

    session, identity = open_session(CredentialOptions(credential_source=source))
    assert identity.arn == f"arn:aws:iam::{ACCOUNT}:user/agent"
    before = len(calls)
    session.get_credentials().get_frozen_credentials()
    assert len(calls) == before + 1


def test_a_credential_source_that_returns_the_wrong_thing_is_one_sentence(aws):
    options = CredentialOptions(credential_source=lambda: {"AccessKeyId": "x"})  # type: ignore[arg-type, return-value]
    with pytest.raises(CredentialsError, match="not TemporaryCredentials"):
        open_session(options)


def test_a_credential_source_and_a_profile_exclude_each_other():
    options = CredentialOptions(profile="audit", credential_source=lambda: None)  # type: ignore[arg-type, return-value]
    with pytest.raises(CredentialsError, match="not two"):
        open_session(options)


def test_callables_and_secrets_stay_out_of_reprs():
    secret = TemporaryCredentials("AKIASOURCE", "s3cr3t", "t0ken", datetime.now(UTC))
    options = CredentialOptions(credential_source=lambda: secret, web_identity_token=lambda: "jwt")
    for text in (repr(options), repr(secret)):
        assert "s3cr3t" not in text
        assert "t0ken" not in text
        assert "AKIASOURCE" not in text
    assert "credential_source=<callable>" in repr(options)
