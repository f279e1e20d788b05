"""The console's browser protections: security headers, session cookies and CSRF tokens.

CSRF: a synchronizer token derived from the session's own token (HMAC), so it is tied to the
session, needs no storage and changes on every login. Forms carry it as ``csrf_token``; htmx
sends it as the ``X-CSRF-Token`` header (``hx-headers`` on <body>). Before login there is no
session: the login and setup forms use a random pre-session cookie the form must repeat
(double submit; the cookie is SameSite=Strict and HttpOnly).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable

from fastapi import Request, Response

SESSION_COOKIE = "cw_session"
PRE_SESSION_COOKIE = "cw_presession"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
API_PREFIXES = ("/api/", "/.well-known/", "/metrics")
"""Not the console's: the API's own documentation page needs its own script policy."""

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    )
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
NO_STORE = "no-store"
"""Console pages show a space's findings: never kept in a shared or back-button cache."""

Next = Callable[[Request], Awaitable[Response]]


def is_console(path: str) -> bool:
    return not path.startswith(API_PREFIXES)


async def security_headers(request: Request, call_next: Next) -> Response:
    response = await call_next(request)
    if is_console(request.url.path):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers.setdefault("Cache-Control", NO_STORE)
    return response


def is_https(request: Request) -> bool:
    """The scheme the browser used (uvicorn applies X-Forwarded-Proto from trusted proxies)."""
    return request.url.scheme == "https"


def set_cookie(
    response: Response, request: Request, name: str, value: str, *, strict: bool = False
) -> None:
    response.set_cookie(
        name,
        value,
        httponly=True,
        secure=is_https(request),
        samesite="strict" if strict else "lax",
        path="/",
    )


def csrf_for_session(session_token: str) -> str:
    return hmac.new(session_token.encode(), b"cloudwarden console csrf", hashlib.sha256).hexdigest()


def new_pre_session() -> str:
    return secrets.token_urlsafe(32)


def matches(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))
