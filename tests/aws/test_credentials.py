"""Every credential source against the emulated STS, and every way it can go wrong."""

from __future__ import annotations

import json

import pytest

from cloudwarden.aws.credentials import CredentialOptions, open_session
from cloudwarden.exceptions import CredentialsError
from tests.support.fake_sts import sts_answering
from tests.support.iam import iam_enforced, principal_with_policy

ACCOUNT = "123456789012"
ALLOW_ALL = [{"Effect": "Allow", "Action": "*", "Resource": "*"}]


def make_role(session, name: str = "scanner") -> str:
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"sts:ExternalId": "cw-external"}},
            }
        ],
    }
    role = session.client("iam").create_role(
        RoleName=name, AssumeRolePolicyDocument=json.dumps(trust)
    )
    return role["Role"]["Arn"]


def test_default_chain_uses_the_environment(aws):
    _, identity = open_session(CredentialOptions())
    assert identity.account_id == ACCOUNT
    assert identity.partition == "aws"


def test_access_key_pair_identifies_its_user(aws):
    key = principal_with_policy(aws, "keyed", ALLOW_ALL)
    _, identity = open_session(CredentialOptions(**key))
    assert identity.arn == f"arn:aws:iam::{ACCOUNT}:user/keyed"


def test_named_profile_is_read_from_the_shared_files(aws, tmp_path, monkeypatch):
    key = principal_with_policy(aws, "profiled", ALLOW_ALL)
    credentials = tmp_path / "credentials"
    credentials.write_text(
        f"[audit]\naws_access_key_id = {key['access_key_id']}\n"
        f"aws_secret_access_key = {key['secret_access_key']}\n"
    )
    config = tmp_path / "config"
    config.write_text("[profile audit]\nregion = eu-west-1\n")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    for name in (
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_DEFAULT_REGION",
    ):
        monkeypatch.delenv(name)
    session, identity = open_session(CredentialOptions(profile="audit"))
    assert identity.arn == f"arn:aws:iam::{ACCOUNT}:user/profiled"
    assert session.region_name == "eu-west-1"


def test_unknown_profile_says_where_profiles_live(aws):
    with pytest.raises(
        CredentialsError, match=r"profile 'nope' \(from --profile\) is not in ~/.aws/config"
    ):
        open_session(CredentialOptions(profile="nope"))


def test_assume_role_with_external_id(aws):
    role_arn = make_role(aws)
    _, identity = open_session(CredentialOptions(role_arn=role_arn, external_id="cw-external"))
    assert identity.arn == f"arn:aws:sts::{ACCOUNT}:assumed-role/scanner/cloudwarden"


def test_assumed_role_credentials_refresh_before_they_expire(aws):
    role_arn = make_role(aws)
    # 15 minutes is inside botocore's refresh window, so every use triggers a refresh.
    session, _ = open_session(
        CredentialOptions(role_arn=role_arn, external_id="cw-external", duration_seconds=900)
    )
    credentials = session.get_credentials()
    first = credentials.get_frozen_credentials().access_key
    second = credentials.get_frozen_credentials().access_key
    assert first != second


def test_web_identity_token_file(aws, tmp_path):
    role_arn = make_role(aws, "federated")
    token = tmp_path / "token"
    token.write_text("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjdyJ9.c2ln")
    _, identity = open_session(CredentialOptions(role_arn=role_arn, web_identity_token_file=token))
    assert identity.arn == f"arn:aws:sts::{ACCOUNT}:assumed-role/federated/cloudwarden"


def test_missing_web_identity_token_file_is_named(aws, tmp_path):
    role_arn = make_role(aws, "federated")
    missing = tmp_path / "nope"
    with pytest.raises(
        CredentialsError, match=f"cannot read the web identity token file {missing}"
    ):
        open_session(CredentialOptions(role_arn=role_arn, web_identity_token_file=missing))


@pytest.mark.parametrize(
    "arn",
    [
        "arn:aws:iam::12345:role/x",
        "arn:aws:iam::123456789012:user/x",
        "scanner",
        "arn:aws:s3:::bucket",
    ],
)
def test_malformed_role_arn_is_rejected_before_any_call(arn):
    with pytest.raises(CredentialsError, match="is not an IAM role ARN"):
        open_session(CredentialOptions(role_arn=arn))


def test_invalid_access_key_says_the_key_is_not_valid(aws):
    with iam_enforced(), pytest.raises(CredentialsError, match="access key is not valid"):
        open_session(
            CredentialOptions(access_key_id="AKIAXXXXXXXXXXXXXXXX", secret_access_key="wrong")
        )


def test_denied_assume_role_names_the_role_and_the_likely_cause(aws):
    role_arn = make_role(aws)
    key = principal_with_policy(
        aws, "no-assume", [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]
    )
    options = CredentialOptions(**key, role_arn=role_arn, external_id="cw-external")
    with iam_enforced(), pytest.raises(CredentialsError) as caught:
        open_session(options)
    assert f"access denied assuming {role_arn}" in str(caught.value)
    assert "external id" in str(caught.value)


def test_expired_session_token_says_to_get_fresh_credentials(aws, monkeypatch):
    with sts_answering(
        "ExpiredToken", "The security token included in the request is expired"
    ) as url:
        monkeypatch.setenv("AWS_ENDPOINT_URL_STS", url)
        with pytest.raises(CredentialsError, match="session token has expired"):
            open_session(CredentialOptions())


def test_expired_web_identity_token_names_the_file(aws, monkeypatch, tmp_path):
    token = tmp_path / "token"
    token.write_text("expired.jwt.token")
    with sts_answering("ExpiredTokenException", "Token expired: current date/time is after") as url:
        monkeypatch.setenv("AWS_ENDPOINT_URL_STS", url)
        options = CredentialOptions(
            role_arn=f"arn:aws:iam::{ACCOUNT}:role/federated", web_identity_token_file=token
        )
        with pytest.raises(CredentialsError, match=f"web identity token in {token} has expired"):
            open_session(options)


def test_secrets_never_show_in_the_options_repr():
    options = CredentialOptions(access_key_id="AKIASECRETID", secret_access_key="s3cr3t-value")
    assert "s3cr3t-value" not in repr(options)
    assert "AKIASECRETID" not in repr(options)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (CredentialOptions(access_key_id="AKIA"), "both --access-key-id and --secret-access-key"),
        (CredentialOptions(external_id="x"), "need --role-arn"),
        (CredentialOptions(profile="p", access_key_id="a", secret_access_key="b"), "not both"),
    ],
)
def test_contradictory_options_are_refused(options, message):
    with pytest.raises(CredentialsError, match=message):
        open_session(options)
