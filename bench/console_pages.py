"""Benchmark the web console's heaviest pages at 100,000 assets: server time and page weight.

    python bench/console_pages.py --assets 100000 --requests 50

It stores one report of ``--assets`` assets (4 results each) the way bench/platform_api.py
does (its ``synthetic_report``), with the results' checks renamed to real checks of the
shipped bundle (those CIS AWS Foundations v5.0.0 maps first), so the asset page shows their
remediation and the framework page has controls to decide. Then it starts ``cloudwarden
serve`` on that database as its own process, logs in through the login form like a browser
(no JavaScript: the pages are server-rendered), and times ``--requests`` sequential GETs of
each page: the asset list (first page, a random offset, filtered, searched, by failing
check), an asset's page, the integration page, the framework view and the overview charts.
It reports p50 and p95 of the response time and the page's weight (HTML bytes; the CSS and
scripts are cached for a year by their hashed URLs). Results go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from cloudwarden.platform.db.models import Integration
from cloudwarden.platform.repositories import reports, scans
from cloudwarden.platform.schemas import IntegrationIn, JobState, RoleIn
from cloudwarden.platform.services import console, integrations
from cloudwarden.policy.loader import load
from cloudwarden.report.model import Report
from platform_api import GRADES, TYPES, percentiles, serving, synthetic_report
from platform_common import database, measured_on, runtime, write_section

BEGIN, END = "<!-- console-pages:begin -->", "<!-- console-pages:end -->"
EMAIL, PASSWORD = "bench@example.com", "bench password of twenty characters"
CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Timing:
    page: str
    first_ms: float
    p50_ms: float
    p95_ms: float
    kib: float


def real_checks(report: Report) -> Report:
    """The report with each synthetic check id renamed to a real check (CIS-mapped first)."""
    bundle = load([])
    cis = [c for f in bundle.frameworks.values() for ctl in f.controls for c in ctl.checks]
    ordered = list(dict.fromkeys([*cis, *bundle.checks]))
    fake = sorted({r.check_id for r in report.results})
    names = dict(zip(fake, ordered, strict=False))
    results = [r.model_copy(update={"check_id": names[r.check_id]}) for r in report.results]
    return report.model_copy(update={"results": results})


def log_in(base: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=120)
    form = client.get("/login")
    token = CSRF_INPUT.search(form.text)
    if token is None:
        raise SystemExit("the login page has no CSRF token")
    done = client.post(
        "/login", data={"email": EMAIL, "password": PASSWORD, "csrf_token": token.group(1)}
    )
    if done.status_code != 303:
        raise SystemExit(f"login answered {done.status_code}")
    return client


def timed(call: Callable[[], httpx.Response], count: int) -> tuple[float, float, float]:
    """p50 and p95 in ms (server time as the client sees it) and the mean HTML KiB."""
    samples, sizes = [], []
    for _ in range(count):
        response = call()
        response.raise_for_status()
        samples.append(response.elapsed.total_seconds())
        sizes.append(len(response.content))
    p50, p95 = percentiles(samples)
    return p50, p95, sum(sizes) / len(sizes) / 1024


def measure(kind: str, assets: int, count: int, server_url: str | None) -> list[Timing]:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp, database(kind, Path(tmp), server_url) as url:
        rt, owner, space = runtime(url, Path(tmp))
        console.set_password(rt, EMAIL, PASSWORD)
        role = RoleIn(type="role", role_arn="arn:aws:iam::123456789012:role/cloudwarden")
        integration = integrations.create(
            rt, owner, space, IntegrationIn(name="bench", credentials=role)
        ).id
        report = real_checks(synthetic_report(assets, rng))
        with rt.sessions.begin() as session:
            job = scans.enqueue(session, space, integration, "manual")
            job.state = JobState.SUCCEEDED
            report_id = reports.store(session, report, space, integration, job.id).id
            row = session.get(Integration, integration)
            assert row is not None
            row.next_scan_at = None  # no scheduled scan: the role is not a real one
        ids = [(a.resource_type, a.resource_id, a.region) for a in report.assets]
        failing = sorted({r.check_id for r in report.results if r.status.value == "fail"})
        del report
        master_key = rt.settings.master_key
        assert master_key is not None
        rt.engine.dispose()
        process, base = serving(url, Path(tmp), master_key.get_secret_value())
        try:
            client = log_in(base)
            on = f"/spaces/{space}"

            def asset_page() -> httpx.Response:
                kind_, resource_id, region = rng.choice(ids)
                query = {"report": report_id, "type": kind_, "id": resource_id, "region": region}
                return client.get(f"{on}/assets/view", params=query)

            pages: dict[str, Callable[[], httpx.Response]] = {
                "assets: first page of 50": lambda: client.get(f"{on}/assets"),
                "assets: a random offset": lambda: client.get(
                    f"{on}/assets", params={"offset": rng.randrange(assets)}
                ),
                "assets: filtered by grade and type": lambda: client.get(
                    f"{on}/assets", params={"grade": rng.choice(GRADES), "type": rng.choice(TYPES)}
                ),
                "assets: search a resource id": lambda: client.get(
                    f"{on}/assets", params={"q": f"{rng.randrange(assets):07d}"}
                ),
                "assets: by failing check": lambda: client.get(
                    f"{on}/assets", params={"check": rng.choice(failing)}
                ),
                "an asset's page": asset_page,
                "integration page": lambda: client.get(f"{on}/integrations/{integration}"),
                "frameworks (CIS v5.0.0 view)": lambda: client.get(f"{on}/frameworks"),
                "overview charts": lambda: client.get(f"{on}/overview"),
            }
            timings = []
            for name, call in pages.items():
                first = call()  # the first reader of a report pays for what is cached
                first.raise_for_status()
                timings.append(
                    Timing(name, first.elapsed.total_seconds() * 1000, *timed(call, count))
                )
                print(kind, timings[-1], flush=True)
            client.close()
        finally:
            process.terminate()
            process.wait(30)
    return timings


def render(results: dict[str, list[Timing]], command: str, assets: int, count: int) -> str:
    lines = [
        *measured_on(command),
        f"One report of {assets:,} assets (4 results each, real check ids) in the database; "
        f"`cloudwarden serve` on it as its own process; a client logged in through the login "
        f"form; {count} sequential GETs of each page (time to the whole response as the client "
        "sees it, HTML only: static files are cached by their hashed URLs). *first* is the "
        "first GET of the page: the asset list's filter values, a report's framework view and "
        "its failures per severity are computed by their first reader and kept per process (a "
        "stored report never changes); the first asset page loads the policy bundles (check "
        "docs) once per process.",
        "",
        "| database | page | first (ms) | p50 (ms) | p95 (ms) | weight (KiB) |",
        "|---|---|---:|---:|---:|---:|",
        *(
            f"| {kind} | {t.page} | {t.first_ms:.0f} | {t.p50_ms:.1f} | {t.p95_ms:.1f} "
            f"| {t.kib:.1f} |"
            for kind, timings in results.items()
            for t in timings
        ),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--assets", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument(
        "--postgres-url", default=None, help="also measure on a fresh PostgreSQL database"
    )
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs alone")
    args = parser.parse_args()
    results = {"sqlite": measure("sqlite", args.assets, args.requests, None)}
    if args.postgres_url:
        results["postgresql"] = measure("postgresql", args.assets, args.requests, args.postgres_url)
    command = f"python bench/console_pages.py --assets {args.assets} --requests {args.requests}"
    if args.postgres_url:
        command += " --postgres-url postgresql://USER@127.0.0.1:PORT/postgres"
    section = render(results, command, args.assets, args.requests)
    print(section)
    if not args.no_write:
        write_section("Console pages at 100,000 assets", BEGIN, END, section)


if __name__ == "__main__":
    sys.exit(main())
