"""The agent's world: moto in-process as the customer's (and the platform's) AWS, the real
platform app on 127.0.0.1 with every request body it receives captured, a receiver standing
in for CloudFormation's ResponseURL, and one simulated clock both sides read.

One world per module (starting the app and moto once keeps the tests fast); every test
launches its own stack for its own integration, so tests share no state but the clock.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest
import uvicorn
from moto import mock_aws

from cloudwarden.agent import constants as c
from cloudwarden.agent.handler import dispatch
from cloudwarden.agent.runtime import AgentRuntime
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.server import Platform, assemble
from cloudwarden.platform.services.spaces import bootstrap_user
from cloudwarden.platform.settings import PlatformSettings
from tests.support.environment import emulated_environment

ACCOUNT = "123456789012"
REGION = "us-east-1"
HANG_GUARD = 60.0


class SimClock:
    """The time both the agent and the platform read; tests move it."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC).replace(microsecond=0)
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self.now

    def advance(self, delta: timedelta) -> None:
        with self._lock:
            self.now += delta


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class Capture:
    """ASGI wrapper: every request the platform receives under /api/v1/agent/, with its body."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.requests: list[Received] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/v1/agent/"):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        more = True
        while more:
            message = await receive()
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        self.requests.append(Received(scope["method"], scope["path"], headers, body))
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


class CloudFormationReceiver(BaseHTTPRequestHandler):
    """Takes the agent's PUT at ResponseURL, as S3's presigned URL would."""

    answers: list[dict[str, Any]]

    def do_PUT(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        self.server.answers.append(json.loads(self.rfile.read(length)))  # type: ignore[attr-defined]
        self.send_response(200)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        return


@dataclass
class World:
    platform: Platform
    url: str
    client: httpx.Client
    space_id: str
    clock: SimClock
    capture: Capture
    cfn_url: str
    cfn_answers: list[dict[str, Any]]
    agent_secrets: set[str] = field(default_factory=set)

    def api(self, path: str) -> str:
        return f"/api/v1/spaces/{self.space_id}/integrations{path}"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    with emulated_environment(), mock_aws():
        data = tmp_path_factory.mktemp("platform")
        settings = PlatformSettings(
            data_dir=Path(data),
            master_key=base64.b64encode(os.urandom(32)).decode(),
            platform_account_id=ACCOUNT,
            worker_threads=1,
        )
        platform = assemble(settings)
        clock = SimClock()
        platform.runtime.clock = clock
        capture = Capture(platform.app)
        server = uvicorn.Server(
            uvicorn.Config(capture, host="127.0.0.1", port=0, log_config=None, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        pause = threading.Event()
        while not server.started:
            pause.wait(0.05)
            assert thread.is_alive(), "uvicorn did not start"
        url = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
        receiver = ThreadingHTTPServer(("127.0.0.1", 0), CloudFormationReceiver)
        receiver.answers = []  # type: ignore[attr-defined]
        threading.Thread(target=receiver.serve_forever, daemon=True).start()
        token = bootstrap_user(platform.runtime, "owner@example.com", "acme", Role.OWNER)
        client = httpx.Client(
            base_url=url, headers={"Authorization": f"Bearer {token.token}"}, timeout=HANG_GUARD
        )
        space_id = client.get("/api/v1/spaces").json()["items"][0]["id"]
        try:
            yield World(
                platform=platform,
                url=url,
                client=client,
                space_id=space_id,
                clock=clock,
                capture=capture,
                cfn_url=f"http://127.0.0.1:{receiver.server_address[1]}/cfn",
                cfn_answers=receiver.answers,  # type: ignore[attr-defined]
            )
        finally:
            client.close()
            receiver.shutdown()
            server.should_exit = True
            thread.join(HANG_GUARD)
            platform.runtime.engine.dispose()


@dataclass
class Stack:
    """One agent stack as the template would create it, and the integration it serves."""

    world: World
    integration_id: str
    launch: dict[str, Any]
    rt: AgentRuntime
    name: str
    capture_queue: str

    @property
    def env(self) -> dict[str, str]:
        return dict(self.rt.env)

    def handle(self, event: dict[str, Any]) -> dict[str, Any]:
        return dispatch(event, self.rt)

    def custom_resource(self, kind: str, token: str | None = None) -> dict[str, Any]:
        """The custom resource event CloudFormation sends; its answer at ResponseURL."""
        before = len(self.world.cfn_answers)
        request_id = uuid.uuid4().hex
        event = {
            "RequestType": kind,
            "ResponseURL": f"{self.world.cfn_url}/{request_id}",
            "StackId": f"arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/{self.name}/{request_id}",
            "RequestId": request_id,
            "ResourceType": c.CUSTOM_RESOURCE_TYPE,
            "LogicalResourceId": "Agent",
            "ResourceProperties": {
                "ServiceToken": "arn:aws:lambda:us-east-1:123456789012:function:agent",
                "RegistrationToken": token or self.launch["token"],
                "PlatformUrl": self.world.url,
                "IntegrationId": self.integration_id,
            },
        }
        if kind != "Create":
            event["PhysicalResourceId"] = f"cloudwarden-agent-{self.integration_id}"
        self.handle(event)
        assert len(self.world.cfn_answers) == before + 1, "CloudFormation got no answer"
        return self.world.cfn_answers[-1]

    def integration(self) -> dict[str, Any]:
        answer = self.world.client.get(self.world.api(f"/{self.integration_id}"))
        answer.raise_for_status()
        return dict(answer.json())

    def platform_events(self) -> list[dict[str, Any]]:
        """The events the platform put on the agent's bus, as EventBridge delivers them."""
        sqs = self.rt.session.client("sqs")
        events = []
        while True:
            got = sqs.receive_message(QueueUrl=self.capture_queue, MaxNumberOfMessages=10)
            if not got.get("Messages"):
                return events
            for message in got["Messages"]:
                events.append(json.loads(message["Body"]))
                sqs.delete_message(
                    QueueUrl=self.capture_queue, ReceiptHandle=message["ReceiptHandle"]
                )

    def queued_jobs(self, *, delayed_too: bool = True) -> list[dict[str, Any]]:
        """Every message on the job queue, delayed ones included (moto's own view: a real
        queue hides delayed messages until their delay passed)."""
        from moto.sqs.models import sqs_backends  # noqa: PLC0415 - moto is a test dependency

        queue_name = self.env[c.ENV_JOB_QUEUE_URL].rsplit("/", 1)[1]
        queue = sqs_backends[ACCOUNT][REGION].queues[queue_name]
        jobs = []
        for m in queue._messages:
            delay = round((m.delayed_until - m.sent_timestamp) / 1000) if m.delayed_until else 0
            if delayed_too or not delay:
                jobs.append({"body": m.body, "delay": delay, "id": m.id})
        return jobs

    def drain_jobs(self) -> list[dict[str, Any]]:
        """Take every job message off the queue (delays ignored: the clock is simulated) and
        deliver them to the handler as one SQS batch each, until the queue is empty."""
        from moto.sqs.models import sqs_backends  # noqa: PLC0415

        queue_name = self.env[c.ENV_JOB_QUEUE_URL].rsplit("/", 1)[1]
        queue = sqs_backends[ACCOUNT][REGION].queues[queue_name]
        messages = list(queue._messages)
        queue._messages.clear()
        answers = []
        for start in range(0, len(messages), 10):
            records = [
                {"messageId": m.id, "eventSource": "aws:sqs", "body": m.body}
                for m in messages[start : start + 10]
            ]
            answers.append(self.handle({"Records": records}))
        return answers


def launch_stack(world: World, name: str, *, regions: list[str] | None = None) -> Stack:
    """Create a serverless integration at the platform, then the stack's resources in moto as
    the template would (SSM config and state, job queue and DLQ, the agent bus and its
    command rule, here targeting a queue the test reads)."""
    created = world.client.post(
        world.api(""),
        json={
            "name": name,
            "credentials": {"type": "serverless"},
            "regions_allow": regions if regions is not None else [REGION],
        },
    )
    assert created.status_code == 201, created.text
    integration = created.json()
    launch = integration["launch"]
    iid = integration["id"]
    agent_secret = "agent-secret-" + secrets.token_hex(16)
    agent_token = "agent-session-" + secrets.token_hex(16)
    world.agent_secrets |= {agent_secret, agent_token}
    session = boto3.Session(
        aws_access_key_id="AKIA" + secrets.token_hex(8).upper(),
        aws_secret_access_key=agent_secret,
        aws_session_token=agent_token,
        region_name=REGION,
    )
    prefix = f"{c.PARAMETER_PREFIX}{iid}"
    ssm, sqs, events = (session.client(s) for s in ("ssm", "sqs", "events"))
    ssm.put_parameter(
        Name=f"{prefix}/config",
        Type="String",
        Value=json.dumps(
            {
                "platform_url": world.url,
                "integration_id": iid,
                "regions": launch["parameters"]["Regions"].split(",")
                if launch["parameters"]["Regions"]
                else [],
                "interval_seconds": int(launch["parameters"]["ScanIntervalMinutes"]) * 60,
                "version": "0.1.0",
            }
        ),
    )
    ssm.put_parameter(
        Name=f"{prefix}/state",
        Type="String",
        Value=json.dumps({"paused_until": None, "throttle_pauses": 0}),
    )
    dlq = sqs.create_queue(QueueName=f"cw-{iid}-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    queue = sqs.create_queue(
        QueueName=f"cw-{iid}-jobs",
        Attributes={
            "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "5"})
        },
    )["QueueUrl"]
    capture = sqs.create_queue(QueueName=f"cw-{iid}-commands")["QueueUrl"]
    capture_arn = sqs.get_queue_attributes(QueueUrl=capture, AttributeNames=["QueueArn"])[
        "Attributes"
    ]["QueueArn"]
    bus = f"{c.BUS_NAME_PREFIX}{iid}"
    events.create_event_bus(Name=bus)
    events.put_rule(
        Name=f"{bus}-commands",
        EventBusName=bus,
        EventPattern=json.dumps({"source": [c.PLATFORM_EVENT_SOURCE]}),
    )
    events.put_targets(
        Rule=f"{bus}-commands", EventBusName=bus, Targets=[{"Id": "agent", "Arn": capture_arn}]
    )
    env = {
        c.ENV_CONFIG_PARAM: f"{prefix}/config",
        c.ENV_CREDENTIALS_PARAM: f"{prefix}/credentials",
        c.ENV_STATE_PARAM: f"{prefix}/state",
        c.ENV_JOB_QUEUE_URL: queue,
        c.ENV_TOPIC_ARN: f"arn:aws:sns:{REGION}:{ACCOUNT}:{bus}",
        c.ENV_STACK_NAME: f"stack-{iid}",
    }
    rt = AgentRuntime(session=session, env=env, clock=world.clock)
    return Stack(world, iid, launch, rt, f"stack-{iid}", capture)
