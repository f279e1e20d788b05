"""The process environment of tests that run moto in-process (``mock_aws``).

Only tests change their own process's environment; the shipped demo never does.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from cloudwarden.demo.emulator import EMULATOR_SETTINGS, FAKE_ENVIRONMENT

CLEARED = ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE")


@contextmanager
def emulated_environment() -> Iterator[None]:
    """Fake credentials and emulator settings for the duration, the caller's restored after."""
    saved = {
        name: os.environ.get(name) for name in (*FAKE_ENVIRONMENT, *EMULATOR_SETTINGS, *CLEARED)
    }
    os.environ.update(FAKE_ENVIRONMENT)
    os.environ.update(EMULATOR_SETTINGS)
    for name in CLEARED:
        os.environ.pop(name, None)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
