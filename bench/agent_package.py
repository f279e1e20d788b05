"""The agent's Lambda zip: its size, and the cold-start import time of its handler.

    python bench/agent_package.py [--entry cloudwarden.agent.handler] [--runs 7] [--no-write]

Builds the zip (cloudwarden.agent.package, as ``cloudwarden agent package``), unpacks it, and
imports the handler module in fresh interpreters the way the Lambda runtime does: ``-S`` (no
site-packages), the unpacked zip plus a directory holding only boto3 and its dependencies (the
runtime's copy) on the path, and no bytecode written (the task directory is read-only, so every
cold start compiles what has no cached bytecode). The result goes to docs/benchmarks.md between
markers, with the command.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from cloudwarden.agent.package import RUNTIME_PROVIDED, build_package

REPORT = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
BEGIN = "<!-- agent-package:begin -->"
END = "<!-- agent-package:end -->"


def runtime_directory(directory: Path) -> Path:
    directory.mkdir()
    for name in RUNTIME_PROVIDED:
        dist = importlib.metadata.distribution(name)
        for top in (dist.read_text("top_level.txt") or "").split() or [name]:
            source = Path(str(dist.locate_file(top)))
            for candidate in (source, source.with_suffix(".py")):
                if candidate.exists():
                    (directory / candidate.name).symlink_to(candidate)
    return directory


def import_seconds(entry: str, path: str) -> float:
    """Wall time of ``import entry`` in a fresh ``-S`` interpreter (interpreter start excluded)."""
    script = f"import time; t = time.perf_counter(); import {entry}; print(time.perf_counter() - t)"
    env = {"PYTHONPATH": path, "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-S", "-c", script], capture_output=True, text=True, env=env, check=True
    )
    return float(result.stdout.strip())


def heaviest_imports(entry: str, path: str, count: int = 6) -> list[tuple[str, float]]:
    """The third-party packages that take longest to import (``-X importtime``, cumulative)."""
    env = {"PYTHONPATH": path, "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-S", "-X", "importtime", "-c", f"import {entry}"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    totals: dict[str, float] = {}
    skip = {"cloudwarden", *sys.stdlib_module_names}
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, raw = line.split(":", 1)[1].split("|")
        name = raw.strip()
        # A package's own line (no dot) carries the cumulative time of everything it imported.
        if cumulative.strip().isdigit() and "." not in name and name not in skip:
            totals[name] = max(totals.get(name, 0.0), int(cumulative) / 1e6)
    return sorted(totals.items(), key=lambda item: -item[1])[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entry", default="cloudwarden.agent.handler")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        started = time.perf_counter()
        result = build_package(root / "out", entry=args.entry, bytecode=False)
        build_seconds = time.perf_counter() - started
        compiled = build_package(root / "compiled", entry=args.entry, bytecode=True)
        runtime = runtime_directory(root / "runtime")
        sizes, times = {}, {}
        for label, built in (("source", result), ("bytecode", compiled)):
            task = root / f"task-{label}"
            with zipfile.ZipFile(built.path) as archive:
                archive.extractall(task)
                sizes[label] = sum(i.file_size for i in archive.infolist())
            path = f"{task}{os.pathsep}{runtime}"
            times[label] = [import_seconds(args.entry, path) for _ in range(args.runs)]
        heavy = heaviest_imports(args.entry, f"{root / 'task-source'}{os.pathsep}{runtime}")

    command = "python bench/agent_package.py" + (
        "" if args.entry == "cloudwarden.agent.handler" else f" --entry {args.entry}"
    )
    mib = 2**20
    rows = [
        "| measure | value |",
        "|---|---:|",
        f"| zip size, sources only | {result.size_bytes / mib:.1f} MiB "
        f"({result.size_bytes:,} bytes) |",
        f"| zip size, with bytecode | {compiled.size_bytes / mib:.1f} MiB |",
        f"| unpacked size, sources only / with bytecode | {sizes['source'] / mib:.1f} MiB / "
        f"{sizes['bytecode'] / mib:.1f} MiB |",
        f"| files (sources only) | {result.files} |",
        f"| libraries | {len(result.distributions)} |",
        f"| build time (sources only) | {build_seconds:.1f} s |",
        f"| cold import of {args.entry}, sources only (median of {args.runs}) | "
        f"{statistics.median(times['source']):.2f} s |",
        f"| cold import of {args.entry}, with bytecode (median of {args.runs}) | "
        f"{statistics.median(times['bytecode']):.2f} s |",
    ]
    section = "\n".join(
        [
            BEGIN,
            f"Measured {datetime.now(UTC):%Y-%m-%d} on {platform.machine()}, "
            f"{os.cpu_count()} cores, Python {platform.python_version()}, with:",
            "",
            f"    {command}",
            "",
            *rows,
            "",
            "Libraries: " + ", ".join(result.distributions) + ".",
            "",
            "Heaviest third-party imports (cumulative, sources only): "
            + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in heavy)
            + ".",
            END,
        ]
    )
    print(section)
    if not args.no_write:
        text = REPORT.read_text()
        if BEGIN in text:
            head, rest = text.split(BEGIN, 1)
            text = head + section + rest.split(END, 1)[1]
        else:
            text = text.rstrip("\n") + "\n\n## Agent package\n\n" + _INTRO + "\n\n" + section + "\n"
        REPORT.write_text(text)


_INTRO = """`bench/agent_package.py` builds the Lambda zip like `cloudwarden agent package`, unpacks
it, and imports the handler in fresh interpreters as the Lambda runtime would: no site-packages,
only the unpacked zip and the runtime's boto3 on the path, and no bytecode written (the task
directory is read-only: nothing is cached between cold starts). "Sources only" is a zip without
bytecode, which every cold start compiles; "with bytecode" ships unchecked-hash pycs compiled by
the same Python, which `cloudwarden agent package` does by default when it runs on the Lambda
runtime's version (3.12). Interpreter start-up is not included; whatever boto3 the handler
imports at module level is (the runtime's copy)."""


if __name__ == "__main__":
    main()
