"""The process environment of tests that run moto in-process (``mock_aws``), and its teardown.

Only tests change their own process's environment; the shipped demo never does.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from moto.core.base_backend import BackendDict, backend_lock

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


def discard_emulated_state() -> None:
    """Drop every backend moto created in this process, without building it once more first.

    ``mock_aws`` resets on exit by re-running every backend's ``__init__`` and only then dropping
    it: IAM reloads its ~1,300 managed policies and EC2 builds a default VPC again in every region
    a test touched, seconds per test for state nothing reads. Dropped here, the next test's
    backends are created fresh on first use, exactly as they are after moto's own reset.
    """
    # BackendDict._instances is private: moto keeps no public list of the backends in use.
    with backend_lock:
        for backends in BackendDict._instances:
            backends.clear()
        BackendDict._instances.clear()
