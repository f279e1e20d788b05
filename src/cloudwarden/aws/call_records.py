"""A failed call as a record for the inventory, and as one INFO line for ``--verbose``.

The log line carries the type, region, service:operation, kind and code; never the call's
parameters or headers (they may name secrets or personal data).
"""

from __future__ import annotations

import logging

from cloudwarden.aws.collectors.spec import Call, ResourceSpec
from cloudwarden.aws.errors import CallFailure
from cloudwarden.aws.region_gate import PROBE
from cloudwarden.inventory.errors import CollectionError, ErrorKind

log = logging.getLogger("cloudwarden.aws.collectors.runner")
"""The runner's logger: the CLI's --verbose shows what the runner recorded."""


def failed_call(
    *,
    spec: ResourceSpec,
    region: str,
    service: str,
    call: Call,
    failure: CallFailure,
    message: str | None = None,
    resource_id: str | None = None,
    fields: tuple[str, ...] = (),
) -> CollectionError:
    """The record of a failed call, logged at INFO."""
    log.info(
        "call failed: %s in %s, %s:%s, %s %s",
        spec.type_name,
        region,
        service,
        call.operation,
        failure.kind,
        failure.code,
    )
    return CollectionError(
        resource_type=spec.type_name,
        region=region,
        service=service,
        operation=call.operation,
        kind=failure.kind,
        code=failure.code,
        message=failure.message if message is None else message,
        resource_id=resource_id,
        fields=fields,
    )


def region_errors(
    region: str, specs: list[ResourceSpec], failure: CallFailure
) -> list[CollectionError]:
    """One record per type of a region whose collectors did not run (down, or cancelled)."""
    message = failure.message
    if failure.kind is not ErrorKind.CANCELLED:
        message = f"region unreachable: {message}"
    return [
        failed_call(
            spec=spec,
            region=region,
            service=(spec.list or PROBE).service or spec.service,
            call=spec.list or PROBE,
            failure=failure,
            message=message,
        )
        for spec in specs
    ]
