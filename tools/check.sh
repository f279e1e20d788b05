#!/usr/bin/env bash
# The one toolchain, the same locally and in CI: lint, format, types, layers, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
echo "== ruff check";     ruff check src tests bench
echo "== ruff format";    ruff format --check src tests bench
echo "== mypy (strict)";  mypy
echo "== import layers";  lint-imports
echo "== pytest";         python -m pytest -q -n "${PYTEST_WORKERS:-2}" "$@"
