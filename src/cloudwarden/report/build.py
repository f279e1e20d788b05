"""Build a report from an inventory, the evaluated results and the bundle they came from."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime

from cloudwarden.inventory.inventory import Inventory
from cloudwarden.inventory.registry import resource_types
from cloudwarden.policy.loader import Bundle
from cloudwarden.policy.model import Framework, ScoringSystem, Severity
from cloudwarden.policy.results import Result, Status
from cloudwarden.policy.scoring import grade, score
from cloudwarden.report.model import (
    AssetScore,
    ControlStatus,
    ControlView,
    FrameworkView,
    PolicyScore,
    Report,
    ReportResult,
    StatusCounts,
)


def counts(results: Iterable[Result]) -> StatusCounts:
    tally = Counter(result.status.value for result in results)
    return StatusCounts.model_validate(
        {
            "pass": tally["pass"],
            "fail": tally["fail"],
            "error": tally["error"],
            "skip": tally["skip"],
        }
    )


def account_types(inventory: Inventory) -> frozenset[str]:
    """The types whose resources belong to the account asset, as each type declares it
    (``account_asset``: the account itself and its per-region settings)."""
    declared = {info.name for info in resource_types if info.account_asset}
    return frozenset(declared | {r.type for r in inventory.resources if r.account_asset})


def is_account_level(result: Result, account: frozenset[str]) -> bool:
    """Results about the account as a whole: account-asset types and failed listings."""
    return result.listing_error or result.resource_type in account


def control_index(frameworks: Iterable[Framework]) -> dict[str, list[str]]:
    """check id -> ["cis-aws-5.0:1.4", ...]"""
    index: dict[str, list[str]] = defaultdict(list)
    for framework in frameworks:
        for control in framework.controls:
            for check_id in control.checks:
                index[check_id].append(f"{framework.id}:{control.id}")
    return index


def framework_view(framework: Framework, results: list[Result]) -> FrameworkView:
    by_check: dict[str, list[Result]] = defaultdict(list)
    for result in results:
        by_check[result.check_id].append(result)
    controls = []
    for control in framework.controls:
        if not control.checks:
            controls.append(
                ControlView(
                    id=control.id,
                    title=control.title,
                    status=ControlStatus.MANUAL
                    if control.not_covered is None
                    else ControlStatus.NOT_COVERED,
                    checks=[],
                    reason=control.manual or control.not_covered or "",
                )
            )
            continue
        mine = [r for check_id in control.checks for r in by_check.get(check_id, [])]
        failing = sorted(
            {
                f"{r.resource_type}:{r.region}:{r.resource_id}"
                for r in mine
                if r.status is Status.FAIL
            }
        )
        errors = [r for r in mine if r.status is Status.ERROR]
        if failing:
            status = ControlStatus.FAIL
        elif errors or not any(r.status is Status.PASS for r in mine):
            status = ControlStatus.ERROR
        else:
            status = ControlStatus.PASS
        reason = (
            errors[0].reason
            if status is ControlStatus.ERROR and errors
            else ("no resource was evaluated" if status is ControlStatus.ERROR else "")
        )
        controls.append(
            ControlView(
                id=control.id,
                title=control.title,
                status=status,
                checks=list(control.checks),
                failing_resources=failing,
                reason=reason,
            )
        )
    tally = Counter(control.status.value for control in controls)
    return FrameworkView(
        id=framework.id,
        name=framework.name,
        version=framework.version,
        counts=dict(sorted(tally.items())),
        controls=controls,
    )


def headline_score(policies: list[PolicyScore]) -> int | None:
    """The account's score: the mean of its policies' scores, each by its own scoring system.

    With the default highest-impact scoring one critical failure dominates, so the headline
    never reads better than the worst failure deserves.
    """
    scored = [policy.score for policy in policies if policy.score is not None]
    return round(sum(scored) / len(scored)) if scored else None


def build_report(
    inventory: Inventory,
    bundle: Bundle,
    results: list[Result],
    *,
    policy_uids: list[str],
    framework_ids: list[str],
    generated_at: datetime,
) -> Report:
    frameworks = [bundle.frameworks[f] for f in framework_ids]
    controls = control_index(bundle.frameworks.values())
    policies = []
    for uid in policy_uids:
        policy = bundle.policies[uid]
        ids = set(policy.check_ids)
        mine = [r for r in results if r.check_id in ids]
        value = score(mine, policy.scoring)
        policies.append(
            PolicyScore(
                uid=uid,
                name=policy.name,
                version=policy.version,
                scoring=policy.scoring.value,
                score=value,
                grade=grade(value),
                counts=counts(mine),
            )
        )
    assets = _assets(inventory, results)
    overall = headline_score(policies)
    failures = Counter(r.severity.value for r in results if r.status is Status.FAIL)
    return Report(
        account_id=inventory.account_id,
        partition=inventory.partition,
        generated_at=generated_at,
        complete=inventory.complete,
        score=overall,
        grade=grade(overall),
        counts=counts(results),
        severity_failures={s.value: failures.get(s.value, 0) for s in Severity},
        policies=policies,
        frameworks=[framework_view(f, results) for f in frameworks],
        assets=assets,
        results=[
            ReportResult(
                check_id=r.check_id,
                title=bundle.checks[r.check_id].title,
                status=r.status,
                severity=r.severity,
                impact=r.impact,
                resource_type=r.resource_type,
                resource_id=r.resource_id,
                resource_arn=r.resource_arn,
                region=r.region,
                reason=r.reason,
                listing_error=r.listing_error,
                controls=controls.get(r.check_id, []),
            )
            for r in sorted(results, key=lambda r: (-r.impact, r.check_id, r.resource_id))
        ],
        resource_counts=inventory.counts(),
        regions=inventory.regions,
        skipped_regions=inventory.skipped_regions,
        collection_errors=inventory.all_errors(),
        discovery=inventory.stats,
    )


def _assets(inventory: Inventory, results: list[Result]) -> list[AssetScore]:
    """The account itself (account-level results), then one asset per resource."""
    account_level_types = account_types(inventory)
    by_asset: dict[tuple[str, str, str], list[Result]] = defaultdict(list)
    account: list[Result] = []
    for result in results:
        in_account = is_account_level(result, account_level_types)
        (account if in_account else by_asset[result.asset_key]).append(result)
    account_score = score(account, ScoringSystem.HIGHEST_IMPACT)
    assets = [
        AssetScore(
            resource_type="aws.account",
            resource_id=inventory.account_id,
            resource_arn=f"arn:{inventory.partition}:iam::{inventory.account_id}:root",
            region="global",
            score=account_score,
            grade=grade(account_score),
            counts=counts(account),
        )
    ]
    for resource in inventory.resources:
        if resource.type in account_level_types:
            continue
        mine = by_asset.get(resource.key, [])
        value = score(mine, ScoringSystem.HIGHEST_IMPACT)
        assets.append(
            AssetScore(
                resource_type=resource.type,
                resource_id=resource.id,
                resource_arn=resource.arn,
                region=resource.region,
                score=value,
                grade=grade(value),
                counts=counts(mine),
            )
        )
    return assets
