"""Benchmark storing scan reports of the demo account in the platform's database.

    python bench/platform_ingest.py --scale 1 --scale 20 --repeat 5 \
        --postgres-url postgresql://USER@127.0.0.1:PORT/postgres

For each scale it seeds the demo account in a fresh moto_server, runs `cloudwarden scan aws`
once (every shipped check, JSON report) and loads the report. Then, for SQLite (a WAL file)
and PostgreSQL (a fresh database), it stores that report ``--repeat`` times through the
platform's own repository (``repositories.reports.store``, one transaction per report, each for
a new scan job of one integration), and reports wall time, this process's CPU time, rows
written per report (report + assets + results) and rows per second. PostgreSQL's server CPU is
not in the CPU column (another process). Results go to docs/benchmarks.md between markers.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from cloudwarden.demo.account import demo_session
from cloudwarden.demo.emulator import FAKE_ENVIRONMENT, moto_server
from cloudwarden.demo.seed import DEMO_REGIONS, SeedContext, seed_account
from cloudwarden.platform.repositories import reports, scans
from cloudwarden.platform.schemas import IntegrationIn, RoleIn
from cloudwarden.platform.services import integrations
from cloudwarden.report.model import Report
from platform_common import (
    POSTGRES_URL_ENV,
    cpu_seconds,
    database,
    measured_on,
    peak_rss_mb,
    runtime,
    write_section,
)

BEGIN, END = "<!-- platform-ingest:begin -->", "<!-- platform-ingest:end -->"


@dataclass
class Result:
    scale: int
    database: str
    assets: int
    results: int
    wall_median: float
    cpu_median: float
    peak_rss_mb: float

    @property
    def rows(self) -> int:
        return 1 + self.assets + self.results


def demo_report(scale: int, scratch: Path) -> Report:
    with moto_server() as server:
        seed_account(SeedContext(session=demo_session(), scale=scale, endpoint_url=server))
        output = scratch / f"report-{scale}.json"
        argv = [sys.executable, "-m", "cloudwarden.cli", "scan", "aws", "--quiet", "-o"]
        argv += [str(output), *[a for r in DEMO_REGIONS for a in ("--region", r)]]
        env = {**os.environ, **FAKE_ENVIRONMENT, "AWS_ENDPOINT_URL": server}
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        if done.returncode not in (0, 1):  # 1: the report has failures
            raise SystemExit(f"scan failed ({done.returncode}):\n{done.stderr}")
    return Report.model_validate(json.loads(output.read_text()))


def ingest(report: Report, kind: str, scale: int, repeat: int, server_url: str | None) -> Result:
    with tempfile.TemporaryDirectory() as tmp, database(kind, Path(tmp), server_url) as url:
        rt, owner, space = runtime(url, Path(tmp))
        role = RoleIn(type="role", role_arn="arn:aws:iam::123456789012:role/cloudwarden")
        integration = integrations.create(
            rt, owner, space, IntegrationIn(name="bench", credentials=role)
        )
        walls, cpus = [], []
        for _ in range(repeat):
            with rt.sessions.begin() as session:
                job = scans.enqueue(session, space, integration.id, "manual").id
            wall, cpu = time.perf_counter(), cpu_seconds()
            with rt.sessions.begin() as session:
                reports.store(session, report, space, integration.id, job)
            walls.append(time.perf_counter() - wall)
            cpus.append(cpu_seconds() - cpu)
        rt.engine.dispose()
    results = len(report.results)
    return Result(
        scale=scale,
        database=kind,
        assets=len(report.assets),
        results=results,
        wall_median=statistics.median(walls),
        cpu_median=statistics.median(cpus),
        peak_rss_mb=peak_rss_mb(),
    )


def render(results: list[Result], command: str, repeat: int) -> str:
    lines = [
        *measured_on(command),
        f"Median of {repeat} stores of the same report, one transaction each. CPU is this "
        "process's (SQLAlchemy, serialization, the SQLite library); PostgreSQL's own server CPU "
        "is not in it. Peak RSS is the benchmark process so far (report objects included).",
        "",
        "| scale | database | assets | results | rows per report | wall (s) | CPU (s) "
        "| rows per second (wall) | reports per second (wall) | peak RSS (MiB) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.scale}x | {r.database} | {r.assets} | {r.results} | {r.rows} | "
            f"{r.wall_median:.3f} | {r.cpu_median:.3f} | {r.rows / r.wall_median:,.0f} | "
            f"{1 / r.wall_median:.2f} | {r.peak_rss_mb:.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, action="append", help="scale factor (repeatable)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--postgres-url", default=os.environ.get(POSTGRES_URL_ENV))
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs alone")
    args = parser.parse_args()
    scales = args.scale or [1, 20]
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        for scale in scales:
            report = demo_report(scale, Path(scratch))
            for kind in ("sqlite", "postgresql"):
                result = ingest(report, kind, scale, args.repeat, args.postgres_url)
                print(result, flush=True)
                results.append(result)
    command = "python bench/platform_ingest.py " + " ".join(f"--scale {s}" for s in scales)
    command += f" --repeat {args.repeat} --postgres-url postgresql://USER@127.0.0.1:PORT/postgres"
    section = render(results, command, args.repeat)
    print(section)
    if not args.no_write:
        write_section("Report ingest", BEGIN, END, section)


if __name__ == "__main__":
    main()
