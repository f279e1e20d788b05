"""The OIDC issuer's public documents (no auth, outside /api/v1). Both are cacheable; the
JWKS briefly, so a rotated-in key is seen well within a retiring key's overlap."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from cloudwarden.platform.api.deps import RuntimeDep
from cloudwarden.platform.services import issuer as service

router = APIRouter(tags=["issuer"])
DISCOVERY_CACHE = "public, max-age=3600"
JWKS_CACHE = "public, max-age=300"


@router.get("/.well-known/openid-configuration", response_model=None)
def discovery(rt: RuntimeDep) -> JSONResponse:
    """What AWS STS reads first: the issuer (byte-equal to every token's iss) and jwks_uri."""
    return JSONResponse(service.discovery(rt), headers={"Cache-Control": DISCOVERY_CACHE})


@router.get(service.JWKS_PATH, response_model=None)
def jwks(rt: RuntimeDep) -> JSONResponse:
    """The signing key and every retired key still in its overlap."""
    return JSONResponse(service.jwks(rt), headers={"Cache-Control": JWKS_CACHE})
