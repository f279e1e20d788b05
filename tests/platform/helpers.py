"""Shared helpers: emulated IAM identities, waiting on a scan over the API, and reports
built from a list of results (to store without scanning)."""

from __future__ import annotations

import json
import threading
import time
from datetime import datetime
from typing import Any

import httpx

from cloudwarden.inventory.errors import CollectionError, ErrorKind
from cloudwarden.inventory.inventory import DiscoveryStats
from cloudwarden.policy.model import Severity
from cloudwarden.policy.results import Status
from cloudwarden.report.model import AssetScore, Report, ReportResult, StatusCounts
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


def make_report(
    at: datetime,
    results: list[tuple[str, str, str, str, Status]],
    *,
    regions: tuple[str, ...] = ("us-east-1", "eu-west-1"),
    complete: bool = True,
    failed_listings: tuple[tuple[str, str], ...] = (),
) -> Report:
    """A report of (check, type, id, region, status) results; its assets are their resources."""
    counts = StatusCounts()
    resources = sorted({(t, i, r) for _c, t, i, r, _s in results})
    resource_counts: dict[str, dict[str, int]] = {}
    for t, _i, r in resources:
        resource_counts.setdefault(t, {}).setdefault(r, 0)
        resource_counts[t][r] += 1
    return Report(
        account_id="123456789012",
        partition="aws",
        generated_at=at,
        complete=complete,
        score=50,
        grade="C",
        counts=counts,
        severity_failures={},
        policies=[],
        frameworks=[],
        assets=[
            AssetScore(
                resource_type=t,
                resource_id=i,
                resource_arn=None,
                region=r,
                score=50,
                grade="C",
                counts=counts,
            )
            for t, i, r in resources
        ],
        results=[
            ReportResult(
                check_id=c,
                title=c,
                status=s,
                severity=Severity.MEDIUM,
                impact=50,
                resource_type=t,
                resource_id=i,
                resource_arn=None,
                region=r,
                reason=s.value,
            )
            for c, t, i, r, s in results
        ],
        resource_counts=resource_counts,
        regions=list(regions),
        skipped_regions={},
        collection_errors=[
            CollectionError(
                resource_type=t,
                region=r,
                service="sqs",
                operation="ListQueues",
                kind=ErrorKind.ACCESS_DENIED,
                code="AccessDenied",
                message="denied",
            )
            for t, r in failed_listings
        ],
        discovery=DiscoveryStats(),
    )
