"""EKS: a cluster open to the internet without secrets encryption or logging, and a private one
with KMS-encrypted secrets and every control plane log type. moto keeps all of these settings."""

from __future__ import annotations

import json

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.elbv2 import default_network
from cloudwarden.demo.seed.kms import ensure_data_key

PUBLIC_CLUSTER = "cw-demo-public-cluster"
PRIVATE_CLUSTER = "cw-demo-private-cluster"
CLUSTER_ROLE = "cw-demo-eks-cluster-role"
OLD_VERSION = "1.27"
CURRENT_VERSION = "1.31"
LOG_TYPES = ("api", "audit", "authenticator", "controllerManager", "scheduler")


def _cluster_role(ctx: SeedContext) -> str:
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "eks.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
    role = ctx.client("iam").create_role(
        RoleName=CLUSTER_ROLE, AssumeRolePolicyDocument=json.dumps(trust)
    )
    return str(role["Role"]["Arn"])


def seed(ctx: SeedContext) -> None:
    eks = ctx.client("eks", ctx.home)
    role = _cluster_role(ctx)
    _, subnets, _ = default_network(ctx.client("ec2", ctx.home))
    eks.create_cluster(
        name=PUBLIC_CLUSTER,
        version=OLD_VERSION,
        roleArn=role,
        resourcesVpcConfig={
            "subnetIds": subnets,
            "endpointPublicAccess": True,
            "endpointPrivateAccess": False,
            "publicAccessCidrs": ["0.0.0.0/0"],
        },
    )
    eks.create_cluster(
        name=PRIVATE_CLUSTER,
        version=CURRENT_VERSION,
        roleArn=role,
        resourcesVpcConfig={
            "subnetIds": subnets,
            "endpointPublicAccess": False,
            "endpointPrivateAccess": True,
        },
        encryptionConfig=[{"resources": ["secrets"], "provider": {"keyArn": ensure_data_key(ctx)}}],
        logging={"clusterLogging": [{"types": list(LOG_TYPES), "enabled": True}]},
        tags={"owner": "platform"},
    )
