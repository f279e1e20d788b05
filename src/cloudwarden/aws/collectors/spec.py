"""A resource type as data: what to call, how to read it, which details enrich it.

One generic runner (:mod:`cloudwarden.aws.collectors.runner`) executes every spec: pagination,
retries, concurrency, regions and error capture live there, never in a service module.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from cloudwarden.aws.collectors.mapping import Doc, Map, Tags
from cloudwarden.inventory.resource import Resource

__all__ = ["Call", "Detail", "Doc", "RegionContext", "ResourceSpec", "Scope", "listed"]


@dataclass(frozen=True)
class RegionContext:
    """Where a collector runs: the account, its partition and the region called."""

    account_id: str
    partition: str
    region: str

    def arn(self, service: str, resource: str, *, region: str | None = None) -> str:
        """An ARN in this account; ``region=''`` for global services such as IAM and S3."""
        in_region = self.region if region is None else region
        return f"arn:{self.partition}:{service}:{in_region}:{self.account_id}:{resource}"


class Scope(StrEnum):
    """Where a resource type is listed and where its resources live."""

    REGIONAL = "regional"
    """Listed in every scanned region; resources belong to that region."""
    GLOBAL = "global"
    """Listed once in the partition's home region; resources have region 'global'."""
    GLOBAL_LIST = "global_list"
    """Listed once, but each resource lives in a region that a detail call sets (S3 buckets)."""


@dataclass(frozen=True)
class Call:
    """One API operation, by its AWS name (``GetBucketVersioning``).

    Every page is read whenever botocore has a paginator for the operation, so a listing can
    never stop at its first page by omission.
    """

    operation: str
    params: Callable[[Doc], Mapping[str, Any]] | None = None
    """Request parameters, built from the resource document (or fan-out item)."""
    service: str | None = None
    """The boto3 client name when it differs from the spec's service."""
    permission: str | None = None
    """The IAM action, when it is not ``<service prefix>:<operation>``."""
    fetch: Callable[[Any, Mapping[str, Any]], Any] | None = None
    """A function (client, params) -> response, for calls that need more than one request."""
    extra_permissions: tuple[str, ...] = ()
    """Further IAM actions a ``fetch`` function uses."""


@dataclass(frozen=True)
class Detail:
    """A call that enriches each listed resource with some of its fields.

    ``apply`` is a declared :class:`~cloudwarden.aws.collectors.mapping.Map` (or
    :class:`~cloudwarden.aws.collectors.mapping.Tags`) wherever the response maps onto fields;
    its ``fields`` are then derived from it. Only a detail that computes keeps a hand-written
    function and names its ``fields`` (a meta-test runs it and compares).
    """

    call: Call
    apply: Callable[[Doc, Any], None]
    """Merge the response into the document (or fan-out item)."""
    fields: tuple[str, ...] = ()
    """The fields this detail fills; a failure leaves them uncollected and says so."""
    absent: Mapping[str, Any] = field(default_factory=dict)
    """Error codes that mean 'not configured' rather than failure, and the response they stand
    for (``{"NoSuchBucketPolicy": {}}``)."""
    when: Callable[[Doc], bool] | None = None
    """Only call when this holds for the document (e.g. users with a console password)."""
    stage: int = 0
    """Details of a stage run concurrently, after every detail of the stages before it."""
    for_each: Callable[[Doc], list[Doc]] | None = None
    """Fan out: call once per item of the document (e.g. each access key of a user)."""
    region: Callable[[Doc], str] | None = None
    """The region to call in, when it is not the listing region (S3 buckets)."""

    def __post_init__(self) -> None:
        if isinstance(self.apply, Map | Tags):
            if self.for_each is not None:
                # A fan-out map fills its items; ``fields`` names the document's own field
                # holding them (what a failure leaves uncollected).
                if not self.fields:
                    raise ValueError(
                        f"{self.call.operation}: a fan-out Map names the document field holding "
                        'its items in fields= (e.g. ("mount_targets",))'
                    )
                return
            if self.fields and self.fields != self.apply.fields:
                raise ValueError(f"{self.call.operation}: fields come from its mapping")
            object.__setattr__(self, "fields", self.apply.fields)
        elif not self.fields:
            raise ValueError(f"{self.call.operation}: a hand-written apply names its fields")


@dataclass(frozen=True)
class ResourceSpec:
    """How to collect one resource type."""

    model: type[Resource]
    service: str
    normalize: Callable[[Any, RegionContext], Doc]
    """Raw listed item -> document fields (id, arn, name, tags and the type's own fields)."""
    list: Call | None = None
    """The listing call; ``None`` makes a singleton, one document per region (or one if global)."""
    items: str | None = None
    """JMESPath to the listed items in each page, e.g. ``Reservations[].Instances[]``."""
    details: tuple[Detail, ...] = ()
    scope: Scope = Scope.REGIONAL

    @property
    def type_name(self) -> str:
        return self.model.resource_type

    @property
    def stages(self) -> builtins.list[int]:
        return sorted({detail.stage for detail in self.details})

    def calls(self) -> builtins.list[tuple[str, Call]]:
        """Every (service, call) this spec may make."""
        calls = [(self.service, self.list)] if self.list is not None else []
        calls += [(detail.call.service or self.service, detail.call) for detail in self.details]
        return [(call.service or service, call) for service, call in calls]


def listed(
    model: type[Resource],
    service: str,
    operation: str,
    items: str,
    normalize: Callable[[Any, RegionContext], Doc],
    *details: Detail,
) -> ResourceSpec:
    """A regional type read from one (paginated) listing call, then enriched by its details."""
    return ResourceSpec(
        model=model,
        service=service,
        list=Call(operation),
        items=items,
        normalize=normalize,
        details=details,
    )
