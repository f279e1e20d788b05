"""API tokens: random, shown once, only their SHA-256 stored (they carry 256 bits of entropy,
so a slow hash adds nothing and would cost every request)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

TOKEN_PREFIX = "cwt_"  # noqa: S105 - a visible marker, not a secret


@dataclass(frozen=True)
class NewToken:
    plaintext: str
    digest: str
    prefix: str

    def __repr__(self) -> str:
        return f"NewToken(prefix={self.prefix!r})"


def generate_token() -> NewToken:
    plaintext = TOKEN_PREFIX + secrets.token_urlsafe(32)
    return NewToken(plaintext, token_digest(plaintext), plaintext[: len(TOKEN_PREFIX) + 6])


def token_digest(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()
