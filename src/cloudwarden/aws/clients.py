"""One botocore client per (service, region), created once and shared by all threads."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import boto3

from cloudwarden.aws.settings import EngineSettings

EndpointResolver = Callable[[str, str], str | None]
"""(service, region) -> endpoint URL override, or None for botocore's own resolution."""


def keep_endpoint_host(client: Any, endpoint_url: str) -> None:
    """Send every request of ``client`` to the host of ``endpoint_url`` itself.

    Some operations put a prefix in front of the endpoint's host (S3 Control puts the account
    id: ``123456789012.127.0.0.1``), which an overridden endpoint such as a loopback emulator
    cannot answer; the prefix comes from the endpoint rules, so ``inject_host_prefix`` does not
    remove it. The request is rewritten before it is signed.
    """
    host = urlsplit(endpoint_url).netloc

    def strip_prefix(request: Any, **_: Any) -> None:
        parts = urlsplit(request.url)
        if parts.netloc != host and parts.netloc.endswith("." + host):
            request.url = urlunsplit(parts._replace(netloc=host))

    client.meta.events.register_first("before-sign", strip_prefix)


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
                if endpoint is not None:
                    keep_endpoint_host(client, endpoint)
                client.meta.events.register("before-call", self._count_call)
                self._clients[key] = client
            return client
