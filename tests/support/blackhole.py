"""A loopback TCP endpoint that accepts connections and never answers: a region that hangs."""

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
            hole.connections += 1
            hole._held.append(connection)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield hole
    finally:
        stopping.set()
        thread.join()
        for connection in hole._held:
            connection.close()
        listener.close()
