"""The Lambda zip: cloudwarden without its platform, CLI and demo, plus what the agent imports.

What to ship is measured, not listed: a fresh interpreter imports the handler, registers every
collector and imports every shipped cloudwarden module, and the third-party top-level modules
it loaded are mapped to their installed distributions (``importlib.metadata``), whose files are
copied. boto3 and its dependencies are left out: the Lambda runtime provides them. The zip is
reproducible (sorted entries, fixed timestamps), so a release's SHA-256 is stable.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import cloudwarden
from cloudwarden.agent.constants import HANDLER
from cloudwarden.exceptions import CloudwardenError

EXCLUDED_SUBPACKAGES = frozenset({"platform", "cli", "demo", "testing"})
"""Parts of cloudwarden the agent never runs (import-linter keeps the agent off them)."""
RUNTIME_PROVIDED = frozenset(
    {"boto3", "botocore", "s3transfer", "jmespath", "python-dateutil", "urllib3", "six"}
)
"""Distributions the Lambda Python runtime already has (boto3 and what it requires)."""
LAMBDA_PYTHON = (3, 12)
FIXED_TIME = (1980, 1, 1, 0, 0, 0)

_PROBE = """
import importlib, json, pkgutil, sys
baseline = set(sys.modules)
import cloudwarden
from cloudwarden.aws.collectors import load_all
importlib.import_module(sys.argv[1])
load_all()
excluded = set(sys.argv[2].split(","))
def walk(path, prefix):
    for info in pkgutil.iter_modules(path, prefix):
        if info.name.split(".")[1] in excluded:
            continue
        module = importlib.import_module(info.name)
        if info.ispkg:
            walk(module.__path__, info.name + ".")
walk(cloudwarden.__path__, "cloudwarden.")
names = {m.split(".")[0] for m in set(sys.modules) - baseline}
print(json.dumps(sorted(n for n in names if n not in sys.stdlib_module_names)))
"""


class PackageError(CloudwardenError):
    """The Lambda zip cannot be built."""


@dataclass(frozen=True)
class PackageResult:
    path: Path
    size_bytes: int
    files: int
    distributions: tuple[str, ...]
    python: tuple[int, int]

    @property
    def matches_lambda_runtime(self) -> bool:
        """Compiled dependencies (pydantic-core, PyYAML, the CEL library) fit the runtime."""
        return self.python == LAMBDA_PYTHON


def imported_top_level_modules(entry: str) -> list[str]:
    """Third-party top-level modules a fresh interpreter loads for the shipped code."""
    source_root = str(Path(cloudwarden.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": source_root}
    command = [sys.executable, "-c", _PROBE, entry, ",".join(sorted(EXCLUDED_SUBPACKAGES))]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)  # noqa: S603 - our own interpreter
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise PackageError(f"importing {entry} for packaging failed: {last}")
    modules: list[str] = json.loads(result.stdout)
    return [m for m in modules if m != "cloudwarden"]


def shipped_distributions(modules: list[str]) -> list[importlib.metadata.Distribution]:
    """The installed distributions providing ``modules``, minus what the runtime provides."""
    providers = importlib.metadata.packages_distributions()
    names = {dist for module in modules for dist in providers.get(module, [])}
    names = {n for n in names if _normal(n) not in {_normal(r) for r in RUNTIME_PROVIDED}}
    names.discard("cloudwarden")
    return [importlib.metadata.distribution(name) for name in sorted(names, key=_normal)]


def _normal(name: str) -> str:
    return name.lower().replace("_", "-")


def cloudwarden_files() -> list[tuple[str, Path]]:
    """(archive name, path) of every shipped cloudwarden file: modules and package data."""
    root = Path(cloudwarden.__file__).resolve().parent
    files = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or "__pycache__" in relative.parts or path.suffix == ".pyc":
            continue
        if len(relative.parts) > 1 and relative.parts[0] in EXCLUDED_SUBPACKAGES:
            continue
        files.append((f"cloudwarden/{relative.as_posix()}", path))
    return files


def distribution_files(dist: importlib.metadata.Distribution) -> list[tuple[str, Path]]:
    files = []
    for entry in dist.files or []:
        name = entry.as_posix()
        if name.startswith("..") or "__pycache__" in name or name.endswith(".pyc"):
            continue
        path = Path(str(dist.locate_file(entry)))
        if path.is_file():
            files.append((name, path))
    return files


def build_package(output_dir: Path, entry: str = HANDLER.rsplit(".", 1)[0]) -> PackageResult:
    """Write ``agent.zip`` into ``output_dir``: what ``entry`` (the handler module) needs."""
    distributions = shipped_distributions(imported_top_level_modules(entry))
    members = dict(cloudwarden_files())
    for dist in distributions:
        members.update(distribution_files(dist))
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        target = output_dir / "agent.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for name in sorted(members):
                info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, members[name].read_bytes())
    except OSError as exc:
        raise PackageError(f"cannot write {output_dir / 'agent.zip'} ({exc.strerror})") from exc
    return PackageResult(
        path=target,
        size_bytes=target.stat().st_size,
        files=len(members),
        distributions=tuple(f"{d.metadata['Name']}=={d.version}" for d in distributions),
        python=(sys.version_info.major, sys.version_info.minor),
    )
