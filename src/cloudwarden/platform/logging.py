"""Structured logs: structlog events and stdlib records alike, one JSON object per line.

structlog is routed through the standard ``logging`` module, so uvicorn's records, the
library's and the platform's share one handler (and a test's log capture sees them all).
Context is bound with contextvars: ``request_id`` for the duration of an HTTP request (the
middleware), ``job_id``/``scan_id``/``integration_id``/``space_id`` for the duration of a job
(the worker). Values never include a secret: log event names and ids, not payloads.
"""

from __future__ import annotations

import logging
import re
import sys
import uuid
from typing import Any

import structlog

REQUEST_ID_HEADER = "X-Request-ID"
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
"""An incoming id is kept only when it is short and harmless in a log line or a header."""

SHARED_PROCESSORS: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def request_id(incoming: str | None) -> str:
    """The caller's ``X-Request-ID`` when it is sane, else a new random one."""
    if incoming is not None and SANE_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


def route_structlog_to_stdlib() -> None:
    """structlog loggers hand their event dicts to ``logging`` (idempotent)."""
    structlog.configure(
        processors=[*SHARED_PROCESSORS, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


def json_formatter() -> logging.Formatter:
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=SHARED_PROCESSORS,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
        ],
    )


def configure_json_logs(level: int = logging.INFO) -> None:
    """``serve``: every log record to stderr as JSON (JSON escapes control characters, so a
    hostile value cannot forge a line); cloudwarden's own loggers and uvicorn's at ``level``.
    Other libraries keep the levels the CLI gave them (botocore at DEBUG would log request
    and response bodies, credentials included)."""
    route_structlog_to_stdlib()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(json_formatter())
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level)
    logging.getLogger("cloudwarden").setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers = []
        logging.getLogger(name).propagate = True


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    logger: structlog.stdlib.BoundLogger = structlog.stdlib.get_logger(name)
    return logger
