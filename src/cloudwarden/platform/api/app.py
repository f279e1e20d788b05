"""The FastAPI application: routers under /api/v1, OpenAPI at /api/v1/openapi.json."""

from __future__ import annotations

from fastapi import FastAPI

from cloudwarden import __version__
from cloudwarden.platform.api import problems
from cloudwarden.platform.api.routes import integrations, reports, scans, spaces, tokens
from cloudwarden.platform.runtime import Runtime

PREFIX = "/api/v1"


def create_app(rt: Runtime) -> FastAPI:
    app = FastAPI(
        title="cloudwarden platform",
        version=__version__,
        openapi_url=f"{PREFIX}/openapi.json",
        docs_url=f"{PREFIX}/docs",
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=f"{PREFIX}/docs/oauth2-redirect",
    )
    app.state.runtime = rt
    problems.install(app)
    for module in (tokens, spaces, integrations, scans, reports):
        app.include_router(module.router, prefix=PREFIX)
    return app
