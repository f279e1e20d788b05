"""Glue (home region): the Data Catalog encrypted with the demo KMS key (passwords included) and
shared with a partner account only; two security configurations, one encrypting everything and
one encrypting nothing; a job, a crawler and a development endpoint on each; a JDBC connection
that enforces TLS and takes its credentials from Secrets Manager, and one with a user name and
password of its own and no TLS. The second region's catalog keeps the defaults (no encryption).
"""

from __future__ import annotations

import json
from typing import Any

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.kms import ensure_data_key

ENCRYPTING_CONFIGURATION = "cw-demo-encrypt-all"
PLAIN_CONFIGURATION = "cw-demo-no-encryption"
SECURE_JOB = "cw-demo-orders-etl"
PLAIN_JOB = "cw-demo-legacy-etl"
SECURE_CRAWLER = "cw-demo-orders-crawler"
PLAIN_CRAWLER = "cw-demo-raw-crawler"
SECURE_DEV_ENDPOINT = "cw-demo-notebook-endpoint"
PLAIN_DEV_ENDPOINT = "cw-demo-scratch-endpoint"
WAREHOUSE_CONNECTION = "cw-demo-warehouse-jdbc"
INLINE_CONNECTION = "cw-demo-legacy-jdbc"
PARTNER_ACCOUNT = "111122223333"
WAREHOUSE_CREDENTIALS_ARN = (
    "arn:aws:secretsmanager:us-east-1:123456789012:secret:cw-demo-warehouse-AbCdEf"
)
FAKE_PASSWORD = "cw-demo-Passw0rd1"  # noqa: S105 - a fake password for an emulated connection
ROLE = "arn:aws:iam::123456789012:role/cw-demo-glue"
SCRIPTS = "s3://cw-demo-glue-scripts"


def _configurations(glue: Any, key: str) -> None:
    glue.create_security_configuration(
        Name=ENCRYPTING_CONFIGURATION,
        EncryptionConfiguration={
            "S3Encryption": [{"S3EncryptionMode": "SSE-KMS", "KmsKeyArn": key}],
            "CloudWatchEncryption": {"CloudWatchEncryptionMode": "SSE-KMS", "KmsKeyArn": key},
            "JobBookmarksEncryption": {"JobBookmarksEncryptionMode": "CSE-KMS", "KmsKeyArn": key},
        },
    )
    glue.create_security_configuration(
        Name=PLAIN_CONFIGURATION,
        EncryptionConfiguration={
            "S3Encryption": [{"S3EncryptionMode": "DISABLED"}],
            "CloudWatchEncryption": {"CloudWatchEncryptionMode": "DISABLED"},
            "JobBookmarksEncryption": {"JobBookmarksEncryptionMode": "DISABLED"},
        },
    )


def _workloads(glue: Any) -> None:
    glue.create_job(
        Name=SECURE_JOB,
        Role=ROLE,
        Command={"Name": "glueetl", "ScriptLocation": f"{SCRIPTS}/orders.py"},
        GlueVersion="4.0",
        WorkerType="G.1X",
        NumberOfWorkers=2,
        SecurityConfiguration=ENCRYPTING_CONFIGURATION,
        DefaultArguments={"--enable-continuous-cloudwatch-log": "true", "--job-language": "python"},
        Tags={"owner": "data-platform"},
    )
    glue.create_job(
        Name=PLAIN_JOB,
        Role=ROLE,
        Command={"Name": "glueetl", "ScriptLocation": f"{SCRIPTS}/legacy.py"},
        GlueVersion="2.0",
        SecurityConfiguration=PLAIN_CONFIGURATION,
    )
    for name, configuration in (
        (SECURE_CRAWLER, ENCRYPTING_CONFIGURATION),
        (PLAIN_CRAWLER, None),
    ):
        glue.create_crawler(
            Name=name,
            Role=ROLE,
            DatabaseName="cw_demo_lake",
            Targets={"S3Targets": [{"Path": "s3://cw-demo-lake/raw/"}]},
            **({"CrawlerSecurityConfiguration": configuration} if configuration else {}),
        )
    for name, configuration in (
        (SECURE_DEV_ENDPOINT, ENCRYPTING_CONFIGURATION),
        (PLAIN_DEV_ENDPOINT, PLAIN_CONFIGURATION),
    ):
        glue.create_dev_endpoint(
            EndpointName=name, RoleArn=ROLE, SecurityConfiguration=configuration
        )


def _connections(glue: Any) -> None:
    glue.create_connection(
        ConnectionInput={
            "Name": WAREHOUSE_CONNECTION,
            "ConnectionType": "JDBC",
            "ConnectionProperties": {
                "JDBC_CONNECTION_URL": "jdbc:postgresql://warehouse.internal:5432/orders",
                "SECRET_ID": WAREHOUSE_CREDENTIALS_ARN,
                "JDBC_ENFORCE_SSL": "true",
            },
        }
    )
    glue.create_connection(
        ConnectionInput={
            "Name": INLINE_CONNECTION,
            "ConnectionType": "JDBC",
            "ConnectionProperties": {
                "JDBC_CONNECTION_URL": "jdbc:mysql://legacy.internal:3306/app",
                "USERNAME": "etl",
                "PASSWORD": FAKE_PASSWORD,
                "JDBC_ENFORCE_SSL": "false",
            },
        }
    )


def _catalog(ctx: SeedContext, glue: Any, key: str) -> None:
    glue.put_data_catalog_encryption_settings(
        DataCatalogEncryptionSettings={
            "EncryptionAtRest": {"CatalogEncryptionMode": "SSE-KMS", "SseAwsKmsKeyId": key},
            "ConnectionPasswordEncryption": {
                "ReturnConnectionPasswordEncrypted": True,
                "AwsKmsKeyId": key,
            },
        }
    )
    catalog = f"arn:aws:glue:{ctx.home}:{ctx.account_id}:catalog"
    statement = {
        "Effect": "Allow",
        "Principal": {"AWS": f"arn:aws:iam::{PARTNER_ACCOUNT}:root"},
        "Action": ["glue:GetDatabase", "glue:GetTable", "glue:GetTables"],
        "Resource": [catalog, f"{catalog.removesuffix(':catalog')}:database/*"],
    }
    glue.put_resource_policy(
        PolicyInJson=json.dumps({"Version": "2012-10-17", "Statement": [statement]})
    )


def seed(ctx: SeedContext) -> None:
    glue = ctx.client("glue", ctx.home)
    key = ensure_data_key(ctx)
    _configurations(glue, key)
    _workloads(glue)
    _connections(glue)
    _catalog(ctx, glue, key)
