"""What the platform benchmarks share: a runtime on SQLite or on a fresh PostgreSQL database,
an owner and a space, and the section they append to docs/benchmarks.md."""

from __future__ import annotations

import base64
import os
import platform
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cloudwarden.platform.db.scratch import scratch_database
from cloudwarden.platform.runtime import Runtime, build_runtime
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.services import spaces
from cloudwarden.platform.services.access import Actor
from cloudwarden.platform.settings import PlatformSettings

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "benchmarks.md"
POSTGRES_URL_ENV = "CLOUDWARDEN_TEST_POSTGRES_URL"


@contextmanager
def database(kind: str, scratch: Path, server_url: str | None) -> Iterator[str]:
    """A SQLite file in ``scratch``, or a new database on the PostgreSQL server (dropped after)."""
    if kind == "sqlite":
        yield f"sqlite:///{scratch / 'bench.db'}"
        return
    if not server_url:
        raise SystemExit(f"PostgreSQL: pass --postgres-url or set {POSTGRES_URL_ENV}")
    with scratch_database(server_url, prefix="cw_bench") as url:
        yield url


def measured_on(command: str) -> list[str]:
    """The first lines of a section: when, where (a shared machine) and the command."""
    return [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores "
        f"(shared with other work: prefer the CPU columns), Python "
        f"{platform.python_version()}, with:",
        "",
        f"    {command}",
        "",
    ]


def runtime(url: str, scratch: Path) -> tuple[Runtime, Actor, str]:
    settings = PlatformSettings(
        data_dir=scratch, database_url=url, master_key=base64.b64encode(os.urandom(32)).decode()
    )
    rt = build_runtime(settings)
    token = spaces.bootstrap_user(rt, "bench@example.com", "bench", Role.OWNER)
    owner = spaces.authenticate(rt, token.token)
    return rt, owner, spaces.list_spaces(rt, owner).items[0].id


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_section(title: str, begin: str, end: str, section: str) -> None:
    """Replace the section between its markers, or append it (with its title) at the end."""
    text = REPORT.read_text() if REPORT.exists() else "# Benchmarks\n"
    block = f"{begin}\n{section}\n{end}"
    if begin in text:
        head, rest = text.split(begin, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        heading = "## Platform: ingest and scheduler"
        if heading not in text:
            text = text.rstrip() + f"\n\n{heading}\n"
        text = text.rstrip() + f"\n\n### {title}\n\n{block}\n"
    REPORT.write_text(text)
