"""A loopback HTTP endpoint that holds every request until the test releases it.

A service behind it hangs as long as the test needs (so a scan is certainly still running when
the test signals it), then fails at once (so the cancelled scan ends without waiting for
timeouts).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FAILURE = b'{"__type": "InternalFailure", "message": "released by the test"}'


@dataclass
class HeldEndpoint:
    url: str
    received: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)

    def release(self) -> None:
        self.released.set()


@contextmanager
def held_endpoint() -> Iterator[HeldEndpoint]:
    holder: list[HeldEndpoint] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            endpoint = holder[0]
            endpoint.received.set()
            endpoint.released.wait()
            self.send_response(500)
            self.send_header("Content-Type", "application/x-amz-json-1.0")
            self.send_header("Content-Length", str(len(FAILURE)))
            self.end_headers()
            self.wfile.write(FAILURE)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    holder.append(HeldEndpoint(url=f"http://127.0.0.1:{server.server_address[1]}"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield holder[0]
    finally:
        holder[0].release()
        server.shutdown()
        server.server_close()
