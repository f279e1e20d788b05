"""The platform's commands as real processes: serve, admin create-user, rotate-master-key,
db upgrade, and a serving process killed with SIGKILL in the middle of a scan."""

from __future__ import annotations

import base64
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from cloudwarden.demo.emulator import free_port, moto_server
from tests.platform.conftest import HANG_GUARD
from tests.platform.helpers import TERMINAL

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def cloudwarden(*args, env):
    return subprocess.run(
        [sys.executable, "-m", "cloudwarden.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


@pytest.fixture
def env(tmp_path, database_url):
    """The commands' environment, on SQLite in the data dir or on a fresh PostgreSQL database."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CLOUDWARDEN_")}
    chosen = {"CLOUDWARDEN_DATABASE_URL": database_url} if database_url else {}
    return {
        **clean,
        **chosen,
        "CLOUDWARDEN_DATA_DIR": str(tmp_path / "data"),
        "CLOUDWARDEN_MASTER_KEY": base64.b64encode(os.urandom(32)).decode(),
    }


def test_serve_refuses_to_start_without_a_master_key(env):
    del env["CLOUDWARDEN_MASTER_KEY"]
    result = cloudwarden("serve", "--port", str(free_port()), env=env)
    assert result.returncode == 2
    assert "CLOUDWARDEN_MASTER_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_create_user_prints_a_token_once_and_db_upgrade_is_idempotent(env):
    assert cloudwarden("db", "upgrade", env=env).returncode == 0
    assert cloudwarden("db", "upgrade", env=env).returncode == 0
    result = cloudwarden(
        "admin", "create-user", "ada@example.com", "--space", "acme", "--role", "owner", env=env
    )
    assert result.returncode == 0, result.stderr
    token = result.stdout.strip().splitlines()[-1]
    assert token.startswith("cwt_")
    assert "is owner of space 'acme'" in result.stdout


def test_rotate_master_key_rewraps_with_the_new_key(env):
    old = env["CLOUDWARDEN_MASTER_KEY"]
    created = cloudwarden("admin", "create-user", "a@example.com", "--space", "s", env=env)
    assert created.returncode == 0, created.stderr
    rotated = {
        **env,
        "CLOUDWARDEN_MASTER_KEY": base64.b64encode(os.urandom(32)).decode(),
        "CLOUDWARDEN_OLD_MASTER_KEYS": f'["{old}"]',
    }
    result = cloudwarden("admin", "rotate-master-key", env=rotated)
    assert result.returncode == 0, result.stderr
    assert "re-wrapped 0 secret(s)" in result.stdout


def start_serving(env, port):
    return subprocess.Popen(
        [sys.executable, "-m", "cloudwarden.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_until(predicate, what):
    deadline = time.monotonic() + HANG_GUARD
    pause = threading.Event()
    while True:
        value = predicate()
        if value:
            return value
        assert time.monotonic() < deadline, f"hung waiting for {what}"
        pause.wait(0.1)


def answer(client, path):
    try:
        response = client.get(path)
    except httpx.TransportError:
        return None
    return response.json() if response.status_code == 200 else None


def test_a_scan_survives_sigkill_of_the_serving_process(env):
    created = cloudwarden("admin", "create-user", "ops@example.com", "--space", "ops", env=env)
    token = created.stdout.strip().splitlines()[-1]
    port = free_port()
    with moto_server() as endpoint:
        env = {
            **env,
            "AWS_ENDPOINT_URL": endpoint,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "CLOUDWARDEN_WORKER_POLL_SECONDS": "0.2",
        }
        client = httpx.Client(
            base_url=f"http://127.0.0.1:{port}/api/v1",
            timeout=HANG_GUARD,
            headers={"Authorization": f"Bearer {token}"},
        )
        process = start_serving(env, port)
        try:
            spaces = wait_until(lambda: answer(client, "/spaces"), "the server")
            space = spaces["items"][0]["id"]
            integration = client.post(
                f"/spaces/{space}/integrations",
                json={
                    "name": "emulated",
                    "regions_allow": ["us-east-1"],
                    "credentials": {
                        "type": "access_key",
                        "access_key_id": "AKIAIOSFODNN7EXAMPLE",
                        "secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                    },
                },
            ).json()
            scan_id = client.post(f"/spaces/{space}/integrations/{integration['id']}/scans").json()[
                "id"
            ]
            seen = wait_until(
                lambda: (
                    (s := answer(client, f"/spaces/{space}/scans/{scan_id}"))
                    and s["state"] != "queued"
                    and s
                ),
                "the scan to start",
            )
            process.send_signal(signal.SIGKILL)
            process.wait(HANG_GUARD)
            process = start_serving(env, port)
            done = wait_until(
                lambda: (
                    (s := answer(client, f"/spaces/{space}/scans/{scan_id}"))
                    and s["state"] in TERMINAL
                    and s
                ),
                "the scan to finish after the restart",
            )
            assert done["state"] == "succeeded", done
            if seen["state"] == "running":
                assert done["attempts"] == 2, "killed while running: re-queued and retried"
            else:  # it finished before the kill (a slow poll): the restart lost nothing
                assert (done["state"], done["report_id"]) == (seen["state"], seen["report_id"])
            reports = client.get(
                f"/spaces/{space}/reports", params={"integration_id": integration["id"]}
            ).json()
            assert [r["scan_id"] for r in reports["items"]].count(scan_id) == 1
            report = client.get(f"/spaces/{space}/reports/{done['report_id']}").json()
            assert report["account_id"] == "123456789012"
        finally:
            process.kill()
            process.wait(HANG_GUARD)
            client.close()


def test_serve_demo_serves_a_scanned_demo_space_with_the_token_it_prints(tmp_path):
    """The README's first command, as a user runs it: the login it prints works, and the
    integration it made is active with a stored report of the emulated account."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOUDWARDEN_")}
    env["CW_SEED_ONLY"] = "s3,iam"
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "cloudwarden.cli", "serve", "--demo", "--port", str(port)],
        env={**env, "CLOUDWARDEN_DATA_DIR": str(tmp_path / "unused")},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        printed: list[str] = []
        for line in process.stdout:
            printed.append(line)
            if "log in with the API token" in line:
                break
        console_line = next(line for line in printed if line.startswith("console: "))
        token = printed[-1].rsplit(" ", 1)[-1].strip()
        curl = next(process.stdout)
        url = curl.split()[-1]
        assert url.startswith(f"http://127.0.0.1:{port}/api/v1/spaces/")
        client = httpx.Client(timeout=HANG_GUARD, headers={"Authorization": f"Bearer {token}"})
        integration = wait_until(lambda: answer(client, url), "the demo server")
        assert integration["status"] == "active"
        report = client.get(f"{url}/latest-report").json()
        assert report["account_id"] == "123456789012"
        assert report["resource_counts"]["aws.s3.bucket"]
        results = client.get(
            url.split("/integrations/")[0] + f"/reports/{report['id']}/results",
            params={"status": "fail", "limit": 500},
        ).json()
        assert results["total"] > 0
        assert {r["resource_type"] for r in results["items"]} >= {"aws.s3.bucket", "aws.iam.user"}
        assert client.get(url.replace("/api/v1/spaces/", "/api/v1/spaces/x")).status_code == 404
        served = f"http://127.0.0.1:{port}"
        discovery = httpx.get(f"{served}/.well-known/openid-configuration").json()
        assert discovery["issuer"] == served, "with --demo the serve URL is the issuer"
        assert console_line.startswith(f"console: {served}/ - log in as demo@")
        browser = httpx.Client(base_url=served, timeout=HANG_GUARD)
        form = browser.get("/login").text
        csrf = form.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        logged_in = browser.post(
            "/login",
            data={
                "email": "demo@cloudwarden.invalid",
                "password": console_line.rsplit(" ", 1)[-1].strip(),
                "csrf_token": csrf,
            },
        )
        assert logged_in.status_code == 303, "the printed console password logs in"
        assert browser.get(logged_in.headers["location"], follow_redirects=True).status_code == 200
        emulator = children(process.pid)
        assert emulator, "the emulated account runs in a child process"
    finally:
        process.send_signal(signal.SIGTERM)
        rest = process.communicate(timeout=HANG_GUARD)[0]
    assert process.returncode == 0
    assert "stopped on SIGTERM" in rest
    assert not [pid for pid in emulator if Path(f"/proc/{pid}").exists()], "emulator left behind"


def children(pid: int) -> list[int]:
    """The live child processes of ``pid`` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://cw:hunter2@127.0.0.1:1/cw", "postgresql+psycopg://cw:***@127.0.0.1:1/cw"),
        ("mysql+nothing://x", "mysql+nothing://x"),
        ("not a url", "CLOUDWARDEN_DATABASE_URL"),
    ],
)
def test_a_database_that_cannot_be_opened_is_one_sentence_without_its_password(env, url, shown):
    env["CLOUDWARDEN_DATABASE_URL"] = url
    result = cloudwarden("db", "upgrade", env=env)
    assert result.returncode == 2
    assert f"cannot open the database {shown}" in result.stderr
    assert "check CLOUDWARDEN_DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "hunter2" not in result.stderr + result.stdout
