"""Credentials: boto3's default chain, a profile, a key pair, an assumed role, a web identity.

Assumed-role and web-identity credentials refresh themselves before they expire, so a long scan
never runs into an expired token. Every way this can go wrong ends in one
:class:`CredentialsError` sentence that says what to fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import boto3
import botocore.session
from botocore import UNSIGNED
from botocore.config import Config
from botocore.credentials import RefreshableCredentials
from botocore.exceptions import BotoCoreError, ClientError, ProfileNotFound

from cloudwarden.aws.credential_errors import explain, profile_not_found
from cloudwarden.exceptions import CredentialsError

ROLE_ARN = re.compile(r"^arn:aws(-[a-z]+)*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$")
SESSION_NAME = "cloudwarden"
CREDENTIAL_TIMEOUTS = Config(connect_timeout=5, read_timeout=15, retries={"max_attempts": 2})
DEFAULT_REGION = "us-east-1"
R = TypeVar("R")


@dataclass(frozen=True)
class TemporaryCredentials:
    """Credentials a :attr:`CredentialOptions.credential_source` hands out, until ``expiration``
    (a naive datetime is taken as UTC)."""

    access_key_id: str
    secret_access_key: str
    session_token: str | None
    expiration: datetime

    def __repr__(self) -> str:
        return f"TemporaryCredentials(access_key_id=***, expiration={self.expiration!r})"


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
    sts_endpoint_url: str | None = None
    """Where STS answers, when not at AWS (the embedded demo account's emulator)."""
    """The region for STS and global services; defaults to the profile's, then us-east-1."""
    web_identity_token: Callable[[], str] | None = None
    """A token source for AssumeRoleWithWebIdentity (instead of a file), called at every
    refresh: a platform that mints OIDC tokens in memory."""
    credential_source: Callable[[], TemporaryCredentials] | None = None
    """The base credentials from code (instead of a profile or a key pair), called again before
    they expire: an agent that reads its credentials from a parameter store."""

    def __repr__(self) -> str:
        # Never let a secret reach a log line or a traceback through repr().
        return (
            f"CredentialOptions(profile={self.profile!r}, access_key_id="
            f"{'***' if self.access_key_id else None}, role_arn={self.role_arn!r}, "
            f"web_identity_token_file={self.web_identity_token_file!r}, web_identity_token="
            f"{'<callable>' if self.web_identity_token else None}, credential_source="
            f"{'<callable>' if self.credential_source else None})"
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
    web_identity = options.web_identity_token_file is not None or options.web_identity_token
    if options.role_arn is None and (options.external_id or web_identity):
        raise CredentialsError("--external-id and --web-identity-token-file need --role-arn")
    if options.web_identity_token_file is not None and options.web_identity_token is not None:
        raise CredentialsError("give the web identity token as a file or as a callable, not both")
    if options.external_id and web_identity:
        raise CredentialsError(
            "--external-id applies to AssumeRole, not to a web identity; drop one of them"
        )
    if options.credential_source is not None and (options.profile or options.access_key_id):
        raise CredentialsError(
            "give either a credential source or a profile or an access key pair, not two"
        )
    if not 900 <= options.duration_seconds <= 43200:
        raise CredentialsError("the role session duration must be 900 to 43200 seconds")


def _base_session(options: CredentialOptions) -> boto3.Session:
    if options.credential_source is not None:
        return _session_with(
            _from_source(options.credential_source), options.region or DEFAULT_REGION
        )
    try:
        session = boto3.Session(
            profile_name=options.profile,
            aws_access_key_id=options.access_key_id,
            aws_secret_access_key=options.secret_access_key,
            aws_session_token=options.session_token,
            region_name=options.region,
        )
    except ProfileNotFound as exc:
        raise CredentialsError(profile_not_found(exc, options.profile)) from None
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


def _from_source(source: Callable[[], TemporaryCredentials]) -> Callable[[], dict[str, Any]]:
    """A botocore refresh function over a credential source of the caller's."""

    def refresh() -> dict[str, Any]:
        credentials = _called(source, "the credential source")
        if not isinstance(credentials, TemporaryCredentials):
            raise CredentialsError(
                "the credential source returned "
                f"{type(credentials).__name__}, not TemporaryCredentials"
            )
        expiration = credentials.expiration
        if expiration.tzinfo is None:
            expiration = expiration.replace(tzinfo=UTC)
        return {
            "access_key": credentials.access_key_id,
            "secret_key": credentials.secret_access_key,
            "token": credentials.session_token,
            "expiry_time": expiration.isoformat(),
        }

    return refresh


def _called(source: Callable[[], R], what: str) -> R:
    """Call a source of the caller's; whatever it raises becomes one CredentialsError."""
    try:
        return source()
    except CredentialsError:
        raise
    except Exception as exc:  # noqa: BLE001 - foreign code: its failure is a credential failure
        raise CredentialsError(f"{what} failed: {type(exc).__name__}: {exc}") from None


def _sts_client(session: boto3.Session, options: CredentialOptions, config: Config) -> Any:
    """An STS client; a broken profile, credential process or endpoint is one sentence."""
    try:
        return session.client("sts", config=config, endpoint_url=options.sts_endpoint_url)
    except (BotoCoreError, ValueError) as exc:
        raise CredentialsError(explain(exc, options)) from None


def _assume_role(base: boto3.Session, options: CredentialOptions) -> boto3.Session:
    assert options.role_arn is not None
    sts = _sts_client(base, options, CREDENTIAL_TIMEOUTS)
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


def _token_reader(options: CredentialOptions) -> Callable[[], str]:
    """Where the web identity token comes from: the caller's callable, or the file."""
    if options.web_identity_token is not None:
        source = options.web_identity_token
        return lambda: _called(source, "the web identity token source")
    token_file = options.web_identity_token_file
    assert token_file is not None

    def read() -> str:
        # Read the token on every refresh: the issuer rotates it before it expires.
        try:
            return token_file.read_text(encoding="utf-8")
        except OSError as exc:
            raise CredentialsError(
                f"cannot read the web identity token file {token_file}: {exc.strerror}"
            ) from None
        except UnicodeDecodeError:
            raise CredentialsError(
                f"the web identity token file {token_file} is not text (not UTF-8); it must "
                "hold the OIDC token (a JWT) and nothing else"
            ) from None

    return read


def _web_identity(base: boto3.Session, options: CredentialOptions) -> boto3.Session:
    assert options.role_arn is not None
    read_token = _token_reader(options)
    where = (
        f"the web identity token file {options.web_identity_token_file}"
        if options.web_identity_token_file is not None
        else "the web identity token source"
    )
    sts = _sts_client(base, options, CREDENTIAL_TIMEOUTS.merge(Config(signature_version=UNSIGNED)))

    def refresh() -> dict[str, Any]:
        token = read_token()
        if not isinstance(token, str) or not token.strip():
            raise CredentialsError(f"{where} gave an empty token")
        return _metadata(
            _sts_call(
                lambda: sts.assume_role_with_web_identity(
                    RoleArn=options.role_arn,
                    RoleSessionName=options.role_session_name,
                    WebIdentityToken=token.strip(),
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


def open_session(options: CredentialOptions) -> tuple[boto3.Session, Identity]:
    """Build the session a scan uses and identify its account with sts:GetCallerIdentity."""
    validate(options)
    base = _base_session(options)
    if options.role_arn is None:
        session = base
    elif options.web_identity_token_file is not None or options.web_identity_token is not None:
        session = _web_identity(base, options)
    else:
        session = _assume_role(base, options)
    return session, identify(session, options)


def identify(session: boto3.Session, options: CredentialOptions) -> Identity:
    sts = _sts_client(session, options, CREDENTIAL_TIMEOUTS)
    response = _sts_call(sts.get_caller_identity, options)
    return Identity(account_id=response["Account"], arn=response["Arn"], user_id=response["UserId"])
