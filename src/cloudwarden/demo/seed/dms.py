"""DMS (home region): a private Multi-AZ replication instance on the demo KMS key and a public
single-AZ one that does not take minor upgrades; a PostgreSQL source endpoint verifying the
server's certificate and a MySQL target endpoint without TLS."""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.kms import ensure_data_key

PRIVATE_INSTANCE = "cw-demo-migration-private"
PUBLIC_INSTANCE = "cw-demo-migration-public"
TLS_ENDPOINT = "cw-demo-orders-source"
PLAIN_ENDPOINT = "cw-demo-legacy-target"
FAKE_PASSWORD = "cw-demo-Passw0rd1"  # noqa: S105 - a fake password for an emulated endpoint


def seed(ctx: SeedContext) -> None:
    dms = ctx.client("dms", ctx.home)
    dms.create_replication_instance(
        ReplicationInstanceIdentifier=PRIVATE_INSTANCE,
        ReplicationInstanceClass="dms.t3.medium",
        PubliclyAccessible=False,
        MultiAZ=True,
        AutoMinorVersionUpgrade=True,
        KmsKeyId=ensure_data_key(ctx),
        Tags=[{"Key": "owner", "Value": "data-platform"}],
    )
    dms.create_replication_instance(
        ReplicationInstanceIdentifier=PUBLIC_INSTANCE,
        ReplicationInstanceClass="dms.t3.micro",
        PubliclyAccessible=True,
        MultiAZ=False,
        AutoMinorVersionUpgrade=False,
    )
    dms.create_endpoint(
        EndpointIdentifier=TLS_ENDPOINT,
        EndpointType="source",
        EngineName="postgres",
        ServerName="orders.internal",
        Port=5432,
        DatabaseName="orders",
        Username="dms_reader",
        Password=FAKE_PASSWORD,
        SslMode="verify-full",
    )
    dms.create_endpoint(
        EndpointIdentifier=PLAIN_ENDPOINT,
        EndpointType="target",
        EngineName="mysql",
        ServerName="legacy.internal",
        Port=3306,
        Username="dms_writer",
        Password=FAKE_PASSWORD,
        SslMode="none",
    )
