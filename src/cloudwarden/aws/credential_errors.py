"""One sentence for every way credentials fail: what went wrong, and what to do about it.

botocore raises a different exception for a broken profile, a failing ``credential_process``,
an SSO login that is missing, a certificate it cannot verify, a proxy it cannot reach, and for
an answer of STS; each gets its own sentence here, looked up by exception class first, then by
the AWS error code.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit
from urllib.request import getproxies

from botocore.exceptions import (
    ConnectTimeoutError,
    CredentialRetrievalError,
    EndpointConnectionError,
    InvalidConfigError,
    NoCredentialsError,
    PartialCredentialsError,
    ProfileNotFound,
    ProxyConnectionError,
    ReadTimeoutError,
    SSLError,
    SSOError,
)

from cloudwarden.aws.errors import classify
from cloudwarden.inventory.errors import ErrorKind

if TYPE_CHECKING:
    from cloudwarden.aws.credentials import CredentialOptions

PROFILE_VARIABLES = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE")
EXPIRED_CODES = frozenset({"ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired"})
REJECTED_TOKEN_CODES = frozenset(
    {"InvalidIdentityToken", "IDPRejectedClaim", "IDPCommunicationError"}
)
INVALID_KEY_CODES = frozenset(
    {"InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch"}
)


def profile_source(profile: str | None) -> tuple[str | None, str]:
    """The profile in use and where it was named: --profile, an environment variable, or none."""
    if profile:
        return profile, "--profile"
    for name in PROFILE_VARIABLES:
        if os.environ.get(name):
            return os.environ[name], name
    return None, "the default profile"


def _config_files() -> str:
    config = os.environ.get("AWS_CONFIG_FILE", "~/.aws/config")
    shared = os.environ.get("AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials")
    return f"{config} or {shared}"


def profile_not_found(exc: ProfileNotFound, profile: str | None) -> str:
    name = exc.kwargs.get("profile") or profile_source(profile)[0]
    _, where = profile_source(profile)
    return (
        f"the AWS profile {name!r} (from {where}) is not in {_config_files()}; check the name "
        f"or run 'aws configure --profile {name}'"
    )


def _without_userinfo(url: str) -> str:
    """A URL fit for a message: a proxy's user and password are left out."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit(parts._replace(netloc=netloc))


def _endpoint_variable(url: str) -> str:
    names = sorted(
        name
        for name, value in os.environ.items()
        if name.startswith("AWS_ENDPOINT_URL") and value == url
    )
    return ", ".join(names) if names else "the profile's endpoint_url"


def _named(exc: Exception, key: str) -> str:
    kwargs = getattr(exc, "kwargs", {})
    return _without_userinfo(str(kwargs.get(key, "")))


def _no_credentials(_exc: Exception, _options: CredentialOptions) -> str:
    return (
        "no AWS credentials were found: set AWS_PROFILE or AWS_ACCESS_KEY_ID and "
        "AWS_SECRET_ACCESS_KEY, or pass --profile, --access-key-id or --role-arn"
    )


def _partial(exc: Exception, _options: CredentialOptions) -> str:
    return f"the AWS credentials are incomplete ({exc}); give both the key id and the secret"


def _profile_not_found(exc: Exception, options: CredentialOptions) -> str:
    assert isinstance(exc, ProfileNotFound)
    return profile_not_found(exc, options.profile)


def _invalid_config(exc: Exception, options: CredentialOptions) -> str:
    name, where = profile_source(options.profile)
    return (
        f"the AWS profile {name!r} (from {where}) is misconfigured: "
        f"{str(getattr(exc, 'kwargs', {}).get('error_msg', exc)).rstrip('.')}; fix it in "
        f"{_config_files()}"
    )


def _credential_process(exc: Exception, options: CredentialOptions) -> str:
    name, where = profile_source(options.profile)
    kwargs = getattr(exc, "kwargs", {})
    detail = str(kwargs.get("error_msg", "")).strip().splitlines()
    reason = f" ({detail[0]})" if detail else ""
    return (
        f"the credentials of the AWS profile {name!r} (from {where}) could not be retrieved "
        f"from {kwargs.get('provider', 'its provider')}{reason}; run its credential_process "
        "yourself to see why"
    )


def _sso(_exc: Exception, options: CredentialOptions) -> str:
    name, where = profile_source(options.profile)
    login = f"aws sso login --profile {name}" if name else "aws sso login"
    return (
        f"the AWS profile {name!r} (from {where}) uses AWS SSO and has no valid cached login; "
        f"run '{login}' and try again"
    )


def _tls(exc: Exception, _options: CredentialOptions) -> str:
    return (
        f"TLS certificate verification failed for {_named(exc, 'endpoint_url')}; if a proxy or "
        "a private CA signs the traffic, point AWS_CA_BUNDLE at its CA certificate"
    )


def _proxy(_exc: Exception, _options: CredentialOptions) -> str:
    # botocore's own text masks a proxy password badly; name the proxies of the environment.
    proxies = sorted(
        {
            _without_userinfo(url)
            for scheme, url in getproxies().items()
            if scheme in ("http", "https")
        }
    )
    return (
        f"the proxy {', '.join(proxies) or 'in use'} could not be reached; check HTTPS_PROXY, "
        "HTTP_PROXY and NO_PROXY"
    )


def _unreachable(exc: Exception, _options: CredentialOptions) -> str:
    url = _named(exc, "endpoint_url")
    return (
        f"the endpoint {url} could not be reached ({type(exc).__name__}); check the network, "
        "the region and any AWS_ENDPOINT_URL setting"
    )


def _bad_endpoint(exc: Exception, _options: CredentialOptions) -> str | None:
    text = str(exc)
    if not text.startswith("Invalid endpoint: "):
        return None
    url = text.removeprefix("Invalid endpoint: ")
    return (
        f"the endpoint URL {url!r} (from {_endpoint_variable(url)}) is not a URL; give one "
        "like https://sts.us-east-1.amazonaws.com or http://127.0.0.1:5000"
    )


Explanation = Callable[[Exception, "CredentialOptions"], str | None]
BY_CLASS: tuple[tuple[type[Exception], Explanation], ...] = (
    (NoCredentialsError, _no_credentials),
    (PartialCredentialsError, _partial),
    (ProfileNotFound, _profile_not_found),
    (InvalidConfigError, _invalid_config),
    (CredentialRetrievalError, _credential_process),
    (SSOError, _sso),
    (SSLError, _tls),
    (ProxyConnectionError, _proxy),
    (EndpointConnectionError, _unreachable),
    (ConnectTimeoutError, _unreachable),
    (ReadTimeoutError, _unreachable),
    (ValueError, _bad_endpoint),
)
"""Checked in order: the first class that matches (and explains) gives the sentence."""


def explain(exc: Exception, options: CredentialOptions) -> str:
    """One sentence that says what is wrong with the credentials and what to do."""
    for kind, explanation in BY_CLASS:
        if isinstance(exc, kind):
            sentence = explanation(exc, options)
            if sentence is not None:
                return sentence
    failure = classify(exc)
    code = failure.code
    role = options.role_arn
    web_identity = options.web_identity_token_file or (
        "the token source" if options.web_identity_token else None
    )
    if code in EXPIRED_CODES:
        if web_identity is not None:
            return (
                f"the web identity token in {web_identity} has expired; write a fresh token "
                "to it and run again"
            )
        return (
            "the AWS session token has expired; get fresh credentials "
            "(e.g. 'aws sso login' or a new AWS_SESSION_TOKEN) and run again"
        )
    if code in REJECTED_TOKEN_CODES:
        return (
            f"AWS STS rejected the web identity token for {role} ({failure.message}); check the "
            "IAM OIDC provider, the audience and the role's trust policy"
        )
    if code in INVALID_KEY_CODES:
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
    if failure.kind is ErrorKind.INTERNAL:
        return f"the AWS credentials could not be set up: {failure.code}: {failure.message}"
    return f"AWS STS refused the credentials: {failure.code}: {failure.message}"
