"""Prometheus metrics of one platform process, served at ``/metrics``.

- ``cloudwarden_scans_total{outcome}``: finished scan jobs by their final state.
- ``cloudwarden_scan_duration_seconds``: how long finished scans ran.
- ``cloudwarden_scan_jobs{state}``: queued and running jobs, read from the database at scrape
  time (every worker and process shares the queue, so a counter in one process would lie).
- ``cloudwarden_http_request_duration_seconds{method,route,status}``: API latency by route
  template (``/api/v1/spaces/{space_id}``, never a raw path: ids would explode the series).

Protection: with ``CLOUDWARDEN_METRICS_TOKEN`` set, a scrape must send
``Authorization: Bearer <token>``. In production mode without a token ``/metrics`` is off
(404): counts of scans and routes are operational data, not for the internet. Dev and demo
serve it openly on their loopback listener.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from cloudwarden.platform.db.models import ScanJob
from cloudwarden.platform.db.session import SessionFactory
from cloudwarden.platform.schemas import ACTIVE_JOB_STATES
from cloudwarden.platform.settings import Mode, PlatformSettings

SCAN_BUCKETS = (1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200)
UNMATCHED_ROUTE = "unmatched"
"""The route label of a request no route matched (bounded: not the raw path)."""


class QueueCollector(Collector):
    """Queued and running scan jobs, counted in the database when scraped."""

    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    def collect(self) -> Iterator[GaugeMetricFamily]:
        gauge = GaugeMetricFamily(
            "cloudwarden_scan_jobs", "Scan jobs waiting or running, by state.", labels=["state"]
        )
        with self._sessions() as session:
            rows = session.execute(
                select(ScanJob.state, func.count())
                .where(ScanJob.state.in_(ACTIVE_JOB_STATES))
                .group_by(ScanJob.state)
            )
            counts: dict[str, int] = {row[0]: row[1] for row in rows}
        for state in sorted(ACTIVE_JOB_STATES):
            gauge.add_metric([str(state)], counts.get(state, 0))
        yield gauge


class PlatformMetrics:
    """One registry per platform (tests build many in one process)."""

    def __init__(self, sessions: SessionFactory) -> None:
        self.registry = CollectorRegistry()
        self.scans = Counter(
            "cloudwarden_scans",
            "Finished scan jobs by outcome.",
            ["outcome"],
            registry=self.registry,
        )
        self.scan_duration = Histogram(
            "cloudwarden_scan_duration_seconds",
            "Duration of finished scans.",
            buckets=SCAN_BUCKETS,
            registry=self.registry,
        )
        self.request_duration = Histogram(
            "cloudwarden_http_request_duration_seconds",
            "API request latency by method, route template and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.registry.register(QueueCollector(sessions))

    def scan_finished(self, outcome: str, duration_seconds: float | None) -> None:
        self.scans.labels(outcome=outcome).inc()
        if duration_seconds is not None:
            self.scan_duration.observe(duration_seconds)

    def request_done(self, method: str, route: str, status: int, seconds: float) -> None:
        self.request_duration.labels(method=method, route=route, status=str(status)).observe(
            seconds
        )

    def render(self) -> bytes:
        return generate_latest(self.registry)


def scrape_allowed(settings: PlatformSettings, authorization: str | None) -> bool | None:
    """True: serve the scrape; False: wrong or missing token (401); None: off (404)."""
    if settings.metrics_token is None:
        return None if settings.mode is Mode.PRODUCTION else True
    expected = f"Bearer {settings.metrics_token.get_secret_value()}"
    return hmac.compare_digest((authorization or "").encode(), expected.encode())
