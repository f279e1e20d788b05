"""Errors as RFC 9457 problem+json, each with one actionable sentence in ``detail``."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from cloudwarden.platform.errors import PlatformError

PROBLEM = "application/problem+json"


def problem(status: int, title: str, detail: str, **extra: object) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


def _platform(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, PlatformError)
    response = problem(exc.status, exc.title, str(exc))
    if exc.status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    return response


def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg", "")}
        for e in exc.errors()  # no 'input': it could hold a secret
    ]
    first = errors[0] if errors else {"loc": [], "msg": "invalid"}
    where = ".".join(str(part) for part in first["loc"])
    return problem(422, "Invalid input", f"fix {where}: {first['msg']}", errors=errors)


def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    sentence = (
        "no such route: see /api/v1/openapi.json" if exc.status_code == 404 else str(exc.detail)
    )
    return problem(exc.status_code, str(exc.detail), sentence)


def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    """A bug, not the caller's fault: problem+json with the request id to report, never the
    exception's text (it could quote a stored value). The server logs the traceback."""
    rid = getattr(request.state, "request_id", None)
    quoted = f" (request id {rid})" if rid else ""
    return problem(
        500,
        "Internal Server Error",
        f"the platform failed on this request{quoted}: retry it, and if it fails again report "
        "it to your operator with that id",
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(Exception, _unexpected)
    app.add_exception_handler(PlatformError, _platform)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HTTPException, _http)
