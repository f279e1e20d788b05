"""The Lambda entry point: one function, dispatching by the shape of the event through a
registry (EventBridge command, schedule, SQS batch, custom resource, resource change)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cloudwarden.agent import checkin, commands, jobs, registration
from cloudwarden.agent import constants as c
from cloudwarden.agent.runtime import AgentRuntime
from cloudwarden.protocol import Command

log = logging.getLogger(__name__)

Event = dict[str, Any]
CHECKIN_RULE_SUFFIX = "-checkin"
UPDATE_RULE_SUFFIX = "-update"
CLOUDTRAIL_CHANGE = "AWS API Call via CloudTrail"


@dataclass(frozen=True)
class EventShape:
    name: str
    matches: Callable[[Event], bool]
    run: Callable[[AgentRuntime, Event], dict[str, Any]]


def _is_custom_resource(event: Event) -> bool:
    return "RequestType" in event and "ResponseURL" in event


def _is_sqs_batch(event: Event) -> bool:
    records = event.get("Records") or []
    return bool(records) and all(r.get("eventSource") == "aws:sqs" for r in records)


def _is_resource_change(event: Event) -> bool:
    return event.get("detail-type") == CLOUDTRAIL_CHANGE


def _is_schedule(event: Event) -> bool:
    return event.get("source") == "aws.events" and event.get("detail-type") == "Scheduled Event"


def _is_command(event: Event) -> bool:
    return event.get("source") == c.PLATFORM_EVENT_SOURCE and "detail-type" in event


def _check_in_only(rt: AgentRuntime) -> dict[str, Any]:
    return {"checked_in": checkin.check_in(rt).model_dump(mode="json")}


def _daily_update(rt: AgentRuntime) -> dict[str, Any]:
    return commands.self_update(rt, Command(name="update"))


SCHEDULES: dict[str, Callable[[AgentRuntime], dict[str, Any]]] = {
    CHECKIN_RULE_SUFFIX: _check_in_only,
    UPDATE_RULE_SUFFIX: _daily_update,
}
"""Schedule rules by the suffix of their name; any other schedule is the full scan's."""


def on_schedule(rt: AgentRuntime, event: Event) -> dict[str, Any]:
    """Check-in (every 10 minutes) and self-update (daily) rules run their own entry; the scan
    schedule checks in and starts a full scan."""
    rules = [str(r) for r in event.get("resources", [])]
    for suffix, run in SCHEDULES.items():
        if any(rule.endswith(suffix) for rule in rules):
            return run(rt)
    checked = checkin.check_in(rt)
    queued = jobs.start_full_scan(rt)
    return {
        "checked_in": checked.model_dump(mode="json"),
        "scan_id": queued[0].scan_id if queued else None,
        "jobs": len(queued),
    }


def on_resource_change(_rt: AgentRuntime, event: Event) -> dict[str, Any]:
    log.info(
        "resource-change scans are not in this version (event %s ignored)", event.get("id", "?")
    )
    return {"handled": False}


SHAPES: tuple[EventShape, ...] = (
    EventShape("custom_resource", _is_custom_resource, registration.on_custom_resource),
    EventShape("sqs_batch", _is_sqs_batch, jobs.on_sqs_batch),
    EventShape("resource_change", _is_resource_change, on_resource_change),
    EventShape("schedule", _is_schedule, on_schedule),
    EventShape("command", _is_command, commands.on_command),
)
"""Tried in order; the first shape that matches runs."""


def dispatch(event: Event, rt: AgentRuntime) -> dict[str, Any]:
    for shape in SHAPES:
        if shape.matches(event):
            log.info("event: %s", shape.name)
            return {"shape": shape.name, **shape.run(rt, event)}
    log.error("an event of no known shape was ignored (keys: %s)", ", ".join(sorted(event)))
    return {"shape": None}


def handle(event: Event, context: object) -> dict[str, Any]:
    """Lambda's handler (``cloudwarden.agent.handler.handle``)."""
    del context  # the remaining time is not needed: every job fits well inside the limit
    logging.getLogger().setLevel(logging.INFO)  # Lambda's root logger starts at WARNING
    return dispatch(event, AgentRuntime.from_environment())
