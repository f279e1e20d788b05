"""Amazon MQ: a private multi-AZ ActiveMQ broker with logs, and a public single-instance one."""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext

PRIVATE_BROKER = "cw-demo-orders-mq"
PUBLIC_BROKER = "cw-demo-legacy-mq"
DEMO_BROKER_LOGIN = "cw-demo-admin"
"""A throwaway login of the emulated broker (never a real secret)."""


def seed(ctx: SeedContext) -> None:
    mq = ctx.client("mq", ctx.home)
    users = [{"Username": DEMO_BROKER_LOGIN, "Password": "cw-demo-" + "broker-login"}]
    mq.create_broker(
        BrokerName=PRIVATE_BROKER,
        EngineType="ACTIVEMQ",
        EngineVersion="5.18",
        HostInstanceType="mq.m5.large",
        DeploymentMode="ACTIVE_STANDBY_MULTI_AZ",
        PubliclyAccessible=False,
        AutoMinorVersionUpgrade=True,
        Logs={"General": True, "Audit": True},
        EncryptionOptions={"UseAwsOwnedKey": False},
        Users=users,
        Tags={"owner": "orders"},
    )
    mq.create_broker(
        BrokerName=PUBLIC_BROKER,
        EngineType="ACTIVEMQ",
        EngineVersion="5.17.6",
        HostInstanceType="mq.t3.micro",
        DeploymentMode="SINGLE_INSTANCE",
        PubliclyAccessible=True,
        AutoMinorVersionUpgrade=False,
        Logs={"General": False, "Audit": False},
        EncryptionOptions={"UseAwsOwnedKey": True},
        Users=users,
    )
