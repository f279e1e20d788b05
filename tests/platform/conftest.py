"""Platform fixtures: settings in a temporary data dir on each database (SQLite, and a fresh
PostgreSQL database when ``CLOUDWARDEN_TEST_POSTGRES_URL`` is set: required when ``CI=true``),
the app served over real HTTP, and a watch that fails a test if a secret shows up in a
response, a log line or the database."""

from __future__ import annotations

import base64
import json
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
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloudwarden.platform.db.models import Base
from cloudwarden.platform.db.scratch import scratch_database
from cloudwarden.platform.db.session import make_engine
from cloudwarden.platform.server import Platform, assemble
from cloudwarden.platform.settings import PlatformSettings
from tests.support.engine import EMULATOR_ENGINE

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


POSTGRES_URL_ENV = "CLOUDWARDEN_TEST_POSTGRES_URL"
DATABASES = ("sqlite", "postgresql")


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """None for the default SQLite file in the data dir, else a fresh PostgreSQL database.

    Without a PostgreSQL server the PostgreSQL variant is skipped locally, and fails in CI: CI
    must never pass by skipping the database production runs on."""
    if request.param == "sqlite":
        yield None
        return
    server = os.environ.get(POSTGRES_URL_ENV)
    if not server:
        message = f"{POSTGRES_URL_ENV} is not set: no PostgreSQL server to test against"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (required when CI=true; see .ci/run)")
        pytest.skip(message)
    with scratch_database(server, prefix="cw_test") as url:
        yield url


def stored_bytes(settings: PlatformSettings) -> bytes:
    """Everything the database holds: the SQLite files byte for byte (WAL included), and every
    row of every table as text (the only view there is of a PostgreSQL database)."""
    raw = b""
    if settings.database_url is None:
        database = settings.data_dir / "cloudwarden.db"
        raw = b"".join(
            p.read_bytes() for p in database.parent.glob("cloudwarden.db*") if p.is_file()
        )
    engine = make_engine(settings.url())
    try:
        with engine.connect() as connection:
            rows = [
                repr(tuple(row))
                for table in Base.metadata.sorted_tables
                for row in connection.execute(select(table))
            ]
    finally:
        engine.dispose()
    return raw + "\n".join(rows).encode()


@pytest.fixture
def settings(tmp_path: Path, database_url: str | None) -> PlatformSettings:
    policy = tmp_path / "custom-policy.yaml"
    policy.write_text(CUSTOM_POLICY, encoding="utf-8")
    return PlatformSettings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        master_key=base64.b64encode(os.urandom(32)).decode(),
        policy_files=[policy],
        worker_threads=1,
        worker_poll_seconds=0.2,
        aws_max_attempts=EMULATOR_ENGINE.max_attempts,
    )


SECRET_FIELDS = frozenset({"secret_access_key", "password", "session_token"})
"""Request fields whose values are secrets: never in a response, a log line or the database."""
SHOWN_ONCE_FIELDS = frozenset({"token"})
"""Response fields shown once (new API tokens): never in a log line or the database."""


def field_values(document: object, names: frozenset[str]) -> Iterator[str]:
    """Every string value under one of ``names``, anywhere in a JSON document."""
    if isinstance(document, dict):
        for key, value in document.items():
            if key in names and isinstance(value, str) and value:
                yield value
            else:
                yield from field_values(value, names)
    elif isinstance(document, list):
        for item in document:
            yield from field_values(item, names)


def json_of(content: bytes) -> object:
    try:
        return json.loads(content)
    except ValueError:
        return None


@dataclass
class SecretWatch:
    """Secrets the platform was handed or showed once; none may come back out anywhere.

    Tests add what they know (``secrets``); the watch also harvests by itself every secret
    field of a request body, every bearer token a request sends and every new token a
    response shows once, the settings' master key, and the session credentials of every role
    the platform assumed in the emulated account."""

    secrets: set[str] = field(default_factory=set)
    shown_once: set[str] = field(default_factory=set)
    bodies: list[str] = field(default_factory=list)

    def record_request(self, request: httpx.Request) -> None:
        self.secrets.update(field_values(json_of(request.content), SECRET_FIELDS))
        scheme, _, credential = request.headers.get("Authorization", "").partition(" ")
        if scheme == "Bearer" and credential:
            self.shown_once.add(credential)

    def record(self, response: httpx.Response) -> None:
        response.read()
        self.bodies.append(response.text)
        self.shown_once.update(field_values(json_of(response.content), SHOWN_ONCE_FIELDS))

    def check(self, logs: str, stored: bytes) -> None:
        for secret in self.secrets:
            assert all(secret not in body for body in self.bodies), "a secret reached a response"
        for secret in self.secrets | self.shown_once:
            assert secret not in logs, "a secret reached a log line"
            assert secret.encode() not in stored, "a secret is stored in plaintext"


def signing_key_secrets(settings: PlatformSettings) -> set[str]:
    """The private parts of the issuer's signing keys still stored: as PEM and as a JWK's
    private exponent, the two shapes a leak would take."""
    from joserfc.jwk import RSAKey  # noqa: PLC0415 - the platform extra

    from cloudwarden.platform.db.models import SigningKey  # noqa: PLC0415
    from cloudwarden.platform.repositories import secrets as secret_store  # noqa: PLC0415
    from cloudwarden.platform.security.envelope import Keyring  # noqa: PLC0415

    current, old = settings.master_keys()
    keyring = Keyring(current, old)
    engine = make_engine(settings.url())
    found: set[str] = set()
    try:
        with Session(engine) as session:
            for row in session.scalars(select(SigningKey)):
                pem = secret_store.read(session, keyring, row.secret_id)
                if pem is not None:
                    body = "".join(pem.strip().splitlines()[1:-1])
                    found |= {body[:64], str(RSAKey.import_key(pem).as_dict(private=True)["d"])}
    finally:
        engine.dispose()
    return found


def assumed_role_secrets() -> set[str]:
    """The session credentials moto's STS handed out so far (the platform's assumed roles)."""
    from moto.sts.models import sts_backends  # noqa: PLC0415 - moto is a test dependency

    return {
        value
        for regions in sts_backends.values()
        for backend in regions.values()
        for role in backend.assumed_roles
        for value in (role.secret_access_key, role.session_token)
    }


@pytest.fixture
def secret_watch(
    caplog: pytest.LogCaptureFixture, settings: PlatformSettings
) -> Iterator[SecretWatch]:
    """Every log record of the test (stdlib and structlog, all threads) at DEBUG, checked
    with every response and the whole database once the test is done."""
    caplog.set_level(logging.DEBUG)
    watch = SecretWatch()
    if settings.master_key is not None:
        watch.secrets.add(settings.master_key.get_secret_value())
    yield watch
    watch.secrets |= assumed_role_secrets() | signing_key_secrets(settings)
    watch.check(caplog.text, stored_bytes(settings))


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
    """The app on 127.0.0.1 (a free port) in a thread, over real HTTP; every WIF token it
    mints is watched."""
    platform.runtime.token_listeners.append(watch.secrets.add)
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
        base_url=url,
        timeout=HANG_GUARD,
        event_hooks={"request": [watch.record_request], "response": [watch.record]},
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
