"""The work in flight of one scan: units, listings, resources waiting for their details."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

from cloudwarden.aws.collectors.spec import Doc, ResourceSpec


@dataclass
class Unit:
    """One resource type in one region (the unit of progress)."""

    spec: ResourceSpec
    region: str
    """The region listed in: a real region, or the home region for global types."""
    label: str
    """The region recorded in the inventory ('global' for global types)."""
    pending: int = 0
    """Tasks (and held work) of this unit not finished; at 0 the unit is reported done."""
    resources: int = 0
    errors: int = 0
    first_round: int = 1
    """The round of the listing's first page (after the engine's own setup calls)."""


@dataclass
class Listing:
    """Where a listing is: a retried attempt resumes from ``resume``, counting rounds on."""

    round: int
    resume: str | None = None


@dataclass
class Pending:
    """A resource whose detail calls are still running."""

    unit: Unit
    doc: Doc
    round: int
    """The round (length of the chain of calls) at which the document's data so far arrived."""
    stage_index: int = 0
    stage_round: int = 0
    outstanding: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass(frozen=True)
class RunOptions:
    """What to collect within the listed units."""

    regions: frozenset[str]
    """Regions in scope (a GLOBAL_LIST resource outside them is dropped)."""
    resource_ids: frozenset[str] | None = None
    """Keep only resources with one of these ids or ARNs."""
    needed_fields: Mapping[str, frozenset[str]] | None = None
    """Per resource type, the fields some enabled check reads; details filling none are skipped."""
