"""One botocore client per (service, region), created once and shared by all threads."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import boto3

from cloudwarden.aws.settings import EngineSettings

EndpointResolver = Callable[[str, str], str | None]
"""(service, region) -> endpoint URL override, or None for botocore's own resolution."""


class ClientCache:
    """Thread-safe cache of clients; botocore clients are safe to share between threads.

    Creating a client from a boto3 session is not thread-safe, so creation is serialised
    (about 10 ms a client); using a client never takes the lock.
    """

    def __init__(
        self,
        session: boto3.Session,
        settings: EngineSettings,
        endpoint_for: EndpointResolver | None = None,
    ) -> None:
        self._session = session
        self._config = settings.botocore_config()
        self._endpoint_for = endpoint_for
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()
        self._calls = 0
        self._count_lock = threading.Lock()

    @property
    def calls(self) -> int:
        """API calls made through these clients (a retried call counts once)."""
        with self._count_lock:
            return self._calls

    def _count_call(self, **_: Any) -> None:
        # Its own lock: never the one that (slow, serialised) client creation holds.
        with self._count_lock:
            self._calls += 1

    def get(self, service: str, region: str) -> Any:
        key = (service, region)
        client = self._clients.get(key)
        if client is not None:
            return client
        with self._lock:
            client = self._clients.get(key)
            if client is None:
                endpoint = self._endpoint_for(service, region) if self._endpoint_for else None
                client = self._session.client(
                    service,  # type: ignore[call-overload]
                    region_name=region,
                    config=self._config,
                    endpoint_url=endpoint,
                )
                client.meta.events.register("before-call", self._count_call)
                self._clients[key] = client
            return client
