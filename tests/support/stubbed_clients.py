"""Discovery with botocore Stubbers, for the operations moto does not emulate.

The stubbed clients are real botocore clients of the real service model (a response that does
not match the model fails the test); only their transport is the Stubber's queue. Every other
client (EC2's region listing and probes) talks to the test's in-process moto.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import boto3
from botocore.stub import Stubber

from cloudwarden.aws.clients import ClientCache
from cloudwarden.aws.credentials import Identity
from cloudwarden.aws.settings import EngineSettings
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.scan.discover import DiscoveryScope, discover

REGION = "us-east-1"


class StubbedClients(ClientCache):
    """A client cache that hands out the given stubbed clients for their (service, region)."""

    def __init__(self, session: boto3.Session, stubbed: Mapping[tuple[str, str], Any]) -> None:
        # One call in flight at a time: a Stubber answers its queue in order.
        super().__init__(session, EngineSettings(max_in_flight=1))
        self._stubbed = dict(stubbed)

    def get(self, service: str, region: str) -> Any:
        client = self._stubbed.get((service, region))
        return client if client is not None else super().get(service, region)


@contextmanager
def stubbed(session: boto3.Session, service: str, region: str = REGION) -> Iterator[Stubber]:
    """A Stubber on a fresh ``service`` client; every queued response must have been used."""
    client = session.client(service, region_name=region)  # type: ignore[call-overload]
    stubber = Stubber(client)
    with stubber:
        yield stubber
    stubber.assert_no_pending_responses()


def discover_stubbed(
    session: boto3.Session,
    identity: Identity,
    stubbers: Mapping[tuple[str, str], Stubber],
    resource_types: tuple[str, ...],
    regions: tuple[str, ...] = (REGION,),
    needed_fields: Mapping[str, frozenset[str]] | None = None,
) -> Inventory:
    """Discover ``resource_types`` with the stubbed clients answering their services.

    ``needed_fields`` narrows the details called, so that concurrent details of one stage (whose
    order a Stubber's queue cannot follow) can be answered one discovery at a time.
    """
    clients = StubbedClients(
        session,
        {key: stubber.client for key, stubber in stubbers.items()},
    )
    return discover(
        session,
        identity,
        DiscoveryScope(regions=regions, resource_types=resource_types),
        clients=clients,
        needed_fields=needed_fields,
    )
