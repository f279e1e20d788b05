"""API Gateway (REST APIs, v1): APIs with their methods' authorization, stages, custom domains.

A stage is a resource of its own (logging, tracing, caching, WAF and client certificates are
set per stage); stages are listed API by API. Stage variable values are never collected, only
their names: they often hold credentials.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, each, flag, policy, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource

EXECUTION_LOG_LEVELS = ("ERROR", "INFO")
"""Execution logging levels that write to CloudWatch Logs (OFF writes nothing)."""


class Method(Document):
    """One method of a REST API resource."""

    path: str = Field(description="The resource path, e.g. /orders/{id}.")
    http_method: str = Field(description="GET, POST, ..., ANY or OPTIONS (CORS pre-flight).")
    authorization_type: str | None = Field(
        default=None, description="NONE, AWS_IAM, CUSTOM (Lambda authorizer) or COGNITO_USER_POOLS."
    )
    authorizer_id: str | None = Field(
        default=None, description="The authorizer used by CUSTOM and COGNITO_USER_POOLS methods."
    )
    api_key_required: bool = Field(
        default=False, description="Callers must send an API key (usage plans; not authentication)."
    )


class Authorizer(Document):
    """An authorizer of a REST API."""

    id: str = Field(description="The authorizer id.")
    name: str | None = Field(default=None, description="Its name.")
    type: str | None = Field(default=None, description="TOKEN, REQUEST or COGNITO_USER_POOLS.")


@resource_type("aws.apigateway.rest_api", "An API Gateway REST API (v1).")
class RestApi(Resource):
    """A REST API; its id is the API id."""

    description: str | None = Field(default=None, description="Its description.")
    created_date: datetime | None = Field(default=None, description="When it was created.")
    endpoint_types: list[str] = Field(
        default_factory=list, description="EDGE, REGIONAL or PRIVATE (reachable only via VPC)."
    )
    api_key_source: str | None = Field(default=None, description="HEADER or AUTHORIZER.")
    disable_execute_api_endpoint: bool = Field(
        default=False,
        description="The default https://{id}.execute-api.{region}.amazonaws.com endpoint is "
        "turned off (clients must use a custom domain).",
    )
    policy: dict[str, Any] | None = Field(
        default=None, description="The resource policy, parsed from JSON; null if none."
    )
    methods: list[Method] = Field(
        default_factory=list, description="Every method of every resource of the API."
    )
    authorizers: list[Authorizer] = Field(
        default_factory=list, description="The Lambda and Cognito authorizers defined on it."
    )


class MethodSetting(Document):
    """Logging, metrics and caching settings of a stage, for all methods or one of them."""

    path: str = Field(description="'*/*' for every method, else '{resource path}/{HTTP method}'.")
    logging_level: str | None = Field(
        default=None, description="Execution logging to CloudWatch Logs: OFF, ERROR or INFO."
    )
    data_trace_enabled: bool = Field(
        default=False, description="Full request and response payloads are logged."
    )
    metrics_enabled: bool = Field(default=False, description="Detailed CloudWatch metrics.")
    caching_enabled: bool = Field(default=False, description="Responses are cached.")
    cache_data_encrypted: bool = Field(default=False, description="The cached data is encrypted.")


@resource_type("aws.apigateway.stage", "A stage (deployment target) of an API Gateway REST API.")
class Stage(Resource):
    """A REST API stage; its id is its ARN, its name 'API name/stage name'."""

    rest_api_id: str = Field(description="The REST API it belongs to.")
    stage_name: str = Field(description="The stage name, e.g. prod.")
    api_endpoint_types: list[str] = Field(
        default_factory=list, description="The endpoint types of its API (EDGE, REGIONAL, PRIVATE)."
    )
    deployment_id: str | None = Field(default=None, description="The deployment it serves.")
    client_certificate_id: str | None = Field(
        default=None,
        description="The client certificate API Gateway presents to the backend; null if none.",
    )
    cache_cluster_enabled: bool = Field(default=False, description="A cache cluster runs.")
    cache_cluster_size: str | None = Field(default=None, description="Its size in GB, e.g. 0.5.")
    method_settings: list[MethodSetting] = Field(
        default_factory=list, description="Per-method (or */*) logging and caching settings."
    )
    tracing_enabled: bool = Field(default=False, description="AWS X-Ray tracing is active.")
    web_acl_arn: str | None = Field(
        default=None, description="The associated WAF web ACL; null if none."
    )
    access_log_destination: str | None = Field(
        default=None,
        description="Where access logs go (CloudWatch Logs group or Firehose ARN); null if off.",
    )
    access_log_format: str | None = Field(default=None, description="The access log format.")
    variable_names: list[str] = Field(
        default_factory=list,
        description="The names of its stage variables (values are never collected).",
    )
    created_date: datetime | None = Field(default=None, description="When it was created.")


@resource_type("aws.apigateway.domain_name", "A custom domain name of API Gateway (REST APIs).")
class DomainName(Resource):
    """A custom domain name; its id and name are the domain."""

    endpoint_types: list[str] = Field(
        default_factory=list, description="EDGE, REGIONAL or PRIVATE."
    )
    security_policy: str | None = Field(
        default=None,
        description="The TLS policy: TLS_1_0, TLS_1_2 or an enhanced SecurityPolicy_TLS13_* one.",
    )
    status: str | None = Field(default=None, description="AVAILABLE, PENDING, UPDATING...")
    certificate_arn: str | None = Field(
        default=None, description="The ACM certificate (regional, else edge-optimized)."
    )
    mutual_tls_truststore_uri: str | None = Field(
        default=None, description="The S3 truststore of mutual TLS; null if mTLS is off."
    )


def api_call(
    operation: str,
    params: Callable[[Doc], Mapping[str, Any]] | None = None,
    fetch: Callable[[Any, Mapping[str, Any]], Any] | None = None,
) -> Call:
    """An API Gateway read: IAM authorizes every one of them (v1 and v2) as apigateway:GET."""
    return Call(operation, params, permission="apigateway:GET", fetch=fetch)


def tag_map(tags: Any) -> dict[str, str]:
    """API Gateway answers tags as a plain map (or leaves the key out)."""
    return {str(key): str(value) for key, value in (tags or {}).items()}


def _rest_api(item: Any, ctx: RegionContext) -> Doc:
    return {
        "id": item["id"],
        "arn": f"arn:{ctx.partition}:apigateway:{ctx.region}::/restapis/{item['id']}",
        "name": item.get("name"),
        **_REST_API.read(item),
    }


_REST_API = Map(
    {
        "description": "description",
        "created_date": "createdDate",
        "endpoint_types": ("endpointConfiguration.types", strings),
        "api_key_source": "apiKeySource",
        "disable_execute_api_endpoint": ("disableExecuteApiEndpoint", flag),
        "policy": ("policy", policy),
        "tags": ("tags", tag_map),
    }
)


def _apply_methods(doc: Doc, response: Any) -> None:
    doc["methods"] = [
        {
            "path": resource.get("path", "/"),
            "http_method": verb,
            "authorization_type": method.get("authorizationType"),
            "authorizer_id": method.get("authorizerId"),
            "api_key_required": bool(method.get("apiKeyRequired")),
        }
        for resource in response.get("items", [])
        for verb, method in sorted((resource.get("resourceMethods") or {}).items())
    ]


_AUTHORIZER = Map({"id": "id", "name": "name", "type": "type"})
_AUTHORIZERS = Map({"authorizers": ("items", each(_AUTHORIZER))})


def _api_params(doc: Doc) -> dict[str, Any]:
    return {"restApiId": doc["id"]}


def list_stages(client: Any, _params: Any) -> dict[str, Any]:
    """Every stage of every REST API of the region, each carrying its API's id and name."""
    stages: list[Any] = []
    for page in client.get_paginator("get_rest_apis").paginate():
        for api in page.get("items", []):
            for stage in client.get_stages(restApiId=api["id"]).get("item", []):
                api_fields = {
                    "restApiId": api["id"],
                    "restApiName": api.get("name", api["id"]),
                    "endpointTypes": (api.get("endpointConfiguration") or {}).get("types", []),
                }
                stages.append({**stage, **api_fields})
    return {"item": stages}


def _method_setting(path: str, settings: Any) -> Doc:
    return {"path": path, **_METHOD_SETTING.read(settings)}


_METHOD_SETTING = Map(
    {
        "logging_level": "loggingLevel",
        "data_trace_enabled": ("dataTraceEnabled", flag),
        "metrics_enabled": ("metricsEnabled", flag),
        "caching_enabled": ("cachingEnabled", flag),
        "cache_data_encrypted": ("cacheDataEncrypted", flag),
    }
)
_STAGE = Map(
    {
        "rest_api_id": "restApiId",
        "stage_name": "stageName",
        "api_endpoint_types": ("endpointTypes", strings),
        "deployment_id": "deploymentId",
        "client_certificate_id": "clientCertificateId",
        "cache_cluster_enabled": ("cacheClusterEnabled", flag),
        "cache_cluster_size": "cacheClusterSize",
        "method_settings": (
            "methodSettings",
            lambda found: [_method_setting(path, value) for path, value in (found or {}).items()],
        ),
        "tracing_enabled": ("tracingEnabled", flag),
        "web_acl_arn": "webAclArn",
        "access_log_destination": "accessLogSettings.destinationArn",
        "access_log_format": "accessLogSettings.format",
        "variable_names": ("variables", lambda found: sorted(found or {})),
        "created_date": "createdDate",
        "tags": ("tags", tag_map),
    }
)


def _stage(item: Any, ctx: RegionContext) -> Doc:
    api, stage = item["restApiId"], item["stageName"]
    arn = f"arn:{ctx.partition}:apigateway:{ctx.region}::/restapis/{api}/stages/{stage}"
    return {"id": arn, "arn": arn, "name": f"{item['restApiName']}/{stage}", **_STAGE.read(item)}


_DOMAIN = Map(
    {
        "endpoint_types": ("endpointConfiguration.types", strings),
        "security_policy": "securityPolicy",
        "status": "domainNameStatus",
        "certificate_arn": "regionalCertificateArn || certificateArn",
        "mutual_tls_truststore_uri": "mutualTlsAuthentication.truststoreUri",
        "tags": ("tags", tag_map),
    }
)


def _domain(item: Any, ctx: RegionContext) -> Doc:
    name = item["domainName"]
    arn = f"arn:{ctx.partition}:apigateway:{ctx.region}::/domainnames/{name}"
    return {"id": name, "arn": arn, "name": name, **_DOMAIN.read(item)}


collectors.register(
    ResourceSpec(
        model=RestApi,
        service="apigateway",
        list=api_call("GetRestApis"),
        items="items",
        normalize=_rest_api,
        details=(
            Detail(
                api_call(
                    "GetResources", lambda doc: {"restApiId": doc["id"], "embed": ["methods"]}
                ),
                _apply_methods,
                ("methods",),
            ),
            Detail(api_call("GetAuthorizers", _api_params), _AUTHORIZERS),
        ),
    ),
    ResourceSpec(
        model=Stage,
        service="apigateway",
        list=api_call("GetStages", fetch=list_stages),
        items="item",
        normalize=_stage,
    ),
    ResourceSpec(
        model=DomainName,
        service="apigateway",
        list=api_call("GetDomainNames"),
        items="items",
        normalize=_domain,
    ),
)
