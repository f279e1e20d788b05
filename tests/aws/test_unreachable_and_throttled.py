"""Failures that only show across a process boundary: a region that hangs, an API that throttles."""

from __future__ import annotations

import boto3

from cloudwarden.aws.collectors.spec import Scope
from cloudwarden.aws.settings import EngineSettings
from cloudwarden.inventory.errors import ErrorKind
from cloudwarden.scan.discover import DiscoveryScope, discover, select_specs
from cloudwarden.scan_control import ProgressEvent
from cloudwarden.testing.latency_proxy import latency_proxy
from tests.support.blackhole import blackhole
from tests.support.environment import emulated_environment

REGIONAL_SERVICES = ("sqs", "kms", "logs")
SCOPE = DiscoveryScope(services=("s3", *REGIONAL_SERVICES), regions=("us-east-1", "eu-west-1"))


def test_a_hanging_region_costs_one_probe_and_is_recorded(seeded_server, identity):
    # Timeouts no endpoint reaches, healthy or slow: the black hole hangs until the healthy
    # region is done, then hangs up; the test decides when the hang ends, not a clock.
    settings = EngineSettings(connect_timeout=120.0, read_timeout=600.0, max_attempts=2)
    healthy_types = {s.type_name for s in select_specs(SCOPE) if s.scope is Scope.REGIONAL}
    with emulated_environment(), blackhole() as hole:
        healthy_done: set[str] = set()

        def release_when_the_healthy_region_is_done(event: ProgressEvent) -> None:
            if event.region == "us-east-1":
                healthy_done.add(event.resource_type)
            if healthy_done == healthy_types:
                hole.release()

        def endpoint_for(service: str, region: str) -> str:
            return hole.url if region == "eu-west-1" else seeded_server

        session = boto3.Session(region_name="us-east-1")
        inventory = discover(
            session,
            identity,
            SCOPE,
            settings=settings,
            endpoint_for=endpoint_for,
            progress=release_when_the_healthy_region_is_done,
        )

    # One probe, retried by botocore, and nothing else went to the dead region.
    assert 1 <= hole.connections <= settings.max_attempts
    dead = [e for e in inventory.errors if e.region == "eu-west-1"]
    assert {e.resource_type for e in dead} == healthy_types
    assert {e.kind for e in dead} <= {ErrorKind.TIMEOUT, ErrorKind.UNREACHABLE}
    # The healthy region was scanned completely, while the other one hung.
    assert healthy_done == healthy_types
    assert any(r.region == "us-east-1" and r.type == "aws.sqs.queue" for r in inventory.resources)
    assert not [e for e in inventory.errors if e.region == "us-east-1"]


def _view(inventory):
    return sorted((r.type, r.region, r.arn or r.id) for r in inventory.resources)


def test_throttled_calls_are_retried_and_nothing_is_lost(seeded_server, identity):
    with emulated_environment():
        session = boto3.Session(region_name="us-east-1")
        baseline = discover(session, identity, SCOPE, endpoint_for=lambda s, r: seeded_server)
        # botocore gives up at once (max_attempts=1): the engine's own backoff must recover.
        settings = EngineSettings(max_attempts=1, throttle_delay=0.05, throttle_retries=3)
        with latency_proxy(seeded_server, latency=0.0, throttle_first=True) as (proxy, stats):
            throttled = discover(
                session, identity, SCOPE, settings=settings, endpoint_for=lambda s, r: proxy
            )
    assert stats.throttled > 0
    assert _view(throttled) == _view(baseline)
    kinds = {e.kind for e in throttled.errors} | {
        e.kind for r in throttled.resources for e in r.collection_errors
    }
    assert ErrorKind.THROTTLED not in kinds
