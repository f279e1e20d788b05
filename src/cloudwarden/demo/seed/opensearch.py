"""OpenSearch: a public domain open to anyone (Principal "*"), unencrypted, without HTTPS,
fine-grained access control or logs; and a VPC domain that is encrypted with the demo KMS key,
enforces HTTPS with a modern TLS policy, uses fine-grained access control and publishes audit and
error logs. moto keeps all of these settings (it reports no VPC id or AZs for VPC options)."""

from __future__ import annotations

import json

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.elbv2 import default_network
from cloudwarden.demo.seed.kms import ensure_data_key

PUBLIC_DOMAIN = "cw-demo-public-search"
PRIVATE_DOMAIN = "cw-demo-private-search"
OLD_VERSION = "Elasticsearch_7.10"
CURRENT_VERSION = "OpenSearch_2.11"
MODERN_TLS = "Policy-Min-TLS-1-2-PFS-2023-10"
LOG_TYPES = ("AUDIT_LOGS", "ES_APPLICATION_LOGS")


def _open_policy(ctx: SeedContext) -> str:
    resource = f"arn:aws:es:{ctx.home}:{ctx.account_id}:domain/{PUBLIC_DOMAIN}/*"
    statement = {"Effect": "Allow", "Principal": "*", "Action": "es:*", "Resource": resource}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def _log_group_arn(ctx: SeedContext, log_type: str) -> str:
    name = f"/aws/opensearch/{PRIVATE_DOMAIN}/{log_type.lower()}"
    return f"arn:aws:logs:{ctx.home}:{ctx.account_id}:log-group:{name}"


def seed(ctx: SeedContext) -> None:
    opensearch = ctx.client("opensearch", ctx.home)
    _, subnets, groups = default_network(ctx.client("ec2", ctx.home))
    opensearch.create_domain(
        DomainName=PUBLIC_DOMAIN,
        EngineVersion=OLD_VERSION,
        AccessPolicies=_open_policy(ctx),
        DomainEndpointOptions={
            "EnforceHTTPS": False,
            "TLSSecurityPolicy": "Policy-Min-TLS-1-0-2019-07",
        },
    )
    opensearch.create_domain(
        DomainName=PRIVATE_DOMAIN,
        EngineVersion=CURRENT_VERSION,
        ClusterConfig={
            "InstanceType": "r6g.large.search",
            "InstanceCount": 2,
            "ZoneAwarenessEnabled": True,
            "ZoneAwarenessConfig": {"AvailabilityZoneCount": 2},
            "DedicatedMasterEnabled": True,
            "DedicatedMasterType": "r6g.large.search",
            "DedicatedMasterCount": 3,
        },
        VPCOptions={"SubnetIds": subnets, "SecurityGroupIds": groups},
        EncryptionAtRestOptions={"Enabled": True, "KmsKeyId": ensure_data_key(ctx)},
        NodeToNodeEncryptionOptions={"Enabled": True},
        DomainEndpointOptions={"EnforceHTTPS": True, "TLSSecurityPolicy": MODERN_TLS},
        AdvancedSecurityOptions={
            "Enabled": True,
            "InternalUserDatabaseEnabled": False,
            "MasterUserOptions": {
                "MasterUserARN": f"arn:aws:iam::{ctx.account_id}:role/cw-demo-search-admin"
            },
        },
        LogPublishingOptions={
            log_type: {"CloudWatchLogsLogGroupArn": _log_group_arn(ctx, log_type), "Enabled": True}
            for log_type in LOG_TYPES
        },
        AutoTuneOptions={"DesiredState": "ENABLED"},
        TagList=[{"Key": "owner", "Value": "search"}],
    )
