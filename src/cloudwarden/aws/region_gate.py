"""Which regions and endpoints answer, and the work that waits to know.

Each region is probed once (ec2:DescribeAvailabilityZones) before its collectors start. Work of
global types that reaches into a region (an S3 bucket's details) waits for that region's probe,
so a region that hangs costs one call's timeouts, not one per collector, and never fills the
budget. An endpoint that failed to connect fails every later call at once, without a request;
after :data:`REGION_UNREACHABLE_AFTER` such endpoints the whole region does.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from cloudwarden.aws.clients import ClientCache
from cloudwarden.aws.collectors.spec import Call
from cloudwarden.aws.errors import CallFailure, classify
from cloudwarden.inventory.errors import ErrorKind

log = logging.getLogger(__name__)

REGION_UNREACHABLE_AFTER = 2
"""Distinct unreachable service endpoints after which a whole region is treated as unreachable."""

PROBE = Call("DescribeAvailabilityZones", service="ec2")
"""The cheap call that tells whether a region answers at all."""

DOWN_KINDS = frozenset({ErrorKind.UNREACHABLE, ErrorKind.TIMEOUT})
"""Probe failures that mean the region does not answer (any other answer means it does)."""


class UnreachableEndpointError(Exception):
    """An endpoint that already failed to connect in this scan; fails fast without a call."""

    def __init__(self, failure: CallFailure) -> None:
        super().__init__(failure.message)
        self.failure = failure


class RegionGate:
    """Thread-safe record of unreachable endpoints and regions, and of work held for probes."""

    def __init__(self, clients: ClientCache) -> None:
        self._clients = clients
        self._lock = threading.Lock()
        self._unreachable: dict[tuple[str, str], CallFailure] = {}
        self._unreachable_regions: dict[str, CallFailure] = {}
        self._probing: dict[str, list[Callable[[], None]]] = {}
        """Regions whose probe has not answered yet, with the work waiting for it."""

    def hold(self, region: str) -> None:
        """From now until :meth:`release`, work for ``region`` waits (its probe is pending)."""
        with self._lock:
            self._probing[region] = []

    def when_released(self, region: str, task: Callable[[], None]) -> None:
        """Run ``task`` once ``region`` is released (at once if it is not held)."""
        with self._lock:
            waiting = self._probing.get(region)
            if waiting is not None:
                waiting.append(task)
                return
        task()

    def release(self, region: str) -> None:
        """Run the work that waited for ``region`` (each task checks reachability itself)."""
        with self._lock:
            waiting = self._probing.pop(region, [])
        for task in waiting:
            task()

    def probe(self, region: str) -> CallFailure | None:
        """Call ``region`` once; the failure when it does not answer, else None."""
        try:
            self._clients.get(PROBE.service or "ec2", region).describe_availability_zones()
        except Exception as exc:  # noqa: BLE001 - any failure is classified; fatal ones recorded
            failure = classify(exc)
            if failure.kind in DOWN_KINDS:
                log.warning(
                    "region %s is unreachable (%s); its collectors are skipped",
                    region,
                    failure.code,
                )
                with self._lock:
                    self._unreachable_regions[region] = failure
                return failure
        return None

    def check(self, service: str, region: str) -> None:
        """Raise :class:`UnreachableEndpointError` for an endpoint known not to answer."""
        with self._lock:
            failure = self._unreachable_regions.get(region) or self._unreachable.get(
                (service, region)
            )
        if failure is not None:
            raise UnreachableEndpointError(failure)

    def note(self, service: str, region: str, failure: CallFailure) -> None:
        """Remember an endpoint that failed to connect (and its region, after a few)."""
        if failure.kind is not ErrorKind.UNREACHABLE:
            return
        with self._lock:
            self._unreachable.setdefault((service, region), failure)
            services_down = sum(1 for (_, down) in self._unreachable if down == region)
            if services_down >= REGION_UNREACHABLE_AFTER:
                self._unreachable_regions.setdefault(region, failure)
