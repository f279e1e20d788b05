"""Lint a bundle: CEL compiles, only known functions and types, every field read is documented,
the result is a bool, and no comprehension shape multiplies with the size of the account."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import cel

from cloudwarden.policy.cost import nesting_problems
from cloudwarden.policy.evaluator import bind_related
from cloudwarden.policy.expression import ExpressionError, parse
from cloudwarden.policy.functions import FUNCTION_NAMES
from cloudwarden.policy.loader import Bundle
from cloudwarden.policy.model import Check
from cloudwarden.policy.references import analyse
from cloudwarden.policy.result_type import result_type

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


def _is_open(kind: str) -> bool:
    return kind.startswith("map[") or kind.removesuffix("?") in ("any", "map[string, any]")


def _field_known(path: str, fields: Mapping[str, str]) -> bool:
    """Documented, or under a map or ``any`` field (whose keys are data, not schema)."""
    if path in fields:
        return True
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        prefix = ".".join(parts[:end])
        kinds = [fields.get(prefix, "")] if end < len(parts) else []
        if prefix.endswith("[]"):  # the values of a map, or one of them by a computed key
            kinds.append(fields.get(prefix.removesuffix("[]"), ""))
        if any(_is_open(kind) for kind in kinds):
            return True
    return False


def lint_check(check: Check, catalogue: FieldCatalogue) -> list[LintProblem]:
    problems: list[LintProblem] = []
    if check.resource not in catalogue:
        return [LintProblem(check.id, f"unknown resource type {check.resource!r}")]
    for label, source in (("filter", check.filter), ("assert", check.assertion)):
        if source is None:
            continue
        problems.extend(
            LintProblem(check.id, f"{label} {message}")
            for message in _source_problems(source, check.resource, catalogue)
        )
    return problems


def _source_problems(source: str, own_type: str, catalogue: FieldCatalogue) -> list[str]:
    """Every problem of one expression, each a phrase that follows 'assert' or 'filter'."""
    try:
        program = cel.compile(source)
    except ValueError as exc:
        return [f"does not compile: {exc}"]
    try:
        tree = parse(source)
        reads = analyse(source)
    except ExpressionError as exc:
        return [f"cannot be analysed ({exc}); write it with fields, operators and macros"]
    problems = list(reads.problems)
    if "related" in cel.compile(bind_related(source)).functions():
        problems.append("calls related() without a literal type name")
    unknown = {
        name
        for name in program.functions()
        if IDENTIFIER.match(name) and name not in FUNCTION_NAMES | CEL_BUILTINS
    }
    if unknown:
        problems.append(f"calls unknown functions {sorted(unknown)}")
    for type_name in sorted((reads.related | reads.joined) - catalogue.keys()):
        problems.append(
            f"reads unknown type {type_name!r} ('cloudwarden resources list' lists the types)"
        )
    for ref in sorted(reads.fields, key=lambda r: (r.resource_type or "", r.path)):
        type_name = ref.resource_type or own_type
        if type_name not in catalogue:
            continue  # reported once above, with the type
        if not _field_known(ref.path, catalogue[type_name]):
            problems.append(
                f"reads {type_name}.{ref.path}, which is not a documented field "
                f"('cloudwarden resources describe {type_name}' lists them)"
            )
    problems.extend(nesting_problems(reads.loops))
    kind = result_type(tree, catalogue, own_type)
    if kind is not None and kind != "bool":
        problems.append(f"gives {kind}, not a bool: it must be true or false")
    return list(dict.fromkeys(problems))


def lint(bundle: Bundle, catalogue: FieldCatalogue) -> list[LintProblem]:
    """Every problem of every check in the bundle."""
    return [problem for check in bundle.checks.values() for problem in lint_check(check, catalogue)]
