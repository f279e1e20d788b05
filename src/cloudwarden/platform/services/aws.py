"""The AWS side of an integration: its credentials, ping, and one sentence per failure."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace

import boto3
from sqlalchemy.orm import Session

from cloudwarden.aws.credentials import (
    CredentialOptions,
    Identity,
    TemporaryCredentials,
    open_session,
)
from cloudwarden.exceptions import CredentialsError
from cloudwarden.platform.db.models import Integration
from cloudwarden.platform.repositories import secrets as secret_store
from cloudwarden.platform.runtime import Runtime
from cloudwarden.platform.wif import failures, keys, sts, tokens
from cloudwarden.platform.wif.subject import wif_subject
from cloudwarden.report.model import Report

EXTERNAL_ID_BYTES = 24
DENIED_SHARE = 0.5
NO_ISSUER = (
    "WIF needs the platform's issuer URL: set CLOUDWARDEN_ISSUER_URL to the public https URL "
    "the issuer answers at"
)
READ_ONLY_HINT = (
    "attach the AWS managed policy ReadOnlyAccess (arn:aws:iam::aws:policy/ReadOnlyAccess)"
)


def new_external_id() -> str:
    """Generated per integration and shown, never chosen: the confused-deputy guidance."""
    return "cw-" + secrets.token_urlsafe(EXTERNAL_ID_BYTES)


def role_account(role_arn: str) -> str:
    return role_arn.split(":")[4]


@dataclass(frozen=True)
class Connection:
    session: boto3.Session
    identity: Identity


def credential_options(rt: Runtime, session: Session, row: Integration) -> CredentialOptions:
    """What open_session needs; the secret is decrypted only here, for this call."""
    if row.auth_type == "access_key":
        secret = secret_store.read(session, rt.keyring, row.secret_id) if row.secret_id else None
        if secret is None or row.access_key_id is None:
            raise CredentialsError("the integration has no access key; update its credentials")
        return CredentialOptions(access_key_id=row.access_key_id, secret_access_key=secret)
    if row.auth_type == "role":
        return CredentialOptions(role_arn=row.role_arn, external_id=row.external_id)
    if row.auth_type == "wif" and row.role_arn is not None:
        return CredentialOptions(credential_source=web_identity_source(rt, row))
    raise CredentialsError(
        f"integrations authenticating with {row.auth_type} cannot scan from this platform yet"
    )


def token_minter(rt: Runtime, row: Integration) -> tuple[tokens.Audience, Callable[[], str]]:
    """Who the integration's tokens are for, and a minter of one fresh token per call."""
    issuer = rt.settings.issuer_url
    if issuer is None:
        raise CredentialsError(NO_ISSUER)
    audience = row.audience or rt.settings.wif_audience
    who = tokens.Audience(row.id, wif_subject(row.id, row.space_id, issuer), audience)

    def mint() -> str:
        with rt.sessions.begin() as session:
            signer = keys.signer(session, rt.keyring, rt.clock())
        return tokens.mint(signer, issuer, who, rt.clock(), rt.token_listeners)

    return who, mint


def web_identity_source(rt: Runtime, row: Integration) -> Callable[[], TemporaryCredentials]:
    """AssumeRoleWithWebIdentity with a token minted for each call (each refresh)."""
    who, mint = token_minter(rt, row)
    if row.role_arn is None or rt.settings.issuer_url is None:
        raise CredentialsError("the WIF integration has no role ARN; update its credentials")
    identity = sts.WebIdentity(
        role_arn=row.role_arn,
        session_name=sts.session_name(row.id),
        context=failures.Context(row.role_arn, rt.settings.issuer_url, who.subject, who.audience),
        endpoint=rt.aws_endpoint,
    )
    return sts.credential_source(identity, mint)


def connect(
    options: CredentialOptions, row: Integration, endpoint: str | None = None
) -> Connection:
    """Open a session and identify it; the account must be the role ARN's. ``endpoint``: the
    runtime's ``aws_endpoint`` (the demo's emulator), None for AWS itself."""
    try:
        aws_session, identity = open_session(replace(options, sts_endpoint_url=endpoint))
    except CredentialsError as exc:
        raise CredentialsError(explain(str(exc), row)) from None
    if row.role_arn is not None and identity.account_id != role_account(row.role_arn):
        raise CredentialsError(
            f"the credentials belong to account {identity.account_id}, not to "
            f"{role_account(row.role_arn)} of the role ARN; check the role ARN"
        )
    return Connection(aws_session, identity)


def explain(message: str, row: Integration) -> str:
    """The scanner's sentence, phrased for an integration (the seeds' troubleshooting list)."""
    if row.auth_type == "access_key" and "access key is not valid" in message:
        return (
            f"AWS does not accept the access key {row.access_key_id}: it is unknown, deactivated "
            "or its secret is wrong; create a new key for the scanning user and update the "
            "integration"
        )
    if row.auth_type == "role" and "access denied assuming" in message:
        return (
            f"the platform may not assume {row.role_arn}: check the role ARN, that its trust "
            f"policy allows this platform, and that it requires ExternalId {row.external_id}"
        )
    return message


def denied_problem(report: Report, units_total: int) -> str | None:
    """A scan whose (resource type, region) units were mostly denied says so."""
    denied = {
        (e.resource_type, e.region)
        for e in report.collection_errors
        if e.kind.value == "access_denied"
    }
    if units_total and len(denied) / units_total >= DENIED_SHARE:
        return (
            f"{len(denied)} of {units_total} collections were denied: {READ_ONLY_HINT} to the "
            "scanning identity"
        )
    return None
