"""Transfer Family: SFTP/FTPS/FTP/AS2 servers with their protocols, endpoint, policy and logs."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, pairs, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


@resource_type("aws.transfer.server", "A Transfer Family server (managed SFTP, FTPS, FTP or AS2).")
class TransferServer(Resource):
    """A Transfer Family server; its id is the server id (s-...)."""

    protocols: list[str] = Field(
        default_factory=list, description="Protocols it accepts: SFTP, FTPS, FTP (clear text), AS2."
    )
    endpoint_type: str | None = Field(
        default=None, description="PUBLIC, VPC (optionally internet-facing) or VPC_ENDPOINT."
    )
    identity_provider_type: str | None = Field(
        default=None,
        description="SERVICE_MANAGED, API_GATEWAY, AWS_DIRECTORY_SERVICE or AWS_LAMBDA.",
    )
    security_policy_name: str | None = Field(
        default=None, description="The cryptographic policy, e.g. TransferSecurityPolicy-2024-01."
    )
    logging_role: str | None = Field(
        default=None, description="The IAM role that writes its CloudWatch logs; null if none."
    )
    structured_log_destinations: list[str] = Field(
        default_factory=list, description="CloudWatch log groups receiving structured logs."
    )
    state: str | None = Field(default=None, description="ONLINE, OFFLINE, STARTING...")


def _server(item: Any, ctx: RegionContext) -> Doc:
    return {"id": item["ServerId"], "arn": item["Arn"], "name": item["ServerId"]}


collectors.register(
    listed(
        TransferServer,
        "transfer",
        "ListServers",
        "Servers",
        _server,
        Detail(
            Call("DescribeServer", lambda doc: {"ServerId": doc["id"]}),
            Map(
                {
                    "protocols": ("Server.Protocols", strings),
                    "endpoint_type": "Server.EndpointType",
                    "identity_provider_type": "Server.IdentityProviderType",
                    "security_policy_name": "Server.SecurityPolicyName",
                    "logging_role": "Server.LoggingRole",
                    "structured_log_destinations": ("Server.StructuredLogDestinations", strings),
                    "state": "Server.State",
                    "tags": ("Server.Tags", pairs()),
                }
            ),
        ),
    )
)
