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

import boto3

from cloudwarden.aws.settings import EngineSettings
from cloudwarden.demo.account import FAKE_CREDENTIALS
from cloudwarden.demo.proxy import latency_proxy
from cloudwarden.demo.seed import DEMO_REGIONS, SeedContext, seed_account
from cloudwarden.demo.server import moto_server

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "benchmarks.md"
BEGIN = "<!-- discovery:begin -->"
END = "<!-- discovery:end -->"
MEASURE = (
    "import resource, subprocess, sys;"
    "code = subprocess.run(sys.argv[1:]).returncode;"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr);"
    "sys.exit(code)"
)


@dataclass
class Result:
    scale: int
    resources: int
    wall: float
    requests: int
    api_calls: int
    rounds: int
    errors: int
    peak_rss_mb: float
    seed_seconds: float


def run_scale(scale: int, latency: float, max_in_flight: int) -> Result:
    env = {**os.environ, **FAKE_CREDENTIALS}
    os.environ.update(FAKE_CREDENTIALS)
    with moto_server() as server:
        started = time.monotonic()
        session = boto3.Session(region_name=DEMO_REGIONS[0])
        seed_account(SeedContext(session=session, scale=scale, endpoint_url=server))
        seed_seconds = time.monotonic() - started
        with latency_proxy(server, latency) as (proxy, stats), tempfile.TemporaryDirectory() as tmp:
            output = Path(tmp) / "inventory.json"
            command = [
                sys.executable,
                "-c",
                MEASURE,
                sys.executable,
                "-m",
                "cloudwarden.cli",
                "inventory",
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
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
            wall = time.monotonic() - begin
            if done.returncode != 0:
                raise SystemExit(f"scan failed ({done.returncode}):\n{done.stderr}")
            inventory = json.loads(output.read_text())
            peak_kb = int(done.stderr.strip().splitlines()[-1])
    errors = len(inventory["errors"]) + sum(
        len(r["collection_errors"]) for r in inventory["resources"]
    )
    return Result(
        scale=scale,
        resources=len(inventory["resources"]),
        wall=wall,
        requests=stats.requests,
        api_calls=inventory["stats"]["api_calls"],
        rounds=inventory["stats"]["rounds"] + 1,  # + sts:GetCallerIdentity made by the CLI
        errors=errors,
        peak_rss_mb=peak_kb / 1024,
        seed_seconds=seed_seconds,
    )


def render(results: list[Result], latency: float, max_in_flight: int, command: str) -> str:
    settings = EngineSettings(max_in_flight=max_in_flight)
    lines = [
        BEGIN,
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, with:",
        "",
        f"    {command}",
        "",
        f"Latency {latency * 1000:.0f} ms added to every request by the loopback proxy; "
        f"{max_in_flight} calls in flight at most; botocore retries `{settings.retry_mode}`, "
        f"{settings.max_attempts} attempts, connect timeout {settings.connect_timeout:g} s, "
        f"read timeout {settings.read_timeout:g} s. Regions: {', '.join(DEMO_REGIONS)}.",
        "Wall time is the whole `cloudwarden inventory aws` process (interpreter start, "
        "credentials, discovery, writing JSON). Rounds are the longest chain of calls that had to "
        "wait for each other, counted by the engine, plus sts:GetCallerIdentity.",
        "",
        "| scale | resources | wall time (s) | API requests | rounds | rounds x latency (s) "
        "| wall / (rounds x latency) | peak RSS (MiB) | recorded call errors |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        floor = r.rounds * latency
        lines.append(
            f"| {r.scale}x | {r.resources} | {r.wall:.2f} | {r.requests} | {r.rounds} | "
            f"{floor:.2f} | {r.wall / floor:.2f} | {r.peak_rss_mb:.0f} | {r.errors} |"
        )
    lines.append(END)
    return "\n".join(lines)


def write_report(section: str) -> None:
    text = REPORT.read_text() if REPORT.exists() else "# Benchmarks\n"
    if BEGIN in text:
        head, rest = text.split(BEGIN, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip() + "\n\n## Discovery\n\n" + section + "\n"
    REPORT.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, action="append", help="scale factor (repeatable)")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds added per request")
    parser.add_argument("--max-in-flight", type=int, default=48)
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs alone")
    args = parser.parse_args()
    scales = args.scale or [1, 20]
    results = []
    for scale in scales:
        result = run_scale(scale, args.latency, args.max_in_flight)
        print(result, flush=True)
        results.append(result)
    command = "python bench/discovery.py " + " ".join(f"--scale {s}" for s in scales)
    command += f" --latency {args.latency:g} --max-in-flight {args.max_in_flight}"
    section = render(results, args.latency, args.max_in_flight, command)
    print(section)
    if not args.no_write:
        write_report(section)


if __name__ == "__main__":
    main()
