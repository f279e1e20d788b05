"""MemoryDB (home region): a cluster with TLS, an access control list of its own, the demo KMS
key, a week of snapshots and automatic upgrades, and one on the open-access ACL without TLS,
snapshots or upgrades."""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.kms import ensure_data_key

SECURE_CLUSTER = "cw-demo-ledger-memorydb"
OPEN_CLUSTER = "cw-demo-scratch-memorydb"
APP_ACL = "cw-demo-app-acl"
NODE_TYPE = "db.t4g.small"


def seed(ctx: SeedContext) -> None:
    memorydb = ctx.client("memorydb", ctx.home)
    memorydb.create_cluster(
        ClusterName=SECURE_CLUSTER,
        NodeType=NODE_TYPE,
        ACLName=APP_ACL,
        TLSEnabled=True,
        KmsKeyId=ensure_data_key(ctx),
        SnapshotRetentionLimit=7,
        AutoMinorVersionUpgrade=True,
        Tags=[{"Key": "owner", "Value": "payments"}],
    )
    memorydb.create_cluster(
        ClusterName=OPEN_CLUSTER,
        NodeType=NODE_TYPE,
        ACLName="open-access",
        TLSEnabled=False,
        SnapshotRetentionLimit=0,
        AutoMinorVersionUpgrade=False,
    )
