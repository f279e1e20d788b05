"""Lambda: functions with their exposure (resource policy, function URL), network and encryption.

Functions are listed with ListFunctions, which already carries most of the configuration. Two
things are deliberately never collected:

- environment variable VALUES: they often hold secrets (passwords, tokens), so only the variable
  names reach the inventory, with the names (and detector kinds) of those whose value
  detect-secrets takes for a secret (:mod:`cloudwarden.aws.secret_detection`), scanned here
  before the values are dropped;
- the code package: GetFunction's ``Code.Location`` is a pre-signed download link, so GetFunction
  is not called at all.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import (
    Map,
    Tags,
    flag,
    nonempty,
    one,
    policy,
    required,
    strings,
)
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.aws.secret_detection import secret_variable_kinds
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class FunctionUrlCors(Document):
    """The CORS settings of a function URL."""

    allow_origins: list[str] = Field(
        default_factory=list, description="Origins allowed to call the URL; '*' allows any."
    )
    allow_methods: list[str] = Field(default_factory=list, description="Allowed HTTP methods.")
    allow_headers: list[str] = Field(default_factory=list, description="Allowed request headers.")
    allow_credentials: bool = Field(
        default=False, description="Cookies and credentials are allowed in cross-origin calls."
    )


class FunctionUrlConfig(Document):
    """The function URL (a dedicated HTTPS endpoint) of the unqualified function."""

    url: str = Field(description="The HTTPS endpoint of the function.")
    auth_type: str = Field(
        description="NONE (anyone on the internet can invoke it) or AWS_IAM (signed requests)."
    )
    invoke_mode: str | None = Field(default=None, description="BUFFERED or RESPONSE_STREAM.")
    cors: FunctionUrlCors | None = Field(default=None, description="CORS settings; null if none.")


class EnvironmentSecret(Document):
    """An environment variable whose value looks like a secret (the value is never kept)."""

    name: str = Field(description="The variable name, e.g. DB_PASSWORD.")
    kinds: list[str] = Field(
        default_factory=list,
        description="What detect-secrets found in the value (e.g. 'Secret Keyword', "
        "'AWS Access Key'), sorted.",
    )


@resource_type("aws.lambda.function", "A Lambda function and its security configuration.")
class LambdaFunction(Resource):
    """A Lambda function ($LATEST). Environment variable values are never collected."""

    runtime: str | None = Field(
        default=None,
        description="The runtime identifier, e.g. python3.12; null for container images. "
        "Checks decide which runtimes are deprecated.",
    )
    handler: str | None = Field(default=None, description="The handler entry point.")
    role: str = Field(description="The ARN of the execution role the function runs as.")
    description: str = Field(default="", description="The function description.")
    last_modified: datetime | None = Field(default=None, description="When it last changed.")
    timeout: int | None = Field(default=None, description="The timeout in seconds.")
    memory: int | None = Field(default=None, description="The memory size in MB.")
    architectures: list[str] = Field(default_factory=list, description="x86_64 and/or arm64.")
    package_type: str | None = Field(default=None, description="Zip or Image.")
    state: str | None = Field(default=None, description="Pending, Active, Inactive or Failed.")
    vpc_id: str | None = Field(default=None, description="The VPC it runs in; null if none.")
    subnet_ids: list[str] = Field(
        default_factory=list, description="The VPC subnets it is attached to; empty if no VPC."
    )
    security_group_ids: list[str] = Field(
        default_factory=list, description="The security groups of its VPC network interfaces."
    )
    environment_variable_names: list[str] = Field(
        default_factory=list,
        description="The NAMES of its environment variables (sorted). Values are never "
        "collected because they often hold secrets.",
    )
    environment_secrets: list[EnvironmentSecret] = Field(
        default_factory=list,
        description="The environment variables whose plain-text value detect-secrets takes for "
        "a secret, by name and detector kind; values are never kept. ARN values (references "
        "to Secrets Manager or Parameter Store) are not secrets.",
    )
    kms_key_arn: str | None = Field(
        default=None,
        description="The customer managed KMS key encrypting its environment variables; "
        "null means the AWS managed key.",
    )
    tracing_mode: str | None = Field(
        default=None, description="X-Ray tracing: Active or PassThrough."
    )
    layers: list[str] = Field(default_factory=list, description="The ARNs of its layers.")
    dead_letter_target_arn: str | None = Field(
        default=None,
        description="The SQS queue or SNS topic for failed async events; null if none.",
    )
    reserved_concurrent_executions: int | None = Field(
        default=None, description="Reserved concurrency; null if the function has none reserved."
    )
    policy: dict[str, Any] | None = Field(
        default=None,
        description="The resource-based policy (who may invoke it), parsed; null if none.",
    )
    url_config: FunctionUrlConfig | None = Field(
        default=None, description="The function URL of the unqualified function; null if none."
    )
    code_signing_config_arn: str | None = Field(
        default=None, description="The code signing configuration enforced; null if none."
    )


def _function(item: Any, ctx: RegionContext) -> Doc:
    vpc = item.get("VpcConfig") or {}
    variables = (item.get("Environment") or {}).get("Variables") or {}
    return {
        "id": item["FunctionName"],
        "name": item["FunctionName"],
        "arn": item["FunctionArn"],
        "runtime": item.get("Runtime"),
        "handler": item.get("Handler"),
        "role": item["Role"],
        "description": item.get("Description") or "",
        "last_modified": item.get("LastModified"),
        "timeout": item.get("Timeout"),
        "memory": item.get("MemorySize"),
        "architectures": item.get("Architectures", []),
        "package_type": item.get("PackageType"),
        "state": item.get("State"),
        "vpc_id": vpc.get("VpcId") or None,
        "subnet_ids": vpc.get("SubnetIds", []),
        "security_group_ids": vpc.get("SecurityGroupIds", []),
        # Names only: the values are dropped here, before anything else sees the item.
        "environment_variable_names": sorted(variables),
        "environment_secrets": [
            {"name": name, "kinds": kinds}
            for name, kinds in secret_variable_kinds(variables).items()
        ],
        "kms_key_arn": item.get("KMSKeyArn"),
        "tracing_mode": (item.get("TracingConfig") or {}).get("Mode"),
        "layers": [layer["Arn"] for layer in item.get("Layers", [])],
        "dead_letter_target_arn": (item.get("DeadLetterConfig") or {}).get("TargetArn"),
    }


def _function_params(doc: Doc) -> dict[str, Any]:
    return {"FunctionName": doc["id"]}


_CORS = Map(
    {
        "allow_origins": ("AllowOrigins", strings),
        "allow_methods": ("AllowMethods", strings),
        "allow_headers": ("AllowHeaders", strings),
        "allow_credentials": ("AllowCredentials", flag),
    }
)
_URL_CONFIG = Map(
    {
        "url": ("FunctionUrl", required),
        "auth_type": ("AuthType", required),
        "invoke_mode": "InvokeMode",
        "cors": ("Cors", one(_CORS)),
    }
)


collectors.register(
    ResourceSpec(
        model=LambdaFunction,
        service="lambda",
        list=Call("ListFunctions"),
        items="Functions",
        normalize=_function,
        details=(
            Detail(
                Call("GetFunctionConcurrency", _function_params),
                Map({"reserved_concurrent_executions": "ReservedConcurrentExecutions"}),
            ),
            Detail(
                Call("GetPolicy", _function_params),
                Map({"policy": ("Policy", policy)}),
                absent={"ResourceNotFoundException": {}},
            ),
            Detail(
                # The URL of the unqualified function; URLs on aliases are not covered.
                Call("GetFunctionUrlConfig", _function_params),
                # An absent URL answers {}: no configuration.
                Map({"url_config": ("@", one(_URL_CONFIG))}),
                absent={"ResourceNotFoundException": {}},
            ),
            Detail(
                Call("GetFunctionCodeSigningConfig", _function_params),
                Map({"code_signing_config_arn": ("CodeSigningConfigArn", nonempty)}),
            ),
            Detail(
                Call("ListTags", lambda doc: {"Resource": doc["arn"]}),
                Tags(key=None),
            ),
        ),
    )
)
