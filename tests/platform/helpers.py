"""Shared helpers: emulated IAM identities and waiting on a scan over the API."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import httpx

from tests.platform.conftest import HANG_GUARD

TERMINAL = {"succeeded", "failed", "cancelled"}
ONE_REGION = ["us-east-1"]


def scanning_user(iam: Any, name: str, actions: list[str]) -> dict[str, str]:
    """An IAM user allowed exactly ``actions``, with an access key."""
    iam.create_user(UserName=name)
    document = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}],
    }
    iam.put_user_policy(UserName=name, PolicyName="scan", PolicyDocument=json.dumps(document))
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return {"access_key_id": key["AccessKeyId"], "secret_access_key": key["SecretAccessKey"]}


def access_key_body(name: str, key: dict[str, str], **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "credentials": {"type": "access_key", **key},
        "regions_allow": ONE_REGION,
        **extra,
    }


def wait_for_scan(client: httpx.Client, space_id: str, scan_id: str) -> dict[str, Any]:
    """Poll the scan until it is finished (the deadline only guards against a hang)."""
    deadline = time.monotonic() + HANG_GUARD
    pause = threading.Event()
    while True:
        scan = client.get(f"/api/v1/spaces/{space_id}/scans/{scan_id}").json()
        if scan["state"] in TERMINAL:
            return scan
        assert time.monotonic() < deadline, f"the scan is still {scan['state']}: hung"
        pause.wait(0.2)
