"""What a scan covers: a slice of an account, validated before anything runs.

Every entry point (the CLI, the platform's jobs, the agent) builds a :class:`DiscoveryScope`
and passes it to the pipeline, which validates it before any AWS call: a name that does not
exist is a :class:`ScopeError` with the known names, never an empty scan that passes a gate.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from cloudwarden.aws.collectors import load_all
from cloudwarden.aws.collectors.spec import ResourceSpec, Scope
from cloudwarden.exceptions import ScopeError

REGION_NAME = re.compile(r"^[a-z]{2,5}(-[a-z]+)+-\d{1,2}$")
"""The shape of every AWS region name (us-east-1, us-gov-west-1, eusc-de-east-1...)."""


@dataclass(frozen=True)
class DiscoveryScope:
    """A slice of the account: regions x services (or resource types), optionally some ids.

    Inventories of slices of one account merge (:func:`cloudwarden.inventory.inventory.merge`):
    a slice replaces its own part of the account's inventory.
    """

    regions: tuple[str, ...] | None = None
    exclude_regions: tuple[str, ...] = ()
    services: tuple[str, ...] | None = None
    resource_types: tuple[str, ...] | None = None
    resource_ids: tuple[str, ...] | None = None
    include_global: bool = True
    """Whether global types (IAM, S3 listing, account settings) belong to this slice."""


def _unknown(kind: str, names: Iterable[str], known: list[str], listed_by: str) -> ScopeError:
    parts = []
    for name in sorted(names):
        close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
        parts.append(f"{name!r} (did you mean {close[0]!r}?)" if close else repr(name))
    return ScopeError(f"unknown {kind} {', '.join(parts)}; {listed_by}")


def validate_scope(scope: DiscoveryScope) -> None:
    """Refuse names that do not exist and scopes that select nothing, before any call."""
    registry = load_all()
    services = registry.services()
    if scope.services is not None:
        if not scope.services:
            raise ScopeError("the scope names no service: name at least one, or leave it out")
        unknown = set(scope.services) - set(services)
        if unknown:
            raise _unknown("service", unknown, services, f"known services: {', '.join(services)}")
    if scope.resource_types is not None:
        names = [spec.type_name for spec in registry]
        unknown = {name for name in scope.resource_types if name not in registry}
        if unknown:
            raise _unknown(
                "resource type", unknown, names, "'cloudwarden resources list' shows them"
            )
    for label, regions in (("region", scope.regions or ()), ("region", scope.exclude_regions)):
        malformed = sorted(r for r in regions if not REGION_NAME.match(r))
        if malformed:
            raise ScopeError(
                f"{', '.join(repr(r) for r in malformed)} is not an AWS {label} name "
                "(like us-east-1)"
            )
    if scope.resource_ids is not None and not all(i.strip() for i in scope.resource_ids):
        raise ScopeError("a resource id in the scope is empty: give ids or ARNs")
    if not select_specs(scope):
        raise ScopeError(
            "the scope selects no resource type (the services and resource types named do not "
            "overlap, or only global types were named without global scope)"
        )


def select_specs(scope: DiscoveryScope) -> list[ResourceSpec]:
    """The collectors a (validated) scope runs."""
    registry = load_all()
    specs = list(registry)
    if scope.services is not None:
        specs = [spec for spec in specs if spec.type_name.split(".")[1] in scope.services]
    if scope.resource_types is not None:
        specs = [spec for spec in specs if spec.type_name in scope.resource_types]
    if not scope.include_global:
        specs = [spec for spec in specs if spec.scope is Scope.REGIONAL]
    return specs


def coverage(specs: Iterable[ResourceSpec], regions: Iterable[str]) -> dict[str, list[str]]:
    """Per resource type, the regions (or 'global') whose resources a discovery of ``specs``
    over ``regions`` sees entirely, so that its inventory replaces that part when merged."""
    scanned = sorted(regions)
    covered: dict[str, list[str]] = {}
    for spec in specs:
        if spec.scope is Scope.REGIONAL:
            covered[spec.type_name] = list(scanned)
        elif spec.scope is Scope.GLOBAL:
            covered[spec.type_name] = ["global"]
        else:  # listed once ('global'), each resource in the region a detail call sets
            covered[spec.type_name] = ["global", *scanned]
    return covered
