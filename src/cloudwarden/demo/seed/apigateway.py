"""API Gateway REST APIs: a production orders API done right and a forgotten legacy one.

The orders API authorizes every method (IAM or a Lambda authorizer); its prod stage logs
errors and access, traces with X-Ray, encrypts its cache and sits behind a WAF web ACL, on a
custom domain with TLS 1.2. The legacy API has an open GET method; its dev stage logs nothing
but full payloads (data trace), caches unencrypted, and its domain still allows TLS 1.0.
"""

from __future__ import annotations

from typing import Any

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.wafv2 import create_web_acl

SECURE_API = "cw-demo-orders-api"
SECURE_STAGE = "prod"
LEGACY_API = "cw-demo-legacy-api"
LEGACY_STAGE = "dev"
SECURE_DOMAIN = "api.cw-demo.example.com"
LEGACY_DOMAIN = "legacy-api.cw-demo.example.com"
WEB_ACL = "cw-demo-api-acl"
ACCESS_LOG_GROUP = "cw-demo-api-access-logs"
AUTHORIZER_FUNCTION = "arn:aws:lambda:{region}:{account}:function:cw-demo-api-authorizer"


def _api(ctx: SeedContext, name: str, methods: dict[str, dict[str, Any]]) -> str:
    apigateway = ctx.client("apigateway")
    api_id: str = apigateway.create_rest_api(
        name=name, endpointConfiguration={"types": ["REGIONAL"]}, tags={"app": name}
    )["id"]
    root = apigateway.get_resources(restApiId=api_id)["items"][0]["id"]
    orders = apigateway.create_resource(restApiId=api_id, parentId=root, pathPart="orders")["id"]
    for verb, settings in methods.items():
        apigateway.put_method(restApiId=api_id, resourceId=orders, httpMethod=verb, **settings)
        apigateway.put_integration(
            restApiId=api_id, resourceId=orders, httpMethod=verb, type="MOCK"
        )
    return api_id


def _stage(
    ctx: SeedContext, api_id: str, name: str, settings: dict[str, str], **options: Any
) -> None:
    """Deploy the API to a caching stage, then apply its method and logging ``settings``."""
    apigateway = ctx.client("apigateway")
    deployment = apigateway.create_deployment(restApiId=api_id)["id"]
    apigateway.create_stage(
        restApiId=api_id,
        stageName=name,
        deploymentId=deployment,
        cacheClusterEnabled=True,
        cacheClusterSize="0.5",
        **options,
    )
    apigateway.update_stage(
        restApiId=api_id,
        stageName=name,
        patchOperations=[
            {"op": "replace", "path": path, "value": value} for path, value in settings.items()
        ],
    )


def seed(ctx: SeedContext) -> None:
    apigateway = ctx.client("apigateway")
    region = ctx.home
    log_group_arn = f"arn:aws:logs:{region}:{ctx.account_id}:log-group:{ACCESS_LOG_GROUP}"
    ctx.client("logs").create_log_group(logGroupName=ACCESS_LOG_GROUP)

    secure = _api(ctx, SECURE_API, {"POST": {"authorizationType": "AWS_IAM"}})
    authorizer = apigateway.create_authorizer(
        restApiId=secure,
        name="orders-token",
        type="TOKEN",
        authorizerUri=(
            f"arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/"
            f"{AUTHORIZER_FUNCTION.format(region=region, account=ctx.account_id)}/invocations"
        ),
        identitySource="method.request.header.Authorization",
    )["id"]
    orders = apigateway.get_resources(restApiId=secure)["items"]
    orders_id = next(item["id"] for item in orders if item.get("pathPart") == "orders")
    apigateway.put_method(
        restApiId=secure,
        resourceId=orders_id,
        httpMethod="GET",
        authorizationType="CUSTOM",
        authorizerId=authorizer,
    )
    apigateway.put_integration(
        restApiId=secure, resourceId=orders_id, httpMethod="GET", type="MOCK"
    )
    _stage(
        ctx,
        secure,
        SECURE_STAGE,
        {
            "/*/*/logging/loglevel": "ERROR",
            "/*/*/metrics/enabled": "true",
            "/*/*/caching/enabled": "true",
            "/*/*/caching/dataEncrypted": "true",
            "/accessLogSettings/destinationArn": log_group_arn,
            "/accessLogSettings/format": "$context.requestId $context.status",
        },
        tracingEnabled=True,
        variables={"ordersTable": "orders-prod"},
        tags={"env": "prod"},
    )
    web_acl = create_web_acl(ctx, WEB_ACL)
    ctx.client("wafv2").associate_web_acl(
        WebACLArn=web_acl,
        ResourceArn=f"arn:aws:apigateway:{region}::/restapis/{secure}/stages/{SECURE_STAGE}",
    )

    legacy = _api(
        ctx,
        LEGACY_API,
        {"GET": {"authorizationType": "NONE"}, "OPTIONS": {"authorizationType": "NONE"}},
    )
    _stage(
        ctx,
        legacy,
        LEGACY_STAGE,
        {
            "/*/*/logging/loglevel": "OFF",
            "/*/*/logging/dataTrace": "true",
            "/*/*/caching/enabled": "true",
            "/*/*/caching/dataEncrypted": "false",
        },
    )

    certificate_arn = ctx.client("acm").request_certificate(
        DomainName=SECURE_DOMAIN,
        ValidationMethod="DNS",
        SubjectAlternativeNames=[LEGACY_DOMAIN],
    )["CertificateArn"]
    for domain, policy in ((SECURE_DOMAIN, "TLS_1_2"), (LEGACY_DOMAIN, "TLS_1_0")):
        apigateway.create_domain_name(
            domainName=domain,
            regionalCertificateArn=certificate_arn,
            endpointConfiguration={"types": ["REGIONAL"]},
            securityPolicy=policy,
        )
