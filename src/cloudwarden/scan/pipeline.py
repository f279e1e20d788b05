"""The pipeline, as public steps and as one call.

    selected = select(PolicySelection(...))          # load, lint, pick checks (no AWS)
    plan = plan_discovery(selected, scope)           # validate the scope, what to collect
    inventory = discover(session, identity, plan.scope, needed_fields=plan.needed_fields)
    inventory = merge([stored, inventory])           # a slice replaces its part of the account
    results = evaluate(selected, inventory)          # pure
    report = build(selected, inventory, results)

:func:`scan` runs them in that order for one slice. The platform and the agent run them apart:
slices discovered by different workers or Lambda invocations, merged, then evaluated once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import boto3

from cloudwarden.aws.clients import ClientCache, EndpointResolver
from cloudwarden.aws.credentials import Identity
from cloudwarden.aws.settings import EngineSettings
from cloudwarden.exceptions import PolicyError, ScopeError
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.policy import loader
from cloudwarden.policy.evaluator import Evaluator
from cloudwarden.policy.lint import lint
from cloudwarden.policy.loader import Bundle
from cloudwarden.policy.model import Check
from cloudwarden.policy.results import Result
from cloudwarden.report.build import build_report
from cloudwarden.report.model import Report
from cloudwarden.scan.catalogue import field_catalogue
from cloudwarden.scan.discover import discover
from cloudwarden.scan.scope import DiscoveryScope, select_specs, validate_scope
from cloudwarden.scan_control import CancelToken, ProgressCallback


@dataclass(frozen=True)
class PolicySelection:
    """Which checks a scan evaluates."""

    files: tuple[Path, ...] = ()
    """Custom bundle files, added to the shipped ones."""
    policies: tuple[str, ...] | None = None
    """Policy uids; None: every policy loaded."""
    framework: str | None = None
    """Evaluate only the checks this framework maps (and show its control view)."""


@dataclass(frozen=True)
class Selected:
    """Checks picked from a loaded, linted bundle, compiled once for any number of scans."""

    bundle: Bundle
    checks: list[Check]
    policy_uids: list[str]
    framework_ids: list[str]
    evaluator: Evaluator


@dataclass(frozen=True)
class DiscoveryPlan:
    """What a discovery of a scope must collect for the selected checks."""

    scope: DiscoveryScope
    """The caller's scope narrowed to the resource types some selected check reads."""
    needed_fields: dict[str, frozenset[str]]


def select(selection: PolicySelection) -> Selected:
    """Load and lint the bundles, then pick the checks; every mistake is a PolicyError."""
    bundle = loader.load(list(selection.files))
    problems = lint(bundle, field_catalogue())
    if problems:
        shown = "; ".join(str(p) for p in problems[:5])
        raise PolicyError(f"the policy bundles do not lint ({len(problems)} problems): {shown}")
    uids = list(selection.policies) if selection.policies is not None else list(bundle.policies)
    unknown = [uid for uid in uids if uid not in bundle.policies]
    if unknown:
        raise PolicyError(
            f"unknown policy {', '.join(unknown)}; 'cloudwarden policy list' shows them"
        )
    checks = bundle.checks_of(uids)
    framework_ids: list[str] = []
    if selection.framework is not None:
        if selection.framework not in bundle.frameworks:
            raise PolicyError(
                f"unknown framework {selection.framework!r}; known: "
                f"{', '.join(sorted(bundle.frameworks)) or 'none'}"
            )
        framework = bundle.frameworks[selection.framework]
        mapped = {c for control in framework.controls for c in control.checks}
        checks = [bundle.checks[c] for c in sorted(mapped)]
        framework_ids = [framework.id]
    if not checks:
        raise PolicyError("no check is selected: name a policy or framework that has checks")
    return Selected(bundle, checks, uids, framework_ids, Evaluator(checks))


def plan_discovery(selected: Selected, scope: DiscoveryScope | None = None) -> DiscoveryPlan:
    """Validate ``scope`` and narrow it to what the selected checks read.

    A scope whose services or types no selected check reads is a :class:`ScopeError`: an
    evaluation of nothing must never look like a clean scan.
    """
    scope = scope or DiscoveryScope()
    validate_scope(scope)
    needed = selected.evaluator.needed_fields()
    in_scope = {spec.type_name for spec in select_specs(scope)}
    wanted = sorted(name for name in needed if name in in_scope)
    if not wanted:
        named = ", ".join(scope.services or scope.resource_types or ("the scope",))
        raise ScopeError(
            f"no selected check reads {named}: name other services or resource types, or "
            "select policies that cover them ('cloudwarden policy list')"
        )
    return DiscoveryPlan(
        scope=replace(scope, resource_types=tuple(wanted), services=None),
        needed_fields=needed,
    )


def evaluate(selected: Selected, inventory: Inventory, now: datetime | None = None) -> list[Result]:
    """Evaluate the selected checks on an inventory (a slice or a merged account): pure."""
    return selected.evaluator.evaluate(inventory, now or datetime.now(UTC))


def build(
    selected: Selected,
    inventory: Inventory,
    results: list[Result],
    now: datetime | None = None,
) -> Report:
    """The report of evaluated results, with scores, grades, assets and framework views."""
    return build_report(
        inventory,
        selected.bundle,
        results,
        policy_uids=selected.policy_uids,
        framework_ids=selected.framework_ids,
        generated_at=now or datetime.now(UTC),
    )


def scan(
    session: boto3.Session,
    identity: Identity,
    scope: DiscoveryScope | None = None,
    selection: PolicySelection | Selected | None = None,
    *,
    settings: EngineSettings | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    endpoint_for: EndpointResolver | None = None,
    clients: ClientCache | None = None,
    now: datetime | None = None,
) -> Report:
    """Discover one slice of the account (only what the selected checks read), evaluate, report.

    ``selection`` may already be :func:`select`-ed (the CLI selects first, to fail fast on a
    broken policy before any AWS call); bundles are then not loaded and linted twice.
    """
    selected = (
        selection if isinstance(selection, Selected) else select(selection or PolicySelection())
    )
    plan = plan_discovery(selected, scope)
    inventory = discover(
        session,
        identity,
        plan.scope,
        settings=settings,
        progress=progress,
        cancel=cancel,
        needed_fields=plan.needed_fields,
        endpoint_for=endpoint_for,
        clients=clients,
    )
    now = now or datetime.now(UTC)
    return build(selected, inventory, evaluate(selected, inventory, now), now)
