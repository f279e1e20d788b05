"""One process: the API, the embedded worker and the scheduler, on one database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import uvicorn
from fastapi import FastAPI

from cloudwarden.platform.api.app import create_app
from cloudwarden.platform.jobs.worker import EmbeddedWorker
from cloudwarden.platform.logging import configure_json_logs, route_structlog_to_stdlib
from cloudwarden.platform.metrics import PlatformMetrics
from cloudwarden.platform.runtime import Runtime, build_runtime
from cloudwarden.platform.scheduler import Scheduler
from cloudwarden.platform.settings import PlatformSettings
from cloudwarden.platform.wif import keys


@dataclass
class Platform:
    runtime: Runtime
    worker: EmbeddedWorker
    scheduler: Scheduler
    app: FastAPI
    metrics: PlatformMetrics


def assemble(settings: PlatformSettings) -> Platform:
    """Migrated database, worker wired as the job queue, app; nothing started yet."""
    route_structlog_to_stdlib()
    runtime = build_runtime(settings)
    with runtime.sessions.begin() as session:
        # The first key exists before any request: the JWKS is never empty, minting only reads.
        keys.ensure(session, runtime.keyring, runtime.clock())
    metrics = PlatformMetrics(runtime.sessions)
    worker = EmbeddedWorker(runtime, settings.worker_threads, metrics=metrics)
    runtime.queue = worker
    return Platform(runtime, worker, Scheduler(runtime), create_app(runtime, metrics), metrics)


@contextmanager
def running(platform: Platform) -> Iterator[Platform]:
    """Worker and scheduler threads for the duration; running scans are cancelled on exit."""
    platform.worker.start()
    platform.scheduler.start()
    try:
        yield platform
    finally:
        platform.scheduler.stop()
        platform.worker.stop()
        platform.runtime.engine.dispose()


def serve(platform: Platform, host: str, port: int) -> None:
    """JSON logs on stderr (uvicorn's own access log is off: the middleware logs each request
    with its id, route template and latency)."""
    configure_json_logs()
    with running(platform):
        uvicorn.run(
            platform.app, host=host, port=port, log_config=None, log_level="info", access_log=False
        )
