"""Minting the OIDC token of one STS call: an internal operation of the scan and ping jobs,
never an API route. A token is logged by its ``jti`` and integration, never itself."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from joserfc import jwt

from cloudwarden.platform.logging import get_logger
from cloudwarden.platform.wif import keys

JTI_BYTES = 18
log = get_logger(__name__)
TokenListener = Callable[[str], None]


@dataclass(frozen=True)
class Audience:
    """Who a token is for: the integration, its subject, and the provider's client id."""

    integration_id: str
    subject: str
    audience: str


def claims(issuer_url: str, who: Audience, now: datetime, jti: str) -> dict[str, object]:
    issued = int(now.timestamp())
    return {
        "iss": issuer_url,
        "sub": who.subject,
        "aud": who.audience,
        "iat": issued,
        "nbf": issued,
        "exp": issued + int(keys.TOKEN_LIFETIME.total_seconds()),
        "jti": jti,
    }


def sign(signer: keys.Signer, payload: dict[str, object]) -> str:
    header = {"alg": keys.ALGORITHM, "kid": signer.kid, "typ": "JWT"}
    return jwt.encode(header, payload, signer.key, algorithms=[keys.ALGORITHM])


def mint(
    signer: keys.Signer,
    issuer_url: str,
    who: Audience,
    now: datetime,
    listeners: list[TokenListener] | None = None,
) -> str:
    jti = secrets.token_urlsafe(JTI_BYTES)
    token = sign(signer, claims(issuer_url, who, now, jti))
    log.info(
        "wif.token_minted",
        jti=jti,
        integration_id=who.integration_id,
        kid=signer.kid,
        lifetime_seconds=int(keys.TOKEN_LIFETIME.total_seconds()),
    )
    for listener in listeners or ():
        listener(token)
    return token
