"""API Gateway v2: a guarded and a careless HTTP API, and the same pair of WebSocket APIs.

The checkout HTTP API authorizes its routes with JWT, allows one browser origin, is reached
only through its TLS 1.2 custom domain and logs and throttles its stage. The public HTTP API
has an open route, CORS for any origin with credentials, its execute-api endpoint left on
beside a TLS 1.0 domain, and no access logs. The chat WebSocket API authorizes $connect and
logs errors; the legacy one lets anyone connect and logs whole messages.
"""

from __future__ import annotations

from typing import Any

from cloudwarden.demo.seed import SeedContext

SECURE_HTTP = "cw-demo-checkout-http"
PUBLIC_HTTP = "cw-demo-public-http"
SECURE_WS = "cw-demo-chat-ws"
LEGACY_WS = "cw-demo-legacy-ws"
SECURE_DOMAIN = "checkout.cw-demo.example.com"
LEGACY_DOMAIN = "public.cw-demo.example.com"
ACCESS_LOG_GROUP = "cw-demo-http-api-access-logs"
TRUSTED_ORIGIN = "https://shop.cw-demo.example.com"
THROTTLING = {"ThrottlingBurstLimit": 200, "ThrottlingRateLimit": 100.0}


def _api(ctx: SeedContext, name: str, protocol: str, **options: Any) -> str:
    if protocol == "WEBSOCKET":
        options["RouteSelectionExpression"] = "$request.body.action"
    api_id: str = ctx.client("apigatewayv2").create_api(
        Name=name, ProtocolType=protocol, Tags={"app": name}, **options
    )["ApiId"]
    return api_id


def _routes(ctx: SeedContext, api_id: str, routes: dict[str, dict[str, str]]) -> None:
    for key, authorization in routes.items():
        ctx.client("apigatewayv2").create_route(ApiId=api_id, RouteKey=key, **authorization)


def _domain(ctx: SeedContext, domain: str, policy: str, api_id: str, certificate: str) -> None:
    apigatewayv2 = ctx.client("apigatewayv2")
    apigatewayv2.create_domain_name(
        DomainName=domain,
        DomainNameConfigurations=[
            {"CertificateArn": certificate, "EndpointType": "REGIONAL", "SecurityPolicy": policy}
        ],
    )
    apigatewayv2.create_api_mapping(ApiId=api_id, DomainName=domain, Stage="$default")


def seed(ctx: SeedContext) -> None:
    apigatewayv2 = ctx.client("apigatewayv2")
    log_group = f"arn:aws:logs:{ctx.home}:{ctx.account_id}:log-group:{ACCESS_LOG_GROUP}"
    ctx.client("logs").create_log_group(logGroupName=ACCESS_LOG_GROUP)
    access_logs = {"DestinationArn": log_group, "Format": "$context.requestId $context.status"}

    checkout = _api(
        ctx,
        SECURE_HTTP,
        "HTTP",
        DisableExecuteApiEndpoint=True,
        CorsConfiguration={
            "AllowOrigins": [TRUSTED_ORIGIN],
            "AllowCredentials": True,
            "AllowMethods": ["GET", "POST"],
        },
    )
    authorizer = {"AuthorizationType": "JWT", "AuthorizerId": "cw-demo-jwt"}
    _routes(ctx, checkout, {"GET /cart": authorizer, "POST /cart": authorizer})
    apigatewayv2.create_stage(
        ApiId=checkout,
        StageName="$default",
        AutoDeploy=True,
        AccessLogSettings=access_logs,
        DefaultRouteSettings={"DetailedMetricsEnabled": True, **THROTTLING},
    )

    public = _api(
        ctx,
        PUBLIC_HTTP,
        "HTTP",
        CorsConfiguration={"AllowOrigins": ["*"], "AllowCredentials": True, "AllowMethods": ["*"]},
    )
    _routes(
        ctx,
        public,
        {
            "GET /items": {"AuthorizationType": "NONE"},
            "OPTIONS /items": {"AuthorizationType": "NONE"},
        },
    )
    apigatewayv2.create_stage(ApiId=public, StageName="$default", AutoDeploy=True)

    chat = _api(ctx, SECURE_WS, "WEBSOCKET")
    _routes(
        ctx,
        chat,
        {"$connect": {"AuthorizationType": "AWS_IAM"}, "$default": {"AuthorizationType": "NONE"}},
    )
    apigatewayv2.create_stage(
        ApiId=chat,
        StageName="prod",
        AccessLogSettings=access_logs,
        DefaultRouteSettings={"LoggingLevel": "ERROR", "DataTraceEnabled": False, **THROTTLING},
    )

    legacy = _api(ctx, LEGACY_WS, "WEBSOCKET")
    _routes(ctx, legacy, {"$connect": {"AuthorizationType": "NONE"}})
    apigatewayv2.create_stage(
        ApiId=legacy,
        StageName="prod",
        DefaultRouteSettings={"LoggingLevel": "OFF", "DataTraceEnabled": True},
    )

    certificate = ctx.client("acm").request_certificate(
        DomainName=SECURE_DOMAIN, ValidationMethod="DNS", SubjectAlternativeNames=[LEGACY_DOMAIN]
    )["CertificateArn"]
    _domain(ctx, SECURE_DOMAIN, "TLS_1_2", checkout, certificate)
    _domain(ctx, LEGACY_DOMAIN, "TLS_1_0", public, certificate)
