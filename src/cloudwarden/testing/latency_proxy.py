"""A loopback reverse proxy in front of moto_server: adds latency, counts calls, can throttle.

Real AWS answers in tens of milliseconds; moto answers in one. The benchmark puts this proxy in
front so that wall time shows how many *rounds* of dependent calls a scan needs. With
``throttle_first`` it answers the first try of every distinct request with an AWS throttling
error, to prove that throttled calls are retried and nothing is lost.
"""

from __future__ import annotations

import hashlib
import http.client
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

HOP_BY_HOP = frozenset({"connection", "keep-alive", "transfer-encoding", "proxy-connection"})


@dataclass
class ProxyStats:
    """What went through the proxy."""

    requests: int = 0
    throttled: int = 0
    by_target: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _operation(handler: BaseHTTPRequestHandler, body: bytes) -> str:
    """A name for the request: JSON target, query Action, or method and path (REST)."""
    target = handler.headers.get("X-Amz-Target")
    if target:
        return target
    action = parse_qs(body.decode("utf-8", "replace")).get("Action")
    if action:
        return action[0]
    return f"{handler.command} {handler.path.split('?')[0]}"


def _throttle_reply(handler: BaseHTTPRequestHandler) -> tuple[bytes, dict[str, str]]:
    """An AWS throttling error in the protocol the request speaks."""
    target = handler.headers.get("X-Amz-Target")
    content_type = handler.headers.get("Content-Type", "")
    if target or "json" in content_type:
        body = b'{"__type": "ThrottlingException", "message": "Rate exceeded"}'
        return body, {
            "Content-Type": "application/x-amz-json-1.1",
            "x-amzn-ErrorType": "ThrottlingException",
        }
    if "x-www-form-urlencoded" in content_type:
        body = (
            b"<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
            b"<Message>Rate exceeded</Message></Error><RequestId>0</RequestId></ErrorResponse>"
        )
        return body, {"Content-Type": "text/xml"}
    body = (
        b"<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"
    )
    return body, {"Content-Type": "application/xml", "x-amzn-ErrorType": "ThrottlingException"}


@contextmanager
def latency_proxy(
    upstream: str, latency: float = 0.05, throttle_first: bool = False
) -> Iterator[tuple[str, ProxyStats]]:
    """Yield (proxy URL, stats) for a proxy that forwards to ``upstream`` after ``latency``."""
    target = urlsplit(upstream)
    stats = ProxyStats()
    seen: set[str] = set()
    local = threading.local()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _upstream(self) -> http.client.HTTPConnection:
            connection = getattr(local, "connection", None)
            if connection is None:
                connection = http.client.HTTPConnection(
                    target.hostname or "127.0.0.1", target.port, timeout=60
                )
                local.connection = connection
            return connection

        def _forward(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            key = hashlib.sha256(
                self.command.encode()
                + self.path.encode()
                + body
                + (self.headers.get("X-Amz-Target") or "").encode()
            ).hexdigest()
            with stats.lock:
                stats.requests += 1
                stats.by_target[_operation(self, body)] += 1
                throttle = throttle_first and key not in seen
                seen.add(key)
                if throttle:
                    stats.throttled += 1
            time.sleep(latency)
            if throttle:
                reply, headers = _throttle_reply(self)
                self._respond(400, headers, reply)
                return
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            connection = self._upstream()
            try:
                connection.request(self.command, self.path, body=body, headers=headers)
                response = connection.getresponse()
            except (ConnectionError, http.client.HTTPException):
                connection.close()
                local.connection = None
                connection = self._upstream()
                connection.request(self.command, self.path, body=body, headers=headers)
                response = connection.getresponse()
            payload = response.read()
            reply_headers = {k: v for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP}
            reply_headers.pop("Content-Length", None)
            self._respond(response.status, reply_headers, payload)

        def _respond(self, status: int, headers: dict[str, str], payload: bytes) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = _forward  # noqa: N815

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", stats
    finally:
        server.shutdown()
        server.server_close()
