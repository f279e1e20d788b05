"""How the engine talks to AWS: concurrency, timeouts, retries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from botocore.config import Config


@dataclass(frozen=True)
class EngineSettings:
    """Tunable limits of one discovery run.

    ``max_in_flight`` bounds the API calls in flight across *all* services and regions at once
    (the size of the scan's own :class:`~cloudwarden.aws.pool.CallBudget` when the caller passes
    none) and sizes each client's connection pool. Timeouts are short so that an unreachable
    region costs seconds, not minutes.
    """

    max_in_flight: int = 48
    connect_timeout: float = 3.0
    read_timeout: float = 20.0
    retry_mode: Literal["standard", "adaptive", "legacy"] = "standard"
    max_attempts: int = 4
    """Tries of one call in all (botocore total_max_attempts), the first one included."""
    throttle_retries: int = 3
    """Extra engine-level retries, with growing delays, after botocore gave up on throttling
    (:class:`~cloudwarden.aws.retry.ThrottleBackoff`)."""
    throttle_delay: float = 2.0
    user_agent_extra: str = "cloudwarden"

    def botocore_config(self) -> Config:
        return Config(
            connect_timeout=self.connect_timeout,
            read_timeout=self.read_timeout,
            retries={"mode": self.retry_mode, "total_max_attempts": self.max_attempts},
            max_pool_connections=self.max_in_flight,
            user_agent_extra=self.user_agent_extra,
        )
