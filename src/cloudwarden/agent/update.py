"""Self-update: a signed release manifest, every artifact's SHA-256 checked before anything changes.

The release process uploads the Lambda zip and the stack template, records their SHA-256 in a
manifest and signs the manifest with the release key (Ed25519) over its canonical JSON (keys
sorted, no whitespace, without ``signature``). The agent verifies the signature with the public
key it was deployed with, downloads every artifact, compares each hash, and only then updates
its function code and its stack, from the bytes it verified (never by handing AWS a URL to fetch
again). Anything wrong: nothing is changed, the current version keeps running, and an
``update_refused`` alert goes to the platform.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlparse

from botocore.exceptions import BotoCoreError, ClientError
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import BaseModel, ConfigDict, Field, ValidationError

logger = logging.getLogger(__name__)

ZIP = "agent.zip"
TEMPLATE = "template.json"
REQUIRED_ARTIFACTS = frozenset({ZIP, TEMPLATE})
ALERT_REFUSED = "update_refused"
ALERT_FAILED = "update_failed"
SHA256_HEX = r"^[0-9a-f]{64}$"

Alert = Callable[[str, str], None]
"""``alert(kind, message)``: the handler sends it to the platform as an Alert."""


class S3Client(Protocol):
    def get_object(self, **kwargs: Any) -> Any: ...


class LambdaClient(Protocol):
    def update_function_code(self, **kwargs: Any) -> Any: ...


class CloudFormationClient(Protocol):
    def describe_stacks(self, **kwargs: Any) -> Any: ...

    def update_stack(self, **kwargs: Any) -> Any: ...


class Artifact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    url: str
    sha256: str = Field(pattern=SHA256_HEX)


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str = Field(min_length=1, max_length=64)
    artifacts: list[Artifact]
    signature: str | None = None


class UpdateRefusedError(Exception):
    """The release failed a check: nothing was changed."""


@dataclass(frozen=True)
class Target:
    """What is updated: the agent's own function and stack (from its environment)."""

    function_name: str
    stack_name: str
    deploy_role_arn: str


@dataclass(frozen=True)
class UpdateOutcome:
    applied: bool
    version: str | None
    reason: str


def canonical_bytes(manifest: dict[str, Any]) -> bytes:
    """The signed bytes: the manifest without ``signature``, keys sorted, no whitespace."""
    unsigned = {key: value for key, value in manifest.items() if key != "signature"}
    return json.dumps(unsigned, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sign_manifest(manifest: dict[str, Any], key: Ed25519PrivateKey) -> dict[str, Any]:
    """The release side: ``manifest`` with its signature (the private key never ships)."""
    signature = base64.b64encode(key.sign(canonical_bytes(manifest))).decode()
    return {**manifest, "signature": signature}


def load_public_key(pem: str) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(pem.encode())
    if not isinstance(key, Ed25519PublicKey):
        raise UpdateRefusedError("the release public key is not an Ed25519 key")
    return key


def verified_manifest(raw: bytes, public_key: Ed25519PublicKey) -> Manifest:
    """The manifest, if it parses, is signed by the release key and lists both artifacts."""
    try:
        document = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UpdateRefusedError("the release manifest is not JSON") from exc
    if not isinstance(document, dict):
        raise UpdateRefusedError("the release manifest is not a JSON object")
    signature = document.get("signature")
    if not isinstance(signature, str) or not signature:
        raise UpdateRefusedError("the release manifest is not signed")
    try:
        public_key.verify(base64.b64decode(signature, validate=True), canonical_bytes(document))
    except (InvalidSignature, binascii.Error, ValueError) as exc:
        raise UpdateRefusedError("the release manifest's signature does not verify") from exc
    try:
        manifest = Manifest.model_validate(document)
    except ValidationError as exc:
        raise UpdateRefusedError("the signed release manifest has an unexpected shape") from exc
    names = [artifact.name for artifact in manifest.artifacts]
    if sorted(names) != sorted(REQUIRED_ARTIFACTS):
        raise UpdateRefusedError(
            f"the release manifest must list exactly {sorted(REQUIRED_ARTIFACTS)}"
        )
    return manifest


def split_s3_url(url: str) -> tuple[str, str]:
    parsed = urlparse(url)
    if parsed.scheme != "s3" or not parsed.netloc or not parsed.path.strip("/"):
        raise UpdateRefusedError("release artifacts are read from s3://bucket/key URLs only")
    return parsed.netloc, parsed.path.lstrip("/")


def fetch_s3(s3: S3Client, url: str) -> bytes:
    bucket, key = split_s3_url(url)
    try:
        body: bytes = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    except (ClientError, BotoCoreError) as exc:
        raise UpdateRefusedError(f"{url} could not be read ({type(exc).__name__})") from exc
    return body


def fetch_verified_artifacts(s3: S3Client, manifest: Manifest) -> dict[str, bytes]:
    """Every artifact's bytes, each matching its SHA-256 in the manifest (else refused)."""
    verified: dict[str, bytes] = {}
    for artifact in manifest.artifacts:
        body = fetch_s3(s3, artifact.url)
        if not hmac.compare_digest(hashlib.sha256(body).hexdigest(), artifact.sha256):
            raise UpdateRefusedError(f"{artifact.name}'s SHA-256 does not match the manifest")
        verified[artifact.name] = body
    try:
        json.loads(verified[TEMPLATE])
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UpdateRefusedError("the verified template is not JSON") from exc
    return verified


def apply_release(
    artifacts: dict[str, bytes],
    target: Target,
    lambda_client: LambdaClient,
    cloudformation: CloudFormationClient,
) -> None:
    """Update the function code, then the stack, from verified bytes (parameters kept)."""
    lambda_client.update_function_code(FunctionName=target.function_name, ZipFile=artifacts[ZIP])
    template = artifacts[TEMPLATE].decode()
    declared = set(json.loads(template).get("Parameters", {}))
    [stack] = cloudformation.describe_stacks(StackName=target.stack_name)["Stacks"]
    kept = [p["ParameterKey"] for p in stack.get("Parameters", []) if p["ParameterKey"] in declared]
    cloudformation.update_stack(
        StackName=target.stack_name,
        TemplateBody=template,
        Parameters=[{"ParameterKey": key, "UsePreviousValue": True} for key in sorted(kept)],
        Capabilities=["CAPABILITY_NAMED_IAM"],
        RoleARN=target.deploy_role_arn,
    )


def self_update(
    manifest_url: str,
    public_key: Ed25519PublicKey,
    target: Target,
    *,
    s3: S3Client,
    lambda_client: LambdaClient,
    cloudformation: CloudFormationClient,
    alert: Alert,
    current_version: str,
) -> UpdateOutcome:
    """Read, verify and apply the release at ``manifest_url``; on a refusal alert, keep running."""
    try:
        manifest = verified_manifest(fetch_s3(s3, manifest_url), public_key)
        if manifest.version == current_version:
            return UpdateOutcome(False, manifest.version, "already running this version")
        artifacts = fetch_verified_artifacts(s3, manifest)
    except UpdateRefusedError as exc:
        reason = str(exc)
        logger.warning("self-update refused: %s", reason)
        alert(ALERT_REFUSED, f"self-update refused, still running {current_version}: {reason}")
        return UpdateOutcome(False, None, reason)
    try:
        apply_release(artifacts, target, lambda_client, cloudformation)
    except (ClientError, BotoCoreError) as exc:
        reason = f"applying {manifest.version} failed ({type(exc).__name__})"
        logger.warning("self-update failed: %s", reason)
        alert(ALERT_FAILED, reason)
        return UpdateOutcome(False, manifest.version, reason)
    logger.info("self-update to %s applied", manifest.version)
    return UpdateOutcome(True, manifest.version, "updated")
