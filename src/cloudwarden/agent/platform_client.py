"""Agent -> platform over HTTPS: every request but registration signed with the agent's
Ed25519 key (the protocol's canonical string). Only protocol messages are ever sent."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import BaseModel

from cloudwarden.exceptions import CloudwardenError
from cloudwarden.protocol import sign_request

TIMEOUT_SECONDS = 30.0
Transport = Callable[[str, str, bytes, dict[str, str]], tuple[int, bytes]]
"""(method, url, body, headers) -> (status, body): urllib in Lambda, the same in tests."""


class PlatformRefusedError(CloudwardenError):
    """The platform answered with an error status; ``status`` and its problem detail."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"the platform refused the request ({status}): {detail}")
        self.status = status


def urllib_transport(
    method: str, url: str, body: bytes, headers: dict[str, str]
) -> tuple[int, bytes]:
    if urlsplit(url).scheme not in {"https", "http"}:
        raise PlatformRefusedError(0, f"the platform URL {url!r} is not http(s)")
    request = urllib.request.Request(url, data=body, method=method, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as exc:
        return int(exc.code), bytes(exc.read())


class PlatformClient:
    def __init__(
        self,
        base_url: str,
        transport: Transport,
        *,
        clock: Callable[[], datetime],
        agent_id: str | None = None,
        key: Ed25519PrivateKey | None = None,
    ) -> None:
        self._base = base_url.rstrip("/")
        self._prefix = urlsplit(self._base).path
        self._transport, self._clock = transport, clock
        self._agent_id, self._key = agent_id, key

    def post(self, path: str, message: BaseModel | None = None) -> object:
        """POST a protocol message to ``/api/v1/agent/<path>``; the answer's JSON (or None)."""
        full = f"{self._prefix}/api/v1/agent/{path}"
        body = message.model_dump_json().encode() if message is not None else b""
        headers = {"Content-Type": "application/json", "User-Agent": "cloudwarden-agent"}
        if self._key is not None and self._agent_id is not None:
            stamp = int(self._clock().timestamp())
            headers |= sign_request(self._key, self._agent_id, "POST", full, body, timestamp=stamp)
        url = f"{self._base}/api/v1/agent/{path}"
        status, answer = self._transport("POST", url, body, headers)
        if status >= 400:
            raise PlatformRefusedError(status, _detail(answer))
        return json.loads(answer) if answer else None


def _detail(answer: bytes) -> str:
    try:
        problem = json.loads(answer)
    except ValueError:
        return "no problem detail"
    detail = problem.get("detail") if isinstance(problem, dict) else None
    return str(detail)[:500] if detail else "no problem detail"
