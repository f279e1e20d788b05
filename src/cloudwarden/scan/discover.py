"""Discovery: run the collectors of a scope over the account, concurrently, into an inventory."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping

import boto3

from cloudwarden.aws.clients import ClientCache, EndpointResolver
from cloudwarden.aws.collectors.runner import CollectorRunner, RunOptions
from cloudwarden.aws.collectors.spec import Scope
from cloudwarden.aws.credentials import Identity
from cloudwarden.aws.pool import CallPool
from cloudwarden.aws.regions import home_region, list_region_opt_in, plan_regions
from cloudwarden.aws.settings import EngineSettings
from cloudwarden.inventory.inventory import DiscoveryStats, Inventory, InventoryBuilder
from cloudwarden.scan.scope import DiscoveryScope, coverage, select_specs, validate_scope
from cloudwarden.scan_control import CancelToken, ProgressCallback

__all__ = ["DiscoveryScope", "discover"]

log = logging.getLogger(__name__)

SETUP_ROUNDS = 1
"""ec2:DescribeRegions, before any collector runs (the caller already identified the account).
Regional collectors wait one more round, for their region's reachability probe."""


def discover(
    session: boto3.Session,
    identity: Identity,
    scope: DiscoveryScope | None = None,
    *,
    settings: EngineSettings | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    needed_fields: Mapping[str, frozenset[str]] | None = None,
    endpoint_for: EndpointResolver | None = None,
    clients: ClientCache | None = None,
) -> Inventory:
    """Discover a slice of the account of ``identity`` and return its inventory.

    Every failed call is recorded in the inventory and the scan goes on; a cancelled scan
    returns what it collected, marked incomplete. ``clients`` lets a caller that discovers
    one account in many slices reuse its clients (they belong to one session).
    """
    scope = scope or DiscoveryScope()
    settings = settings or EngineSettings()
    cancel = cancel or CancelToken()
    validate_scope(scope)
    specs = select_specs(scope)
    clients = clients or ClientCache(session, settings, endpoint_for)
    home = home_region(identity.partition)
    plan = plan_regions(
        list_region_opt_in(clients, home, settings.throttle_retries, settings.throttle_delay),
        scope.regions,
        scope.exclude_regions,
    )
    inventory = Inventory(
        account_id=identity.account_id,
        partition=identity.partition,
        regions=list(plan.scan),
        skipped_regions=plan.skipped,
        resource_types=sorted(spec.type_name for spec in specs),
        coverage=coverage(specs, plan.scan),
        resource_ids=sorted(scope.resource_ids) if scope.resource_ids else None,
    )
    builder = InventoryBuilder(inventory)
    pool = CallPool(settings.max_in_flight, cancel)
    runner = CollectorRunner(
        account_id=identity.account_id,
        partition=identity.partition,
        home_region=home,
        clients=clients,
        pool=pool,
        builder=builder,
        settings=settings,
        options=RunOptions(
            regions=frozenset(plan.scan),
            resource_ids=frozenset(scope.resource_ids) if scope.resource_ids else None,
            needed_fields=needed_fields,
        ),
        progress=progress,
    )
    started = time.monotonic()
    regional = [spec for spec in specs if spec.scope is Scope.REGIONAL]
    # Probes first: work of global types that reaches into a region waits for its probe.
    # Only scopes that call into regions need them (an IAM-only scan makes no regional call).
    if regional or any(spec.scope is Scope.GLOBAL_LIST for spec in specs):
        for region in plan.scan:
            runner.start_region(region, regional, after_round=SETUP_ROUNDS)
    for spec in specs:
        if spec.scope is not Scope.REGIONAL:
            runner.start(spec, None, after_round=SETUP_ROUNDS)
    pool.wait()
    stats = DiscoveryStats(
        api_calls=clients.calls,
        rounds=max(runner.rounds, SETUP_ROUNDS),
        duration_seconds=round(time.monotonic() - started, 3),
    )
    return builder.finish(complete=not cancel.cancelled, stats=stats)
