"""Every way credentials or the way to AWS can fail, through the real CLI: one line, exit 2."""

from __future__ import annotations

import datetime
import json
import ssl
import sys
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from cloudwarden.demo.emulator import FAKE_ENVIRONMENT, free_port
from tests.cli.test_cli import cloudwarden
from tests.support.fake_sts import sts_granting

ROLE = "arn:aws:iam::123456789012:role/scanner"
NO_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "",
    "AWS_SECRET_ACCESS_KEY": "",
    "AWS_SESSION_TOKEN": "",
    "AWS_PROFILE": "",
}


def assert_one_line(result, sentence: str) -> None:
    """Exit 2, the sentence, on one line of stderr, and no traceback anywhere."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert sentence in lines[0], lines[0]


@pytest.fixture
def aws_config(tmp_path) -> dict[str, str]:
    """Shared config files of our own, and a HOME without an SSO token cache."""
    config = tmp_path / "config"
    failing = f"{sys.executable} -c \"import sys; sys.exit('token service down')\""
    config.write_text(
        "[profile nosource]\nrole_arn = arn:aws:iam::123456789012:role/x\n"
        "source_profile = missing\n\n"
        f"[profile process]\ncredential_process = {failing}\n\n"
        "[profile sso]\nsso_start_url = https://example.awsapps.com/start\n"
        "sso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\n"
        "region = us-east-1\n"
    )
    (tmp_path / "home").mkdir()
    return {
        **NO_CREDENTIALS,
        "AWS_CONFIG_FILE": str(config),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "credentials"),
        "HOME": str(tmp_path / "home"),
    }


def test_a_token_file_that_is_not_text(tmp_path):
    token = tmp_path / "token"
    token.write_bytes(b"\xff\xfe\x00binary")
    result = cloudwarden(
        "inventory",
        "aws",
        "--role-arn",
        ROLE,
        "--web-identity-token-file",
        str(token),
        "-q",
        env=FAKE_ENVIRONMENT,
    )
    assert_one_line(result, f"the web identity token file {token} is not text")


@pytest.mark.parametrize(
    ("profile", "sentence"),
    [
        ("nosource", 'The source_profile "missing" referenced in the profile "nosource"'),
        ("process", "run its credential_process yourself"),
        ("sso", "run 'aws sso login --profile sso'"),
    ],
)
def test_a_broken_profile_names_itself_and_the_fix(aws_config, profile, sentence):
    result = cloudwarden("inventory", "aws", "--profile", profile, "-q", env=aws_config)
    assert_one_line(result, sentence)
    assert f"the AWS profile {profile!r} (from --profile)" in result.stderr


def test_an_unknown_profile_from_the_environment_names_it_and_the_variable(aws_config):
    result = cloudwarden("inventory", "aws", "-q", env={**aws_config, "AWS_PROFILE": "nosuch"})
    assert_one_line(result, "the AWS profile 'nosuch' (from AWS_PROFILE) is not in")


def test_an_endpoint_url_that_is_not_a_url():
    env = {**FAKE_ENVIRONMENT, "AWS_ENDPOINT_URL": "not a url"}
    result = cloudwarden("inventory", "aws", "-q", env=env)
    assert_one_line(result, "the endpoint URL 'not a url' (from AWS_ENDPOINT_URL) is not a URL")


def test_permissions_to_a_directory(tmp_path):
    result = cloudwarden("permissions", "-o", str(tmp_path))
    assert_one_line(result, f"cannot write {tmp_path}")
    assert json.loads(result.stdout)["Version"] == "2012-10-17"  # not lost: on stdout


def test_an_unreachable_endpoint_is_not_a_refusal():
    url = f"http://127.0.0.1:{free_port()}"
    result = cloudwarden(
        "inventory", "aws", "-q", env={**FAKE_ENVIRONMENT, "AWS_ENDPOINT_URL_STS": url}
    )
    assert_one_line(result, f"the endpoint {url}/ could not be reached")
    assert "refused the credentials" not in result.stderr


def test_an_unreachable_proxy_is_named_without_its_password():
    proxy = f"http://scanner:hunter2@127.0.0.1:{free_port()}"
    env = {
        **FAKE_ENVIRONMENT,
        "AWS_ENDPOINT_URL_STS": f"http://127.0.0.1:{free_port()}",
        "HTTP_PROXY": proxy,
        "http_proxy": proxy,
        "NO_PROXY": "",
        "no_proxy": "",
    }
    result = cloudwarden("inventory", "aws", "-q", env=env)
    assert_one_line(result, "the proxy http://127.0.0.1:")
    assert "could not be reached; check HTTPS_PROXY" in result.stderr
    assert "hunter2" not in result.stderr


@pytest.fixture
def untrusted_tls(tmp_path) -> Iterator[str]:
    """An HTTPS endpoint on 127.0.0.1 whose certificate no CA signed."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    pem = tmp_path / "server.pem"
    pem.write_bytes(
        certificate.public_bytes(serialization.Encoding.PEM)
        + key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pem)
    server = HTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_certificate_that_does_not_verify_says_so(untrusted_tls):
    env = {**FAKE_ENVIRONMENT, "AWS_ENDPOINT_URL_STS": untrusted_tls}
    result = cloudwarden("inventory", "aws", "-q", env=env)
    assert_one_line(result, f"TLS certificate verification failed for {untrusted_tls}")
    assert "AWS_CA_BUNDLE" in result.stderr


def test_a_role_whose_refresh_is_denied_mid_scan_is_one_sentence(seeded_server):
    # Granted for the session, GetCallerIdentity and DescribeRegions; denied from then on.
    with sts_granting(grants=3, lifetime=timedelta(minutes=5)) as sts:
        env = {
            **FAKE_ENVIRONMENT,
            "AWS_ENDPOINT_URL": seeded_server,
            "AWS_ENDPOINT_URL_STS": sts.url,
        }
        result = cloudwarden(
            "inventory", "aws", "--role-arn", ROLE, "-r", "us-east-1", "-s", "kms", "-q", env=env
        )
    assert sts.denied >= 1
    assert_one_line(result, "the credentials could not be refreshed during the scan")
    assert f"access denied assuming {ROLE}" in result.stderr
    inventory = json.loads(result.stdout)
    assert {e["code"] for e in inventory["errors"]} == {"CredentialRefreshFailed"}
