"""Transfer Family: a VPC SFTP server with a current policy and logs, and a legacy FTP one.

Server ids are generated: the seeder tags each with its ``Name`` and exports the names.
"""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext

SECURE_SERVER = "cw-demo-partner-sftp"
LEGACY_SERVER = "cw-demo-legacy-ftp"
LOGGING_ROLE = "arn:aws:iam::123456789012:role/cw-demo-transfer-logging"


def seed(ctx: SeedContext) -> None:
    transfer = ctx.client("transfer", ctx.home)
    transfer.create_server(
        Protocols=["SFTP"],
        EndpointType="VPC_ENDPOINT",
        IdentityProviderType="AWS_DIRECTORY_SERVICE",
        SecurityPolicyName="TransferSecurityPolicy-2024-01",
        LoggingRole=LOGGING_ROLE,
        Tags=[{"Key": "Name", "Value": SECURE_SERVER}],
    )
    transfer.create_server(
        Protocols=["FTP", "SFTP"],
        EndpointType="PUBLIC",
        IdentityProviderType="SERVICE_MANAGED",
        SecurityPolicyName="TransferSecurityPolicy-2018-11",
        Tags=[{"Key": "Name", "Value": LEGACY_SERVER}],
    )
