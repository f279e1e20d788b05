"""Platform commands (EventBridge events from the platform's account), one entry per command."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from cloudwarden import __version__
from cloudwarden.agent import checkin, jobs, throttle, update
from cloudwarden.agent import constants as c
from cloudwarden.agent.runtime import AgentRuntime
from cloudwarden.protocol import Alert, Command

log = logging.getLogger(__name__)

CommandHandler = Callable[[AgentRuntime, Command], dict[str, Any]]
MAX_PAUSE = timedelta(hours=24)


def scan_now(rt: AgentRuntime, command: Command) -> dict[str, Any]:
    scan_id = command.detail.get("scan_id")
    queued = jobs.start_full_scan(rt, str(scan_id) if scan_id else None)
    return {"scan_id": queued[0].scan_id if queued else None, "jobs": len(queued)}


def ping(rt: AgentRuntime, _command: Command) -> dict[str, Any]:
    """Answered with a check-in: the platform records the ping's answer."""
    return {"checked_in": checkin.check_in(rt).model_dump(mode="json")}


def pause(rt: AgentRuntime, command: Command) -> dict[str, Any]:
    """Hold every job until ``detail.until`` (ISO 8601, at most a day away) or 15 minutes."""
    now = rt.clock()
    raw = command.detail.get("until")
    until = datetime.fromisoformat(str(raw)) if raw else now + throttle.PAUSE
    state = throttle.set_paused(rt, min(until, now + MAX_PAUSE))
    checkin.check_in(rt)
    return {"paused_until": state.paused_until.isoformat() if state.paused_until else None}


def unpause(rt: AgentRuntime, _command: Command) -> dict[str, Any]:
    throttle.set_paused(rt, None)
    checkin.check_in(rt)
    return {"paused_until": None}


def clear_queue(rt: AgentRuntime, _command: Command) -> dict[str, Any]:
    """Drop every queued job (the platform stores what already arrived as incomplete)."""
    rt.client("sqs").purge_queue(QueueUrl=rt.setting(c.ENV_JOB_QUEUE_URL))
    checkin.check_in(rt)
    return {"cleared": True}


def diagnostics(rt: AgentRuntime, _command: Command) -> dict[str, Any]:
    """The agent's own state in its log (never the key), and a check-in with it."""
    config = rt.config()
    state = throttle.read_state(rt)
    log.info(
        "diagnostics: version %s, regions %s, paused until %s, %d throttling pauses so far",
        config.version,
        ",".join(config.regions) or "all",
        state.paused_until,
        state.throttle_pauses,
    )
    return {"checked_in": checkin.check_in(rt).model_dump(mode="json")}


def self_update(rt: AgentRuntime, _command: Command) -> dict[str, Any]:
    """Read, verify and apply the signed release (:mod:`update`); a refusal is alerted."""
    platform = rt.platform()

    def alert(kind: str, message: str) -> None:
        platform.post("alerts", Alert.model_validate({"kind": kind, "message": message}))

    outcome = update.self_update(
        rt.setting(c.ENV_RELEASE_MANIFEST_URL),
        update.load_public_key(rt.setting(c.ENV_RELEASE_PUBLIC_KEY)),
        update.Target(
            function_name=rt.setting(c.ENV_FUNCTION_NAME),
            stack_name=rt.setting(c.ENV_STACK_NAME),
            deploy_role_arn=rt.setting(c.ENV_DEPLOY_ROLE_ARN),
        ),
        s3=rt.client("s3"),
        lambda_client=rt.client("lambda"),
        cloudformation=rt.client("cloudformation"),
        alert=alert,
        current_version=__version__,
    )
    return {"applied": outcome.applied, "version": outcome.version, "reason": outcome.reason}


COMMANDS: dict[str, CommandHandler] = {
    "scan_now": scan_now,
    "ping": ping,
    "pause": pause,
    "unpause": unpause,
    "clear_queue": clear_queue,
    "diagnostics": diagnostics,
    "update": self_update,
}


def on_command(rt: AgentRuntime, event: dict[str, Any]) -> dict[str, Any]:
    name = str(event["detail-type"])
    handler = COMMANDS.get(name)
    if handler is None:
        log.error("the %s command is not in this version of the agent", name[:64])
        return {"command": name, "handled": False}
    command = Command.model_validate({"name": name, "detail": event.get("detail") or {}})
    return {"command": command.name, "handled": True, **handler(rt, command)}
