"""Benchmark the platform's API at 100,000 assets, and the serving process's idle memory.

    python bench/platform_api.py --assets 100000 --requests 200 \
        --postgres-url postgresql://USER@127.0.0.1:PORT/postgres

For SQLite (a WAL file) and PostgreSQL (a fresh database) it stores one report of
``--assets`` assets over 24 resource types and 4 regions, each with 4 results (pass, fail,
error, skip in a seeded mix), through the platform's own repository. Then it starts
``cloudwarden serve`` on that database as a real process and times, over HTTP with one client,
``--requests`` calls of each page the console needs:

- the asset list: a page of 100 at a random offset, unfiltered and filtered by grade and type;
- an asset's results: the results of one random asset;
- the integration page: the integration, its latest report's summary, its last scans.

It reports p50 and p95 latency per call, and the serving process's resident memory (VmRSS)
after it answered them and then idled for 10 s; and, as the floor, a fresh ``serve`` on an
empty database idling for 10 s. Results go to docs/benchmarks.md between markers.
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx

from cloudwarden.demo.emulator import free_port
from cloudwarden.inventory.inventory import DiscoveryStats
from cloudwarden.platform.db.models import Integration
from cloudwarden.platform.repositories import reports, scans
from cloudwarden.platform.schemas import IntegrationIn, JobState, RoleIn, TokenIn
from cloudwarden.platform.services import integrations, spaces
from cloudwarden.policy.model import Severity
from cloudwarden.policy.results import Status
from cloudwarden.report.model import AssetScore, Report, ReportResult, StatusCounts
from platform_common import POSTGRES_URL_ENV, database, measured_on, runtime, write_section

BEGIN, END = "<!-- platform-api:begin -->", "<!-- platform-api:end -->"
TYPES = [f"aws.service{n}.thing" for n in range(24)]
REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"]
GRADES = ["A", "B", "C", "D", "F"]
STATUSES = [Status.PASS, Status.PASS, Status.FAIL, Status.ERROR, Status.SKIP]
CHECKS_PER_ASSET = 4
IDLE_SECONDS = 10
STARTUP_GUARD = 120.0


@dataclass
class Timing:
    database: str
    call: str
    p50_ms: float
    p95_ms: float


@dataclass
class Memory:
    database: str
    assets: int
    rss_mb: float


def synthetic_report(assets: int, rng: random.Random) -> Report:
    counts = StatusCounts()
    rows, results = [], []
    for n in range(assets):
        kind, region = TYPES[n % len(TYPES)], REGIONS[n % len(REGIONS)]
        resource_id = f"bench-{kind.split('.')[1]}-{n:07d}"
        rows.append(
            AssetScore(
                resource_type=kind,
                resource_id=resource_id,
                resource_arn=None,
                region=region,
                score=rng.randint(0, 100),
                grade=rng.choice(GRADES),
                counts=counts,
            )
        )
        for check in range(CHECKS_PER_ASSET):
            status = rng.choice(STATUSES)
            results.append(
                ReportResult(
                    check_id=f"aws-{kind.split('.')[1]}-check-{check}",
                    title="a check",
                    status=status,
                    severity=rng.choice(list(Severity)),
                    impact=50,
                    resource_type=kind,
                    resource_id=resource_id,
                    resource_arn=None,
                    region=region,
                    reason=f"{status.value}: synthetic",
                )
            )
    return Report(
        account_id="123456789012",
        partition="aws",
        generated_at=datetime.now(UTC),
        complete=True,
        score=62,
        grade="C",
        counts=counts,
        severity_failures={},
        policies=[],
        frameworks=[],
        assets=rows,
        results=results,
        resource_counts={kind: dict.fromkeys(REGIONS, assets // 96) for kind in TYPES},
        regions=REGIONS,
        skipped_regions={},
        collection_errors=[],
        discovery=DiscoveryStats(),
    )


def serving(url: str, data_dir: Path, master_key: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOUDWARDEN_")}
    env |= {
        "CLOUDWARDEN_DATABASE_URL": url,
        "CLOUDWARDEN_DATA_DIR": str(data_dir),
        "CLOUDWARDEN_MASTER_KEY": master_key,
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9",  # nothing reaches AWS, whatever happens
    }
    argv = [sys.executable, "-m", "cloudwarden.cli", "serve", "--port", str(port)]
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_GUARD
    while True:
        try:
            httpx.get(f"{base}/api/v1/openapi.json", timeout=5).raise_for_status()
        except httpx.TransportError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("cloudwarden serve did not start") from None
            time.sleep(0.2)
        else:
            return process, base


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise SystemExit("no VmRSS in /proc: this benchmark reads Linux process memory")


def idle_rss(process: subprocess.Popen[bytes]) -> float:
    threading.Event().wait(IDLE_SECONDS)
    return rss_mb(process.pid)


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return statistics.median(ordered) * 1000, p95 * 1000


def timed(call: Callable[[], httpx.Response], count: int) -> tuple[float, float]:
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        call().raise_for_status()
        samples.append(time.perf_counter() - started)
    return percentiles(samples)


def measure(
    kind: str, assets: int, count: int, server_url: str | None
) -> tuple[list[Timing], Memory]:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp, database(kind, Path(tmp), server_url) as url:
        rt, owner, space = runtime(url, Path(tmp))
        role = RoleIn(type="role", role_arn="arn:aws:iam::123456789012:role/cloudwarden")
        integration = integrations.create(
            rt, owner, space, IntegrationIn(name="bench", credentials=role)
        ).id
        report = synthetic_report(assets, rng)
        with rt.sessions.begin() as session:
            job = scans.enqueue(session, space, integration, "manual")
            job.state = JobState.SUCCEEDED
            report_id = reports.store(session, report, space, integration, job.id).id
            # No scheduled scan while it is measured: the role is not a real one.
            row = session.get(Integration, integration)
            assert row is not None
            row.next_scan_at = None
        token = spaces.create_token(rt, owner, TokenIn(name="bench")).token
        ids = [(a.resource_type, a.resource_id, a.region) for a in report.assets]
        del report
        master_key = rt.settings.master_key
        assert master_key is not None
        rt.engine.dispose()
        process, base = serving(url, Path(tmp), master_key.get_secret_value())
        try:
            client = httpx.Client(
                base_url=f"{base}/api/v1/spaces/{space}",
                headers={"Authorization": f"Bearer {token}"},
                timeout=60,
            )
            on = f"/reports/{report_id}"
            calls: dict[str, Callable[[], httpx.Response]] = {
                "asset list, page of 100 at a random offset": lambda: client.get(
                    f"{on}/assets", params={"offset": rng.randrange(assets), "limit": 100}
                ),
                "asset list filtered by grade and type": lambda: client.get(
                    f"{on}/assets",
                    params={"grade": rng.choice(GRADES), "resource_type": rng.choice(TYPES)},
                ),
                "an asset's results": lambda: asset_results(client, on, rng.choice(ids)),
                "integration page (integration, latest report, last scans)": lambda: (
                    integration_page(client, integration)
                ),
            }
            timings = []
            for name, call in calls.items():
                call()  # warm the caches once
                p50, p95 = timed(call, count)
                timings.append(Timing(kind, name, p50, p95))
                print(timings[-1], flush=True)
            memory = Memory(kind, assets, idle_rss(process))
            client.close()
        finally:
            process.terminate()
            process.wait(30)
    return timings, memory


def asset_results(client: httpx.Client, on: str, asset: tuple[str, str, str]) -> httpx.Response:
    kind, resource_id, region = asset
    params = {"resource_type": kind, "resource_id": resource_id, "region": region}
    return client.get(f"{on}/results", params=params)


def integration_page(client: httpx.Client, integration: str) -> httpx.Response:
    client.get(f"/integrations/{integration}").raise_for_status()
    client.get(f"/integrations/{integration}/latest-report").raise_for_status()
    return client.get("/scans", params={"integration_id": integration, "limit": 10})


def empty_idle_rss() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        key = base64.b64encode(os.urandom(32)).decode()
        process, _ = serving(f"sqlite:///{Path(tmp) / 'empty.db'}", Path(tmp), key)
        try:
            return idle_rss(process)
        finally:
            process.terminate()
            process.wait(30)


def render(
    timings: list[Timing], memory: list[Memory], empty_mb: float, command: str, count: int
) -> str:
    lines = [
        *measured_on(command),
        f"One report of {memory[0].assets:,} assets ({CHECKS_PER_ASSET} results each) in the "
        f"database; `cloudwarden serve` on it as its own process; {count} sequential calls of "
        "each kind from one HTTP client on the same machine (latency includes HTTP, "
        "authentication and the role check).",
        "",
        "| database | call | p50 (ms) | p95 (ms) |",
        "|---|---|---:|---:|",
        *(f"| {t.database} | {t.call} | {t.p50_ms:.1f} | {t.p95_ms:.1f} |" for t in timings),
        "",
        f"Resident memory of the serving process after {IDLE_SECONDS} s idle:",
        "",
        "| database | assets stored | VmRSS (MiB) |",
        "|---|---:|---:|",
        f"| sqlite, empty | 0 | {empty_mb:.0f} |",
        *(
            f"| {m.database}, after the calls above | {m.assets:,} | {m.rss_mb:.0f} |"
            for m in memory
        ),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--assets", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--postgres-url", default=os.environ.get(POSTGRES_URL_ENV))
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs alone")
    args = parser.parse_args()
    timings: list[Timing] = []
    memory: list[Memory] = []
    for kind in ("sqlite", "postgresql"):
        found, used = measure(kind, args.assets, args.requests, args.postgres_url)
        timings += found
        memory.append(used)
    empty_mb = empty_idle_rss()
    command = (
        f"python bench/platform_api.py --assets {args.assets} --requests {args.requests} "
        "--postgres-url postgresql://USER@127.0.0.1:PORT/postgres"
    )
    section = render(timings, memory, empty_mb, command, args.requests)
    print(section)
    if not args.no_write:
        write_section("API at 100,000 assets, idle memory", BEGIN, END, section)


if __name__ == "__main__":
    main()
