"""MSK (home region): a private cluster with TLS everywhere, the demo KMS key, IAM access control,
broker logs and per-broker monitoring; a legacy cluster accepting plaintext and unauthenticated
clients, with public broker addresses and no logs; and a serverless cluster.

moto notes: CreateClusterV2 drops encryption, authentication and logging settings, so the
provisioned clusters are created with CreateCluster, which keeps them.
"""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.kms import ensure_data_key

SECURE_CLUSTER = "cw-demo-events-kafka"
LEGACY_CLUSTER = "cw-demo-legacy-kafka"
SERVERLESS_CLUSTER = "cw-demo-serverless-kafka"
INSTANCE_TYPE = "kafka.m5.large"
LOG_GROUP = "/cw-demo/msk/brokers"


def _subnets(ctx: SeedContext) -> list[str]:
    subnets = ctx.client("ec2", ctx.home).describe_subnets()["Subnets"]
    return [s["SubnetId"] for s in subnets[:2]]


def seed(ctx: SeedContext) -> None:
    kafka = ctx.client("kafka", ctx.home)
    subnets = _subnets(ctx)
    kafka.create_cluster(
        ClusterName=SECURE_CLUSTER,
        KafkaVersion="3.6.0",
        NumberOfBrokerNodes=2,
        BrokerNodeGroupInfo={
            "InstanceType": INSTANCE_TYPE,
            "ClientSubnets": subnets,
            "ConnectivityInfo": {"PublicAccess": {"Type": "DISABLED"}},
        },
        EncryptionInfo={
            "EncryptionAtRest": {"DataVolumeKMSKeyId": ensure_data_key(ctx)},
            "EncryptionInTransit": {"ClientBroker": "TLS", "InCluster": True},
        },
        ClientAuthentication={
            "Sasl": {"Iam": {"Enabled": True}},
            "Unauthenticated": {"Enabled": False},
        },
        EnhancedMonitoring="PER_BROKER",
        LoggingInfo={"BrokerLogs": {"CloudWatchLogs": {"Enabled": True, "LogGroup": LOG_GROUP}}},
        Tags={"owner": "data-platform"},
    )
    kafka.create_cluster(
        ClusterName=LEGACY_CLUSTER,
        KafkaVersion="2.8.1",
        NumberOfBrokerNodes=2,
        BrokerNodeGroupInfo={
            "InstanceType": INSTANCE_TYPE,
            "ClientSubnets": subnets,
            "ConnectivityInfo": {"PublicAccess": {"Type": "SERVICE_PROVIDED_EIPS"}},
        },
        EncryptionInfo={
            "EncryptionInTransit": {"ClientBroker": "TLS_PLAINTEXT", "InCluster": True}
        },
        ClientAuthentication={"Unauthenticated": {"Enabled": True}},
        EnhancedMonitoring="DEFAULT",
    )
    kafka.create_cluster_v2(
        ClusterName=SERVERLESS_CLUSTER,
        Serverless={"VpcConfigs": [{"SubnetIds": subnets}]},
    )
