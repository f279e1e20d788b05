"""Credentials: boto3's default chain, a profile, a key pair, an assumed role, a web identity.

Assumed-role and web-identity credentials refresh themselves before they expire, so a long scan
never runs into an expired token. Every way this can go wrong ends in one
:class:`CredentialsError` sentence that says what to fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import botocore.session
from botocore import UNSIGNED
from botocore.config import Config
from botocore.credentials import RefreshableCredentials
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    NoCredentialsError,
    PartialCredentialsError,
    ProfileNotFound,
)

from cloudwarden.aws.errors import classify
from cloudwarden.exceptions import CredentialsError
from cloudwarden.inventory.errors import ErrorKind

ROLE_ARN = re.compile(r"^arn:aws(-[a-z]+)*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$")
SESSION_NAME = "cloudwarden"
CREDENTIAL_TIMEOUTS = Config(connect_timeout=5, read_timeout=15, retries={"max_attempts": 2})
DEFAULT_REGION = "us-east-1"


@dataclass(frozen=True)
class CredentialOptions:
    """Where the scan's credentials come from; all empty means boto3's default chain."""

    profile: str | None = None
    access_key_id: str | None = None
    secret_access_key: str | None = None
    session_token: str | None = None
    role_arn: str | None = None
    external_id: str | None = None
    web_identity_token_file: Path | None = None
    role_session_name: str = SESSION_NAME
    duration_seconds: int = 3600
    region: str | None = None
    """The region for STS and global services; defaults to the profile's, then us-east-1."""

    def __repr__(self) -> str:
        # Never let a secret reach a log line or a traceback through repr().
        return (
            f"CredentialOptions(profile={self.profile!r}, access_key_id="
            f"{'***' if self.access_key_id else None}, role_arn={self.role_arn!r}, "
            f"web_identity_token_file={self.web_identity_token_file!r})"
        )


@dataclass(frozen=True)
class Identity:
    """Who the credentials are (sts:GetCallerIdentity)."""

    account_id: str
    arn: str
    user_id: str

    @property
    def partition(self) -> str:
        return self.arn.split(":")[1]


def validate(options: CredentialOptions) -> None:
    """Reject combinations and values that cannot work, before any call is made."""
    if bool(options.access_key_id) != bool(options.secret_access_key):
        raise CredentialsError("give both --access-key-id and --secret-access-key, or neither")
    if options.profile and options.access_key_id:
        raise CredentialsError("give either --profile or an access key pair, not both")
    if options.role_arn is not None and not ROLE_ARN.match(options.role_arn):
        raise CredentialsError(
            f"--role-arn {options.role_arn!r} is not an IAM role ARN; it looks like "
            "arn:aws:iam::123456789012:role/ReadOnlyScanner"
        )
    if options.role_arn is None and (options.external_id or options.web_identity_token_file):
        raise CredentialsError("--external-id and --web-identity-token-file need --role-arn")
    if options.external_id and options.web_identity_token_file:
        raise CredentialsError(
            "--external-id applies to AssumeRole, not to a web identity; drop one of them"
        )
    if not 900 <= options.duration_seconds <= 43200:
        raise CredentialsError("the role session duration must be 900 to 43200 seconds")


def _base_session(options: CredentialOptions) -> boto3.Session:
    try:
        session = boto3.Session(
            profile_name=options.profile,
            aws_access_key_id=options.access_key_id,
            aws_secret_access_key=options.secret_access_key,
            aws_session_token=options.session_token,
            region_name=options.region,
        )
    except ProfileNotFound as exc:
        raise CredentialsError(
            f"the AWS profile {options.profile!r} is not in ~/.aws/config or "
            "~/.aws/credentials; check the name or run 'aws configure --profile NAME'"
        ) from exc
    if session.region_name is None:
        session = boto3.Session(
            profile_name=options.profile,
            aws_access_key_id=options.access_key_id,
            aws_secret_access_key=options.secret_access_key,
            aws_session_token=options.session_token,
            region_name=DEFAULT_REGION,
        )
    return session


def _session_with(refresh: Callable[[], dict[str, Any]], region: str) -> boto3.Session:
    credentials = RefreshableCredentials.create_from_metadata(
        metadata=refresh(), refresh_using=refresh, method="cloudwarden-assume-role"
    )
    core = botocore.session.Session()
    # botocore has no public setter for refreshable credentials; this is the usual idiom.
    core._credentials = credentials  # type: ignore[attr-defined]
    return boto3.Session(botocore_session=core, region_name=region)


def _metadata(response: dict[str, Any]) -> dict[str, Any]:
    credentials = response["Credentials"]
    return {
        "access_key": credentials["AccessKeyId"],
        "secret_key": credentials["SecretAccessKey"],
        "token": credentials["SessionToken"],
        "expiry_time": credentials["Expiration"].isoformat(),
    }


def _assume_role(base: boto3.Session, options: CredentialOptions) -> boto3.Session:
    assert options.role_arn is not None
    sts = base.client("sts", config=CREDENTIAL_TIMEOUTS)
    params: dict[str, Any] = {
        "RoleArn": options.role_arn,
        "RoleSessionName": options.role_session_name,
        "DurationSeconds": options.duration_seconds,
    }
    if options.external_id:
        params["ExternalId"] = options.external_id

    def refresh() -> dict[str, Any]:
        return _metadata(_sts_call(lambda: sts.assume_role(**params), options))

    return _session_with(refresh, base.region_name or DEFAULT_REGION)


def _web_identity(base: boto3.Session, options: CredentialOptions) -> boto3.Session:
    assert options.role_arn is not None
    assert options.web_identity_token_file is not None
    token_file = options.web_identity_token_file
    sts = base.client("sts", config=CREDENTIAL_TIMEOUTS.merge(Config(signature_version=UNSIGNED)))

    def refresh() -> dict[str, Any]:
        # Read the token on every refresh: the issuer rotates it before it expires.
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise CredentialsError(
                f"cannot read the web identity token file {token_file}: {exc.strerror}"
            ) from exc
        if not token:
            raise CredentialsError(f"the web identity token file {token_file} is empty")
        return _metadata(
            _sts_call(
                lambda: sts.assume_role_with_web_identity(
                    RoleArn=options.role_arn,
                    RoleSessionName=options.role_session_name,
                    WebIdentityToken=token,
                    DurationSeconds=options.duration_seconds,
                ),
                options,
            )
        )

    return _session_with(refresh, base.region_name or DEFAULT_REGION)


def _sts_call(call: Callable[[], Any], options: CredentialOptions) -> Any:
    try:
        return call()
    except (ClientError, BotoCoreError) as exc:
        raise CredentialsError(explain(exc, options)) from None


def explain(exc: BaseException, options: CredentialOptions) -> str:
    """One sentence that says what is wrong with the credentials and what to do."""
    if isinstance(exc, NoCredentialsError):
        return (
            "no AWS credentials were found: set AWS_PROFILE or AWS_ACCESS_KEY_ID and "
            "AWS_SECRET_ACCESS_KEY, or pass --profile, --access-key-id or --role-arn"
        )
    if isinstance(exc, PartialCredentialsError):
        return f"the AWS credentials are incomplete ({exc}); give both the key id and the secret"
    failure = classify(exc)
    code = failure.code
    role = options.role_arn
    if code in ("ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired"):
        if options.web_identity_token_file is not None:
            return (
                f"the web identity token in {options.web_identity_token_file} has expired; "
                "write a fresh token to the file and run again"
            )
        return (
            "the AWS session token has expired; get fresh credentials "
            "(e.g. 'aws sso login' or a new AWS_SESSION_TOKEN) and run again"
        )
    if code in ("InvalidIdentityToken", "IDPRejectedClaim", "IDPCommunicationError"):
        return (
            f"AWS STS rejected the web identity token for {role} ({failure.message}); check the "
            "IAM OIDC provider, the audience and the role's trust policy"
        )
    if code in ("InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch"):
        return (
            "the AWS access key is not valid (unknown key id or wrong secret); check "
            "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the profile's keys"
        )
    if failure.kind is ErrorKind.ACCESS_DENIED and role is not None:
        hint = " or the external id does not match" if options.external_id else ""
        return (
            f"access denied assuming {role}: the role's trust policy does not allow this "
            f"caller{hint}, or the caller may not call sts:AssumeRole on it"
        )
    if failure.kind in (ErrorKind.UNREACHABLE, ErrorKind.TIMEOUT):
        return f"AWS STS could not be reached ({failure.code}); check the network or endpoint"
    return f"AWS STS refused the credentials: {failure.code}: {failure.message}"


def open_session(options: CredentialOptions) -> tuple[boto3.Session, Identity]:
    """Build the session a scan uses and identify its account with sts:GetCallerIdentity."""
    validate(options)
    base = _base_session(options)
    if options.role_arn is None:
        session = base
    elif options.web_identity_token_file is not None:
        session = _web_identity(base, options)
    else:
        session = _assume_role(base, options)
    return session, identify(session, options)


def identify(session: boto3.Session, options: CredentialOptions) -> Identity:
    sts = session.client("sts", config=CREDENTIAL_TIMEOUTS)
    try:
        response = sts.get_caller_identity()
    except (ClientError, BotoCoreError) as exc:
        raise CredentialsError(explain(exc, options)) from None
    return Identity(account_id=response["Account"], arn=response["Arn"], user_id=response["UserId"])
