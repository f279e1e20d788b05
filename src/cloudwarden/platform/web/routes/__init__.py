"""The console's routers, one module per area; ``install`` includes each in this order."""

from __future__ import annotations

from fastapi import APIRouter

from cloudwarden.platform.web.routes import (
    assets,
    auth,
    catalogue,
    integrations,
    members,
    reports,
    serverless,
    spaces,
)

ROUTERS: tuple[APIRouter, ...] = (
    auth.router,
    spaces.router,
    catalogue.router,
    serverless.router,
    integrations.router,
    assets.router,
    reports.router,
    members.router,
)
