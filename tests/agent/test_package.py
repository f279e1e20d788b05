"""The Lambda zip: self-contained with the runtime's boto3, and nothing the agent does not run."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from cloudwarden.agent.package import RUNTIME_PROVIDED, build_package

ENTRY = "cloudwarden.agent.update"
"""Packaged from the update module here; the release builds from the handler (the default)."""


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    return build_package(tmp_path_factory.mktemp("package"), entry=ENTRY)


def lambda_runtime(directory: Path) -> Path:
    """A directory holding only what the Lambda Python runtime brings: boto3 and its needs."""
    directory.mkdir()
    for name in RUNTIME_PROVIDED:
        dist = importlib.metadata.distribution(name)
        for top in (dist.read_text("top_level.txt") or "").split() or [name]:
            source = Path(str(dist.locate_file(top)))
            for candidate in (source, source.with_suffix(".py")):
                if candidate.exists():
                    (directory / candidate.name).symlink_to(candidate)
    return directory


def test_the_zip_holds_the_agent_and_its_libraries_but_not_platform_cli_demo_or_boto3(package):
    names = zipfile.ZipFile(package.path).namelist()
    tops = {name.split("/")[0] for name in names}
    assert {"cloudwarden", "pydantic", "pydantic_core", "yaml", "cel", "cryptography"} <= tops
    assert not tops & {"boto3", "botocore", "s3transfer", "fastapi", "sqlalchemy", "uvicorn"}
    assert "cloudwarden/agent/update.py" in names
    assert any(n.startswith("cloudwarden/policy/bundles/") and n.endswith(".yaml") for n in names)
    for excluded in ("platform", "cli", "demo", "testing"):
        assert not any(n.startswith(f"cloudwarden/{excluded}/") for n in names), excluded
    assert package.size_bytes == package.path.stat().st_size


def test_the_unpacked_zip_imports_the_agent_with_only_the_runtimes_boto3(package, tmp_path):
    unpacked = tmp_path / "task"
    zipfile.ZipFile(package.path).extractall(unpacked)
    runtime = lambda_runtime(tmp_path / "runtime")
    script = (
        f"import {ENTRY}\n"
        "from cloudwarden.aws.collectors import load_all\n"
        "assert len(list(load_all())) > 50\n"
        "import cloudwarden.scan.pipeline\n"
        "try:\n"
        "    import cloudwarden.platform\n"
        "except ModuleNotFoundError:\n"
        "    print('no platform')\n"
    )
    env = {"PYTHONPATH": f"{unpacked}{os.pathsep}{runtime}", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-S", "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "no platform"


def test_the_zip_is_reproducible(package, tmp_path):
    again = build_package(tmp_path, entry=ENTRY)
    assert again.path.read_bytes() == package.path.read_bytes()
