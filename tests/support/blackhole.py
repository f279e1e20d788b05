"""A loopback TCP endpoint that accepts connections and never answers: a region that hangs.

It hangs until :meth:`Blackhole.release`; from then on it hangs up on every connection, held or
new, so a test decides when the hang ends instead of waiting for a client timeout.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Blackhole:
    url: str
    connections: int = 0
    _held: list[socket.socket] = field(default_factory=list)
    _released: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def release(self) -> None:
        """End the hang: close every held connection, and every new one as it arrives."""
        with self._lock:
            self._released = True
            for connection in self._held:
                connection.close()
            self._held.clear()

    def _take(self, connection: socket.socket) -> None:
        with self._lock:
            self.connections += 1
            if self._released:
                connection.close()
            else:
                self._held.append(connection)


@contextmanager
def blackhole() -> Iterator[Blackhole]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    hole = Blackhole(url=f"http://127.0.0.1:{listener.getsockname()[1]}")
    stopping = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stopping.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            hole._take(connection)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield hole
    finally:
        stopping.set()
        thread.join()
        hole.release()
        listener.close()
