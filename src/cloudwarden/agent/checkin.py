"""The check-in every 10 minutes (and on ping): version, pause, queue depth. The platform
marks the integration `missing` after an hour without one."""

from __future__ import annotations

from cloudwarden.agent import constants as c
from cloudwarden.agent import throttle
from cloudwarden.agent.runtime import AgentRuntime
from cloudwarden.protocol import CheckIn

QUEUE_ATTRIBUTES = ("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesDelayed")


def queue_depth(rt: AgentRuntime) -> int:
    """Jobs waiting, delayed ones (paused, spread out) included."""
    answer = rt.client("sqs").get_queue_attributes(
        QueueUrl=rt.setting(c.ENV_JOB_QUEUE_URL), AttributeNames=list(QUEUE_ATTRIBUTES)
    )
    return sum(int(answer["Attributes"].get(name, 0)) for name in QUEUE_ATTRIBUTES)


def check_in(rt: AgentRuntime) -> CheckIn:
    config = rt.config()
    state = throttle.read_state(rt)
    message = CheckIn(
        agent_version=config.version,
        paused_until=state.paused_until if state.remaining(rt.clock()) else None,
        queue_depth=queue_depth(rt),
    )
    rt.platform(config).post("checkin", message)
    return message
