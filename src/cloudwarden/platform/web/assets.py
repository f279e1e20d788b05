"""The console's static files, served at URLs that carry their content hash, so a browser may
cache them for a year: a changed file is a new URL."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import Response
from starlette.exceptions import HTTPException

STATIC_PREFIX = "/static"
HTMX = "htmx-2.0.11.min.js"
"""Vendored from npm (see static/VENDORED.md)."""
IMMUTABLE = "public, max-age=31536000, immutable"
MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
}


@dataclass(frozen=True)
class Asset:
    name: str
    digest: str
    body: bytes
    media_type: str


def _static_dir() -> Path:
    return Path(str(resources.files("cloudwarden.platform.web") / "static"))


def load() -> dict[str, Asset]:
    """Every served file of static/, read once at start-up."""
    found: dict[str, Asset] = {}
    for path in sorted(_static_dir().iterdir()):
        media_type = MEDIA_TYPES.get(path.suffix)
        if media_type is None or not path.is_file():
            continue
        body = path.read_bytes()
        digest = hashlib.sha256(body).hexdigest()[:16]
        found[path.name] = Asset(path.name, digest, body, media_type)
    return found


class StaticFiles:
    def __init__(self) -> None:
        self.assets = load()
        self.router = APIRouter(include_in_schema=False)
        self.router.add_api_route(f"{STATIC_PREFIX}/{{digest}}/{{name}}", self.serve)

    def url(self, name: str) -> str:
        """The versioned URL of a file of static/ (a template's ``static('console.css')``)."""
        asset = self.assets[name]
        return f"{STATIC_PREFIX}/{asset.digest}/{asset.name}"

    def serve(self, digest: str, name: str) -> Response:
        asset = self.assets.get(name)
        if asset is None or asset.digest != digest:
            # An old URL after an upgrade: not the new content under the old name's cache.
            raise HTTPException(404, "Not Found")
        return Response(
            asset.body, media_type=asset.media_type, headers={"Cache-Control": IMMUTABLE}
        )
