"""Request signing: the agent signs every request with its Ed25519 key, the platform verifies.

The canonical string is ``"<METHOD>\\n<path>\\n<timestamp>\\n<nonce>\\n<sha256 hex of body>"``;
the signature is base64 in ``X-Cloudwarden-Signature``. Ed25519 signatures are deterministic: the
random nonce (``X-Cloudwarden-Nonce``) keeps two identical requests within one second apart, so
the platform's replay refusal never refuses a legitimate second request. The platform keeps
only the public key, so a leak of its database cannot be used to speak for an agent.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import secrets

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

AGENT_HEADER = "X-Cloudwarden-Agent"
TIMESTAMP_HEADER = "X-Cloudwarden-Timestamp"
SIGNATURE_HEADER = "X-Cloudwarden-Signature"
NONCE_HEADER = "X-Cloudwarden-Nonce"
NONCE_PATTERN = re.compile(r"^[0-9a-f]{32}$")
MAX_CLOCK_SKEW_SECONDS = 300


class SignatureError(ValueError):
    """A signature, key or signed header is malformed or does not verify."""


def canonical_string(method: str, path: str, timestamp: int, nonce: str, body: bytes) -> bytes:
    digest = hashlib.sha256(body).hexdigest()
    return f"{method.upper()}\n{path}\n{timestamp}\n{nonce}\n{digest}".encode()


def generate_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_key_to_pem(key: Ed25519PrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def private_key_from_pem(pem: str) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise SignatureError("the agent key is not an Ed25519 private key")
    return key


def public_key_pem(key: Ed25519PrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def load_public_key(pem: str) -> Ed25519PublicKey:
    """Parse an agent's public key; anything but an Ed25519 PEM is a SignatureError."""
    try:
        key = serialization.load_pem_public_key(pem.encode())
    except (ValueError, TypeError) as exc:
        raise SignatureError("the public key is not a PEM public key") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise SignatureError("the public key is not an Ed25519 key")
    return key


def sign_request(
    key: Ed25519PrivateKey, agent_id: str, method: str, path: str, body: bytes, *, timestamp: int
) -> dict[str, str]:
    """The four headers that sign one request (a fresh nonce each time)."""
    nonce = secrets.token_hex(16)
    signature = key.sign(canonical_string(method, path, timestamp, nonce, body))
    return {
        AGENT_HEADER: agent_id,
        TIMESTAMP_HEADER: str(timestamp),
        NONCE_HEADER: nonce,
        SIGNATURE_HEADER: base64.b64encode(signature).decode(),
    }


def verify_request(
    public_key: str,
    method: str,
    path: str,
    body: bytes,
    *,
    timestamp: int,
    nonce: str,
    signature: str,
) -> None:
    """Raise SignatureError unless ``signature`` signs this request with ``public_key``.

    The timestamp window and replay refusal are the platform's (it knows the clock and the
    signatures already seen); this checks only the cryptography.
    """
    if not NONCE_PATTERN.match(nonce):
        raise SignatureError("the nonce is not 32 lowercase hex digits")
    try:
        raw = base64.b64decode(signature, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SignatureError("the signature is not base64") from exc
    try:
        load_public_key(public_key).verify(
            raw, canonical_string(method, path, timestamp, nonce, body)
        )
    except InvalidSignature as exc:
        raise SignatureError("the signature does not verify") from exc
