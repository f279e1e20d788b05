"""Self-update: a correct signed release is applied; anything tampered is refused and alerted."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator

import boto3
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from moto import mock_aws

from cloudwarden.agent.template import agent_template
from cloudwarden.agent.update import (
    ALERT_REFUSED,
    Target,
    canonical_bytes,
    load_public_key,
    self_update,
    sign_manifest,
)
from tests.agent.stack import BUCKET, NAME, REGION, STACK, deploy, for_moto, zip_bytes
from tests.support.environment import emulated_environment

RELEASE_KEY = Ed25519PrivateKey.generate()
PUBLIC_PEM = (
    RELEASE_KEY.public_key()
    .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    .decode()
)
MANIFEST_URL = f"s3://{BUCKET}/cloudwarden-agent/release.json"
NEW_ZIP = zip_bytes({"cloudwarden/__init__.py": '__version__ = "0.2.0"\n'})


class Release:
    """The 0.2.0 release in the moto bucket: its artifacts, and a manifest the test signs."""

    def __init__(self) -> None:
        self.s3 = boto3.client("s3", region_name=REGION)
        self.template = json.dumps(for_moto(agent_template("0.2.0", BUCKET))).encode()
        self.artifacts = {"agent.zip": NEW_ZIP, "template.json": self.template}
        for name, body in self.artifacts.items():
            self.s3.put_object(Bucket=BUCKET, Key=f"cloudwarden-agent/0.2.0/{name}", Body=body)

    def manifest(self) -> dict:
        return {
            "version": "0.2.0",
            "artifacts": [
                {
                    "name": name,
                    "url": f"s3://{BUCKET}/cloudwarden-agent/0.2.0/{name}",
                    "sha256": hashlib.sha256(body).hexdigest(),
                }
                for name, body in self.artifacts.items()
            ],
        }

    def publish(self, manifest: dict) -> None:
        self.s3.put_object(
            Bucket=BUCKET, Key="cloudwarden-agent/release.json", Body=json.dumps(manifest)
        )

    def replace(self, name: str, body: bytes) -> None:
        self.s3.put_object(Bucket=BUCKET, Key=f"cloudwarden-agent/0.2.0/{name}", Body=body)


@pytest.fixture
def release() -> Iterator[Release]:
    with emulated_environment(), mock_aws(config={"lambda": {"use_docker": False}}):
        deploy("0.1.0")
        yield Release()


def run_update(alerts: list) -> object:
    return self_update(
        MANIFEST_URL,
        load_public_key(PUBLIC_PEM),
        Target(NAME, STACK, f"arn:aws:iam::123456789012:role/{NAME}-deploy"),
        s3=boto3.client("s3", region_name=REGION),
        lambda_client=boto3.client("lambda", region_name=REGION),
        cloudformation=boto3.client("cloudformation", region_name=REGION),
        alert=lambda kind, message: alerts.append((kind, message)),
        current_version="0.1.0",
    )


def code_sha() -> str:
    function = boto3.client("lambda", region_name=REGION).get_function(FunctionName=NAME)
    return function["Configuration"]["CodeSha256"]


def stack_description() -> str:
    template = boto3.client("cloudformation", region_name=REGION).get_template(StackName=STACK)
    body = template["TemplateBody"]
    return (json.loads(body) if isinstance(body, str) else body)["Description"]


def assert_untouched(alerts: list, reason: str) -> None:
    assert code_sha() != base64.b64encode(hashlib.sha256(NEW_ZIP).digest()).decode()
    assert "agent 0.1.0" in stack_description()
    assert len(alerts) == 1
    kind, message = alerts[0]
    assert kind == ALERT_REFUSED
    assert reason in message
    assert "still running 0.1.0" in message


def test_a_correctly_signed_release_updates_the_code_and_the_stack(release):
    release.publish(sign_manifest(release.manifest(), RELEASE_KEY))
    alerts: list = []
    outcome = run_update(alerts)
    assert (outcome.applied, outcome.version, alerts) == (True, "0.2.0", [])
    assert code_sha() == base64.b64encode(hashlib.sha256(NEW_ZIP).digest()).decode()
    assert "agent 0.2.0" in stack_description()
    stack = boto3.client("cloudformation", region_name=REGION).describe_stacks(StackName=STACK)
    assert stack["Stacks"][0]["StackStatus"] == "UPDATE_COMPLETE"


def test_a_tampered_zip_is_refused(release):
    release.publish(sign_manifest(release.manifest(), RELEASE_KEY))
    release.replace("agent.zip", zip_bytes({"evil.py": "import os\n"}))
    alerts: list = []
    assert run_update(alerts).applied is False
    assert_untouched(alerts, "agent.zip's SHA-256 does not match")


def test_a_tampered_template_is_refused(release):
    release.publish(sign_manifest(release.manifest(), RELEASE_KEY))
    release.replace("template.json", release.template.replace(b"0.2.0", b"6.6.6"))
    alerts: list = []
    assert run_update(alerts).applied is False
    assert_untouched(alerts, "template.json's SHA-256 does not match")


def test_a_manifest_signed_with_another_key_is_refused(release):
    release.publish(sign_manifest(release.manifest(), Ed25519PrivateKey.generate()))
    alerts: list = []
    assert run_update(alerts).applied is False
    assert_untouched(alerts, "signature does not verify")


def test_an_unsigned_manifest_is_refused(release):
    release.publish(release.manifest())
    alerts: list = []
    assert run_update(alerts).applied is False
    assert_untouched(alerts, "not signed")


def test_a_manifest_changed_after_signing_is_refused(release):
    """The hashes themselves are signed: pointing them at other bytes breaks the signature."""
    signed = sign_manifest(release.manifest(), RELEASE_KEY)
    evil = zip_bytes({"evil.py": "import os\n"})
    release.replace("agent.zip", evil)
    signed["artifacts"][0]["sha256"] = hashlib.sha256(evil).hexdigest()
    release.publish(signed)
    alerts: list = []
    assert run_update(alerts).applied is False
    assert_untouched(alerts, "signature does not verify")


def test_the_signed_bytes_do_not_depend_on_key_order_or_the_signature():
    manifest = {"version": "1", "artifacts": []}
    reordered = {"artifacts": [], "version": "1", "signature": "x"}
    assert (
        canonical_bytes(manifest) == canonical_bytes(reordered) == b'{"artifacts":[],"version":"1"}'
    )
