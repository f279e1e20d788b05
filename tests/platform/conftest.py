"""Platform fixtures: settings in a temporary data dir, the app served over real HTTP, and a
watch that fails a test if a secret shows up in a response, a log line or the database file."""

from __future__ import annotations

import base64
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import uvicorn

from cloudwarden.platform.server import Platform, assemble
from cloudwarden.platform.settings import PlatformSettings

HANG_GUARD = 120.0
"""Seconds after which a wait is a hang, not slowness; never an assertion about speed."""

CUSTOM_POLICY = """
policies:
  - uid: cw-test-s3-only
    name: S3 only (test)
    version: 0.0.1
    groups:
      - title: S3
        checks:
          - aws-s3-bucket-versioning-enabled
          - aws-s3-bucket-public-access-blocked
"""


@pytest.fixture
def settings(tmp_path: Path) -> PlatformSettings:
    policy = tmp_path / "custom-policy.yaml"
    policy.write_text(CUSTOM_POLICY, encoding="utf-8")
    return PlatformSettings(
        data_dir=tmp_path / "data",
        master_key=base64.b64encode(os.urandom(32)).decode(),
        policy_files=[policy],
        worker_threads=1,
        worker_poll_seconds=0.2,
    )


@dataclass
class SecretWatch:
    """Secrets a test handed to the platform; none may come back out anywhere."""

    secrets: set[str] = field(default_factory=set)
    bodies: list[str] = field(default_factory=list)

    def record(self, response: httpx.Response) -> None:
        response.read()
        self.bodies.append(response.text)


@pytest.fixture
def secret_watch(
    caplog: pytest.LogCaptureFixture, settings: PlatformSettings
) -> Iterator[SecretWatch]:
    caplog.set_level(logging.DEBUG)
    watch = SecretWatch()
    yield watch
    database = settings.data_dir / "cloudwarden.db"
    stored = b"".join(
        p.read_bytes() for p in database.parent.glob("cloudwarden.db*") if p.is_file()
    )
    for secret in watch.secrets:
        assert secret not in caplog.text, "a secret reached a log line"
        assert all(secret not in body for body in watch.bodies), "a secret reached a response"
        assert secret.encode() not in stored, "a secret is stored in plaintext"


@dataclass
class Live:
    platform: Platform
    url: str
    client: httpx.Client

    def as_user(self, token: str | None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(
            base_url=self.url,
            headers=headers,
            timeout=HANG_GUARD,
            event_hooks=self.client.event_hooks,
        )


@contextmanager
def served(platform: Platform, watch: SecretWatch) -> Iterator[Live]:
    """The app on 127.0.0.1 (a free port) in a thread, over real HTTP."""
    config = uvicorn.Config(
        platform.app, host="127.0.0.1", port=0, log_config=None, log_level="info"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    pause = threading.Event()
    while not server.started:
        pause.wait(0.05)
        assert thread.is_alive(), "uvicorn did not start"
    port = server.servers[0].sockets[0].getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    client = httpx.Client(
        base_url=url, timeout=HANG_GUARD, event_hooks={"response": [watch.record]}
    )
    try:
        yield Live(platform, url, client)
    finally:
        client.close()
        server.should_exit = True
        thread.join(HANG_GUARD)


@pytest.fixture
def live(settings: PlatformSettings, secret_watch: SecretWatch) -> Iterator[Live]:
    """Served with its embedded worker; no scheduler thread: scheduling is tested with a
    simulated clock."""
    platform = assemble(settings)
    with served(platform, secret_watch) as running:
        platform.worker.start()
        try:
            yield running
        finally:
            platform.worker.stop()
    platform.runtime.engine.dispose()


@pytest.fixture
def live_without_worker(settings: PlatformSettings, secret_watch: SecretWatch) -> Iterator[Live]:
    """Served, nothing runs the jobs: they stay queued."""
    platform = assemble(settings)
    with served(platform, secret_watch) as running:
        yield running
    platform.runtime.engine.dispose()
