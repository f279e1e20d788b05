"""The one generic collector: runs every :class:`ResourceSpec` on the scan's tracker.

A unit of work is one resource type in one region. Its listing runs as one task that walks the
pages; each listed item is normalised at once (the raw page is dropped) and its detail calls are
submitted as tasks of their own, stage after stage. When the last detail of a resource returns,
the resource is validated into its model and handed to the inventory. Every failed call becomes a
:class:`CollectionError` on the unit (listing) or on the resource (detail), and is logged at INFO.

Regions (probe, unreachable endpoints, work waiting for a probe) are
:mod:`~cloudwarden.aws.region_gate`'s; retries are :mod:`cloudwarden.aws.retry`'s.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from functools import partial
from typing import Any

import jmespath
from pydantic import ValidationError

from cloudwarden.aws.call_records import failed_call, region_errors
from cloudwarden.aws.clients import ClientCache
from cloudwarden.aws.collection_work import Listing, Pending, RunOptions, Unit
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec, Scope
from cloudwarden.aws.errors import CANCELLED, CallFailure, classify, error_code
from cloudwarden.aws.pages import fetch_full_response, list_pages
from cloudwarden.aws.pool import ScanTracker, Task
from cloudwarden.aws.region_gate import RegionGate, UnreachableEndpointError
from cloudwarden.aws.retry import Retrying, ThrottleBackoff
from cloudwarden.aws.settings import EngineSettings
from cloudwarden.inventory.errors import ErrorKind
from cloudwarden.inventory.inventory import InventoryBuilder
from cloudwarden.inventory.resource import GLOBAL_REGION
from cloudwarden.scan_control import ProgressCallback, ProgressEvent

log = logging.getLogger(__name__)

__all__ = ["CollectorRunner", "RunOptions"]

ALWAYS_COLLECTED = frozenset({"region", "name", "arn", "tags"})
"""Fields every resource has and other calls depend on (a bucket's region): never skipped."""


class CollectorRunner:
    """Runs units on the scan's tracker and assembles their resources into the inventory."""

    def __init__(
        self,
        *,
        account_id: str,
        partition: str,
        home_region: str,
        clients: ClientCache,
        tasks: ScanTracker,
        builder: InventoryBuilder,
        settings: EngineSettings,
        options: RunOptions,
        progress: ProgressCallback | None = None,
    ) -> None:
        self._account_id = account_id
        self._partition = partition
        self._home_region = home_region
        self._clients = clients
        self._tasks = tasks
        self._builder = builder
        self._options = options
        self._progress = progress
        self._gate = RegionGate(clients)
        self._retrying = Retrying(ThrottleBackoff.of(settings))
        self._lock = threading.Lock()
        self._units_total = 0
        self._units_done = 0
        self._resources_total = 0
        self._max_round = 0

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
        call's timeouts, records one error per type, and never occupies the budget."""
        self._gate.hold(region)
        if not self._tasks.submit(lambda: self._probe(region, specs, after_round)):
            # Cancelled before it started: say what this region will not have.
            self._record_region_error(region, specs, CANCELLED)
            self._gate.release(region)  # waiting work records itself as cancelled

    def _probe(self, region: str, specs: list[ResourceSpec], after_round: int) -> None:
        failure = self._gate.probe(region)
        if failure is not None:
            self._record_region_error(region, specs, failure)
            self._gate.release(region)
            return
        self._reached(after_round + 1)
        self._gate.release(region)
        for spec in specs:
            self.start(spec, region, after_round=after_round + 1)

    def _when_probed(self, unit: Unit, region: str, task: Task) -> None:
        """Run ``task`` once ``region`` has answered its probe, holding ``unit`` meanwhile."""
        self._gate.when_released(region, self._held(unit, task))

    def _record_region_error(
        self, region: str, specs: list[ResourceSpec], failure: CallFailure
    ) -> None:
        for error in region_errors(region, specs, failure):
            self._builder.add_error(error)

    # -- units -----------------------------------------------------------------------------

    def start(self, spec: ResourceSpec, region: str | None, after_round: int = 0) -> None:
        """Start listing ``spec`` in ``region`` (``None`` for a global type)."""
        if spec.scope is Scope.REGIONAL:
            if region is None:
                raise ValueError(f"{spec.type_name} is regional: name a region")
            unit = Unit(spec, region, region)
        else:
            unit = Unit(spec, self._home_region, GLOBAL_REGION)
        unit.first_round = after_round + 1
        with self._lock:
            self._units_total += 1
            unit.pending = 1  # held by this call, so a refused listing is recorded first
        listing = Listing(round=unit.first_round - 1)
        if not self._submit(unit, partial(self._list, unit, listing)):
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

    def _held(self, unit: Unit, task: Task) -> Task:
        """``task``, holding ``unit`` open from now until it has run."""
        with self._lock:
            unit.pending += 1

        def run() -> None:
            try:
                task()
            finally:
                self._unit_step_done(unit)

        return run

    def _submit(self, unit: Unit, task: Task, delay: float = 0.0) -> bool:
        """Run ``task`` (after ``delay``) holding ``unit``; False once the scan is cancelled."""
        run = self._held(unit, task)
        submitted = self._tasks.submit_later(delay, run) if delay > 0 else self._tasks.submit(run)
        if not submitted:
            self._unit_step_done(unit)
        return submitted

    def _submit_later(self, unit: Unit, delay: float, task: Task) -> bool:
        return self._submit(unit, task, delay)

    # -- calls -----------------------------------------------------------------------------

    def _context(self, region: str) -> RegionContext:
        return RegionContext(self._account_id, self._partition, region)

    def _failure(self, exc: Exception, service: str, region: str) -> CallFailure:
        failure = exc.failure if isinstance(exc, UnreachableEndpointError) else classify(exc)
        self._gate.note(service, region, failure)
        if failure.kind is ErrorKind.INTERNAL:
            # Recorded in the inventory; the traceback is for --verbose, never the terminal.
            log.warning("unexpected %s from %s in %s: %s", failure.code, service, region, exc)
            log.debug("traceback of the unexpected failure", exc_info=exc)
        return failure

    # -- listing ---------------------------------------------------------------------------

    def _list(self, unit: Unit, listing: Listing) -> None:
        spec = unit.spec
        if spec.list is None:
            self._accept(unit, spec.normalize(None, self._context(unit.region)), listing.round)
            return
        call = spec.list
        service = call.service or spec.service
        self._retrying.run(
            partial(self._walk, unit, call, service, listing),
            failure_of=partial(self._failure, service=service, region=unit.region),
            schedule=partial(self._submit_later, unit),
            give_up=partial(self._record_unit_error, unit, call, service),
        )

    def _walk(self, unit: Unit, call: Call, service: str, listing: Listing) -> None:
        """Read the pages from ``listing.resume`` on, accepting each page's items at once."""
        spec = unit.spec
        self._gate.check(service, unit.region)
        client = self._clients.get(service, unit.region)
        params = call.params({}) if call.params else {}
        context = self._context(unit.region)
        for page, token in list_pages(client, call, params, listing.resume):
            listing.round += 1
            self._reached(listing.round)
            items = jmespath.search(spec.items, page) if spec.items else [page]
            for item in items or ():
                self._accept(unit, spec.normalize(item, context), listing.round)
            listing.resume = token
            if self._tasks.cancelled and token is not None:
                self._record_unit_error(unit, call, service, CANCELLED)
                return

    def _record_unit_error(
        self, unit: Unit, call: Call, service: str, failure: CallFailure
    ) -> None:
        with self._lock:
            unit.errors += 1
        error = failed_call(
            spec=unit.spec, region=unit.label, service=service, call=call, failure=failure
        )
        self._builder.add_error(error)

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
                    self._detail_failed(pending, detail, pending.unit.region, failure, done=False)
                    continue
                calls.extend((detail, target) for target in targets)
            pending.stage_index += 1
            if calls:
                pending.outstanding = len(calls)
                pending.stage_round = pending.round
                for detail, target in calls:
                    region = detail.region(pending.doc) if detail.region else pending.unit.region
                    submit = partial(self._submit_detail, pending, detail, target, region)
                    if region != pending.unit.region:
                        self._when_probed(pending.unit, region, submit)
                    else:
                        submit()
                return
        self._finish(pending)

    def _submit_detail(self, pending: Pending, detail: Detail, target: Doc, region: str) -> None:
        unit = pending.unit
        service = detail.call.service or unit.spec.service

        def run() -> None:
            self._retrying.run(
                partial(self._detail, pending, detail, target, service, region),
                failure_of=partial(self._failure, service=service, region=region),
                schedule=partial(self._submit_later, unit),
                give_up=partial(self._detail_failed, pending, detail, region),
            )

        if not self._submit(unit, run):
            # Cancelled: keep the resource with what it has, and say what is missing.
            self._detail_failed(pending, detail, region, CANCELLED)

    def _detail(
        self, pending: Pending, detail: Detail, target: Doc, service: str, region: str
    ) -> None:
        call = detail.call
        params = call.params(target) if call.params else {}
        try:
            response = self._full_response(call, service, region, params, pending)
        except Exception as exc:
            code = error_code(exc)
            if code is None or code not in detail.absent:
                raise
            response = detail.absent[code]
        self._apply(pending, detail, target, response)

    def _full_response(
        self, call: Call, service: str, region: str, params: Mapping[str, Any], pending: Pending
    ) -> Any:
        """The whole response (every page), counting its pages as rounds after ``pending``'s."""
        self._gate.check(service, region)
        response, pages = fetch_full_response(self._clients.get(service, region), call, params)
        round_ = pending.round + pages
        self._reached(round_)
        with pending.lock:
            pending.stage_round = max(pending.stage_round, round_)
        return response

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
            self._detail_failed(pending, detail, pending.unit.region, failure, done=False)
        self._detail_done(pending)

    def _detail_failed(
        self,
        pending: Pending,
        detail: Detail,
        region: str,
        failure: CallFailure,
        *,
        done: bool = True,
    ) -> None:
        """Record ``failure`` on the resource (and count the detail as done, unless not)."""
        unit = pending.unit
        error = failed_call(
            spec=unit.spec,
            region=region if unit.label != GLOBAL_REGION else GLOBAL_REGION,
            service=detail.call.service or unit.spec.service,
            call=detail.call,
            failure=failure,
            resource_id=str(pending.doc.get("id")),
            fields=detail.fields,
        )
        with pending.lock:
            pending.doc["collection_errors"].append(error)
        if done:
            self._detail_done(pending)

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
