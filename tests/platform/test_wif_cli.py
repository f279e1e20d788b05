"""The issuer's settings and commands as real processes: serve refuses an issuer URL AWS would
refuse; admin rotate-signing-key rotates."""

from __future__ import annotations

import pytest

from cloudwarden.demo.emulator import free_port
from cloudwarden.platform.wif.issuer_url import problem
from tests.platform.test_cli import cloudwarden, env  # noqa: F401 - the commands' environment

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://auth.example.com", "https"),
        ("https://auth.example.com:8443", "port"),
        ("https://auth.example.com?tenant=1", "query"),
        ("https://auth.example.com/", "slash"),
        ("https://user:pw@auth.example.com", "user or password"),
    ],
)
def test_an_issuer_aws_would_refuse_is_named(url, why):
    reason = problem(url)
    assert reason is not None
    assert why in reason


@pytest.mark.parametrize("url", ["https://auth.example.com", "https://example.com/cloudwarden"])
def test_an_issuer_aws_accepts_passes(url):
    assert problem(url) is None


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_serve_refuses_an_issuer_url_aws_would_refuse(env):  # noqa: F811
    env["CLOUDWARDEN_ISSUER_URL"] = "http://auth.example.com:8080/"
    result = cloudwarden("serve", "--port", str(free_port()), env=env)
    assert result.returncode == 2
    assert "CLOUDWARDEN_ISSUER_URL 'http://auth.example.com:8080/' must be an https URL" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr + result.stdout


def test_rotate_signing_key_prints_the_new_kid(env):  # noqa: F811
    first = cloudwarden("admin", "rotate-signing-key", env=env)
    assert first.returncode == 0, first.stderr
    assert "signs from now on; dropped 0 retired key(s)" in first.stdout
    second = cloudwarden("admin", "rotate-signing-key", env=env)
    assert second.returncode == 0, second.stderr
    assert second.stdout.split()[2] != first.stdout.split()[2], "a new kid each time"
