"""The issuer's signing keys: generated here, private parts envelope-encrypted, rotated with
overlap.

One key signs (the newest not retired). Rotation retires it at once, and keeps publishing it
until every token it signed has expired plus the 5 minutes of clock skew AWS STS allows, so a
token minted just before a rotation still verifies; then it leaves the JWKS and its private
part is deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from joserfc.jwk import RSAKey
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from cloudwarden.platform.db.models import SigningKey
from cloudwarden.platform.repositories import secrets as secret_store
from cloudwarden.platform.security.envelope import Keyring

ALGORITHM = "RS256"
RSA_BITS = 2048
TOKEN_LIFETIME = timedelta(minutes=5)
"""How long a minted token is valid: one STS call needs seconds, not hours."""
STS_CLOCK_SKEW = timedelta(minutes=5)
"""AWS STS accepts a token up to 5 minutes past its ``exp``."""


@dataclass(frozen=True)
class Signer:
    kid: str
    key: RSAKey

    def __repr__(self) -> str:
        return f"Signer(kid={self.kid!r})"


def generate(session: Session, keyring: Keyring, now: datetime) -> SigningKey:
    """A new signing key; it signs from now on (the newest unretired key signs)."""
    key = RSAKey.generate_key(RSA_BITS, private=True)
    kid = key.thumbprint()
    public: dict[str, Any] = {
        **key.as_dict(private=False),
        "kid": kid,
        "use": "sig",
        "alg": ALGORITHM,
    }
    secret_id = secret_store.put(session, keyring, key.as_pem(private=True).decode("ascii"))
    row = SigningKey(kid=kid, alg=ALGORITHM, public_jwk=public, secret_id=secret_id, created_at=now)
    session.add(row)
    session.flush()
    return row


def _signing_row(session: Session) -> SigningKey | None:
    query = (
        select(SigningKey)
        .where(SigningKey.retired_at.is_(None))
        .order_by(SigningKey.created_at.desc(), SigningKey.kid)
        .limit(1)
    )
    return session.scalars(query).first()


def ensure(session: Session, keyring: Keyring, now: datetime) -> SigningKey:
    """The key that signs, generated on first use."""
    return _signing_row(session) or generate(session, keyring, now)


def signer(session: Session, keyring: Keyring, now: datetime) -> Signer:
    """The key that signs now, its private part decrypted for this one signature."""
    row = ensure(session, keyring, now)
    pem = secret_store.read(session, keyring, row.secret_id)
    if pem is None:
        raise LookupError(f"the private part of signing key {row.kid} is missing")
    return Signer(row.kid, RSAKey.import_key(pem))


def rotate(session: Session, keyring: Keyring, now: datetime) -> tuple[SigningKey, list[str]]:
    """A new key signs at once; the keys it replaces stay published for the overlap. Also
    drops the keys whose overlap is over. Returns the new key and the kids dropped."""
    for row in session.scalars(select(SigningKey).where(SigningKey.retired_at.is_(None))):
        row.retired_at, row.published_until = now, now + TOKEN_LIFETIME + STS_CLOCK_SKEW
    new = generate(session, keyring, now)
    return new, drop_retired(session, now)


def drop_retired(session: Session, now: datetime) -> list[str]:
    """Keys past their overlap leave the database, private parts first."""
    gone = list(
        session.scalars(
            select(SigningKey).where(
                SigningKey.published_until.is_not(None), SigningKey.published_until <= now
            )
        )
    )
    for row in gone:
        session.delete(row)
        session.flush()
        secret_store.delete(session, row.secret_id)
    return [row.kid for row in gone]


def published(session: Session, now: datetime) -> list[dict[str, Any]]:
    """The JWKS's keys: the signing key and every retired key still in its overlap."""
    query = (
        select(SigningKey)
        .where(or_(SigningKey.published_until.is_(None), SigningKey.published_until > now))
        .order_by(SigningKey.created_at.desc(), SigningKey.kid)
    )
    return [dict(row.public_jwk) for row in session.scalars(query)]
