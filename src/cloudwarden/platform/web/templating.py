"""Jinja2 for the console: every template autoescaped (names, tags and messages from a
scanned account are hostile input), undefined names are errors, not empty strings."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from cloudwarden.platform.web.assets import HTMX, StaticFiles
from cloudwarden.platform.web.security import CSRF_FIELD, CSRF_HEADER


def when(value: datetime | None) -> str:
    """A UTC time as people read it; ``never`` for none."""
    return "never" if value is None else value.strftime("%Y-%m-%d %H:%M UTC")


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{seconds:.1f} s"


def interval(seconds: int) -> str:
    hours = seconds / 3600
    return f"every {hours:g} hours" if hours >= 1 else f"every {seconds // 60} minutes"


class Templates:
    def __init__(self, static: StaticFiles) -> None:
        self.env = Environment(
            loader=PackageLoader("cloudwarden.platform.web", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(
            static=static.url,
            htmx=HTMX,
            csrf_field_name=CSRF_FIELD,
            csrf_header=CSRF_HEADER,
        )
        self.env.filters.update(when=when, duration=duration, interval=interval)

    def render(
        self, request: Request, name: str, context: Mapping[str, Any], status_code: int = 200
    ) -> HTMLResponse:
        """``context`` must hold what the template reads; ``request`` is always there."""
        body = self.env.get_template(name).render({"request": request, **context})
        return HTMLResponse(body, status_code=status_code)
