"""The OIDC issuer's public documents (no auth, outside /api/v1): the discovery document and
the JWKS AWS STS verifies the platform's tokens with. Both are cacheable; the JWKS briefly,
so a rotated-in key is seen well within a retiring key's overlap."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from cloudwarden.platform.api import problems
from cloudwarden.platform.api.deps import RuntimeDep
from cloudwarden.platform.wif import keys

router = APIRouter(tags=["issuer"])
DISCOVERY_PATH = "/.well-known/openid-configuration"
JWKS_PATH = "/.well-known/jwks.json"
DISCOVERY_CACHE = "public, max-age=3600"
JWKS_CACHE = "public, max-age=300"
CLAIMS = ["iss", "sub", "aud", "iat", "nbf", "exp", "jti"]
ISSUER_OFF = (
    "this platform is no OIDC issuer: set CLOUDWARDEN_ISSUER_URL to the public https URL it "
    "answers at"
)


def _public(document: dict[str, Any], cache: str) -> Response:
    return JSONResponse(document, headers={"Cache-Control": cache})


@router.get(DISCOVERY_PATH, response_model=None)
def discovery(rt: RuntimeDep) -> Response:
    issuer = rt.settings.issuer_url
    if issuer is None:
        return problems.problem(404, "Not Found", ISSUER_OFF)
    return _public(
        {
            "issuer": issuer,
            "jwks_uri": issuer + JWKS_PATH,
            "response_types_supported": ["id_token"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": [keys.ALGORITHM],
            "claims_supported": CLAIMS,
        },
        DISCOVERY_CACHE,
    )


@router.get(JWKS_PATH, response_model=None)
def jwks(rt: RuntimeDep) -> Response:
    if rt.settings.issuer_url is None:
        return problems.problem(404, "Not Found", ISSUER_OFF)
    with rt.sessions.begin() as session:
        published = keys.published(session, rt.clock())
    return _public({"keys": published}, JWKS_CACHE)
