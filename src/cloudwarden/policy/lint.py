"""Lint a bundle: CEL compiles, only known functions, every field read is documented."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import cel

from cloudwarden.policy.evaluator import bind_related
from cloudwarden.policy.functions import FUNCTION_NAMES
from cloudwarden.policy.loader import Bundle
from cloudwarden.policy.model import Check
from cloudwarden.policy.references import field_refs

FieldCatalogue = Mapping[str, Mapping[str, str]]
"""Resource type -> documented field path -> type name (``map[...]`` and ``any`` are open)."""

CEL_BUILTINS = frozenset(
    {
        "size",
        "has",
        "matches",
        "contains",
        "startsWith",
        "endsWith",
        "int",
        "string",
        "double",
        "bool",
        "timestamp",
        "duration",
        "type",
        "dyn",
        "exists",
        "exists_one",
        "all",
        "map",
        "filter",
        "lowerAscii",
        "upperAscii",
        "split",
        "join",
        "trim",
        "replace",
        "getDays",
    }
)


IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
"""Named functions; operators appear in CEL's list as overload ids such as ``!_`` or ``_+_``."""


@dataclass(frozen=True)
class LintProblem:
    check_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.check_id}: {self.message}"


def _field_known(path: str, fields: Mapping[str, str]) -> bool:
    if path in fields:
        return True
    parts = path.split(".")
    for end in range(len(parts) - 1, 0, -1):
        prefix = ".".join(parts[:end])
        kind = fields.get(prefix, "")
        if kind.startswith("map[") or kind.removesuffix("?") in ("any", "map[string, any]"):
            return True
    return False


def lint_check(check: Check, catalogue: FieldCatalogue) -> list[LintProblem]:
    problems: list[LintProblem] = []
    if check.resource not in catalogue:
        return [LintProblem(check.id, f"unknown resource type {check.resource!r}")]
    for label, source in (("filter", check.filter), ("assert", check.assertion)):
        if source is None:
            continue
        try:
            program = cel.compile(source)
        except ValueError as exc:
            problems.append(LintProblem(check.id, f"{label} does not compile: {exc}"))
            continue
        if "related" in cel.compile(bind_related(source)).functions():
            problems.append(
                LintProblem(check.id, f"{label} calls related() without a literal type name")
            )
        unknown = {
            name
            for name in program.functions()
            if IDENTIFIER.match(name) and name not in FUNCTION_NAMES | CEL_BUILTINS
        }
        if unknown:
            problems.append(
                LintProblem(check.id, f"{label} calls unknown functions {sorted(unknown)}")
            )
        for ref in sorted(field_refs(source), key=lambda r: (r.resource_type or "", r.path)):
            type_name = ref.resource_type or check.resource
            if type_name not in catalogue:
                problems.append(LintProblem(check.id, f"{label} reads unknown type {type_name!r}"))
            elif not _field_known(ref.path, catalogue[type_name]):
                problems.append(
                    LintProblem(
                        check.id,
                        f"{label} reads {type_name}.{ref.path}, which is not a "
                        "documented field ('cloudwarden resources describe "
                        f"{type_name}' lists them)",
                    )
                )
    return problems


def lint(bundle: Bundle, catalogue: FieldCatalogue) -> list[LintProblem]:
    """Every problem of every check in the bundle."""
    return [problem for check in bundle.checks.values() for problem in lint_check(check, catalogue)]
