"""API Gateway v2: HTTP and WebSocket APIs with their routes, stages and custom domains.

Stages are a resource of their own (access logging and route defaults are set per stage),
listed API by API. Stage variable values are never collected: they often hold credentials.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.apigateway import api_call, tag_map
from cloudwarden.aws.collectors.mapping import Map, each, flag, one, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class Cors(Document):
    """The CORS configuration of an HTTP API."""

    allow_origins: list[str] = Field(
        default_factory=list, description="Origins allowed to call from a browser ('*' = any)."
    )
    allow_credentials: bool = Field(
        default=False, description="Browsers may send cookies and authorization headers."
    )
    allow_methods: list[str] = Field(default_factory=list, description="Allowed HTTP methods.")
    allow_headers: list[str] = Field(default_factory=list, description="Allowed request headers.")


class Route(Document):
    """A route of an HTTP or WebSocket API."""

    route_key: str = Field(
        description="'GET /orders', '$default', or for WebSocket '$connect', '$disconnect', "
        "'$default' and custom action keys."
    )
    authorization_type: str | None = Field(
        default=None, description="NONE, AWS_IAM, JWT or CUSTOM (Lambda authorizer)."
    )
    authorizer_id: str | None = Field(default=None, description="The authorizer, if any.")
    api_key_required: bool = Field(default=False, description="An API key must be sent.")


@resource_type("aws.apigatewayv2.api", "An API Gateway v2 API (HTTP or WebSocket).")
class Api(Resource):
    """An HTTP or WebSocket API; its id is the API id."""

    protocol_type: str = Field(description="HTTP or WEBSOCKET.")
    api_endpoint: str | None = Field(default=None, description="The default execute-api URL.")
    disable_execute_api_endpoint: bool = Field(
        default=False, description="The default execute-api endpoint is turned off."
    )
    cors: Cors | None = Field(default=None, description="CORS configuration; null if none.")
    created_date: datetime | None = Field(default=None, description="When it was created.")
    routes: list[Route] = Field(default_factory=list, description="Every route of the API.")


class RouteSettings(Document):
    """The default route settings of a stage."""

    logging_level: str | None = Field(
        default=None, description="WebSocket execution logging: OFF, ERROR or INFO."
    )
    data_trace_enabled: bool = Field(
        default=False, description="WebSocket: full message payloads are logged."
    )
    detailed_metrics_enabled: bool = Field(default=False, description="Per-route metrics.")
    throttling_burst_limit: int | None = Field(default=None, description="Burst limit.")
    throttling_rate_limit: float | None = Field(default=None, description="Requests/second.")


@resource_type("aws.apigatewayv2.stage", "A stage of an API Gateway v2 (HTTP or WebSocket) API.")
class Stage(Resource):
    """A v2 stage; its id is its ARN, its name 'API name/stage name'."""

    api_id: str = Field(description="The API it belongs to.")
    api_protocol_type: str | None = Field(
        default=None, description="HTTP or WEBSOCKET (its API's protocol)."
    )
    stage_name: str = Field(description="The stage name ($default for HTTP APIs' default).")
    auto_deploy: bool = Field(default=False, description="Changes deploy automatically.")
    access_log_destination: str | None = Field(
        default=None, description="The CloudWatch Logs group receiving access logs; null if off."
    )
    access_log_format: str | None = Field(default=None, description="The access log format.")
    default_route_settings: RouteSettings | None = Field(
        default=None, description="Settings applied to every route unless overridden."
    )
    client_certificate_id: str | None = Field(
        default=None, description="WebSocket: the client certificate for the backend."
    )
    variable_names: list[str] = Field(
        default_factory=list, description="Names of its stage variables (values never collected)."
    )
    created_date: datetime | None = Field(default=None, description="When it was created.")


class DomainConfiguration(Document):
    """One endpoint configuration of a custom domain."""

    endpoint_type: str | None = Field(default=None, description="REGIONAL or EDGE.")
    security_policy: str | None = Field(default=None, description="TLS_1_0 or TLS_1_2.")
    certificate_arn: str | None = Field(default=None, description="The ACM certificate.")


@resource_type("aws.apigatewayv2.domain_name", "A custom domain name of API Gateway v2.")
class DomainName(Resource):
    """A v2 custom domain; its id and name are the domain."""

    configurations: list[DomainConfiguration] = Field(
        default_factory=list, description="Its endpoint configurations (TLS policy, certificate)."
    )
    mutual_tls_truststore_uri: str | None = Field(
        default=None, description="The S3 truststore of mutual TLS; null if mTLS is off."
    )
    mapped_api_ids: list[str] = Field(
        default_factory=list, description="The APIs mapped to the domain (API mappings)."
    )


_CORS = Map(
    {
        "allow_origins": ("AllowOrigins", strings),
        "allow_credentials": ("AllowCredentials", flag),
        "allow_methods": ("AllowMethods", strings),
        "allow_headers": ("AllowHeaders", strings),
    }
)
_API = Map(
    {
        "protocol_type": "ProtocolType",
        "api_endpoint": "ApiEndpoint",
        "disable_execute_api_endpoint": ("DisableExecuteApiEndpoint", flag),
        "cors": ("CorsConfiguration", one(_CORS)),
        "created_date": "CreatedDate",
        "tags": ("Tags", tag_map),
    }
)
_ROUTE = Map(
    {
        "route_key": "RouteKey",
        "authorization_type": "AuthorizationType",
        "authorizer_id": "AuthorizerId",
        "api_key_required": ("ApiKeyRequired", flag),
    }
)


def _api(item: Any, ctx: RegionContext) -> Doc:
    arn = f"arn:{ctx.partition}:apigateway:{ctx.region}::/apis/{item['ApiId']}"
    return {"id": item["ApiId"], "arn": arn, "name": item.get("Name"), **_API.read(item)}


def list_stages(client: Any, _params: Any) -> dict[str, Any]:
    """Every stage of every v2 API of the region, each carrying its API's id, name, protocol."""
    stages: list[Any] = []
    for page in client.get_paginator("get_apis").paginate():
        for api in page.get("Items", []):
            api_fields = {
                "ApiId": api["ApiId"],
                "ApiName": api.get("Name", api["ApiId"]),
                "ProtocolType": api.get("ProtocolType"),
            }
            for stage_page in client.get_paginator("get_stages").paginate(ApiId=api["ApiId"]):
                stages.extend({**stage, **api_fields} for stage in stage_page.get("Items", []))
    return {"Items": stages}


_ROUTE_SETTINGS = Map(
    {
        "logging_level": "LoggingLevel",
        "data_trace_enabled": ("DataTraceEnabled", flag),
        "detailed_metrics_enabled": ("DetailedMetricsEnabled", flag),
        "throttling_burst_limit": "ThrottlingBurstLimit",
        "throttling_rate_limit": "ThrottlingRateLimit",
    }
)
_STAGE = Map(
    {
        "api_id": "ApiId",
        "api_protocol_type": "ProtocolType",
        "stage_name": "StageName",
        "auto_deploy": ("AutoDeploy", flag),
        "access_log_destination": "AccessLogSettings.DestinationArn",
        "access_log_format": "AccessLogSettings.Format",
        "default_route_settings": ("DefaultRouteSettings", one(_ROUTE_SETTINGS)),
        "client_certificate_id": "ClientCertificateId",
        "variable_names": ("StageVariables", lambda found: sorted(found or {})),
        "created_date": "CreatedDate",
        "tags": ("Tags", tag_map),
    }
)


def _stage(item: Any, ctx: RegionContext) -> Doc:
    api, stage = item["ApiId"], item["StageName"]
    arn = f"arn:{ctx.partition}:apigateway:{ctx.region}::/apis/{api}/stages/{stage}"
    return {"id": arn, "arn": arn, "name": f"{item['ApiName']}/{stage}", **_STAGE.read(item)}


_DOMAIN_CONFIGURATION = Map(
    {
        "endpoint_type": "EndpointType",
        "security_policy": "SecurityPolicy",
        "certificate_arn": "CertificateArn",
    }
)
_DOMAIN = Map(
    {
        "configurations": ("DomainNameConfigurations", each(_DOMAIN_CONFIGURATION)),
        "mutual_tls_truststore_uri": "MutualTlsAuthentication.TruststoreUri",
        "tags": ("Tags", tag_map),
    }
)


def _domain(item: Any, ctx: RegionContext) -> Doc:
    name = item["DomainName"]
    default_arn = f"arn:{ctx.partition}:apigateway:{ctx.region}::/domainnames/{name}"
    arn = item.get("DomainNameArn") or default_arn
    return {"id": name, "arn": arn, "name": name, **_DOMAIN.read(item)}


collectors.register(
    ResourceSpec(
        model=Api,
        service="apigatewayv2",
        list=api_call("GetApis"),
        items="Items",
        normalize=_api,
        details=(
            Detail(
                api_call("GetRoutes", lambda doc: {"ApiId": doc["id"]}),
                Map({"routes": ("Items", each(_ROUTE))}),
            ),
        ),
    ),
    ResourceSpec(
        model=Stage,
        service="apigatewayv2",
        list=api_call("GetStages", fetch=list_stages),
        items="Items",
        normalize=_stage,
    ),
    ResourceSpec(
        model=DomainName,
        service="apigatewayv2",
        list=api_call("GetDomainNames"),
        items="Items",
        normalize=_domain,
        details=(
            Detail(
                api_call("GetApiMappings", lambda doc: {"DomainName": doc["id"]}),
                Map({"mapped_api_ids": ("Items[].ApiId", strings)}),
            ),
        ),
    ),
)
