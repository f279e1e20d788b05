"""Engine settings for tests' scans of the emulator."""

from __future__ import annotations

from cloudwarden.aws.settings import EngineSettings

EMULATOR_ENGINE = EngineSettings(max_attempts=1)
"""Each call tried once. moto answers the operations it lacks with HTTP 500, which botocore's
standard mode retries after up to 1, 2 and 4 seconds: seconds of sleep per scan for an answer
that never changes. The failure is recorded the same either way; retries and throttling have
tests of their own (``tests/aws/test_unreachable_and_throttled.py``)."""
