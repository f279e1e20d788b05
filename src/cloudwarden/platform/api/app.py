"""The FastAPI application: the console at /, routers under /api/v1, OpenAPI at
/api/v1/openapi.json; a middleware gives every request an id, a log line and a latency
sample; /metrics for Prometheus."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

import structlog
from fastapi import FastAPI, Request, Response
from starlette.routing import BaseRoute

from cloudwarden import __version__
from cloudwarden.platform import metrics, web
from cloudwarden.platform.api import problems
from cloudwarden.platform.api.routes import (
    agent,
    assets,
    integrations,
    issuer,
    reports,
    scans,
    spaces,
    tokens,
)
from cloudwarden.platform.logging import REQUEST_ID_HEADER, get_logger, request_id
from cloudwarden.platform.metrics import PlatformMetrics
from cloudwarden.platform.runtime import Runtime

PREFIX = "/api/v1"
METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

log = get_logger(__name__)
Next = Callable[[Request], Awaitable[Response]]


def create_app(rt: Runtime, platform_metrics: PlatformMetrics | None = None) -> FastAPI:
    app = FastAPI(
        title="cloudwarden platform",
        version=__version__,
        openapi_url=f"{PREFIX}/openapi.json",
        docs_url=f"{PREFIX}/docs",
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=f"{PREFIX}/docs/oauth2-redirect",
    )
    app.state.runtime = rt
    app.state.metrics = platform_metrics or PlatformMetrics(rt.sessions)
    problems.install(app)
    prefixes: dict[int, str] = {}
    for module in (tokens, spaces, integrations, scans, reports, assets, agent):
        app.include_router(module.router, prefix=PREFIX)
        prefixes.update((id(route), PREFIX) for route in module.router.routes)
    app.include_router(issuer.router)
    app.state.route_prefixes = prefixes
    app.middleware("http")(observe)
    app.add_api_route("/metrics", scrape, methods=["GET"], include_in_schema=False)
    web.install(app)
    return app


def route_template(request: Request) -> str:
    """The matched route's full path template; an included router's route knows only its own
    part of it (FastAPI keeps the prefix on the include)."""
    route: BaseRoute | None = request.scope.get("route")
    path = getattr(route, "path", None)
    if not isinstance(path, str):
        return metrics.UNMATCHED_ROUTE
    prefixes: dict[int, str] = request.app.state.route_prefixes
    return prefixes.get(id(route), "") + path


async def observe(request: Request, call_next: Next) -> Response:
    """Request id (the caller's sane ``X-Request-ID`` or a new one) bound to every log line
    of the request and returned in the response; one log line and one latency sample per
    request, by route template. The query string is never logged."""
    rid = request_id(request.headers.get(REQUEST_ID_HEADER))
    request.state.request_id = rid
    started = time.perf_counter()
    with structlog.contextvars.bound_contextvars(request_id=rid):
        response = await call_next(request)
        seconds = time.perf_counter() - started
        route = route_template(request)
        request.app.state.metrics.request_done(request.method, route, response.status_code, seconds)
        log.info(
            "http.request",
            method=request.method,
            route=route,
            status=response.status_code,
            duration_ms=round(seconds * 1000, 2),
        )
    response.headers[REQUEST_ID_HEADER] = rid
    return response


def scrape(request: Request) -> Response:
    rt: Runtime = request.app.state.runtime
    allowed = metrics.scrape_allowed(rt.settings, request.headers.get("Authorization"))
    if allowed is None:
        return problems.problem(
            404,
            "Not Found",
            "/metrics is off: set CLOUDWARDEN_METRICS_TOKEN and scrape with that bearer token",
        )
    if not allowed:
        response = problems.problem(
            401,
            "Unauthorized",
            "send the metrics token as 'Authorization: Bearer <CLOUDWARDEN_METRICS_TOKEN>'",
        )
        response.headers["WWW-Authenticate"] = "Bearer"
        return response
    body = request.app.state.metrics.render()
    return Response(body, media_type=METRICS_CONTENT_TYPE)
