"""Benchmark the scheduler: one pass over 10,000 integrations, and how it spreads their scans.

    python bench/platform_scheduler.py --integrations 10000 \
        --postgres-url postgresql://USER@127.0.0.1:PORT/postgres

10,000 role integrations (12 h interval, the default) are written in bulk, all due at T0 (a
simulated clock). Measured on SQLite and PostgreSQL: the first pass, which queues a scan job
for every one of them and moves each next scan time (a compare-and-set per integration), and
a second pass at T0 + 1 min, when none is due (the cost of the due query alone). The spread is
of the next scan times the first pass chose: the jitter (+-10% of the interval) spreads the
next round over 2.4 h, reported as the fullest and the emptiest 10-minute window.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from cloudwarden.platform.db.models import Integration
from cloudwarden.platform.scheduler import Scheduler
from cloudwarden.platform.schemas import DEFAULT_INTERVAL, Status
from cloudwarden.platform.services.integrations import JITTER
from platform_common import (
    POSTGRES_URL_ENV,
    cpu_seconds,
    database,
    measured_on,
    runtime,
    write_section,
)

BEGIN, END = "<!-- platform-scheduler:begin -->", "<!-- platform-scheduler:end -->"
T0 = datetime(2026, 1, 1, tzinfo=UTC)
WINDOW = timedelta(minutes=10)


@dataclass
class Result:
    database: str
    integrations: int
    queued: int
    wall: float
    cpu: float
    idle_wall: float
    idle_cpu: float
    fullest: int
    emptiest: int
    windows: int


def add_integrations(rt, space: str, count: int) -> None:
    with rt.sessions.begin() as session:
        session.add_all(
            Integration(
                space_id=space,
                name=f"account {i}",
                auth_type="role",
                role_arn=f"arn:aws:iam::{100000000000 + i}:role/cloudwarden",
                external_id=f"bench-{i}",
                interval_seconds=DEFAULT_INTERVAL,
                regions_allow=[],
                regions_deny=[],
                policy_toggles={},
                status=Status.ACTIVE,
                next_scan_at=T0,
                created_at=T0,
                updated_at=T0,
            )
            for i in range(count)
        )


def run(kind: str, count: int, server_url: str | None) -> Result:
    with tempfile.TemporaryDirectory() as tmp, database(kind, Path(tmp), server_url) as url:
        rt, _owner, space = runtime(url, Path(tmp))
        add_integrations(rt, space, count)
        scheduler = Scheduler(rt, random.Random(7))
        wall, cpu = time.perf_counter(), cpu_seconds()
        queued = scheduler.tick(T0)
        wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
        idle_wall, idle_cpu = time.perf_counter(), cpu_seconds()
        assert scheduler.tick(T0 + timedelta(minutes=1)) == []
        idle_wall, idle_cpu = time.perf_counter() - idle_wall, cpu_seconds() - idle_cpu
        with rt.sessions() as session:
            following = list(session.scalars(select(Integration.next_scan_at)))
        rt.engine.dispose()
    earliest = T0 + timedelta(seconds=DEFAULT_INTERVAL * (1 - JITTER))
    windows = Counter(int((t - earliest) / WINDOW) for t in following if t is not None)
    span = int(2 * DEFAULT_INTERVAL * JITTER / WINDOW.total_seconds())
    per_window = [windows.get(index, 0) for index in range(span)]
    return Result(
        database=kind,
        integrations=count,
        queued=len(queued),
        wall=wall,
        cpu=cpu,
        idle_wall=idle_wall,
        idle_cpu=idle_cpu,
        fullest=max(per_window),
        emptiest=min(per_window),
        windows=span,
    )


def render(results: list[Result], command: str) -> str:
    lines = [
        *measured_on(command),
        "First pass: every integration due, a scan job queued for each. Idle pass: one minute "
        "later, none due. CPU is the benchmark process's (PostgreSQL's server CPU not included). "
        f"Spread: next scans over {results[0].windows} ten-minute windows "
        f"(12 h +- {JITTER:.0%}).",
        "",
        "| database | integrations | jobs queued | first pass wall (s) | first pass CPU (s) "
        "| idle pass wall (s) | idle pass CPU (s) | fullest 10-min window "
        "| emptiest 10-min window |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.database} | {r.integrations} | {r.queued} | {r.wall:.2f} | {r.cpu:.2f} | "
            f"{r.idle_wall:.3f} | {r.idle_cpu:.3f} | {r.fullest} | {r.emptiest} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--integrations", type=int, default=10_000)
    parser.add_argument("--postgres-url", default=os.environ.get(POSTGRES_URL_ENV))
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs alone")
    args = parser.parse_args()
    results = []
    for kind in ("sqlite", "postgresql"):
        result = run(kind, args.integrations, args.postgres_url)
        print(result, flush=True)
        results.append(result)
    command = f"python bench/platform_scheduler.py --integrations {args.integrations}"
    command += " --postgres-url postgresql://USER@127.0.0.1:PORT/postgres"
    section = render(results, command)
    print(section)
    if not args.no_write:
        write_section("Scheduler", BEGIN, END, section)


if __name__ == "__main__":
    main()
