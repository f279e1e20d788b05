"""Discovery: run the collectors of a scope over the account, concurrently, into an inventory."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass

import boto3

from cloudwarden.aws.clients import ClientCache, EndpointResolver
from cloudwarden.aws.collectors import load_all
from cloudwarden.aws.collectors.runner import CollectorRunner, RunOptions
from cloudwarden.aws.collectors.spec import ResourceSpec, Scope
from cloudwarden.aws.credentials import Identity
from cloudwarden.aws.pool import CallBudget, ScanTracker
from cloudwarden.aws.regions import fetch_region_opt_in, home_region, plan_regions
from cloudwarden.aws.retry import Retrying, ThrottleBackoff
from cloudwarden.aws.settings import EngineSettings
from cloudwarden.exceptions import ScopeError
from cloudwarden.inventory.inventory import DiscoveryStats, Inventory, InventoryBuilder
from cloudwarden.scan_control import CancelToken, ProgressCallback

log = logging.getLogger(__name__)

SETUP_ROUNDS = 1
"""ec2:DescribeRegions, before any collector runs (the caller already identified the account).
Regional collectors wait one more round, for their region's reachability probe."""


@dataclass(frozen=True)
class DiscoveryScope:
    """A slice of the account: regions x services (or resource types), optionally some ids.

    Inventories of slices of one account merge (:func:`cloudwarden.inventory.inventory.merge`).
    """

    regions: tuple[str, ...] | None = None
    exclude_regions: tuple[str, ...] = ()
    services: tuple[str, ...] | None = None
    resource_types: tuple[str, ...] | None = None
    resource_ids: tuple[str, ...] | None = None
    include_global: bool = True
    """Whether global types (IAM, S3 listing, account settings) belong to this slice."""


def select_specs(scope: DiscoveryScope) -> list[ResourceSpec]:
    """The collectors a scope runs; unknown service or type names are a :class:`ScopeError`."""
    registry = load_all()
    specs = list(registry)
    if scope.services is not None:
        unknown = sorted(set(scope.services) - set(registry.services()))
        if unknown:
            raise ScopeError(
                f"unknown service(s) {', '.join(unknown)}; known services are "
                f"{', '.join(registry.services())}"
            )
        specs = [spec for spec in specs if spec.type_name.split(".")[1] in scope.services]
    if scope.resource_types is not None:
        unknown = sorted(name for name in scope.resource_types if name not in registry)
        if unknown:
            raise ScopeError(
                f"unknown resource type(s) {', '.join(unknown)}; "
                "'cloudwarden resources list' shows them"
            )
        specs = [spec for spec in specs if spec.type_name in scope.resource_types]
    if not scope.include_global:
        specs = [spec for spec in specs if spec.scope is Scope.REGIONAL]
    return specs


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
    budget: CallBudget | None = None,
) -> Inventory:
    """Discover a slice of the account of ``identity`` and return its inventory.

    Every failed call is recorded in the inventory and the scan goes on; a cancelled scan
    returns what it collected, marked incomplete. ``budget`` bounds the calls in flight and may
    be shared by concurrent scans (default: one of ``settings.max_in_flight`` for this scan).
    """
    scope = scope or DiscoveryScope()
    settings = settings or EngineSettings()
    cancel = cancel or CancelToken()
    specs = select_specs(scope)
    clients = ClientCache(session, settings, endpoint_for)
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
        api_calls=clients.calls,
        rounds=max(runner.rounds, SETUP_ROUNDS),
        duration_seconds=round(time.monotonic() - started, 3),
    )
    return builder.finish(complete=not cancel.cancelled, stats=stats)
