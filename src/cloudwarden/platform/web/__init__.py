"""The web console: server-rendered pages (Jinja2) with htmx for partial updates, mounted at
``/`` beside the API. Every action calls the same service the API calls."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from starlette.exceptions import HTTPException

from cloudwarden.platform.errors import PlatformError, TooManyRequestsError
from cloudwarden.platform.web.assets import StaticFiles
from cloudwarden.platform.web.deps import CsrfRefusedError, LoginRequiredError
from cloudwarden.platform.web.routes import ROUTERS
from cloudwarden.platform.web.security import SECURITY_HEADERS, is_console, security_headers
from cloudwarden.platform.web.templating import Templates

Handler = Callable[[Request, Exception], Response | Awaitable[Response]]

CSRF_REFUSED = (
    "this form was sent without its security token (it expired with your session, or it "
    "came from another site): reload the page and try again"
)


def error_page(request: Request, status: int, title: str, message: str) -> Response:
    templates: Templates = request.app.state.templates
    response = templates.render(
        request,
        "error.html",
        {"visitor": None, "status": status, "title": title, "message": message},
        status_code=status,
    )
    # A 500 page is answered outside the middleware stack: the headers are set here too.
    response.headers.update(SECURITY_HEADERS)
    return response


def login_redirect(request: Request) -> Response:
    target = "/login?next=" + quote(request.url.path, safe="/")
    if request.headers.get("HX-Request"):
        return Response(status_code=200, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


def _console_or(previous: Handler, page: Callable[[Request, Exception], Response]) -> Handler:
    """The console's HTML page on console paths; the API's problem+json elsewhere."""

    async def handle(request: Request, exc: Exception) -> Response:
        if is_console(request.url.path):
            return page(request, exc)
        answer = previous(request, exc)
        return answer if isinstance(answer, Response) else await answer

    return handle


def _platform_page(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PlatformError)
    response = error_page(request, exc.status, exc.title, str(exc))
    if isinstance(exc, TooManyRequestsError):
        response.headers["Retry-After"] = str(exc.retry_after)
    return response


def _http_page(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return error_page(request, 404, "Not found", "there is no such page")
    return error_page(request, exc.status_code, str(exc.detail), str(exc.detail))


def _validation_page(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid"}
    where = ".".join(str(part) for part in first.get("loc", ()))
    return error_page(request, 422, "Invalid input", f"fix {where}: {first.get('msg', '')}")


def _unexpected_page(request: Request, exc: Exception) -> Response:
    """A bug: the request id to report, never the exception's text (the log has it)."""
    rid = getattr(request.state, "request_id", None)
    quoted = f" (request id {rid})" if rid else ""
    return error_page(
        request,
        500,
        "Something went wrong",
        f"the console failed on this request{quoted}: retry it, and if it fails again report "
        "it to your operator with that id",
    )


def install(app: FastAPI) -> None:
    """The console's routes, static files, security headers and error pages."""
    static = StaticFiles()
    app.state.templates = Templates(static)
    app.include_router(static.router)
    for router in ROUTERS:
        app.include_router(router)
    app.middleware("http")(security_headers)
    app.add_exception_handler(LoginRequiredError, lambda request, _exc: login_redirect(request))
    app.add_exception_handler(
        CsrfRefusedError,
        lambda request, _exc: error_page(request, 403, "Refused", CSRF_REFUSED),
    )
    for kind, page in (
        (Exception, _unexpected_page),
        (PlatformError, _platform_page),
        (HTTPException, _http_page),
        (RequestValidationError, _validation_page),
    ):
        app.add_exception_handler(kind, _console_or(app.exception_handlers[kind], page))
