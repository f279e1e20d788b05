"""The one generic collector: runs every :class:`ResourceSpec` on the shared call pool.

A unit of work is one resource type in one region. Its listing runs as one task that walks the
pages; each listed item is normalised at once (the raw page is dropped) and its detail calls are
submitted as tasks of their own, stage after stage. When the last detail of a resource returns,
the resource is validated into its model and handed to the inventory. Every failed call becomes a
:class:`CollectionError` on the unit (listing) or on the resource (detail).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import jmespath
from botocore import xform_name
from pydantic import ValidationError

from cloudwarden.aws.clients import ClientCache
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec, Scope
from cloudwarden.aws.errors import CallFailure, classify, error_code
from cloudwarden.aws.pool import CallPool
from cloudwarden.aws.settings import EngineSettings
from cloudwarden.inventory.errors import CollectionError, ErrorKind
from cloudwarden.inventory.inventory import InventoryBuilder
from cloudwarden.inventory.resource import GLOBAL_REGION
from cloudwarden.scan_control import ProgressCallback, ProgressEvent

log = logging.getLogger(__name__)

REGION_UNREACHABLE_AFTER = 2
"""Distinct unreachable service endpoints after which a whole region is treated as unreachable."""


@dataclass
class Unit:
    """One resource type in one region (the unit of progress)."""

    spec: ResourceSpec
    region: str
    """The region listed in: a real region, or the home region for global types."""
    label: str
    """The region recorded in the inventory ('global' for global types)."""
    pending: int = 0
    resources: int = 0
    errors: int = 0
    first_round: int = 1
    """The round of the listing's first page (after the engine's own setup calls)."""


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


class CollectorRunner:
    """Runs units on the pool and assembles their resources into the inventory."""

    def __init__(
        self,
        *,
        account_id: str,
        partition: str,
        home_region: str,
        clients: ClientCache,
        pool: CallPool,
        builder: InventoryBuilder,
        settings: EngineSettings,
        options: RunOptions,
        progress: ProgressCallback | None = None,
    ) -> None:
        self._account_id = account_id
        self._partition = partition
        self._home_region = home_region
        self._clients = clients
        self._pool = pool
        self._builder = builder
        self._settings = settings
        self._options = options
        self._progress = progress
        self._lock = threading.Lock()
        self._units_total = 0
        self._units_done = 0
        self._resources_total = 0
        self._max_round = 0
        self._unreachable: dict[tuple[str, str], CallFailure] = {}
        self._unreachable_regions: dict[str, CallFailure] = {}
        self._probing: dict[str, list[Callable[[], None]]] = {}
        """Regions whose probe has not answered yet, with the work waiting for it."""

    @property
    def rounds(self) -> int:
        """The longest chain of calls that had to wait for one another."""
        with self._lock:
            return self._max_round

    def _reached(self, round_: int) -> None:
        with self._lock:
            self._max_round = max(self._max_round, round_)

    # -- regions ---------------------------------------------------------------------------

    def start_region(self, region: str, specs: list[ResourceSpec], after_round: int) -> None:
        """Probe ``region`` once, then start its collectors; an unreachable region costs one
        call's timeouts, records one error per type, and never occupies the pool."""
        with self._lock:
            self._probing[region] = []
        if not self._pool.submit(lambda: self._probe(region, specs, after_round)):
            # Cancelled before it started: say what this region will not have.
            self._record_region_error(region, specs, CANCELLED)
            self._probed(region)  # waiting work records itself as cancelled

    def _when_probed(self, unit: Unit, region: str, task: Callable[[], None]) -> None:
        """Run ``task`` once ``region`` has answered its probe (at once if it already has)."""
        with self._lock:
            waiting = self._probing.get(region)
            if waiting is not None:
                unit.pending += 1  # held, so the unit is not reported done meanwhile

                def release() -> None:
                    task()
                    self._unit_step_done(unit)

                waiting.append(release)
                return
        task()

    def _probed(self, region: str) -> None:
        with self._lock:
            waiting = self._probing.pop(region, [])
        for task in waiting:
            task()

    def _probe(self, region: str, specs: list[ResourceSpec], after_round: int) -> None:
        try:
            self._clients.get("ec2", region).describe_availability_zones()
        except Exception as exc:  # noqa: BLE001 - any failure is classified; fatal ones recorded
            failure = classify(exc)
            if failure.kind in (ErrorKind.UNREACHABLE, ErrorKind.TIMEOUT):
                log.warning(
                    "region %s is unreachable (%s); its collectors are skipped",
                    region,
                    failure.code,
                )
                with self._lock:
                    self._unreachable_regions[region] = failure
                self._record_region_error(region, specs, failure)
                self._probed(region)
                return
        self._reached(after_round + 1)
        self._probed(region)
        for spec in specs:
            self.start(spec, region, after_round=after_round + 1)

    def _record_region_error(
        self, region: str, specs: list[ResourceSpec], failure: CallFailure
    ) -> None:
        """One error per type of a region whose collectors did not run."""
        for spec in specs:
            call = spec.list or PROBE
            self._builder.add_error(
                CollectionError(
                    resource_type=spec.type_name,
                    region=region,
                    service=call.service or spec.service,
                    operation=call.operation,
                    kind=failure.kind,
                    code=failure.code,
                    message=(
                        failure.message
                        if failure.kind is ErrorKind.CANCELLED
                        else f"region unreachable: {failure.message}"
                    ),
                )
            )

    # -- units -----------------------------------------------------------------------------

    def start(self, spec: ResourceSpec, region: str | None, after_round: int = 0) -> None:
        """Start listing ``spec`` in ``region`` (``None`` for a global type)."""
        if spec.scope is Scope.REGIONAL:
            if region is None:
                raise ValueError(f"{spec.type_name} is regional: name a region")
            unit = Unit(spec, region, region)
        else:
            unit = Unit(spec, self._home_region, GLOBAL_REGION)
        with self._lock:
            self._units_total += 1
            unit.pending = 1
        unit.first_round = after_round + 1
        if not self._pool.submit(lambda: self._list(unit)):
            call = spec.list or Call("normalize")
            self._record_unit_error(unit, call, call.service or spec.service, CANCELLED)
            self._unit_step_done(unit)

    def _unit_step_done(self, unit: Unit) -> None:
        with self._lock:
            unit.pending -= 1
            if unit.pending:
                return
            self._units_done += 1
            self._resources_total += unit.resources
            event = ProgressEvent(
                resource_type=unit.spec.type_name,
                region=unit.label,
                resources=unit.resources,
                errors=unit.errors,
                units_done=self._units_done,
                units_total=self._units_total,
                resources_total=self._resources_total,
            )
        if self._progress is not None:
            self._progress(event)

    def _submit(self, unit: Unit, task: Callable[[], None], delay: float = 0.0) -> bool:
        with self._lock:
            unit.pending += 1
        submitted = self._pool.submit_later(delay, task) if delay > 0 else self._pool.submit(task)
        if not submitted:
            self._unit_step_done(unit)
        return submitted

    # -- calls -----------------------------------------------------------------------------

    def _context(self, region: str) -> RegionContext:
        return RegionContext(self._account_id, self._partition, region)

    def _check_reachable(self, service: str, region: str) -> None:
        failure = self._unreachable_regions.get(region) or self._unreachable.get((service, region))
        if failure is not None:
            raise UnreachableEndpointError(failure)

    def _note_failure(self, service: str, region: str, failure: CallFailure) -> None:
        if failure.kind is not ErrorKind.UNREACHABLE:
            return
        with self._lock:
            self._unreachable.setdefault((service, region), failure)
            services_down = sum(1 for (_, down) in self._unreachable if down == region)
            if services_down >= REGION_UNREACHABLE_AFTER:
                self._unreachable_regions.setdefault(region, failure)

    def _pages(
        self, call: Call, service: str, region: str, params: Mapping[str, Any], resume: str | None
    ) -> Iterator[tuple[Any, str | None]]:
        """Yield (page, resume token after it) for a call; one page for unpaginated calls."""
        self._check_reachable(service, region)
        client = self._clients.get(service, region)
        if call.fetch is not None:
            yield call.fetch(client, params), None
            return
        method = xform_name(call.operation)
        if client.can_paginate(method):
            config = {"StartingToken": resume} if resume else {}
            pages = client.get_paginator(method).paginate(**params, PaginationConfig=config)
            for page in pages:
                yield page, pages.resume_token
            return
        yield getattr(client, method)(**params), None

    def _failure(self, exc: BaseException, service: str, region: str) -> CallFailure:
        failure = exc.failure if isinstance(exc, UnreachableEndpointError) else classify(exc)
        self._note_failure(service, region, failure)
        if failure.kind is ErrorKind.INTERNAL:
            # Recorded in the inventory; the traceback is for --verbose, never the terminal.
            log.warning("unexpected %s from %s in %s: %s", failure.code, service, region, exc)
            log.debug("traceback of the unexpected failure", exc_info=exc)
        return failure

    def _throttle_delay(self, failure: CallFailure, attempt: int) -> float | None:
        """The delay before another try of a throttled call, or None to give up."""
        if failure.kind is not ErrorKind.THROTTLED or attempt >= self._settings.throttle_retries:
            return None
        return float(self._settings.throttle_delay * (2**attempt))

    # -- listing ---------------------------------------------------------------------------

    def _list(self, unit: Unit, resume: str | None = None, attempt: int = 0) -> None:
        spec = unit.spec
        round_ = unit.first_round - 1
        try:
            if spec.list is None:
                self._accept(unit, spec.normalize(None, self._context(unit.region)), round_)
                return
            call = spec.list
            service = call.service or spec.service
            params = call.params({}) if call.params else {}
            try:
                for page, token in self._pages(call, service, unit.region, params, resume):
                    round_ += 1
                    self._reached(round_)
                    items = jmespath.search(spec.items, page) if spec.items else [page]
                    context = self._context(unit.region)
                    for item in items or ():
                        self._accept(unit, spec.normalize(item, context), round_)
                    resume = token
                    if self._pool.cancelled and resume is not None:
                        self._record_unit_error(unit, call, service, CANCELLED)
                        break
            except Exception as exc:  # noqa: BLE001 - every failure becomes data on the unit
                failure = self._failure(exc, service, unit.region)
                delay = self._throttle_delay(failure, attempt)
                if delay is not None:
                    self._submit(unit, lambda: self._list(unit, resume, attempt + 1), delay)
                else:
                    self._record_unit_error(unit, call, service, failure)
        finally:
            self._unit_step_done(unit)

    def _record_unit_error(
        self, unit: Unit, call: Call, service: str, failure: CallFailure
    ) -> None:
        with self._lock:
            unit.errors += 1
        self._builder.add_error(
            CollectionError(
                resource_type=unit.spec.type_name,
                region=unit.label,
                service=service,
                operation=call.operation,
                kind=failure.kind,
                code=failure.code,
                message=failure.message,
            )
        )

    def _accept(self, unit: Unit, doc: Doc, round_: int) -> None:
        doc["type"] = unit.spec.type_name
        doc.setdefault("region", unit.label)
        doc["account_id"] = self._account_id
        doc.setdefault("collection_errors", [])
        wanted = self._options.resource_ids
        if wanted is not None and doc.get("id") not in wanted and doc.get("arn") not in wanted:
            return
        self._run_stage(Pending(unit, doc, round_))

    # -- details ---------------------------------------------------------------------------

    def _wanted(self, spec: ResourceSpec, detail: Detail) -> bool:
        needed = self._options.needed_fields
        if needed is None:
            return True
        fields = needed.get(spec.type_name, frozenset()) | ALWAYS_COLLECTED
        return not fields.isdisjoint(detail.fields)

    def _in_scope(self, pending: Pending) -> bool:
        region = pending.doc.get("region")
        return bool(
            pending.unit.spec.scope is not Scope.GLOBAL_LIST
            or region == GLOBAL_REGION
            or region in self._options.regions
        )

    def _run_stage(self, pending: Pending) -> None:
        spec = pending.unit.spec
        stages = spec.stages
        while pending.stage_index < len(stages):
            if not self._in_scope(pending):
                return
            stage = stages[pending.stage_index]
            calls: list[tuple[Detail, Doc]] = []
            for detail in spec.details:
                if detail.stage != stage or not self._wanted(spec, detail):
                    continue
                try:
                    if detail.when is not None and not detail.when(pending.doc):
                        continue
                    targets = detail.for_each(pending.doc) if detail.for_each else [pending.doc]
                except Exception as exc:  # noqa: BLE001 - e.g. an earlier detail left no input
                    failure = CallFailure(ErrorKind.INTERNAL, type(exc).__name__, str(exc))
                    self._record_detail_error(pending, detail, failure, pending.unit.region)
                    continue
                calls.extend((detail, target) for target in targets)
            pending.stage_index += 1
            if calls:
                pending.outstanding = len(calls)
                pending.stage_round = pending.round
                for detail, target in calls:
                    region = detail.region(pending.doc) if detail.region else None
                    if region is not None and region != pending.unit.region:
                        self._when_probed(
                            pending.unit,
                            region,
                            partial(self._submit_detail, pending, detail, target),
                        )
                    else:
                        self._submit_detail(pending, detail, target)
                return
        self._finish(pending)

    def _submit_detail(
        self, pending: Pending, detail: Detail, target: Doc, attempt: int = 0
    ) -> None:
        delay = self._settings.throttle_delay * (2 ** (attempt - 1)) if attempt else 0.0
        task = lambda: self._detail(pending, detail, target, attempt)  # noqa: E731
        if not self._submit(pending.unit, task, delay):
            # Cancelled: keep the resource with what it has, and say what is missing.
            self._record_detail_error(pending, detail, CANCELLED, pending.unit.region)
            self._detail_done(pending)

    def _detail(self, pending: Pending, detail: Detail, target: Doc, attempt: int) -> None:
        unit = pending.unit
        call = detail.call
        service = call.service or unit.spec.service
        region = detail.region(pending.doc) if detail.region else unit.region
        try:
            params = call.params(target) if call.params else {}
            response = self._merged_response(call, service, region, params, pending)
        except Exception as exc:  # noqa: BLE001 - every failure becomes data on the resource
            code = error_code(exc)
            if code is not None and code in detail.absent:
                self._apply(pending, detail, target, detail.absent[code])
            else:
                self._detail_failed(
                    pending=pending,
                    detail=detail,
                    target=target,
                    exc=exc,
                    service=service,
                    region=region,
                    attempt=attempt,
                )
        else:
            self._apply(pending, detail, target, response)
        finally:
            self._unit_step_done(unit)

    def _merged_response(
        self, call: Call, service: str, region: str, params: Mapping[str, Any], pending: Pending
    ) -> Any:
        pages = []
        round_ = pending.round
        for page, _ in self._pages(call, service, region, params, None):
            round_ += 1
            self._reached(round_)
            pages.append(page)
        with pending.lock:
            pending.stage_round = max(pending.stage_round, round_)
        if len(pages) == 1:
            return pages[0]
        merged: dict[str, Any] = {}
        for page in pages:
            for key, value in page.items():
                if isinstance(value, list):
                    merged.setdefault(key, []).extend(value)
                else:
                    merged[key] = value
        return merged

    def _apply(self, pending: Pending, detail: Detail, target: Doc, response: Any) -> None:
        try:
            with pending.lock:
                detail.apply(target, response)
        except Exception as exc:
            log.warning(
                "%s could not read %s: %s", pending.unit.spec.type_name, detail.call.operation, exc
            )
            log.debug("traceback of the unreadable response", exc_info=exc)
            failure = CallFailure(ErrorKind.INTERNAL, type(exc).__name__, str(exc))
            self._record_detail_error(pending, detail, failure, pending.unit.region)
        self._detail_done(pending)

    def _detail_failed(
        self,
        *,
        pending: Pending,
        detail: Detail,
        target: Doc,
        exc: BaseException,
        service: str,
        region: str,
        attempt: int,
    ) -> None:
        failure = self._failure(exc, service, region)
        if self._throttle_delay(failure, attempt) is not None:
            self._submit_detail(pending, detail, target, attempt + 1)
            return
        self._record_detail_error(pending, detail, failure, region)
        self._detail_done(pending)

    def _record_detail_error(
        self, pending: Pending, detail: Detail, failure: CallFailure, region: str
    ) -> None:
        error = CollectionError(
            resource_type=pending.unit.spec.type_name,
            region=region if pending.unit.label != GLOBAL_REGION else GLOBAL_REGION,
            service=detail.call.service or pending.unit.spec.service,
            operation=detail.call.operation,
            kind=failure.kind,
            code=failure.code,
            message=failure.message,
            resource_id=str(pending.doc.get("id")),
            fields=detail.fields,
        )
        with pending.lock:
            pending.doc["collection_errors"].append(error)

    def _detail_done(self, pending: Pending) -> None:
        with pending.lock:
            pending.outstanding -= 1
            if pending.outstanding:
                return
            pending.round = pending.stage_round
        self._run_stage(pending)

    def _finish(self, pending: Pending) -> None:
        unit = pending.unit
        if not self._in_scope(pending):
            return
        try:
            resource = unit.spec.model.model_validate(pending.doc)
        except ValidationError as exc:
            log.error("%s does not match its model: %s", unit.spec.type_name, exc)  # noqa: TRY400 - the validation message is the whole story
            failure = CallFailure(ErrorKind.INTERNAL, "ModelValidationError", str(exc))
            operation = unit.spec.list.operation if unit.spec.list else "normalize"
            self._record_unit_error(unit, Call(operation), unit.spec.service, failure)
            return
        with self._lock:
            unit.resources += 1
        self._builder.add_resource(resource)


ALWAYS_COLLECTED = frozenset({"region", "name", "arn", "tags"})
"""Fields every resource has and other calls depend on (a bucket's region): never skipped."""

PROBE = Call("DescribeAvailabilityZones", service="ec2")
"""The cheap call that tells whether a region answers at all."""

CANCELLED = CallFailure(ErrorKind.CANCELLED, "Cancelled", "the scan was cancelled")


class UnreachableEndpointError(Exception):
    """An endpoint that already failed to connect in this scan; fails fast without a call."""

    def __init__(self, failure: CallFailure) -> None:
        super().__init__(failure.message)
        self.failure = failure
