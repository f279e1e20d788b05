"""MSK (Amazon Managed Streaming for Apache Kafka): clusters with their encryption, public access,
client authentication, broker logging and monitoring.

ListClustersV2 answers every field of provisioned and serverless clusters, tags included.
Serverless clusters always encrypt in transit and at rest and always use IAM authentication.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource

LOG_DESTINATIONS = ("CloudWatchLogs", "Firehose", "S3")


@resource_type("aws.kafka.cluster", "An MSK cluster: encryption, public access, authentication.")
class KafkaCluster(Resource):
    """An MSK cluster, provisioned or serverless; its id is its ARN, its name the cluster name."""

    cluster_type: str | None = Field(default=None, description="PROVISIONED or SERVERLESS.")
    state: str | None = Field(default=None, description="ACTIVE, CREATING, UPDATING, FAILED...")
    created_at: datetime | None = Field(default=None, description="When it was created.")
    kafka_version: str | None = Field(
        default=None, description="The brokers' Apache Kafka version (provisioned)."
    )
    number_of_broker_nodes: int | None = Field(default=None, description="Broker nodes.")
    client_broker_encryption: str | None = Field(
        default=None,
        description="Client-to-broker traffic: TLS, TLS_PLAINTEXT (both) or PLAINTEXT; "
        "TLS for serverless clusters.",
    )
    in_cluster_encryption: bool | None = Field(
        default=None, description="Traffic between brokers is encrypted with TLS."
    )
    at_rest_kms_key_id: str | None = Field(
        default=None, description="The KMS key encrypting broker storage (aws/kafka by default)."
    )
    public_access_type: str | None = Field(
        default=None,
        description="DISABLED or SERVICE_PROVIDED_EIPS (brokers reachable from the internet); "
        "null when not reported (clusters from before public access existed are private).",
    )
    iam_authentication: bool = Field(default=False, description="IAM access control is on.")
    scram_authentication: bool = Field(
        default=False, description="SASL/SCRAM (Secrets Manager) authentication is on."
    )
    tls_authentication: bool = Field(
        default=False, description="Mutual TLS (client certificates from a private CA) is on."
    )
    unauthenticated_access: bool = Field(
        default=False, description="Clients may connect without authenticating."
    )
    enhanced_monitoring: str | None = Field(
        default=None,
        description="DEFAULT, PER_BROKER, PER_TOPIC_PER_BROKER or PER_TOPIC_PER_PARTITION.",
    )
    broker_log_destinations: list[str] = Field(
        default_factory=list,
        description="Where broker logs are delivered: CloudWatchLogs, Firehose, S3; empty if "
        "nowhere.",
    )


def _enabled(node: Any, *path: str) -> bool:
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return bool(node)


def _provisioned(info: Any) -> Doc:
    encryption = info.get("EncryptionInfo") or {}
    in_transit = encryption.get("EncryptionInTransit") or {}
    auth = info.get("ClientAuthentication") or {}
    broker_logs = (info.get("LoggingInfo") or {}).get("BrokerLogs") or {}
    connectivity = (info.get("BrokerNodeGroupInfo") or {}).get("ConnectivityInfo") or {}
    return {
        "kafka_version": (info.get("CurrentBrokerSoftwareInfo") or {}).get("KafkaVersion"),
        "number_of_broker_nodes": info.get("NumberOfBrokerNodes"),
        "client_broker_encryption": in_transit.get("ClientBroker"),
        "in_cluster_encryption": in_transit.get("InCluster"),
        "at_rest_kms_key_id": (encryption.get("EncryptionAtRest") or {}).get("DataVolumeKMSKeyId"),
        "public_access_type": (connectivity.get("PublicAccess") or {}).get("Type"),
        "iam_authentication": _enabled(auth, "Sasl", "Iam", "Enabled"),
        "scram_authentication": _enabled(auth, "Sasl", "Scram", "Enabled"),
        "tls_authentication": _enabled(auth, "Tls", "Enabled")
        or bool((auth.get("Tls") or {}).get("CertificateAuthorityArnList")),
        "unauthenticated_access": _enabled(auth, "Unauthenticated", "Enabled"),
        "enhanced_monitoring": info.get("EnhancedMonitoring"),
        "broker_log_destinations": [
            name for name in LOG_DESTINATIONS if _enabled(broker_logs, name, "Enabled")
        ],
    }


SERVERLESS: Doc = {
    "client_broker_encryption": "TLS",
    "in_cluster_encryption": True,
    "public_access_type": "DISABLED",
    "iam_authentication": True,
}
"""What every serverless cluster has: TLS only, private, IAM access control."""


def _cluster(item: Any, ctx: RegionContext) -> Doc:
    arn = item["ClusterArn"]
    provisioned = item.get("Provisioned")
    return {
        "id": arn,
        "arn": arn,
        "name": item.get("ClusterName"),
        "tags": dict(item.get("Tags") or {}),
        "cluster_type": item.get("ClusterType"),
        "state": item.get("State"),
        "created_at": item.get("CreationTime"),
        **(_provisioned(provisioned) if provisioned else SERVERLESS),
    }


collectors.register(
    ResourceSpec(
        model=KafkaCluster,
        service="kafka",
        list=Call("ListClustersV2"),
        items="ClusterInfoList",
        normalize=_cluster,
    )
)
