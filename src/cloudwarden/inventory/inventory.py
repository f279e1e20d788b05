"""The inventory: every resource one scan (or slice of a scan) saw, and what it could not see."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SerializeAsAny, ValidationError

from cloudwarden.exceptions import InventoryFileError
from cloudwarden.inventory.errors import CollectionError, ErrorKind
from cloudwarden.inventory.regions import RegionSkipReason
from cloudwarden.inventory.registry import ResourceTypeRegistry
from cloudwarden.inventory.resource import GLOBAL_REGION, Resource

SCHEMA_VERSION = 2


def utc_now() -> datetime:
    return datetime.now(UTC)


class DiscoveryStats(BaseModel):
    """How much talking to AWS a discovery took."""

    model_config = ConfigDict(extra="forbid")

    api_calls: int = Field(
        default=0, description="API requests made (pages count; retries do not)."
    )
    rounds: int = Field(
        default=0,
        description="Longest chain of calls that had to wait for one another (the critical path).",
    )
    duration_seconds: float = Field(default=0.0, description="Wall time of discovery.")


class Inventory(BaseModel):
    """Resources, collection errors and region coverage of one account.

    Inventories of slices of the same account (some regions, some services) merge into one.
    """

    model_config = ConfigDict(extra="forbid")

    schema_version: int = Field(default=SCHEMA_VERSION, description="Inventory format version.")
    account_id: str = Field(description="The scanned AWS account id.")
    partition: str = Field(default="aws", description="The AWS partition (aws, aws-cn...).")
    started_at: datetime = Field(default_factory=utc_now, description="When discovery began.")
    finished_at: datetime | None = Field(default=None, description="When discovery ended.")
    complete: bool = Field(default=True, description="False when the scan was cancelled.")
    regions: list[str] = Field(default_factory=list, description="Regions that were scanned.")
    skipped_regions: dict[str, RegionSkipReason] = Field(
        default_factory=dict, description="Regions not scanned, with the reason."
    )
    resource_types: list[str] = Field(
        default_factory=list, description="Resource types that were collected."
    )
    coverage: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Per resource type, the regions (or 'global') this discovery saw entirely: "
        "merged into an account's inventory, it replaces that part.",
    )
    resource_ids: list[str] | None = Field(
        default=None,
        description="The ids or ARNs this discovery was limited to; null for every resource.",
    )
    resources: list[SerializeAsAny[Resource]] = Field(default_factory=list)
    errors: list[CollectionError] = Field(
        default_factory=list, description="Listing calls that failed, per region and type."
    )
    stats: DiscoveryStats = Field(default_factory=DiscoveryStats)

    def counts(self) -> dict[str, dict[str, int]]:
        """Resource counts per type and region."""
        counter = Counter((resource.type, resource.region) for resource in self.resources)
        counts: dict[str, dict[str, int]] = {}
        for (type_name, region), count in sorted(counter.items()):
            counts.setdefault(type_name, {})[region] = count
        return counts

    def of_type(self, type_name: str) -> list[Resource]:
        return [resource for resource in self.resources if resource.type == type_name]

    def errors_for(self, type_name: str, region: str | None = None) -> list[CollectionError]:
        """Listing errors of a type (in one region, or in any)."""
        return [
            error
            for error in self.errors
            if error.resource_type == type_name and (region is None or error.region == region)
        ]

    def all_errors(self, type_name: str | None = None) -> list[CollectionError]:
        """Listing errors and the detail errors recorded on resources, of one type or all."""
        errors = [e for e in self.errors if type_name is None or e.resource_type == type_name]
        for resource in self.resources:
            if type_name is None or resource.type == type_name:
                errors.extend(resource.collection_errors)
        return errors

    def to_json(self, *, indent: int | None = 2) -> str:
        data = self.model_dump(mode="json")
        data["counts"] = self.counts()
        return json.dumps(data, indent=indent, sort_keys=False)

    @classmethod
    def from_json(cls, text: str, registry: ResourceTypeRegistry) -> Inventory:
        """Load an inventory written by :meth:`to_json`, typing each resource by its type."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InventoryFileError(f"the inventory is not valid JSON: {exc}") from exc
        if not isinstance(data, dict) or "account_id" not in data:
            raise InventoryFileError("the file is not a cloudwarden inventory (no account_id)")
        if data.get("schema_version") != SCHEMA_VERSION:
            raise InventoryFileError(
                f"inventory schema version {data.get('schema_version')!r} is not "
                f"{SCHEMA_VERSION}; scan again with this version of cloudwarden"
            )
        data.pop("counts", None)
        raw_resources = data.pop("resources", [])
        try:
            inventory = cls.model_validate(data)
            inventory.resources = [_load_resource(raw, registry) for raw in raw_resources]
        except ValidationError as exc:
            raise InventoryFileError(f"the inventory does not match its schema: {exc}") from exc
        return inventory

    @classmethod
    def read(cls, path: Path, registry: ResourceTypeRegistry) -> Inventory:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InventoryFileError(f"cannot read inventory {path}: {exc.strerror}") from exc
        return cls.from_json(text, registry)


def _load_resource(raw: Any, registry: ResourceTypeRegistry) -> Resource:
    type_name = raw.get("type") if isinstance(raw, dict) else None
    if type_name not in registry:
        raise InventoryFileError(f"the inventory holds an unknown resource type {type_name!r}")
    return registry.get(str(type_name)).model.model_validate(raw)


def merge(inventories: Iterable[Inventory]) -> Inventory:
    """Merge inventories of one account in order: each one replaces its own part of the ones
    before it (see :func:`replace_slice`). Disjoint slices simply add up."""
    items = list(inventories)
    if not items:
        raise ValueError("nothing to merge")
    merged = items[0]
    for item in items[1:]:
        merged = replace_slice(merged, item)
    return merged


def _covered(part: Inventory) -> set[tuple[str, str]]:
    """The (type, region) pairs ``part`` saw entirely; a cancelled listing saw nothing there."""
    cancelled = {
        (error.resource_type, error.region)
        for error in part.errors
        if error.kind is ErrorKind.CANCELLED
    }
    cancelled_types = {type_name for type_name, region in cancelled if region == GLOBAL_REGION}
    return {
        (type_name, region)
        for type_name, regions in part.coverage.items()
        if type_name not in cancelled_types
        for region in regions
        if (type_name, region) not in cancelled
    }


def replace_slice(base: Inventory, part: Inventory) -> Inventory:
    """``base`` with the part of the account that ``part`` covers replaced by ``part``.

    Within ``part.coverage`` a resource of ``base`` that ``part`` no longer sees is gone and a
    listing error it no longer hits is cleared; everything outside is untouched. A slice
    limited to some resource ids replaces only those resources (and clears no listing error:
    it did not see the rest of the type). A cancelled listing replaces nothing.
    """
    if base.account_id != part.account_id:
        raise ValueError(
            f"cannot merge inventories of different accounts: "
            f"{sorted({base.account_id, part.account_id})}"
        )
    covered = _covered(part)
    wanted = set(part.resource_ids) if part.resource_ids is not None else None

    def replaced(resource: Resource) -> bool:
        if (resource.type, resource.region) not in covered:
            return False
        return wanted is None or resource.id in wanted or resource.arn in wanted

    resources = {r.key: r for r in base.resources if not replaced(r)}
    resources.update((r.key, r) for r in part.resources)
    errors = {
        _error_key(e): e
        for e in base.errors
        if wanted is not None or (e.resource_type, e.region) not in covered
    }
    # A cancelled listing in ``part`` says nothing new where ``base`` already has the data.
    known = {(t, r) for t, regions in base.coverage.items() for r in regions}
    errors.update(
        (_error_key(e), e)
        for e in part.errors
        if e.kind is not ErrorKind.CANCELLED or (e.resource_type, e.region) not in known
    )
    regions = sorted({*base.regions, *part.regions})
    skipped = {**base.skipped_regions, **part.skipped_regions}
    coverage = {t: sorted(set(r)) for t, r in base.coverage.items()}
    for type_name, labels in part.coverage.items():
        coverage[type_name] = sorted({*coverage.get(type_name, []), *labels})
    finished = [i.finished_at for i in (base, part) if i.finished_at is not None]
    merged = Inventory(
        stats=DiscoveryStats(
            api_calls=base.stats.api_calls + part.stats.api_calls,
            rounds=max(base.stats.rounds, part.stats.rounds),
            duration_seconds=base.stats.duration_seconds + part.stats.duration_seconds,
        ),
        account_id=base.account_id,
        partition=base.partition,
        started_at=min(base.started_at, part.started_at),
        finished_at=max(finished) if finished else None,
        regions=regions,
        skipped_regions={k: v for k, v in sorted(skipped.items()) if k not in regions},
        resource_types=sorted({*base.resource_types, *part.resource_types}),
        coverage=coverage,
        resource_ids=(
            None
            if base.resource_ids is None or part.resource_ids is None
            else sorted({*base.resource_ids, *part.resource_ids})
        ),
        resources=sorted(resources.values(), key=lambda r: r.key),
        errors=sorted(errors.values(), key=_error_key),
    )
    merged.complete = not any(error.kind is ErrorKind.CANCELLED for error in merged.all_errors())
    return merged


def _error_key(error: CollectionError) -> tuple[str, str, str, str]:
    return (error.resource_type, error.region, error.operation, error.resource_id or "")


class InventoryBuilder:
    """Thread-safe sink that collectors add finished resources and errors to."""

    def __init__(self, inventory: Inventory) -> None:
        self._inventory = inventory
        self._lock = threading.Lock()

    def add_resource(self, resource: Resource) -> None:
        with self._lock:
            self._inventory.resources.append(resource)

    def add_error(self, error: CollectionError) -> None:
        with self._lock:
            self._inventory.errors.append(error)

    def finish(self, *, complete: bool, stats: DiscoveryStats) -> Inventory:
        with self._lock:
            self._inventory.stats = stats
            self._inventory.finished_at = utc_now()
            self._inventory.complete = complete
            self._inventory.resources.sort(key=lambda resource: resource.key)
            self._inventory.errors.sort(key=_error_key)
            return self._inventory
