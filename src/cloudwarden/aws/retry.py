"""The engine's one retry policy, used by listings, details and ec2:DescribeRegions alike.

Two layers: botocore's ``standard`` retries (set in every client's ``Config``) retry each request
a few times within the call; when throttling outlives them, :class:`ThrottleBackoff` tries the
whole call again later with growing delays, from a timer, so the wait holds no slot of the
budget. A listing's attempt resumes from the last page token it read (the caller's closure keeps
it), so no page is read twice and none is lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from cloudwarden.aws.errors import CANCELLED, CallFailure
from cloudwarden.aws.settings import EngineSettings
from cloudwarden.inventory.errors import ErrorKind

log = logging.getLogger(__name__)

Attempt = Callable[[], None]
"""One try of a call: returns when it succeeded (the caller's closure keeps the result)."""
Schedule = Callable[[float, Callable[[], None]], bool]
"""Run a task after a delay without holding a slot; False when the scan is cancelled."""


@dataclass(frozen=True)
class ThrottleBackoff:
    """Try a throttled call again ``retries`` times, after ``delay`` x 1, 2, 4... seconds."""

    retries: int
    delay: float

    @classmethod
    def of(cls, settings: EngineSettings) -> ThrottleBackoff:
        return cls(settings.throttle_retries, settings.throttle_delay)

    def next_delay(self, failure: CallFailure, retried: int) -> float | None:
        """The delay before another try, or None to give up and record ``failure``."""
        if failure.kind is not ErrorKind.THROTTLED or retried >= self.retries:
            return None
        return float(self.delay * 2**retried)


@dataclass(frozen=True)
class Retrying:
    """Runs the attempts of calls under one :class:`ThrottleBackoff`."""

    backoff: ThrottleBackoff

    def run(
        self,
        attempt: Attempt,
        *,
        failure_of: Callable[[Exception], CallFailure],
        schedule: Schedule,
        give_up: Callable[[CallFailure], None],
        retried: int = 0,
    ) -> None:
        """Make one attempt now; on throttling, schedule the next one; else give up.

        ``failure_of`` classifies what the attempt raised (and may note it, e.g. an unreachable
        endpoint); ``give_up`` receives the failure to record once no retry is left (or the
        cancellation, when the scan refuses the retry).
        """
        try:
            attempt()
        except Exception as exc:  # noqa: BLE001 - every failure is classified and becomes data
            failure = failure_of(exc)
            delay = self.backoff.next_delay(failure, retried)
            if delay is None:
                give_up(failure)
                return
            log.debug("throttled (%s); trying again in %.2f s", failure.code, delay)

            def again() -> None:
                self.run(
                    attempt,
                    failure_of=failure_of,
                    schedule=schedule,
                    give_up=give_up,
                    retried=retried + 1,
                )

            if not schedule(delay, again):
                give_up(CANCELLED)
