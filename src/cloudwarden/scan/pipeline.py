"""The whole pipeline as one call: discover what the checks need, evaluate, report."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import boto3

from cloudwarden.aws.clients import EndpointResolver
from cloudwarden.aws.credentials import Identity
from cloudwarden.aws.settings import EngineSettings
from cloudwarden.exceptions import PolicyError
from cloudwarden.policy import loader
from cloudwarden.policy.evaluator import Evaluator
from cloudwarden.policy.lint import lint
from cloudwarden.policy.loader import Bundle
from cloudwarden.policy.model import Check
from cloudwarden.report.build import build_report
from cloudwarden.report.model import Report
from cloudwarden.scan.catalogue import field_catalogue
from cloudwarden.scan.discover import DiscoveryScope, discover
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
    bundle: Bundle
    checks: list[Check]
    policy_uids: list[str]
    framework_ids: list[str]


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
    return Selected(bundle, checks, uids, framework_ids)


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
    now: datetime | None = None,
) -> Report:
    """Discover the account (only what the selected checks read), evaluate, and report.

    ``selection`` may already be :func:`select`-ed (the CLI selects first, to fail fast on a
    broken policy before any AWS call); bundles are then not loaded and linted twice.
    """
    selected = (
        selection if isinstance(selection, Selected) else select(selection or PolicySelection())
    )
    evaluator = Evaluator(selected.checks)
    needed = evaluator.needed_fields()
    scope = scope or DiscoveryScope()
    wanted = sorted(needed)
    if scope.resource_types is not None:
        wanted = [t for t in wanted if t in scope.resource_types]
    if scope.services is not None:
        wanted = [t for t in wanted if t.split(".")[1] in scope.services]
    scope = replace(scope, resource_types=tuple(wanted), services=None)
    inventory = discover(
        session,
        identity,
        scope,
        settings=settings,
        progress=progress,
        cancel=cancel,
        needed_fields=needed,
        endpoint_for=endpoint_for,
    )
    now = now or datetime.now(UTC)
    results = evaluator.evaluate(inventory, now)
    return build_report(
        inventory,
        selected.bundle,
        results,
        policy_uids=selected.policy_uids,
        framework_ids=selected.framework_ids,
        generated_at=now,
    )
