"""End to end over real HTTP against moto accounts with request authentication on."""

from __future__ import annotations

import json
import threading

import pytest
from moto.core import set_initial_no_auth_action_count

from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.services.spaces import bootstrap_user
from tests.platform.conftest import HANG_GUARD
from tests.platform.helpers import access_key_body, scanning_user, wait_for_scan

ALL = ["*"]


def authenticated(body):
    """Run ``body`` with moto checking every request's key and IAM policy."""
    set_initial_no_auth_action_count(0)(body)()


@pytest.fixture
def owner(live):
    token = bootstrap_user(live.platform.runtime, "owner@example.com", "acme", Role.OWNER)
    client = live.as_user(token.token)
    space_id = client.get("/api/v1/spaces").json()["items"][0]["id"]
    return client, space_id


def test_access_key_integration_ping_scan_toggle_rotate_remove(aws, live, owner, secret_watch):
    client, space = owner
    iam = aws.client("iam")
    key = scanning_user(iam, "scanner", ALL)
    rotated = iam.create_access_key(UserName="scanner")["AccessKey"]
    aws.client("s3").create_bucket(Bucket="cw-platform-e2e")
    secret_watch.secrets |= {key["secret_access_key"], rotated["SecretAccessKey"]}
    base = f"/api/v1/spaces/{space}/integrations"

    def body():
        created = client.post(base, json=access_key_body("prod", key))
        assert created.status_code == 201, created.text
        integration = created.json()
        assert integration["status"] == "configuring"
        assert integration["credentials"] == {
            "type": "access_key",
            "access_key_id": key["access_key_id"],
        }
        url = f"{base}/{integration['id']}"

        pinged = client.post(f"{url}/ping").json()
        assert (pinged["status"], pinged["account_id"], pinged["last_ping_ok"]) == (
            "active",
            "123456789012",
            True,
        )

        first = client.post(f"{url}/scans")
        again = client.post(f"{url}/scans")
        assert (first.status_code, again.status_code) == (202, 200)
        assert again.json()["id"] == first.json()["id"], "one queued or running scan at a time"
        done = wait_for_scan(client, space, first.json()["id"])
        assert done["state"] == "succeeded", done
        assert done["units_total"] > 0
        assert done["units_done"] == done["units_total"]
        assert done["api_calls"] > 0
        report = client.get(f"/api/v1/spaces/{space}/reports/{done['report_id']}").json()
        assert report["complete"]
        assert report["integration_name"] == "prod"
        checks = {r["check_id"] for r in _all_results(client, space, report["id"])}
        assert "aws-iam-user-console-mfa-enabled" in checks

        client.put(f"{url}/policies/cw-test-s3-only", json={"enabled": True}).raise_for_status()
        policies = client.put(f"{url}/policies/aws-security-baseline", json={"enabled": False})
        assert {p["uid"]: p["enabled"] for p in policies.json()} == {
            "aws-security-baseline": False,
            "cw-test-s3-only": True,
        }
        second = wait_for_scan(client, space, client.post(f"{url}/scans").json()["id"])
        narrowed = {r["check_id"] for r in _all_results(client, space, second["report_id"])}
        assert narrowed == {
            "aws-s3-bucket-versioning-enabled",
            "aws-s3-bucket-public-access-blocked",
        }
        diff = client.get(f"/api/v1/spaces/{space}/reports/{second['report_id']}/diff").json()
        assert diff["previous_report_id"] == report["id"]

        rotated_body = {
            "credentials": {
                "type": "access_key",
                "access_key_id": rotated["AccessKeyId"],
                "secret_access_key": rotated["SecretAccessKey"],
            }
        }
        updated = client.patch(url, json=rotated_body).json()
        assert (updated["status"], updated["credentials"]["access_key_id"]) == (
            "configuring",
            rotated["AccessKeyId"],
        )
        assert client.post(f"{url}/ping").json()["status"] == "active"

        assert client.delete(url).status_code == 204
        assert client.get(url).status_code == 404
        assert client.post(f"{url}/scans").status_code == 404
        kept = client.get(f"/api/v1/spaces/{space}/reports").json()
        assert kept["total"] == 2
        assert all(r["integration_removed"] for r in kept["items"])
        assert (
            client.get(f"/api/v1/spaces/{space}/reports/{report['id']}/document").json()[
                "account_id"
            ]
            == "123456789012"
        )
        actions = [e["action"] for e in client.get(f"/api/v1/spaces/{space}/audit").json()["items"]]
        for action in (
            "integration.create",
            "integration.ping",
            "scan.start",
            "integration.policy",
            "integration.update",
            "integration.remove",
        ):
            assert action in actions

    authenticated(body)


def test_invalid_key_and_denied_calls_land_in_error_with_what_to_fix(
    aws, live, owner, secret_watch
):
    client, space = owner
    iam = aws.client("iam")
    good = scanning_user(iam, "scanner", ALL)
    wrong = {"access_key_id": good["access_key_id"], "secret_access_key": "x" * 40}
    weak = scanning_user(
        iam,
        "weak",
        ["sts:GetCallerIdentity", "ec2:DescribeRegions", "ec2:DescribeAvailabilityZones"],
    )
    secret_watch.secrets |= {good["secret_access_key"], weak["secret_access_key"], "x" * 40}
    base = f"/api/v1/spaces/{space}/integrations"

    def body():
        invalid = client.post(base, json=access_key_body("wrong secret", wrong)).json()
        pinged = client.post(f"{base}/{invalid['id']}/ping").json()
        assert pinged["status"] == "error"
        assert pinged["status_message"].startswith(
            f"AWS does not accept the access key {good['access_key_id']}"
        )
        scan = wait_for_scan(
            client, space, client.post(f"{base}/{invalid['id']}/scans").json()["id"]
        )
        assert scan["state"] == "failed"
        assert "does not accept the access key" in scan["message"]

        denied = client.post(base, json=access_key_body("no read access", weak)).json()
        assert client.post(f"{base}/{denied['id']}/ping").json()["status"] == "active"
        scan = wait_for_scan(
            client, space, client.post(f"{base}/{denied['id']}/scans").json()["id"]
        )
        assert scan["state"] == "succeeded", scan
        after = client.get(f"{base}/{denied['id']}").json()
        assert after["status"] == "error"
        assert (
            "were denied: attach the AWS managed policy ReadOnlyAccess" in after["status_message"]
        )

    authenticated(body)


def trust_policy(principal, external_id):
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": principal},
                    "Action": "sts:AssumeRole",
                    "Condition": {"StringEquals": {"sts:ExternalId": external_id}},
                }
            ],
        }
    )


def test_role_integration_needs_the_generated_external_id_and_cancels(
    aws, live, owner, monkeypatch
):
    client, space = owner
    iam = aws.client("iam")
    platform_key = scanning_user(iam, "platform", ["sts:AssumeRole"])
    platform_arn = "arn:aws:iam::123456789012:user/platform"
    role = iam.create_role(
        RoleName="Scanner", AssumeRolePolicyDocument=trust_policy(platform_arn, "not-this-one")
    )
    iam.put_role_policy(
        RoleName="Scanner",
        PolicyName="read",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
            }
        ),
    )
    # The platform's own identity assumes the customer's role.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", platform_key["access_key_id"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", platform_key["secret_access_key"])
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    base = f"/api/v1/spaces/{space}/integrations"
    credentials = {"type": "role", "role_arn": role["Role"]["Arn"]}
    created = {}

    def before_the_trust_policy_names_it():
        chosen = client.post(
            base, json={"name": "x", "credentials": {**credentials, "external_id": "mine"}}
        )
        assert chosen.status_code == 422, "the ExternalId is never chosen by the user"
        created.update(
            client.post(
                base,
                json={"name": "role", "credentials": credentials, "regions_allow": ["us-east-1"]},
            ).json()
        )
        assert created["status"] == "configuring"
        pinged = client.post(f"{base}/{created['id']}/ping").json()
        assert pinged["status"] == "error"
        assert pinged["status_message"] == (
            f"the platform may not assume {credentials['role_arn']}: check the role ARN, that its "
            "trust policy allows this platform, and that it requires ExternalId "
            f"{created['credentials']['external_id']}"
        )

    authenticated(before_the_trust_policy_names_it)
    external_id = created["credentials"]["external_id"]
    assert external_id.startswith("cw-")
    assert len(external_id) > 20
    iam.update_assume_role_policy(
        RoleName="Scanner", PolicyDocument=trust_policy(platform_arn, external_id)
    )

    first_progress = threading.Event()
    cancelled = threading.Event()

    def hold_first_progress(job_id, event):
        first_progress.set()
        assert cancelled.wait(HANG_GUARD)

    live.platform.runtime.progress_listeners.append(hold_first_progress)

    def after():
        url = f"{base}/{created['id']}"
        pinged = client.post(f"{url}/ping").json()
        assert (pinged["status"], pinged["account_id"]) == ("active", "123456789012")

        scan_id = client.post(f"{url}/scans").json()["id"]
        assert first_progress.wait(HANG_GUARD)
        stopping = client.post(f"/api/v1/spaces/{space}/scans/{scan_id}/cancel").json()
        assert stopping["cancel_requested"]
        cancelled.set()
        done = wait_for_scan(client, space, scan_id)
        assert (done["state"], done["incomplete"]) == ("cancelled", True)
        report = client.get(f"/api/v1/spaces/{space}/reports/{done['report_id']}").json()
        assert report["complete"] is False, "what was collected is kept, marked incomplete"
        document = client.get(f"/api/v1/spaces/{space}/reports/{report['id']}/document").json()
        kinds = {e["kind"] for e in document["collection_errors"]}
        assert "cancelled" in kinds
        assert document["resource_counts"], "the units done before the cancel are kept"

        live.platform.worker.stop()  # nothing runs the next one: it stays queued
        queued = client.post(f"{url}/scans").json()
        dropped = client.post(f"/api/v1/spaces/{space}/scans/{queued['id']}/cancel").json()
        assert dropped["state"] == "cancelled"
        again = client.post(f"/api/v1/spaces/{space}/scans/{queued['id']}/cancel")
        assert again.status_code == 409
        assert again.json()["detail"].startswith("the scan is already cancelled")

    authenticated(after)


def _all_results(client, space, report_id):
    results, offset = [], 0
    while True:
        page = client.get(
            f"/api/v1/spaces/{space}/reports/{report_id}/results",
            params={"offset": offset, "limit": 500},
        ).json()
        results += page["items"]
        offset += 500
        if offset >= page["total"]:
            return results
