"""Amazon MQ: brokers with their network exposure, upgrades, logging and deployment mode."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, default, flag
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


@resource_type("aws.mq.broker", "An Amazon MQ message broker (ActiveMQ or RabbitMQ).")
class Broker(Resource):
    """A broker; its id is the broker id and its name the broker name."""

    engine_type: str | None = Field(default=None, description="ACTIVEMQ or RABBITMQ.")
    engine_version: str | None = Field(default=None, description="The engine version.")
    deployment_mode: str | None = Field(
        default=None,
        description="SINGLE_INSTANCE, ACTIVE_STANDBY_MULTI_AZ (ActiveMQ) or CLUSTER_MULTI_AZ "
        "(RabbitMQ).",
    )
    publicly_accessible: bool | None = Field(
        default=None, description="The broker has endpoints reachable from the internet."
    )
    auto_minor_version_upgrade: bool | None = Field(
        default=None, description="Minor engine versions are applied in the maintenance window."
    )
    general_logging: bool | None = Field(
        default=None, description="General logs are published to CloudWatch Logs."
    )
    audit_logging: bool | None = Field(
        default=None,
        description="Audit logs (management actions) are published; ActiveMQ only, null for "
        "RabbitMQ.",
    )
    uses_aws_owned_key: bool | None = Field(
        default=None, description="Data at rest is encrypted with an AWS owned key (not a CMK)."
    )
    kms_key_id: str | None = Field(
        default=None, description="The customer managed KMS key, when one is used."
    )
    broker_state: str | None = Field(default=None, description="RUNNING, REBOOT_IN_PROGRESS...")


def _broker(item: Any, ctx: RegionContext) -> Doc:
    return {"id": item["BrokerId"], "arn": item.get("BrokerArn"), "name": item.get("BrokerName")}


collectors.register(
    listed(
        Broker,
        "mq",
        "ListBrokers",
        "BrokerSummaries",
        _broker,
        Detail(
            Call("DescribeBroker", lambda doc: {"BrokerId": doc["id"]}),
            Map(
                {
                    "engine_type": "EngineType",
                    "engine_version": "EngineVersion",
                    "deployment_mode": "DeploymentMode",
                    "publicly_accessible": ("PubliclyAccessible", flag),
                    "auto_minor_version_upgrade": ("AutoMinorVersionUpgrade", flag),
                    "general_logging": ("Logs.General", flag),
                    "audit_logging": "Logs.Audit",
                    "uses_aws_owned_key": ("EncryptionOptions.UseAwsOwnedKey", default(True)),
                    "kms_key_id": "EncryptionOptions.KmsKeyId",
                    "broker_state": "BrokerState",
                    "tags": ("Tags", default({})),
                }
            ),
        ),
    )
)
