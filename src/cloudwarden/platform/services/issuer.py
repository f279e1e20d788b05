"""The OIDC issuer's public documents: the discovery document and the JWKS."""

from __future__ import annotations

from typing import Any

from cloudwarden.platform.errors import NotFoundError
from cloudwarden.platform.runtime import Runtime
from cloudwarden.platform.wif import keys

JWKS_PATH = "/.well-known/jwks.json"
CLAIMS = ["iss", "sub", "aud", "iat", "nbf", "exp", "jti"]
ISSUER_OFF = (
    "this platform is no OIDC issuer: set CLOUDWARDEN_ISSUER_URL to the public https URL it "
    "answers at"
)


def _issuer(rt: Runtime) -> str:
    if rt.settings.issuer_url is None:
        raise NotFoundError(ISSUER_OFF)
    return rt.settings.issuer_url


def discovery(rt: Runtime) -> dict[str, Any]:
    issuer = _issuer(rt)
    return {
        "issuer": issuer,
        "jwks_uri": issuer + JWKS_PATH,
        "response_types_supported": ["id_token"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": [keys.ALGORITHM],
        "claims_supported": CLAIMS,
    }


def jwks(rt: Runtime) -> dict[str, Any]:
    _issuer(rt)
    with rt.sessions.begin() as session:
        return {"keys": keys.published(session, rt.clock())}
