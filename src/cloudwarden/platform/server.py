"""One process: the API, the embedded worker and the scheduler, on one database."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import uvicorn
from fastapi import FastAPI

from cloudwarden.platform.api.app import create_app
from cloudwarden.platform.jobs.worker import EmbeddedWorker
from cloudwarden.platform.runtime import Runtime, build_runtime
from cloudwarden.platform.scheduler import Scheduler
from cloudwarden.platform.settings import PlatformSettings

log = logging.getLogger(__name__)


@dataclass
class Platform:
    runtime: Runtime
    worker: EmbeddedWorker
    scheduler: Scheduler
    app: FastAPI


def assemble(settings: PlatformSettings) -> Platform:
    """Migrated database, worker wired as the job queue, app; nothing started yet."""
    runtime = build_runtime(settings)
    worker = EmbeddedWorker(runtime, settings.worker_threads)
    runtime.queue = worker
    return Platform(runtime, worker, Scheduler(runtime), create_app(runtime))


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
    with running(platform):
        uvicorn.run(platform.app, host=host, port=port, log_level="warning")
