"""The stack's custom resource: Create registers the agent (a key pair generated here, the
registration token exchanged at the platform, the credentials stored in SSM SecureString);
Delete removes what the agent created at run time, tells the platform, and answers.

CloudFormation waits for the answer at ``ResponseURL``; Delete always answers SUCCESS, so a
failed clean-up never leaves the customer with a stack that cannot be deleted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from cloudwarden import __version__
from cloudwarden.agent import constants as c
from cloudwarden.agent.runtime import AgentCredentials, AgentRuntime, dumps
from cloudwarden.exceptions import CloudwardenError
from cloudwarden.protocol import (
    Registered,
    Registration,
    generate_private_key,
    private_key_to_pem,
    public_key_pem,
)

log = logging.getLogger(__name__)

RUNTIME_TAG = "cloudwarden:runtime"
"""Marks what the agent created at run time (the stack's own resources carry only the
``Created By`` tag): Delete removes exactly these, and CloudFormation the rest."""


def runtime_tags(stack_name: str) -> list[dict[str, str]]:
    return [{"Key": c.TAG_KEY, "Value": c.TAG_VALUE}, {"Key": RUNTIME_TAG, "Value": stack_name}]


def stack_of(event: dict[str, Any]) -> tuple[str, str, str]:
    """(account id, region, stack name) from the event's StackId ARN."""
    arn = str(event["StackId"])  # arn:aws:cloudformation:<region>:<account>:stack/<name>/<id>
    parts = arn.split(":")
    return parts[4], parts[3], parts[5].split("/")[1]


def register(rt: AgentRuntime, event: dict[str, Any]) -> Registered:
    properties = event["ResourceProperties"]
    account_id, region, stack_name = stack_of(event)
    key = generate_private_key()
    registered = rt.unsigned_platform(str(properties["PlatformUrl"])).post(
        "register",
        Registration(
            token=str(properties["RegistrationToken"]),
            public_key_pem=public_key_pem(key),
            agent_version=__version__,
            account_id=account_id,
            region=region,
            stack_name=stack_name,
        ),
    )
    answer = Registered.model_validate(registered)
    credentials = AgentCredentials(
        agent_id=answer.agent_id, private_key_pem=private_key_to_pem(key)
    )
    store_credentials(rt, credentials, stack_name)
    return answer


def store_credentials(rt: AgentRuntime, credentials: AgentCredentials, stack_name: str) -> None:
    """A SecureString the agent creates (CloudFormation cannot), tagged as a runtime resource;
    one left by an earlier registration of the same stack name is replaced."""
    ssm = rt.client("ssm")
    name = rt.setting(c.ENV_CREDENTIALS_PARAM)
    try:
        ssm.delete_parameter(Name=name)
    except ssm.exceptions.ParameterNotFound:
        log.info("no earlier credentials parameter to replace")
    ssm.put_parameter(
        Name=name,
        Description="The cloudwarden agent's key (the platform keeps only its public half).",
        Value=credentials.model_dump_json(),
        Type="SecureString",
        Tags=runtime_tags(stack_name),
    )


def delete_runtime_resources(rt: AgentRuntime, stack_name: str) -> list[str]:
    """Every SSM parameter and EC2 instance, volume and snapshot carrying both tags; the ids."""
    deleted: list[str] = []
    for cleaner in RUNTIME_CLEANERS:
        deleted += cleaner(rt, stack_name)
    return deleted


def _ec2_filters(stack_name: str) -> list[dict[str, Any]]:
    return [
        {"Name": f"tag:{c.TAG_KEY}", "Values": [c.TAG_VALUE]},
        {"Name": f"tag:{RUNTIME_TAG}", "Values": [stack_name]},
    ]


def _ssm_parameters(rt: AgentRuntime, stack_name: str) -> list[str]:
    ssm = rt.client("ssm")
    filters = [
        {"Key": f"tag:{c.TAG_KEY}", "Values": [c.TAG_VALUE]},
        {"Key": f"tag:{RUNTIME_TAG}", "Values": [stack_name]},
    ]
    names = [
        p["Name"]
        for page in ssm.get_paginator("describe_parameters").paginate(ParameterFilters=filters)
        for p in page["Parameters"]
    ]
    for start in range(0, len(names), 10):
        ssm.delete_parameters(Names=names[start : start + 10])
    return names


def _ec2_instances(rt: AgentRuntime, stack_name: str) -> list[str]:
    ec2 = rt.client("ec2")
    ids = [
        i["InstanceId"]
        for page in ec2.get_paginator("describe_instances").paginate(
            Filters=_ec2_filters(stack_name)
        )
        for r in page["Reservations"]
        for i in r["Instances"]
        if i["State"]["Name"] not in {"terminated", "shutting-down"}
    ]
    if ids:
        ec2.terminate_instances(InstanceIds=ids)
    return ids


def _ec2_volumes(rt: AgentRuntime, stack_name: str) -> list[str]:
    ec2 = rt.client("ec2")
    ids = [
        v["VolumeId"]
        for page in ec2.get_paginator("describe_volumes").paginate(Filters=_ec2_filters(stack_name))
        for v in page["Volumes"]
    ]
    for volume_id in ids:
        ec2.delete_volume(VolumeId=volume_id)
    return ids


def _ec2_snapshots(rt: AgentRuntime, stack_name: str) -> list[str]:
    ec2 = rt.client("ec2")
    pages = ec2.get_paginator("describe_snapshots").paginate(
        OwnerIds=["self"], Filters=_ec2_filters(stack_name)
    )
    ids = [s["SnapshotId"] for page in pages for s in page["Snapshots"]]
    for snapshot_id in ids:
        ec2.delete_snapshot(SnapshotId=snapshot_id)
    return ids


RUNTIME_CLEANERS: tuple[Callable[[AgentRuntime, str], list[str]], ...] = (
    _ec2_instances,
    _ec2_snapshots,
    _ec2_volumes,
    _ssm_parameters,
)
"""One entry per kind of resource the agent may create at run time; credentials go last."""


def on_delete(rt: AgentRuntime, event: dict[str, Any]) -> str:
    """Clean up, then tell the platform; the reason CloudFormation shows."""
    _, _, stack_name = stack_of(event)
    try:
        platform = rt.platform()  # before the credentials parameter is deleted
    except CloudwardenError as exc:
        log.warning("the agent never registered (%s): nothing to tell the platform", exc)
        platform = None
    deleted = delete_runtime_resources(rt, stack_name)
    log.info("deleted %d runtime resources: %s", len(deleted), ", ".join(deleted))
    if platform is not None:
        platform.post("deleted")
    return f"deleted {len(deleted)} runtime resources"


def respond(
    rt: AgentRuntime,
    event: dict[str, Any],
    status: str,
    reason: str,
    data: dict[str, str] | None = None,
) -> None:
    """Answer CloudFormation at ResponseURL (a presigned PUT: no content type)."""
    body = dumps(
        {
            "Status": status,
            "Reason": reason[:3000],
            "PhysicalResourceId": event.get("PhysicalResourceId")
            or f"cloudwarden-agent-{event['ResourceProperties'].get('IntegrationId', 'unknown')}",
            "StackId": event["StackId"],
            "RequestId": event["RequestId"],
            "LogicalResourceId": event["LogicalResourceId"],
            "Data": data or {},
        }
    ).encode()
    code, _ = rt.transport("PUT", str(event["ResponseURL"]), body, {"Content-Type": ""})
    if code >= 300:
        log.error("CloudFormation did not take the answer (%d)", code)


def on_custom_resource(rt: AgentRuntime, event: dict[str, Any]) -> dict[str, Any]:
    kind = str(event["RequestType"])
    if kind == "Delete":
        try:
            reason = on_delete(rt, event)
        except Exception as exc:  # the stack must stay deletable whatever failed
            log.exception("clean-up on stack deletion failed")
            reason = f"clean-up failed ({type(exc).__name__}); see the agent's log"
        respond(rt, event, "SUCCESS", reason)
        return {"status": "SUCCESS", "reason": reason}
    if kind == "Update":
        respond(rt, event, "SUCCESS", "the agent keeps its registration")
        return {"status": "SUCCESS"}
    try:
        registered = register(rt, event)
    except Exception as exc:  # CloudFormation must hear of every failure, or it waits an hour
        log.exception("registration failed")
        reason = str(exc) if isinstance(exc, CloudwardenError) else type(exc).__name__
        respond(rt, event, "FAILED", f"registration failed: {reason}")
        return {"status": "FAILED", "reason": reason}
    respond(rt, event, "SUCCESS", "registered", {"AgentId": registered.agent_id})
    return {"status": "SUCCESS", "agent_id": registered.agent_id}
