"""Lambda: a public function (open resource policy, unauthenticated URL, secret in its
environment, deprecated runtime) and a private one (VPC, reserved concurrency, X-Ray, KMS).

The execution role ``cw-demo-lambda-role`` is created here: moto's CreateFunction wants a role
that exists. The code is a tiny zip built in memory; nothing is ever invoked (no Docker here).
"""

from __future__ import annotations

import io
import json
import zipfile

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.elbv2 import default_network
from cloudwarden.demo.seed.kms import ensure_data_key

ROLE = "cw-demo-lambda-role"
PUBLIC_FUNCTION = "cw-demo-public-function"
PRIVATE_FUNCTION = "cw-demo-private-function"
EU_FUNCTION = "cw-demo-eu-function"
LAYER = "cw-demo-shared-layer"
DEPRECATED_RUNTIME = "python3.8"
CURRENT_RUNTIME = "python3.12"
RESERVED_CONCURRENCY = 10
ENV_SECRET_NAME = "DB_PASSWORD"  # noqa: S105 - a variable name, planted on purpose
ENV_SECRET_VALUE = "cw-demo-env-password-7d3a"  # noqa: S105 - fake, planted on purpose
"""An environment variable value the inventory must never contain."""

HANDLER_SOURCE = "def handler(event, context):\n    return {'statusCode': 200}\n"


def _package() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.py", HANDLER_SOURCE)
    return buffer.getvalue()


def _execution_role(ctx: SeedContext) -> str:
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
    role = ctx.client("iam").create_role(RoleName=ROLE, AssumeRolePolicyDocument=json.dumps(trust))
    return str(role["Role"]["Arn"])


def seed(ctx: SeedContext) -> None:
    lam = ctx.client("lambda", ctx.home)
    role = _execution_role(ctx)
    code = _package()

    lam.create_function(
        FunctionName=PUBLIC_FUNCTION,
        Runtime=DEPRECATED_RUNTIME,
        Role=role,
        Handler="index.handler",
        Code={"ZipFile": code},
        Description="Public webhook",
        Environment={"Variables": {ENV_SECRET_NAME: ENV_SECRET_VALUE, "STAGE": "demo"}},
    )
    lam.add_permission(
        FunctionName=PUBLIC_FUNCTION,
        StatementId="AllowEveryone",
        Action="lambda:InvokeFunction",
        Principal="*",
    )
    lam.create_function_url_config(
        FunctionName=PUBLIC_FUNCTION, AuthType="NONE", Cors={"AllowOrigins": ["*"]}
    )

    layer = lam.publish_layer_version(LayerName=LAYER, Content={"ZipFile": code})
    _, subnets, security_groups = default_network(ctx.client("ec2", ctx.home))
    lam.create_function(
        FunctionName=PRIVATE_FUNCTION,
        Runtime=CURRENT_RUNTIME,
        Role=role,
        Handler="index.handler",
        Code={"ZipFile": code},
        Timeout=30,
        MemorySize=256,
        Architectures=["arm64"],
        VpcConfig={"SubnetIds": subnets, "SecurityGroupIds": security_groups},
        TracingConfig={"Mode": "Active"},
        KMSKeyArn=ensure_data_key(ctx),
        Environment={"Variables": {"LOG_LEVEL": "info"}},
        Layers=[layer["LayerVersionArn"]],
        Tags={"owner": "platform"},
    )
    lam.put_function_concurrency(
        FunctionName=PRIVATE_FUNCTION, ReservedConcurrentExecutions=RESERVED_CONCURRENCY
    )

    if len(ctx.regions) > 1:
        ctx.client("lambda", ctx.regions[1]).create_function(
            FunctionName=EU_FUNCTION,
            Runtime=CURRENT_RUNTIME,
            Role=role,
            Handler="index.handler",
            Code={"ZipFile": code},
        )
