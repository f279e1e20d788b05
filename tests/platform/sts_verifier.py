"""A token verifier that does what AWS STS documents for AssumeRoleWithWebIdentity, over real
HTTP against the running issuer, with joserfc (no hand-written crypto).

STS fetches ``<iss>/.well-known/openid-configuration`` (whose ``issuer`` must be byte-equal to
the provider URL), then the JWKS at its ``jwks_uri``; it verifies the signature with the key the
header's ``kid`` names (refetching the JWKS once when the kid is unknown), then ``iss``, ``aud``
among the provider's client ids, ``exp`` with 5 minutes of clock skew and ``nbf``; the role's
trust policy then compares ``sub`` (StringEquals on ``<host>:sub``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from joserfc.jws import extract_compact

STS_SKEW_SECONDS = 300


class Refused(Exception):  # noqa: N818 - what STS answers: the token is refused
    """STS's InvalidIdentityToken (or the trust policy's AccessDenied), with the reason."""


@dataclass
class StsVerifier:
    provider_url: str
    client_ids: list[str]
    now: Callable[[], int] = lambda: int(time.time())
    jwks_fetches: int = 0
    _keys: KeySet | None = None
    _algorithms: list[str] = field(default_factory=list)

    def discovery(self) -> dict[str, Any]:
        response = httpx.get(self.provider_url + "/.well-known/openid-configuration")
        response.raise_for_status()
        document: dict[str, Any] = response.json()
        if document["issuer"] != self.provider_url:
            raise Refused("the discovery document's issuer is not the provider URL")
        return document

    def _fetch_keys(self) -> KeySet:
        document = self.discovery()
        self._algorithms = list(document["id_token_signing_alg_values_supported"])
        response = httpx.get(document["jwks_uri"])
        response.raise_for_status()
        self.jwks_fetches += 1
        self._keys = KeySet.import_key_set(response.json())
        return self._keys

    def _kids(self, keys: KeySet) -> set[str]:
        return {key.kid for key in keys.keys if key.kid}

    def verify(self, token: str, trusted_subject: str | None = None) -> dict[str, Any]:
        """The token's claims, or Refused with why STS would refuse it."""
        try:
            header = extract_compact(token.encode("ascii")).protected
        except (JoseError, ValueError, UnicodeError) as exc:
            raise Refused(f"malformed token: {exc}") from None
        keys = self._keys or self._fetch_keys()
        if header.get("alg") not in self._algorithms:
            raise Refused(f"algorithm {header.get('alg')!r} is not the issuer's")
        kid = header.get("kid")
        if kid not in self._kids(keys):
            keys = self._fetch_keys()  # a rotated-in key: refetch once
            if kid not in self._kids(keys):
                raise Refused(f"unknown kid {kid!r}")
        try:
            decoded = jwt.decode(token, keys, algorithms=self._algorithms)
        except (JoseError, ValueError) as exc:
            raise Refused(f"signature: {type(exc).__name__}") from None
        registry = jwt.JWTClaimsRegistry(
            now=self.now,
            leeway=STS_SKEW_SECONDS,
            iss={"essential": True, "value": self.provider_url},
            aud={"essential": True, "values": self.client_ids},
            sub={"essential": True},
            exp={"essential": True},
            nbf={"essential": True},
        )
        try:
            registry.validate(decoded.claims)
        except JoseError as exc:
            raise Refused(f"claims: {type(exc).__name__}: {exc}") from None
        if trusted_subject is not None and decoded.claims["sub"] != trusted_subject:
            raise Refused("the trust policy's sub condition does not match")
        return decoded.claims
