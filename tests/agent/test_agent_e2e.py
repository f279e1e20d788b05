"""The agent's handler in-process, with moto as its AWS and the real platform on 127.0.0.1:
registration, scans merged into one report, throttling, check-ins and `missing`, deletion and
re-creation, signed-request attacks, and what leaves the account."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from botocore.awsrequest import AWSResponse
from moto.core.botocore_stubber import MockRawResponse

from cloudwarden import __version__
from cloudwarden.agent import constants as c
from cloudwarden.agent import throttle
from cloudwarden.agent.handler import handle
from cloudwarden.agent.jobs import run_job
from cloudwarden.agent.platform_client import (
    PlatformClient,
    PlatformRefusedError,
    urllib_transport,
)
from cloudwarden.agent.registration import RUNTIME_TAG
from cloudwarden.agent.template import agent_template
from cloudwarden.agent.update import sign_manifest
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.platform.services.console import set_password
from cloudwarden.protocol import (
    Alert,
    CheckIn,
    SliceReport,
    generate_private_key,
    private_key_from_pem,
    public_key_pem,
    sign_request,
)
from cloudwarden.protocol import ScanJob as SliceJob
from tests.agent.conftest import ACCOUNT, REGION, Stack, World, launch_stack
from tests.web.conftest import PASSWORD, log_in_over_http

CHECKIN = "/api/v1/agent/checkin"
RAW_RESPONSE_KEYS = frozenset({"ResponseMetadata", "HTTPHeaders", "HTTPStatusCode", "RequestId"})


def registered(world: World, name: str) -> Stack:
    stack = launch_stack(world, name)
    answer = stack.custom_resource("Create")
    assert answer["Status"] == "SUCCESS", answer
    return stack


def stored_credentials(stack: Stack) -> dict[str, Any]:
    parameter = stack.rt.session.client("ssm").get_parameter(
        Name=stack.env[c.ENV_CREDENTIALS_PARAM], WithDecryption=True
    )["Parameter"]
    assert parameter["Type"] == "SecureString"
    return dict(json.loads(parameter["Value"]))


def keys_of(document: object) -> set[str]:
    if isinstance(document, dict):
        return set(document) | {k for v in document.values() for k in keys_of(v)}
    if isinstance(document, list):
        return {k for item in document for k in keys_of(item)}
    return set()


def assert_only_results_left(world: World, stack: Stack) -> None:
    """Every body the platform received from the agents so far: protocol messages only, no
    AWS credential, no private key, no raw API response."""
    credentials = stored_credentials(stack)
    key_body = "".join(credentials["private_key_pem"].strip().splitlines()[1:-1])
    forbidden = {*world.agent_secrets, key_body, credentials["private_key_pem"]}
    assert world.capture.requests, "the agents sent nothing"
    for request in world.capture.requests:
        text = request.body.decode()
        assert all(secret not in text for secret in forbidden), request.path
        assert "PRIVATE KEY" not in text
        document = json.loads(text) if text else {}
        assert not keys_of(document) & RAW_RESPONSE_KEYS, request.path
        if request.path.endswith("/reports"):
            report = SliceReport.model_validate(document)
            assert set(report.inventory) <= {*Inventory.model_fields, "counts"}


def test_registration_spends_the_token_and_keeps_the_key_in_ssm(world):
    stack = launch_stack(world, "registration")
    assert stack.integration()["status"] == "configuring"

    answer = stack.custom_resource("Create")

    assert answer["Status"] == "SUCCESS", answer
    credentials = stored_credentials(stack)
    assert answer["Data"] == {"AgentId": credentials["agent_id"]}
    private_key_from_pem(credentials["private_key_pem"])  # a usable Ed25519 key
    integration = stack.integration()
    assert integration["status"] == "active"
    assert integration["account_id"] == ACCOUNT
    assert integration["credentials"]["agent_id"] == credentials["agent_id"]
    assert integration["credentials"]["agent_region"] == REGION
    assert "launch" not in integration or integration["launch"] is None

    again = stack.custom_resource("Create")
    assert again["Status"] == "FAILED"
    assert "401" in again["Reason"]
    reused = httpx.post(
        f"{world.url}/api/v1/agent/register",
        json={
            "token": stack.launch["token"],
            "public_key_pem": public_key_pem(generate_private_key()),
            "agent_version": "1",
            "account_id": ACCOUNT,
            "region": REGION,
            "stack_name": "x",
        },
    )
    assert reused.status_code == 401
    assert stored_credentials(stack)["agent_id"] == credentials["agent_id"], "kept the first"
    assert_only_results_left(world, stack)


def test_the_launch_parameters_name_the_platform_and_the_template(world):
    stack = launch_stack(world, "launch", regions=["eu-west-1", "us-east-1"])
    parameters = stack.launch["parameters"]
    assert parameters == {
        "RegistrationToken": stack.launch["token"],
        "PlatformUrl": world.url,
        "PlatformAccountId": ACCOUNT,
        "IntegrationId": stack.integration_id,
        "ScanIntervalMinutes": "720",
        "Regions": "eu-west-1,us-east-1",
    }
    assert stack.launch["template_url"] == f"{world.url}/api/v1/agent/template"
    assert stack.launch["launch_url"].startswith("https://console.aws.amazon.com/cloudformation")
    template = httpx.get(stack.launch["template_url"])
    assert template.status_code == 200
    assert template.json() == agent_template(__version__)
    assert set(parameters) <= set(template.json()["Parameters"])


def plant(stack: Stack, name: str) -> None:
    """A bucket (a global slice) and a world-open security group (a regional one)."""
    session = stack.rt.session
    session.client("s3").create_bucket(Bucket=f"cw-agent-{name}-{stack.integration_id[:8]}")
    ec2 = session.client("ec2")
    group = ec2.create_security_group(GroupName=f"open-{stack.integration_id}", Description="x")
    ec2.authorize_security_group_ingress(
        GroupId=group["GroupId"],
        IpPermissions=[
            {
                "IpProtocol": "tcp",
                "FromPort": 22,
                "ToPort": 22,
                "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
            }
        ],
    )


def report_of(world: World, scan: dict[str, Any]) -> dict[str, Any]:
    answer = world.client.get(f"/api/v1/spaces/{world.space_id}/reports/{scan['report_id']}")
    answer.raise_for_status()
    return dict(answer.json())


def test_scan_now_ping_and_policies_go_over_eventbridge_and_slices_merge_into_one_report(world):
    stack = registered(world, "scan")
    plant(stack, "scan")
    base = world.api(f"/{stack.integration_id}")

    started = world.client.post(f"{base}/scans")
    assert started.status_code == 202, started.text
    scan = started.json()
    assert scan["state"] == "running"
    (event,) = stack.platform_events()
    assert (event["source"], event["detail-type"]) == (c.PLATFORM_EVENT_SOURCE, "scan_now")
    assert event["detail"] == {"scan_id": scan["id"]}
    assert world.client.post(f"{base}/scans").status_code == 200, "one scan at a time"

    queued = stack.handle(event)
    assert queued["scan_id"] == scan["id"]
    jobs = [json.loads(j["body"]) for j in stack.queued_jobs()]
    assert len(jobs) == queued["jobs"] > 2
    assert {j["service_group"] for j in jobs} >= {"global", "compute"}
    assert all(j["slices_total"] == len(jobs) for j in jobs)
    assert len({j["region"] + j["service_group"] for j in jobs}) == len(jobs)

    outcomes = [o for answer in stack.drain_jobs() for o in answer["outcomes"].values()]
    assert outcomes == ["sent"] * len(jobs)
    done = world.client.get(f"/api/v1/spaces/{world.space_id}/scans/{scan['id']}").json()
    assert done["state"] == "succeeded", done
    assert done["units_done"] == done["units_total"] == len(jobs)
    report = report_of(world, done)
    assert report["complete"]
    assert report["account_id"] == ACCOUNT
    assert "aws.s3.bucket" in report["resource_counts"]
    assert "aws.ec2.security_group" in report["resource_counts"]
    latest = world.client.get(f"{base}/latest-report").json()
    assert latest["id"] == report["id"], "the latest report, exactly as for a hosted scan"
    results = world.client.get(
        f"/api/v1/spaces/{world.space_id}/reports/{report['id']}/results", params={"limit": 500}
    ).json()["items"]
    checks = {r["check_id"] for r in results}
    assert any(check.startswith("aws-s3-") for check in checks)
    assert any(check.startswith("aws-ec2-") for check in checks)

    pinged = world.client.post(f"{base}/ping").json()
    assert pinged["last_ping_ok"] is None, "asked, not answered yet"
    (ping,) = stack.platform_events()
    assert ping["detail-type"] == "ping"
    stack.handle(ping)
    assert stack.integration()["last_ping_ok"] is True

    world.client.put(
        f"{base}/policies/aws-security-baseline", json={"enabled": True}
    ).raise_for_status()
    (rescan,) = stack.platform_events()
    assert (rescan["detail-type"], rescan["detail"]) == ("scan_now", {"reason": "policies_changed"})
    sent = [r.path for r in world.capture.requests]
    assert sent.count("/api/v1/agent/reports") >= len(jobs)
    assert_only_results_left(world, stack)


def throttle_ec2(stack: Stack) -> Any:
    """EC2 answers DescribeSecurityGroups with RequestLimitExceeded (moto has no rate limits)."""

    def refuse(**_kwargs: Any) -> AWSResponse:
        body = (
            b"<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request "
            b"limit exceeded.</Message></Error></Errors><RequestID>1</RequestID></Response>"
        )
        return AWSResponse("https://ec2", 503, {}, MockRawResponse(body))

    name = "before-send.ec2.DescribeSecurityGroups"
    stack.rt.session.events.register_first(name, refuse)
    return lambda: stack.rt.session.events.unregister(name, refuse)


def state_of(stack: Stack) -> throttle.ThrottleState:
    return throttle.read_state(stack.rt)


def test_throttling_pauses_every_job_for_15_minutes_and_nothing_is_lost(world):
    stack = registered(world, "throttle")
    plant(stack, "throttle")
    queued = stack.handle({"source": c.PLATFORM_EVENT_SOURCE, "detail-type": "scan_now"})
    total = queued["jobs"]
    release = throttle_ec2(stack)
    started = world.clock()

    first = [o for answer in stack.drain_jobs() for o in answer["outcomes"].values()]

    release()
    assert "throttled" in first
    assert first.count("sent") + first.count("throttled") + first.count("deferred") == total
    after_throttle = first[first.index("throttled") + 1 :]
    assert after_throttle, "the throttled job was not the last"
    assert set(after_throttle) == {"deferred"}, "every later job waits"
    state = state_of(stack)
    assert state.paused_until == started + timedelta(minutes=15)
    assert state.throttle_pauses == 1
    waiting = stack.queued_jobs()
    assert len(waiting) == total - first.count("sent"), "every job not sent is queued again"
    assert {j["delay"] for j in waiting} == {900}
    checked = stack.handle(
        {
            "source": "aws.events",
            "detail-type": "Scheduled Event",
            "resources": [f"arn:aws:events:{REGION}:{ACCOUNT}:rule/{stack.name}-checkin"],
        }
    )
    assert datetime.fromisoformat(checked["checked_in"]["paused_until"]) == state.paused_until
    assert checked["checked_in"]["queue_depth"] == len(waiting)
    assert stack.integration()["credentials"]["paused_until"] is not None

    world.clock.advance(timedelta(minutes=10))
    still = [o for answer in stack.drain_jobs() for o in answer["outcomes"].values()]
    assert set(still) == {"deferred"}
    assert {j["delay"] for j in stack.queued_jobs()} == {300}, "until the pause ends"

    world.clock.advance(timedelta(minutes=5))
    resumed = [o for answer in stack.drain_jobs() for o in answer["outcomes"].values()]
    assert set(resumed) == {"sent"}
    assert first.count("sent") + len(resumed) == total
    scans = world.client.get(
        f"/api/v1/spaces/{world.space_id}/scans", params={"integration_id": stack.integration_id}
    ).json()["items"]
    (scan,) = scans
    assert scan["state"] == "succeeded"
    report = report_of(world, scan)
    assert report["complete"]
    assert "aws.ec2.security_group" in report["resource_counts"], "the throttled slice arrived"
    assert_only_results_left(world, stack)


def checkin_event(stack: Stack) -> dict[str, Any]:
    return {
        "source": "aws.events",
        "detail-type": "Scheduled Event",
        "resources": [f"arn:aws:events:{REGION}:{ACCOUNT}:rule/{stack.name}-checkin"],
    }


def test_an_hour_without_check_in_is_missing_and_the_next_one_is_active(world):
    stack = registered(world, "missing")
    world.clock.advance(timedelta(minutes=50))
    stack.handle(checkin_event(stack))
    world.clock.advance(timedelta(minutes=50))
    missing, _ = world.platform.scheduler.agent_pass(world.clock())
    assert stack.integration_id not in missing, "checked in 50 minutes ago"
    assert stack.integration()["status"] == "active"

    world.clock.advance(timedelta(minutes=11))
    missing, _ = world.platform.scheduler.agent_pass(world.clock())
    assert stack.integration_id in missing
    assert stack.integration()["status"] == "missing"

    stack.handle(checkin_event(stack))
    integration = stack.integration()
    assert integration["status"] == "active"
    assert datetime.fromisoformat(integration["credentials"]["last_checkin_at"]) == world.clock()


def test_a_schedule_starts_a_full_scan_with_its_own_id(world):
    stack = registered(world, "schedule")
    queued = stack.handle(
        {
            "source": "aws.events",
            "detail-type": "Scheduled Event",
            "resources": [f"arn:aws:events:{REGION}:{ACCOUNT}:rule/{stack.name}-schedule"],
        }
    )
    assert queued["shape"] == "schedule"
    jobs = [json.loads(j["body"]) for j in stack.queued_jobs()]
    assert len(jobs) == queued["jobs"]
    assert {j["scan_id"] for j in jobs} == {queued["scan_id"]}
    assert [j["delay"] for j in stack.queued_jobs()] == sorted(
        j["delay"] for j in stack.queued_jobs()
    ), "spread out"


def test_stack_deletion_cleans_up_and_creating_it_again_is_active(world):
    stack = registered(world, "deletion")
    first = stored_credentials(stack)
    first_agent = first["agent_id"]
    ec2 = stack.rt.session.client("ec2")
    tags = [{"Key": c.TAG_KEY, "Value": c.TAG_VALUE}, {"Key": RUNTIME_TAG, "Value": stack.name}]

    def volume(tag_list: list[dict[str, str]]) -> str:
        spec = [{"ResourceType": "volume", "Tags": tag_list}] if tag_list else []
        return str(
            ec2.create_volume(AvailabilityZone=f"{REGION}a", Size=1, TagSpecifications=spec)[
                "VolumeId"
            ]
        )

    runtime_volume = volume(tags)
    stack_volume = volume(tags[:1])
    foreign_volume = volume([])

    answer = stack.custom_resource("Delete")

    assert answer["Status"] == "SUCCESS", answer
    left = {v["VolumeId"] for v in ec2.describe_volumes()["Volumes"]}
    assert runtime_volume not in left
    assert {stack_volume, foreign_volume} <= left, "only what the agent created at run time"
    ssm = stack.rt.session.client("ssm")
    with pytest.raises(ssm.exceptions.ParameterNotFound):
        ssm.get_parameter(Name=stack.env[c.ENV_CREDENTIALS_PARAM])
    assert stack.integration()["status"] == "deleted"
    old_key = private_key_from_pem(first["private_key_pem"])
    old = PlatformClient(
        world.url, urllib_transport, clock=world.clock, agent_id=first_agent, key=old_key
    )
    with pytest.raises(PlatformRefusedError, match="unknown agent"):
        old.post("checkin", CheckIn(agent_version="1"))  # the platform dropped its key

    fresh = world.client.post(world.api(f"/{stack.integration_id}/registration-token"))
    assert fresh.status_code == 200, fresh.text
    again = stack.custom_resource("Create", token=fresh.json()["launch"]["token"])
    assert again["Status"] == "SUCCESS", again
    integration = stack.integration()
    assert integration["status"] == "active"
    assert integration["credentials"]["agent_id"] not in {None, first_agent}


def test_signed_requests_refuse_bad_signatures_old_timestamps_replays_and_strangers(world):
    stack = registered(world, "attacks")
    credentials = stored_credentials(stack)
    key = private_key_from_pem(credentials["private_key_pem"])
    body = CheckIn(agent_version="1").model_dump_json().encode()
    now = int(world.clock().timestamp())

    def post(headers: dict[str, str], content: bytes = body) -> httpx.Response:
        return httpx.post(
            world.url + CHECKIN,
            content=content,
            headers={"Content-Type": "application/json", **headers},
        )

    signed = sign_request(key, credentials["agent_id"], "POST", CHECKIN, body, timestamp=now)
    assert post(signed).status_code == 204
    replay = post(signed)
    assert replay.status_code == 401
    assert "already received" in replay.json()["detail"]

    other = generate_private_key()
    forged = sign_request(other, credentials["agent_id"], "POST", CHECKIN, body, timestamp=now)
    assert post(forged).status_code == 401
    old = sign_request(key, credentials["agent_id"], "POST", CHECKIN, body, timestamp=now - 301)
    assert "5 minutes" in post(old).json()["detail"]
    stranger = sign_request(key, "0" * 32, "POST", CHECKIN, body, timestamp=now)
    assert "unknown agent" in post(stranger).json()["detail"]
    tampered = sign_request(key, credentials["agent_id"], "POST", CHECKIN, body, timestamp=now + 1)
    assert post(tampered, b'{"agent_version": "2"}').status_code == 401
    elsewhere = sign_request(
        key, credentials["agent_id"], "POST", "/api/v1/agent/deleted", b"", timestamp=now + 2
    )
    assert post(elsewhere).status_code == 401, "signed for another path"
    assert post({}).status_code == 401
    assert stack.integration()["status"] == "active", "no attack changed the integration"


def test_resource_change_events_are_answered_with_a_log_line_only(caplog):
    caplog.set_level("INFO")
    answer = handle(
        {"source": "aws.ec2", "detail-type": "AWS API Call via CloudTrail", "id": "e-1"}, None
    )
    assert answer == {"shape": "resource_change", "handled": False}
    assert "resource-change scans are not in this version" in caplog.text
    assert handle({"unexpected": True}, None) == {"shape": None}


def test_a_scan_missing_slices_past_its_deadline_is_stored_incomplete(world):
    stack = registered(world, "overdue")
    scan = world.client.post(world.api(f"/{stack.integration_id}/scans")).json()
    (event,) = stack.platform_events()
    total = stack.handle(event)["jobs"]
    first = SliceJob.model_validate_json(stack.queued_jobs()[0]["body"])
    assert run_job(stack.rt, first).value == "sent"
    pending = world.client.get(f"/api/v1/spaces/{world.space_id}/scans/{scan['id']}").json()
    assert (pending["state"], pending["units_done"], pending["units_total"]) == (
        "running",
        1,
        total,
    )

    world.clock.advance(timedelta(hours=6, minutes=1))
    _, finished = world.platform.scheduler.agent_pass(world.clock())

    assert scan["id"] in finished
    done = world.client.get(f"/api/v1/spaces/{world.space_id}/scans/{scan['id']}").json()
    assert (done["state"], done["incomplete"]) == ("cancelled", True)
    assert not report_of(world, done)["complete"], "an incomplete report, never a clean one"


def test_commands_pause_unpause_clear_the_queue_and_alerts_reach_the_integration(world):
    stack = registered(world, "commands")

    def command(name: str, **detail: Any) -> dict[str, Any]:
        return stack.handle(
            {"source": c.PLATFORM_EVENT_SOURCE, "detail-type": name, "detail": detail}
        )

    until = world.clock() + timedelta(hours=2)
    assert command("pause", until=until.isoformat())["paused_until"] == until.isoformat()
    assert stack.integration()["credentials"]["paused_until"] is not None
    command("scan_now")
    assert stack.queued_jobs()
    assert command("clear_queue")["cleared"]
    assert stack.queued_jobs() == []
    assert command("unpause")["paused_until"] is None
    assert stack.integration()["credentials"]["paused_until"] is None
    assert command("diagnostics")["checked_in"]["queue_depth"] == 0
    assert command("no_such_command")["handled"] is False

    stack.rt.platform().post(
        "alerts", Alert(kind="update_refused", message="<script>release 9 refused</script>")
    )
    (alert,) = stack.integration()["credentials"]["alerts"]
    assert (alert["kind"], alert["message"]) == (
        "update_refused",
        "<script>release 9 refused</script>",
    )

    set_password(world.platform.runtime, "owner@example.com", PASSWORD)
    console = log_in_over_http(world.url, "owner@example.com")
    page = console.get(f"/spaces/{world.space_id}/integrations/{stack.integration_id}")
    assert page.status_code == 200, page.text
    assert "Serverless agent" in page.text
    assert "&lt;script&gt;release 9 refused" in page.text, "the account's text is escaped"
    assert "<script>release" not in page.text


def test_the_update_command_refuses_a_release_signed_with_another_key_and_alerts(world):
    stack = registered(world, "update")
    s3 = stack.rt.session.client("s3")
    bucket = f"cw-release-{stack.integration_id[:12]}"
    s3.create_bucket(Bucket=bucket)
    artifact = b"not the agent"
    s3.put_object(Bucket=bucket, Key="agent.zip", Body=artifact)
    manifest = {
        "version": "9.9.9",
        "artifacts": [
            {
                "name": "agent.zip",
                "url": f"s3://{bucket}/agent.zip",
                "sha256": hashlib.sha256(artifact).hexdigest(),
            }
        ],
    }
    s3.put_object(
        Bucket=bucket,
        Key="release.json",
        Body=json.dumps(sign_manifest(manifest, generate_private_key())),
    )
    stack.rt.env = {
        **stack.rt.env,
        c.ENV_RELEASE_MANIFEST_URL: f"s3://{bucket}/release.json",
        c.ENV_RELEASE_PUBLIC_KEY: public_key_pem(generate_private_key()),
        c.ENV_FUNCTION_NAME: stack.name,
        c.ENV_DEPLOY_ROLE_ARN: f"arn:aws:iam::{ACCOUNT}:role/{stack.name}-deploy",
    }

    answer = stack.handle({"source": c.PLATFORM_EVENT_SOURCE, "detail-type": "update"})

    assert (answer["handled"], answer["applied"]) == (True, False)
    (alert,) = stack.integration()["credentials"]["alerts"]
    assert alert["kind"] == "update_refused"
    assert "still running" in alert["message"]
