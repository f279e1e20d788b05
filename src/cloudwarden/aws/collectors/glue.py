"""Glue: the Data Catalog's encryption and policy, connections, security configurations, and
the jobs, crawlers and development endpoints that use them.

Secrets stay out of the inventory: connections are read with ``HidePassword`` and only the
*names* of their properties are kept (a JDBC URL can embed credentials), and of a job's default
arguments only the names and the two settings checks read (logging, encryption type).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, Tags, policy, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource

CONTINUOUS_LOGGING_ARGUMENT = "--enable-continuous-cloudwatch-log"
ENCRYPTION_TYPE_ARGUMENT = "--encryption-type"
CREDENTIAL_PROPERTIES = ("USERNAME", "PASSWORD", "ENCRYPTED_PASSWORD")


@resource_type(
    "aws.glue.region_settings",
    "The Glue Data Catalog of one region: metadata and connection password encryption, policy.",
    account_asset=True,
)
class GlueRegionSettings(Resource):
    """The Data Catalog of one region; the id is the region."""

    catalog_encryption_mode: str | None = Field(
        default=None,
        description="Metadata encryption at rest: DISABLED, SSE-KMS or SSE-KMS-WITH-SERVICE-ROLE.",
    )
    catalog_kms_key_id: str | None = Field(
        default=None, description="The KMS key encrypting the catalog's metadata."
    )
    connection_password_encrypted: bool | None = Field(
        default=None,
        description="Connection passwords are stored encrypted with a KMS key "
        "(ReturnConnectionPasswordEncrypted).",
    )
    connection_password_kms_key_id: str | None = Field(
        default=None, description="The KMS key encrypting connection passwords."
    )
    resource_policy: dict[str, Any] | None = Field(
        default=None, description="The catalog's resource policy, parsed; null if none."
    )


@resource_type(
    "aws.glue.connection", "A Glue connection: its type, TLS and where credentials live."
)
class GlueConnection(Resource):
    """A Glue connection (JDBC, MongoDB, Kafka, network...); its id is its name."""

    connection_type: str | None = Field(
        default=None, description="JDBC, MONGODB, KAFKA, NETWORK..."
    )
    property_names: list[str] = Field(
        default_factory=list,
        description="The names of its connection properties (values are never collected).",
    )
    jdbc_enforce_ssl: bool = Field(
        default=False, description="JDBC_ENFORCE_SSL is true: the connection requires TLS."
    )
    secret_id: str | None = Field(
        default=None,
        description="The Secrets Manager secret holding the credentials (SECRET_ID property or "
        "authentication configuration); null if none.",
    )
    subnet_id: str | None = Field(default=None, description="The subnet of a VPC connection.")
    security_group_ids: list[str] = Field(
        default_factory=list, description="The security groups of a VPC connection."
    )
    created_at: datetime | None = Field(default=None, description="When it was created.")


@resource_type(
    "aws.glue.security_configuration",
    "A Glue security configuration: S3, CloudWatch Logs and job bookmark encryption.",
)
class GlueSecurityConfiguration(Resource):
    """A security configuration; its id is its name."""

    s3_encryption_mode: str = Field(
        default="DISABLED", description="Data written to S3: DISABLED, SSE-KMS or SSE-S3."
    )
    s3_kms_key_arn: str | None = Field(default=None, description="The key for SSE-KMS.")
    cloudwatch_encryption_mode: str = Field(
        default="DISABLED", description="Logs written to CloudWatch: DISABLED or SSE-KMS."
    )
    job_bookmarks_encryption_mode: str = Field(
        default="DISABLED", description="Job bookmarks: DISABLED or CSE-KMS."
    )
    s3_encrypted: bool = Field(default=False, description="S3 encryption mode is not DISABLED.")
    cloudwatch_encrypted: bool = Field(
        default=False, description="CloudWatch Logs encryption mode is not DISABLED."
    )
    job_bookmarks_encrypted: bool = Field(
        default=False, description="Job bookmark encryption mode is not DISABLED."
    )
    created_at: datetime | None = Field(default=None, description="When it was created.")


class _UsesSecurityConfiguration(Resource):
    security_configuration: str | None = Field(
        default=None, description="The name of the aws.glue.security_configuration it uses."
    )


@resource_type("aws.glue.job", "A Glue job: security configuration, logging, Glue version.")
class GlueJob(_UsesSecurityConfiguration):
    """A Glue job (ETL, streaming, Python shell, Ray); its id is its name."""

    role: str | None = Field(default=None, description="The IAM role the job runs as.")
    command_name: str | None = Field(
        default=None, description="glueetl, gluestreaming, pythonshell or glueray."
    )
    glue_version: str | None = Field(
        default=None, description="The Glue version, e.g. 4.0; null means the old default 0.9."
    )
    worker_type: str | None = Field(default=None, description="G.1X, G.2X, Standard...")
    argument_names: list[str] = Field(
        default_factory=list,
        description="The names of the job's default arguments (values are never collected).",
    )
    continuous_logging: bool = Field(
        default=False,
        description="--enable-continuous-cloudwatch-log is true: the driver and executors log "
        "to CloudWatch as they run.",
    )
    encryption_type_argument: str | None = Field(
        default=None, description="The --encryption-type argument (sse-s3), if given."
    )
    created_at: datetime | None = Field(default=None, description="When it was created.")


@resource_type("aws.glue.crawler", "A Glue crawler and the security configuration it uses.")
class GlueCrawler(_UsesSecurityConfiguration):
    """A crawler; its id is its name."""

    role: str | None = Field(default=None, description="The IAM role the crawler runs as.")
    state: str | None = Field(default=None, description="READY, RUNNING or STOPPING.")


@resource_type(
    "aws.glue.dev_endpoint", "A Glue development endpoint and the security configuration it uses."
)
class GlueDevEndpoint(_UsesSecurityConfiguration):
    """A development endpoint (Glue 1.0 and earlier); its id is its name."""

    status: str | None = Field(default=None, description="PROVISIONING, READY, FAILED...")
    public_address: str | None = Field(
        default=None, description="The public address; null for an endpoint in a VPC."
    )
    subnet_id: str | None = Field(default=None, description="The subnet, for a VPC endpoint.")
    glue_version: str | None = Field(default=None, description="The Glue version.")


def _region(_item: Any, ctx: RegionContext) -> Doc:
    return {"id": ctx.region, "name": f"Glue Data Catalog in {ctx.region}"}


def _named(item: Any, ctx: RegionContext, kind: str) -> Doc:
    name = item["Name"]
    return {"id": name, "name": name, "arn": ctx.arn("glue", f"{kind}/{name}")}


def _connection(item: Any, ctx: RegionContext) -> Doc:
    properties = item.get("ConnectionProperties") or {}
    authentication = item.get("AuthenticationConfiguration") or {}
    physical = item.get("PhysicalConnectionRequirements") or {}
    return {
        **_named(item, ctx, "connection"),
        "connection_type": item.get("ConnectionType"),
        "property_names": sorted(properties),
        "jdbc_enforce_ssl": str(properties.get("JDBC_ENFORCE_SSL", "")).lower() == "true",
        "secret_id": properties.get("SECRET_ID") or authentication.get("SecretArn"),
        "subnet_id": physical.get("SubnetId"),
        "security_group_ids": strings(physical.get("SecurityGroupIdList")),
        "created_at": item.get("CreationTime"),
    }


def _security_configuration(item: Any, ctx: RegionContext) -> Doc:
    config = item.get("EncryptionConfiguration") or {}
    s3: dict[str, Any] = next(iter(config.get("S3Encryption") or ()), {})
    modes = {
        "s3_encryption_mode": s3.get("S3EncryptionMode") or "DISABLED",
        "cloudwatch_encryption_mode": (config.get("CloudWatchEncryption") or {}).get(
            "CloudWatchEncryptionMode"
        )
        or "DISABLED",
        "job_bookmarks_encryption_mode": (config.get("JobBookmarksEncryption") or {}).get(
            "JobBookmarksEncryptionMode"
        )
        or "DISABLED",
    }
    return {
        **_named(item, ctx, "securityConfiguration"),
        **modes,
        "s3_kms_key_arn": s3.get("KmsKeyArn"),
        "s3_encrypted": modes["s3_encryption_mode"] != "DISABLED",
        "cloudwatch_encrypted": modes["cloudwatch_encryption_mode"] != "DISABLED",
        "job_bookmarks_encrypted": modes["job_bookmarks_encryption_mode"] != "DISABLED",
        "created_at": item.get("CreatedTimeStamp"),
    }


def _job(item: Any, ctx: RegionContext) -> Doc:
    arguments = item.get("DefaultArguments") or {}
    return {
        **_named(item, ctx, "job"),
        "security_configuration": item.get("SecurityConfiguration"),
        "role": item.get("Role"),
        "command_name": (item.get("Command") or {}).get("Name"),
        "glue_version": item.get("GlueVersion"),
        "worker_type": item.get("WorkerType"),
        "argument_names": sorted(arguments),
        "continuous_logging": str(arguments.get(CONTINUOUS_LOGGING_ARGUMENT, "")).lower() == "true",
        "encryption_type_argument": arguments.get(ENCRYPTION_TYPE_ARGUMENT),
        "created_at": item.get("CreatedOn"),
    }


def _crawler(item: Any, ctx: RegionContext) -> Doc:
    return {
        **_named(item, ctx, "crawler"),
        "security_configuration": item.get("CrawlerSecurityConfiguration"),
        "role": item.get("Role"),
        "state": item.get("State"),
    }


def _dev_endpoint(item: Any, ctx: RegionContext) -> Doc:
    name = item["EndpointName"]
    return {
        "id": name,
        "name": name,
        "arn": ctx.arn("glue", f"devEndpoint/{name}"),
        "security_configuration": item.get("SecurityConfiguration"),
        "status": item.get("Status"),
        "public_address": item.get("PublicAddress"),
        "subnet_id": item.get("SubnetId"),
        "glue_version": item.get("GlueVersion"),
    }


TAGS = Detail(Call("GetTags", lambda doc: {"ResourceArn": doc["arn"]}), Tags(key=None))

collectors.register(
    ResourceSpec(
        model=GlueRegionSettings,
        service="glue",
        normalize=_region,
        details=(
            Detail(
                Call("GetDataCatalogEncryptionSettings"),
                Map(
                    {
                        "catalog_encryption_mode": (
                            "DataCatalogEncryptionSettings.EncryptionAtRest.CatalogEncryptionMode"
                        ),
                        "catalog_kms_key_id": (
                            "DataCatalogEncryptionSettings.EncryptionAtRest.SseAwsKmsKeyId"
                        ),
                        "connection_password_encrypted": (
                            "DataCatalogEncryptionSettings.ConnectionPasswordEncryption"
                            ".ReturnConnectionPasswordEncrypted"
                        ),
                        "connection_password_kms_key_id": (
                            "DataCatalogEncryptionSettings.ConnectionPasswordEncryption.AwsKmsKeyId"
                        ),
                    }
                ),
            ),
            Detail(
                Call("GetResourcePolicy"),
                Map({"resource_policy": ("PolicyInJson", policy)}),
                absent={"EntityNotFoundException": {}},
            ),
        ),
    ),
    ResourceSpec(
        model=GlueConnection,
        service="glue",
        list=Call("GetConnections", lambda _doc: {"HidePassword": True}),
        items="ConnectionList",
        normalize=_connection,
    ),
    listed(
        GlueSecurityConfiguration,
        "glue",
        "GetSecurityConfigurations",
        "SecurityConfigurations",
        _security_configuration,
    ),
    listed(GlueJob, "glue", "GetJobs", "Jobs", _job, TAGS),
    listed(GlueCrawler, "glue", "GetCrawlers", "Crawlers", _crawler, TAGS),
    listed(GlueDevEndpoint, "glue", "GetDevEndpoints", "DevEndpoints", _dev_endpoint, TAGS),
)
