"""The Lambda zip: cloudwarden without its platform, CLI and demo, plus what the agent imports.

What to ship is measured, not listed: a fresh interpreter imports the handler, registers every
collector and imports every shipped cloudwarden module, and the third-party top-level modules
it loaded are mapped to their installed distributions (``importlib.metadata``), whose files are
copied. boto3 and its dependencies are left out: the Lambda runtime provides them. The zip is
reproducible (sorted entries, fixed timestamps), so a release's SHA-256 is stable.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import py_compile
import subprocess
import sys
import tempfile
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
    bytecode: bool

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


def compiled_members(members: dict[str, Path], scratch: Path) -> dict[str, Path]:
    """Bytecode of every module, at the path the running interpreter looks for it.

    Unchecked-hash pycs: the zip's fixed timestamps cannot invalidate them, and the read-only
    task directory means the runtime could never write them itself (each cold start would
    compile every module again).
    """
    compiled: dict[str, Path] = {}
    for name, source in members.items():
        if not name.endswith(".py"):
            continue
        cached = importlib.util.cache_from_source(name)
        target = scratch / cached
        try:
            py_compile.compile(
                str(source),
                cfile=str(target),
                dfile=name,
                doraise=True,
                invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
            )
        except py_compile.PyCompileError:
            continue  # a library's file for another Python version (never imported here)
        compiled[cached] = target
    return compiled


def build_package(
    output_dir: Path,
    entry: str = HANDLER.rsplit(".", 1)[0],
    bytecode: bool | None = None,
) -> PackageResult:
    """Write ``agent.zip`` into ``output_dir``: what ``entry`` (the handler module) needs.

    ``bytecode`` ships compiled modules for the running Python; by default only when that is
    the Lambda runtime's version (another version's bytecode would be ignored there).
    """
    python = (sys.version_info.major, sys.version_info.minor)
    with_bytecode = python == LAMBDA_PYTHON if bytecode is None else bytecode
    distributions = shipped_distributions(imported_top_level_modules(entry))
    members = dict(cloudwarden_files())
    for dist in distributions:
        members.update(distribution_files(dist))
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        target = output_dir / "agent.zip"
        with tempfile.TemporaryDirectory() as scratch:
            if with_bytecode:
                members |= compiled_members(members, Path(scratch))
            _write_zip(target, members)
    except OSError as exc:
        raise PackageError(f"cannot write {output_dir / 'agent.zip'} ({exc.strerror})") from exc
    return PackageResult(
        path=target,
        size_bytes=target.stat().st_size,
        files=len(members),
        distributions=tuple(f"{d.metadata['Name']}=={d.version}" for d in distributions),
        python=python,
        bytecode=with_bytecode,
    )


def _write_zip(target: Path, members: dict[str, Path]) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, members[name].read_bytes())
