"""Request signing: a signature verifies only for the exact request, nonce and key it was made
for; two identical requests in one second still sign differently."""

from __future__ import annotations

import pytest

from cloudwarden.protocol import (
    NONCE_HEADER,
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
PATH = "/api/v1/agent/checkin"
STAMP = 1_700_000_000


def _signed() -> tuple[str, dict[str, str]]:
    key = generate_private_key()
    return public_key_pem(key), sign_request(key, "agent-1", "POST", PATH, BODY, timestamp=STAMP)


def _verify(public: str, headers: dict[str, str], **changes: object) -> None:
    request: dict[str, object] = {
        "method": "POST",
        "path": PATH,
        "body": BODY,
        "timestamp": STAMP,
        "nonce": headers[NONCE_HEADER],
        "signature": headers[SIGNATURE_HEADER],
    } | changes
    verify_request(
        public,
        str(request["method"]),
        str(request["path"]),
        request["body"],  # type: ignore[arg-type]
        timestamp=request["timestamp"],  # type: ignore[arg-type]
        nonce=str(request["nonce"]),
        signature=str(request["signature"]),
    )


def test_a_signature_verifies_for_its_request() -> None:
    public, headers = _signed()
    _verify(public, headers)


@pytest.mark.parametrize(
    "changes",
    [
        {"method": "PUT"},
        {"path": "/api/v1/agent/reports"},
        {"body": b"{}"},
        {"timestamp": STAMP + 1},
        {"nonce": "0" * 32},
        {"nonce": "not hex"},
        {"signature": "%%%"},
    ],
    ids=["method", "path", "body", "timestamp", "nonce", "malformed-nonce", "garbage"],
)
def test_a_signature_does_not_verify_for_another_request(changes: dict[str, object]) -> None:
    public, headers = _signed()
    with pytest.raises(SignatureError):
        _verify(public, headers, **changes)


def test_another_key_or_no_key_is_refused() -> None:
    _, headers = _signed()
    with pytest.raises(SignatureError):
        _verify(public_key_pem(generate_private_key()), headers)
    with pytest.raises(SignatureError):
        _verify("not a key", headers)


def test_identical_requests_in_one_second_sign_differently() -> None:
    key = generate_private_key()
    first, second = (
        sign_request(key, "agent-1", "POST", PATH, BODY, timestamp=STAMP) for _ in range(2)
    )
    assert first[SIGNATURE_HEADER] != second[SIGNATURE_HEADER]


def test_a_private_key_survives_its_pem() -> None:
    key = generate_private_key()
    assert public_key_pem(private_key_from_pem(private_key_to_pem(key))) == public_key_pem(key)
