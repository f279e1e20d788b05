"""Request signing: a signature verifies only for the exact request and key it was made for."""

from __future__ import annotations

import pytest

from cloudwarden.protocol import (
    SIGNATURE_HEADER,
    SignatureError,
    generate_private_key,
    private_key_from_pem,
    private_key_to_pem,
    public_key_pem,
    sign_request,
    verify_request,
)

BODY = b'{"agent_version": "1"}'


def _signed() -> tuple[str, str]:
    key = generate_private_key()
    headers = sign_request(
        key, "agent-1", "POST", "/api/v1/agent/checkin", BODY, timestamp=1_700_000_000
    )
    return public_key_pem(key), headers[SIGNATURE_HEADER]


def test_a_signature_verifies_for_its_request() -> None:
    public, signature = _signed()
    verify_request(
        public, "POST", "/api/v1/agent/checkin", BODY, timestamp=1_700_000_000, signature=signature
    )


@pytest.mark.parametrize(
    ("method", "path", "body", "timestamp"),
    [
        ("PUT", "/api/v1/agent/checkin", BODY, 1_700_000_000),
        ("POST", "/api/v1/agent/reports", BODY, 1_700_000_000),
        ("POST", "/api/v1/agent/checkin", b"{}", 1_700_000_000),
        ("POST", "/api/v1/agent/checkin", BODY, 1_700_000_001),
    ],
)
def test_a_signature_does_not_verify_for_another_request(
    method: str, path: str, body: bytes, timestamp: int
) -> None:
    public, signature = _signed()
    with pytest.raises(SignatureError):
        verify_request(public, method, path, body, timestamp=timestamp, signature=signature)


def test_another_key_or_garbage_is_refused() -> None:
    _, signature = _signed()
    other = public_key_pem(generate_private_key())
    with pytest.raises(SignatureError):
        verify_request(
            other,
            "POST",
            "/api/v1/agent/checkin",
            BODY,
            timestamp=1_700_000_000,
            signature=signature,
        )
    with pytest.raises(SignatureError):
        verify_request(
            other, "POST", "/api/v1/agent/checkin", BODY, timestamp=1_700_000_000, signature="%%%"
        )
    with pytest.raises(SignatureError):
        verify_request("not a key", "POST", "/", BODY, timestamp=1_700_000_000, signature=signature)


def test_a_private_key_survives_its_pem() -> None:
    key = generate_private_key()
    assert public_key_pem(private_key_from_pem(private_key_to_pem(key))) == public_key_pem(key)
