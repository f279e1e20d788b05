"""Structured logs (request ids, job context, JSON lines), Prometheus /metrics and its
protection, and the secret watch itself, over real HTTP on each database."""

from __future__ import annotations

import base64
import io
import json
import logging
import os
import re
import signal
import subprocess
import sys
import time

import httpx
import pytest
import structlog
from pydantic import SecretStr

from cloudwarden.demo.emulator import free_port
from cloudwarden.platform.jobs.worker import EmbeddedWorker
from cloudwarden.platform.logging import get_logger, json_formatter, route_structlog_to_stdlib
from cloudwarden.platform.repositories import scans
from cloudwarden.platform.schemas import AccessKeyIn, IntegrationIn, JobState
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.server import assemble
from cloudwarden.platform.services import integrations, spaces
from cloudwarden.platform.settings import Mode
from tests.platform.conftest import HANG_GUARD, SecretWatch, served

KEY = AccessKeyIn(
    type="access_key",
    access_key_id="AKIAIOSFODNN7EXAMPLE",
    secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
)


def events(caplog: pytest.LogCaptureFixture, name: str) -> list[dict[str, object]]:
    """The structlog event dicts named ``name`` among the captured records."""
    return [
        record.msg
        for record in caplog.records
        if isinstance(record.msg, dict) and record.msg.get("event") == name
    ]


def owner_with_integration(rt):
    token = spaces.bootstrap_user(rt, "owner@example.com", "acme", Role.OWNER)
    owner = spaces.authenticate(rt, token.token)
    space = spaces.list_spaces(rt, owner).items[0].id
    created = integrations.create(rt, owner, space, IntegrationIn(name="a", credentials=KEY))
    return token.token, space, created.id


def test_each_request_gets_an_id_in_its_response_and_its_log_line(
    live_without_worker, caplog, secret_watch
):
    client = live_without_worker.client
    generated = client.get("/api/v1/spaces")
    rid = generated.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", rid)
    assert client.get("/api/v1/spaces").headers["X-Request-ID"] != rid
    kept = client.get("/api/v1/spaces", headers={"X-Request-ID": "lb-7f3a.2:9"})
    assert kept.headers["X-Request-ID"] == "lb-7f3a.2:9"
    for hostile in ("x" * 129, "a b", "{evil}", "-leading-dash"):
        answered = client.get("/api/v1/spaces", headers={"X-Request-ID": hostile})
        assert re.fullmatch(r"[0-9a-f]{32}", answered.headers["X-Request-ID"]), hostile
    lines = {str(e["request_id"]): e for e in events(caplog, "http.request")}
    assert lines[rid]["route"] == "/api/v1/spaces"
    assert lines[rid]["status"] == 401
    assert lines["lb-7f3a.2:9"]["method"] == "GET"
    assert "hostile" not in json.dumps(list(lines))


def test_log_lines_are_json_with_the_bound_context():
    route_structlog_to_stdlib()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(json_formatter())
    logger = logging.getLogger("cw-test-json")
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        with structlog.contextvars.bound_contextvars(request_id="r-1", job_id="j-1"):
            get_logger("cw-test-json").info("job.start", units=3)
            logger.warning("plain %s record", "stdlib")
    finally:
        logger.removeHandler(handler)
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["event"] == "job.start"
    assert (first["request_id"], first["job_id"], first["units"]) == ("r-1", "j-1", 3)
    assert first["level"] == "info"
    assert first["timestamp"].endswith("Z")
    assert second["event"] == "plain stdlib record"
    assert (second["level"], second["request_id"]) == ("warning", "r-1")


def test_worker_logs_carry_the_job_and_integration_and_count_outcomes(settings, caplog):
    caplog.set_level(logging.INFO)
    platform = assemble(settings)
    rt = platform.runtime
    _token, space, integration_id = owner_with_integration(rt)
    with rt.sessions.begin() as session:
        job_id = scans.enqueue(session, space, integration_id, "manual").id

    def job(rt_, claimed_id, _cancel):
        get_logger("cw-test-job").info("job.step")
        with rt_.sessions.begin() as session:
            scans.set_fields(session, claimed_id, state=JobState.SUCCEEDED, duration_seconds=4.5)

    worker = EmbeddedWorker(rt, 1, job=job, metrics=platform.metrics)
    assert worker.run_one()
    assert not worker.run_one()
    rt.engine.dispose()
    (step,) = events(caplog, "job.step")
    assert step["job_id"] == step["scan_id"] == job_id
    assert (step["integration_id"], step["space_id"]) == (integration_id, space)
    (finish,) = events(caplog, "job.finish")
    assert (finish["outcome"], finish["job_id"]) == ("succeeded", job_id)
    text = platform.metrics.render().decode()
    assert 'cloudwarden_scans_total{outcome="succeeded"} 1.0' in text
    assert "cloudwarden_scan_duration_seconds_count 1.0" in text
    assert 'cloudwarden_scan_duration_seconds_bucket{le="5.0"} 1.0' in text


def scrape(url: str, token: str | None = None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.get(f"{url}/metrics", headers=headers, timeout=60)


def test_metrics_show_queue_depth_from_the_database_and_latency_by_route(settings):
    watch = SecretWatch()
    platform = assemble(
        settings.model_copy(update={"metrics_token": SecretStr("scrape-me-please")})
    )
    token, space, integration_id = owner_with_integration(platform.runtime)
    with served(platform, watch) as live:
        client = live.as_user(token)
        path = f"/api/v1/spaces/{space}/integrations/{integration_id}/scans"
        assert client.post(path).status_code in (200, 201, 202)
        assert client.get(f"/api/v1/spaces/{space}/integrations/nope").status_code == 404
        assert client.get("/no/such/route").status_code == 404
        text = scrape(live.url, "scrape-me-please").text
    platform.runtime.engine.dispose()
    assert 'cloudwarden_scan_jobs{state="queued"} 1.0' in text
    assert 'cloudwarden_scan_jobs{state="running"} 0.0' in text
    template = "/api/v1/spaces/{space_id}/integrations/{integration_id}/scans"
    assert f'method="POST",route="{template}",status="20' in text
    assert 'route="/api/v1/spaces/{space_id}/integrations/{integration_id}",status="404"' in text
    assert 'route="unmatched",status="404"' in text
    assert space not in text, "a raw path (with ids) became a label"


def test_metrics_need_the_token_in_production_and_are_open_in_dev(settings):
    watch = SecretWatch()
    cases = [
        (settings, [(None, 404), ("anything", 404)]),
        (
            settings.model_copy(update={"metrics_token": SecretStr("s3cret-scrape")}),
            [(None, 401), ("wrong", 401), ("s3cret-scrape", 200)],
        ),
        (settings.model_copy(update={"mode": Mode.DEV}), [(None, 200)]),
    ]
    for chosen, expectations in cases:
        platform = assemble(chosen)
        with served(platform, watch) as live:
            got = [
                (token, scrape(live.url, token).status_code)
                for token in expectations and [t for t, _ in expectations]
            ]
        platform.runtime.engine.dispose()
        assert got == expectations, chosen.mode


def test_the_watch_fails_on_a_secret_in_a_log_a_response_or_the_database():
    watch = SecretWatch(secrets={"hunter2-secret"}, shown_once={"cw_token_once"})
    watch.check("nothing here", b"nothing")
    for logs, stored, bodies in (
        ("... hunter2-secret ...", b"", []),
        ("... cw_token_once ...", b"", []),
        ("", b"row('cw_token_once')", []),
        ("", b"", ["{'secret': 'hunter2-secret'}"]),
    ):
        watch.bodies = bodies
        with pytest.raises(AssertionError, match="a secret"):
            watch.check(logs, stored)


def test_serve_logs_json_lines_with_the_request_id(tmp_path, database_url):
    key = base64.b64encode(os.urandom(32)).decode()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOUDWARDEN_")}
    env |= {"CLOUDWARDEN_DATA_DIR": str(tmp_path / "data"), "CLOUDWARDEN_MASTER_KEY": key}
    if database_url:
        env["CLOUDWARDEN_DATABASE_URL"] = database_url
    port = free_port()
    log_file = tmp_path / "serve.log"
    with log_file.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "cloudwarden.cli", "serve", "--port", str(port)],
            env=env,
            stdout=sink,
            stderr=sink,
        )
        try:
            url = f"http://127.0.0.1:{port}/api/v1/spaces"
            deadline = time.monotonic() + HANG_GUARD
            while True:
                try:
                    answered = httpx.get(url, headers={"X-Request-ID": "serve-obs-1"})
                    break
                except httpx.TransportError:
                    assert process.poll() is None, log_file.read_text()
                    assert time.monotonic() < deadline, "serve did not start"
                    time.sleep(0.2)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(HANG_GUARD)
    assert answered.headers["X-Request-ID"] == "serve-obs-1"
    text = log_file.read_text()
    assert key not in text
    # Log records are JSON lines; the CLI's own console sentences (the SIGTERM notice) are not
    # log records.
    lines = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    (request,) = [line for line in lines if line.get("request_id") == "serve-obs-1"]
    assert (request["event"], request["route"], request["status"]) == (
        "http.request",
        "/api/v1/spaces",
        401,
    )
    assert all({"event", "level", "timestamp"} <= set(line) for line in lines)
