"""The AWS emulator (moto_server) in a child process on 127.0.0.1.

A child process keeps the emulator's state and settings out of the process that uses it: no
botocore patching, nothing written to ``os.environ``, so a long-lived process (the platform)
can run the demo account beside real AWS integrations.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

EMULATOR_SETTINGS = {
    # moto's catalogue of ~1,300 public AMIs per region (each with a snapshot) would drown the
    # account's own images and snapshots; the demo registers its own.
    "MOTO_EC2_LOAD_DEFAULT_AMIS": "false",
    # AWS managed policies (ReadOnlyAccess, AdministratorAccess...) exist in every real account.
    "MOTO_IAM_LOAD_MANAGED_POLICIES": "true",
}
FAKE_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}
"""The environment a child process (a CLI under test, a benchmark) needs to use the emulator,
with ``AWS_ENDPOINT_URL`` set to its URL."""
AWS_VARIABLES = ("AWS_", "MOTO_")
"""The child gets none of the caller's AWS or moto settings, only the emulator's."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def moto_server(
    startup_timeout: float = 30.0, settings: dict[str, str] | None = None
) -> Iterator[str]:
    """Yield the URL of a fresh moto_server on 127.0.0.1; it is stopped on exit."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(AWS_VARIABLES)}
    env.update(EMULATOR_SETTINGS if settings is None else settings)
    process = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/moto-api/", timeout=1):  # noqa: S310 - loopback
                    break
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the AWS emulator (moto_server) did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
