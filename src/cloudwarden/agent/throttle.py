"""Rate limiting: any throttling error pauses *all* scan jobs for 15 minutes.

The pause lives in the stack's state parameter (SSM), which every invocation reads, so jobs
running in other Lambda instances see it too. A job that finds the agent paused goes back to
the queue with a delay; nothing is lost.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from cloudwarden.agent import constants as c
from cloudwarden.agent.runtime import AgentRuntime, dumps

PAUSE = timedelta(minutes=15)


@dataclass(frozen=True)
class ThrottleState:
    paused_until: datetime | None
    throttle_pauses: int

    def remaining(self, now: datetime) -> timedelta | None:
        """How long the pause still holds at ``now``; None when jobs may run."""
        if self.paused_until is None or self.paused_until <= now:
            return None
        return self.paused_until - now


def read_state(rt: AgentRuntime) -> ThrottleState:
    raw = rt.client("ssm").get_parameter(Name=rt.setting(c.ENV_STATE_PARAM))["Parameter"]["Value"]
    data = json.loads(raw)
    until = data.get("paused_until")
    return ThrottleState(
        paused_until=datetime.fromisoformat(until) if until else None,
        throttle_pauses=int(data.get("throttle_pauses", 0)),
    )


def write_state(rt: AgentRuntime, state: ThrottleState) -> None:
    value = {
        "paused_until": state.paused_until.isoformat() if state.paused_until else None,
        "throttle_pauses": state.throttle_pauses,
    }
    rt.client("ssm").put_parameter(
        Name=rt.setting(c.ENV_STATE_PARAM), Value=dumps(value), Type="String", Overwrite=True
    )


def pause_all(rt: AgentRuntime) -> ThrottleState:
    """Start (or extend) the 15-minute pause every job obeys, from now."""
    now = rt.clock()
    current = read_state(rt)
    until = now + PAUSE
    if current.paused_until is not None and current.paused_until > until:
        until = current.paused_until
    state = ThrottleState(paused_until=until, throttle_pauses=current.throttle_pauses + 1)
    write_state(rt, state)
    return state


def set_paused(rt: AgentRuntime, until: datetime | None) -> ThrottleState:
    """The pause and unpause commands: the platform sets or lifts the pause."""
    current = read_state(rt)
    state = ThrottleState(paused_until=until, throttle_pauses=current.throttle_pauses)
    write_state(rt, state)
    return state
