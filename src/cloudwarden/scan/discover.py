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
from cloudwarden.aws.pool import CallBudget, ScanTracker
from cloudwarden.aws.regions import fetch_region_opt_in, home_region, plan_regions
from cloudwarden.aws.retry import Retrying, ThrottleBackoff
from cloudwarden.aws.settings import EngineSettings
from cloudwarden.inventory.inventory import DiscoveryStats, Inventory, InventoryBuilder
from cloudwarden.inventory.regions import REGION_LIST_TYPE
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
    budget: CallBudget | None = None,
) -> Inventory:
    """Discover a slice of the account of ``identity`` and return its inventory.

    Every failed call is recorded in the inventory and the scan goes on; a cancelled scan
    returns what it collected, marked incomplete. ``budget`` bounds the calls in flight and may
    be shared by concurrent scans (default: one of ``settings.max_in_flight`` for this scan).
    ``clients`` lets a caller that discovers one account slice after slice reuse its clients
    (they belong to one session); ``api_calls`` counts this discovery's calls only.
    """
    scope = scope or DiscoveryScope()
    settings = settings or EngineSettings()
    cancel = cancel or CancelToken()
    validate_scope(scope)
    specs = select_specs(scope)
    clients = clients or ClientCache(session, settings, endpoint_for)
    calls_before = clients.calls
    home = home_region(identity.partition)
    tasks = ScanTracker(
        budget or CallBudget(settings.max_in_flight), cancel, owns_budget=budget is None
    )
    try:
        opt_in = fetch_region_opt_in(clients, home, tasks, Retrying(ThrottleBackoff.of(settings)))
        plan = plan_regions(
            opt_in,
            identity.partition,
            scope.regions,
            scope.exclude_regions,
            endpoints=session,
            listed_in=home,
        )
    except BaseException:
        tasks.close()
        raise
    inventory = Inventory(
        account_id=identity.account_id,
        partition=identity.partition,
        regions=list(plan.scan),
        skipped_regions=plan.skipped,
        resource_types=sorted(spec.type_name for spec in specs),
        coverage={
            **coverage(specs, plan.scan),
            # The region listing itself: its error clears when a later slice lists them.
            REGION_LIST_TYPE: [home],
        },
        resource_ids=sorted(scope.resource_ids) if scope.resource_ids else None,
        errors=list(plan.errors),
    )
    builder = InventoryBuilder(inventory)
    runner = CollectorRunner(
        account_id=identity.account_id,
        partition=identity.partition,
        home_region=home,
        clients=clients,
        tasks=tasks,
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
    tasks.finish()
    stats = DiscoveryStats(
        api_calls=clients.calls - calls_before,
        rounds=max(runner.rounds, SETUP_ROUNDS),
        duration_seconds=round(time.monotonic() - started, 3),
    )
    return builder.finish(complete=not cancel.cancelled, stats=stats)
