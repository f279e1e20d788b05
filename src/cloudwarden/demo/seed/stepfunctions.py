"""Step Functions: an order workflow logged to CloudWatch, traced with X-Ray and encrypted with
the demo KMS key, and a legacy webhook relay without logging or tracing whose definition calls
an HTTP endpoint with a password in its task parameters."""

from __future__ import annotations

import json

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.ecs import fake_password
from cloudwarden.demo.seed.kms import ensure_data_key

HARDENED_MACHINE = "cw-demo-order-workflow"
LEGACY_MACHINE = "cw-demo-webhook-relay"
LOG_GROUP = "/aws/vendedlogs/states/cw-demo-order-workflow"


def _definition(parameters: dict[str, str]) -> str:
    return json.dumps(
        {
            "Comment": "cloudwarden demo",
            "StartAt": "Call",
            "States": {
                "Call": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": parameters,
                    "End": True,
                }
            },
        }
    )


def seed(ctx: SeedContext) -> None:
    states = ctx.client("stepfunctions", ctx.home)
    role = f"arn:aws:iam::{ctx.account_id}:role/cw-demo-states"
    log_group = f"arn:aws:logs:{ctx.home}:{ctx.account_id}:log-group:{LOG_GROUP}:*"
    function = f"arn:aws:lambda:{ctx.home}:{ctx.account_id}:function:cw-demo-orders"
    states.create_state_machine(
        name=HARDENED_MACHINE,
        definition=_definition({"FunctionName": function, "Payload.$": "$"}),
        roleArn=role,
        type="STANDARD",
        loggingConfiguration={
            "level": "ERROR",
            "includeExecutionData": False,
            "destinations": [{"cloudWatchLogsLogGroup": {"logGroupArn": log_group}}],
        },
        tracingConfiguration={"enabled": True},
        encryptionConfiguration={
            "type": "CUSTOMER_MANAGED_KMS_KEY",
            "kmsKeyId": ensure_data_key(ctx),
            "kmsDataKeyReusePeriodSeconds": 300,
        },
        tags=[{"key": "owner", "value": "orders"}],
    )
    states.create_state_machine(
        name=LEGACY_MACHINE,
        definition=_definition(
            {"FunctionName": function, "password": fake_password(), "Payload.$": "$"}
        ),
        roleArn=role,
        type="EXPRESS",
    )
