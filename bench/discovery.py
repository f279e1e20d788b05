"""Benchmark discovery against moto_server behind a loopback proxy that adds AWS-like latency.

    python bench/discovery.py --scale 1 --scale 20 --latency 0.05

For each scale it starts a fresh moto_server on 127.0.0.1, seeds the demo account at that scale
(directly, without latency), then runs `cloudwarden inventory aws` as a child process with
AWS_ENDPOINT_URL pointing at the proxy. It reports wall time, API requests (counted by the
proxy, retries included), rounds of dependent calls (counted by the engine), the ratio of wall
time to rounds x latency, peak RSS of the scan process, and resources found. Results are written
to docs/benchmarks.md between markers, with the command that produced them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cloudwarden.aws.settings import EngineSettings
from cloudwarden.demo.account import demo_session
from cloudwarden.demo.emulator import FAKE_ENVIRONMENT, moto_server
from cloudwarden.demo.seed import DEMO_REGIONS, SeedContext, seed_account
from cloudwarden.testing.latency_proxy import latency_proxy

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "benchmarks.md"
SECTIONS = {
    "inventory": ("Discovery", "<!-- discovery:begin -->", "<!-- discovery:end -->"),
    "scan": (
        "Full scan (discovery + evaluation)",
        "<!-- full-scan:begin -->",
        "<!-- full-scan:end -->",
    ),
}
MEASURE = (
    "import resource, subprocess, sys;"
    "code = subprocess.run(sys.argv[1:]).returncode;"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN);"
    "print(usage.ru_utime + usage.ru_stime, usage.ru_maxrss, file=sys.stderr);"
    "sys.exit(code)"
)


@dataclass
class Run:
    wall: float
    requests: int
    cpu: float
    peak_rss_mb: float
    inventory: dict[str, Any]


@dataclass
class Result:
    scale: int
    resources: int
    wall: float
    wall_no_latency: float
    requests: int
    api_calls: int
    rounds: int
    errors: int
    cpu: float
    peak_rss_mb: float
    seed_seconds: float


def scan(server: str, latency: float, max_in_flight: int, command: str = "inventory") -> Run:
    """One `cloudwarden <command> aws` child process through a proxy with ``latency``."""
    env = {**os.environ, **FAKE_ENVIRONMENT}
    with latency_proxy(server, latency) as (proxy, stats), tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "inventory.json"
        argv = [
            sys.executable,
            "-c",
            MEASURE,
            sys.executable,
            "-m",
            "cloudwarden.cli",
            command,
            "aws",
            "--quiet",
            "-o",
            str(output),
            "--max-in-flight",
            str(max_in_flight),
            *[arg for region in DEMO_REGIONS for arg in ("--region", region)],
        ]
        env["AWS_ENDPOINT_URL"] = proxy
        begin = time.monotonic()
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        wall = time.monotonic() - begin
        if done.returncode != 0:
            raise SystemExit(f"scan failed ({done.returncode}):\n{done.stderr}")
        cpu, peak_kb = done.stderr.strip().splitlines()[-1].split()
        return Run(
            wall, stats.requests, float(cpu), int(peak_kb) / 1024, json.loads(output.read_text())
        )


def run_scale(scale: int, latency: float, max_in_flight: int, command: str) -> Result:
    with moto_server() as server:
        started = time.monotonic()
        seed_account(SeedContext(session=demo_session(), scale=scale, endpoint_url=server))
        seed_seconds = time.monotonic() - started
        scan(server, 0.0, max_in_flight, command)  # warm moto's lazily built backends
        baseline = scan(server, 0.0, max_in_flight, command)
        measured = scan(server, latency, max_in_flight, command)
    document = measured.inventory
    if command == "scan":  # a report: its discovery stats and counts
        stats = document["discovery"]
        resources = sum(
            sum(by_region.values()) for by_region in document["resource_counts"].values()
        )
        errors = len(document["collection_errors"])
    else:
        stats = document["stats"]
        resources = len(document["resources"])
        errors = len(document["errors"]) + sum(
            len(r["collection_errors"]) for r in document["resources"]
        )
    return Result(
        scale=scale,
        resources=resources,
        wall=measured.wall,
        wall_no_latency=baseline.wall,
        requests=measured.requests,
        api_calls=stats["api_calls"] + 1,  # + sts:GetCallerIdentity by the CLI
        rounds=stats["rounds"] + 1,
        errors=errors,
        cpu=measured.cpu,
        peak_rss_mb=measured.peak_rss_mb,
        seed_seconds=seed_seconds,
    )


def render(
    results: list[Result], latency: float, max_in_flight: int, command: str, mode: str
) -> str:
    settings = EngineSettings(max_in_flight=max_in_flight)
    _, begin, end = SECTIONS[mode]
    lines = [
        begin,
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, with:",
        "",
        f"    {command}",
        "",
        f"Latency {latency * 1000:.0f} ms added to every request by the loopback proxy; "
        f"{max_in_flight} calls in flight at most; botocore retries `{settings.retry_mode}`, "
        f"{settings.max_attempts} attempts, connect timeout {settings.connect_timeout:g} s, "
        f"read timeout {settings.read_timeout:g} s. Regions: {', '.join(DEMO_REGIONS)}.",
        f"Wall time is the whole `cloudwarden {mode} aws` child process (interpreter start, "
        "credentials, discovery, writing JSON), once with 0 ms added and once with the latency; "
        "their difference is what the latency cost. API calls are counted by the engine at "
        "botocore's before-call event (a retried call counts once); HTTP requests are counted by "
        "the proxy (retries included). Rounds are the longest chain of calls that had to wait for "
        "each other, counted by the engine. Both include sts:GetCallerIdentity.",
        "",
        "| scale | resources | API calls | HTTP requests | rounds | wall, 0 ms (s) "
        "| wall, with latency (s) | latency cost (s) | rounds x latency (s) "
        "| latency cost / (rounds x latency) | scanner CPU (s) | peak RSS (MiB) "
        "| recorded call errors |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        floor = r.rounds * latency
        cost = r.wall - r.wall_no_latency
        lines.append(
            f"| {r.scale}x | {r.resources} | {r.api_calls} | {r.requests} | {r.rounds} | "
            f"{r.wall_no_latency:.2f} | {r.wall:.2f} | {cost:.2f} | {floor:.2f} | "
            f"{cost / floor:.1f} | {r.cpu:.2f} | {r.peak_rss_mb:.0f} | {r.errors} |"
        )
    lines.append(end)
    return "\n".join(lines)


def write_report(section: str, mode: str) -> None:
    title, begin, end = SECTIONS[mode]
    text = REPORT.read_text() if REPORT.exists() else "# Benchmarks\n"
    if begin in text:
        head, rest = text.split(begin, 1)
        text = head + section + rest.split(end, 1)[1]
    else:
        text = text.rstrip() + f"\n\n## {title}\n\n" + section + "\n"
    REPORT.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, action="append", help="scale factor (repeatable)")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds added per request")
    parser.add_argument("--max-in-flight", type=int, default=48)
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs alone")
    parser.add_argument(
        "--command",
        choices=sorted(SECTIONS),
        default="inventory",
        help="inventory: discovery only; scan: discovery + evaluation of every shipped check",
    )
    args = parser.parse_args()
    scales = args.scale or [1, 20]
    results = []
    for scale in scales:
        result = run_scale(scale, args.latency, args.max_in_flight, args.command)
        print(result, flush=True)
        results.append(result)
    command = "python bench/discovery.py " + " ".join(f"--scale {s}" for s in scales)
    command += f" --latency {args.latency:g} --max-in-flight {args.max_in_flight}"
    command += f" --command {args.command}"
    section = render(results, args.latency, args.max_in_flight, command, args.command)
    print(section)
    if not args.no_write:
        write_report(section, args.command)


if __name__ == "__main__":
    main()
