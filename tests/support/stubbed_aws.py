"""Discovery against botocore Stubbers on the real service models, for APIs moto lacks.

:class:`StubbedClients` is a :class:`~cloudwarden.aws.clients.ClientCache` whose clients are
real botocore clients with a ``Stubber`` activated: each queued response is validated against
the service model, and a call nothing was queued for fails the test. The region probe
(``ec2:DescribeAvailabilityZones``) is answered for every region used.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import boto3
from botocore.stub import Stubber

from cloudwarden.aws.clients import ClientCache
from cloudwarden.aws.credentials import Identity
from cloudwarden.aws.settings import EngineSettings
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.scan.discover import DiscoveryScope, discover

ACCOUNT_ID = "123456789012"
IDENTITY = Identity(ACCOUNT_ID, f"arn:aws:iam::{ACCOUNT_ID}:user/test", "AIDATEST")

SETTINGS = EngineSettings(max_in_flight=1, max_attempts=1)


@dataclass(frozen=True)
class Failure:
    """An error reply: the AWS error code and HTTP status the call fails with."""

    code: str
    status: int = 400


Reply = tuple[str, Mapping[str, Any] | Failure, Mapping[str, Any] | None]
"""(operation in snake_case, response or failure, expected params or None for any)."""


class StubbedClients(ClientCache):
    """Clients answering only the queued replies, per (service, region), in order."""

    def __init__(self, replies: Mapping[tuple[str, str], Sequence[Reply]]) -> None:
        self.session = boto3.Session(
            aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
        )
        # One call at a time: replies are consumed in the order the engine asks.
        super().__init__(self.session, SETTINGS)
        self._replies = replies
        self.stubbers: dict[tuple[str, str], Stubber] = {}

    def get(self, service: str, region: str) -> Any:
        client = super().get(service, region)
        if (service, region) not in self.stubbers:
            stubber = Stubber(client)
            if service == "ec2":
                stubber.add_response("describe_availability_zones", {"AvailabilityZones": []})
            for operation, response, params in self._replies.get((service, region), ()):
                expected = dict(params) if params is not None else None
                if isinstance(response, Failure):
                    stubber.add_client_error(
                        operation,
                        service_error_code=response.code,
                        http_status_code=response.status,
                        expected_params=expected,
                    )
                else:
                    stubber.add_response(operation, dict(response), expected)
            stubber.activate()
            self.stubbers[(service, region)] = stubber
        return client

    def assert_all_answered(self) -> None:
        for stubber in self.stubbers.values():
            stubber.assert_no_pending_responses()


def discover_stubbed(
    resource_type: str,
    replies: Mapping[tuple[str, str], Sequence[Reply]],
    region: str = "us-east-1",
) -> tuple[Inventory, StubbedClients]:
    """Discover one resource type in one region from the queued replies."""
    clients = StubbedClients(replies)
    inventory = discover(
        clients.session,
        IDENTITY,
        DiscoveryScope(regions=(region,), resource_types=(resource_type,)),
        clients=clients,
        settings=SETTINGS,
    )
    return inventory, clients
