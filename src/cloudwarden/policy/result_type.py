"""What type a CEL expression gives, where that is plain from its top: lint refuses an assert
or filter that cannot be a bool.

The ``cel`` library has no type checker, so this is a conservative static check: it names a
type only when the top of the expression decides it (an operator, a literal, a macro, a known
function, a documented field); anything else is unknown and left to the evaluator, which
reports a non-bool result as ``error``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import get_type_hints

from cloudwarden.policy.expression import (
    Binary,
    Call,
    Comprehension,
    Conditional,
    ListExpr,
    Literal,
    MapExpr,
    Node,
    Select,
    Unary,
)
from cloudwarden.policy.functions import make_functions
from cloudwarden.policy.references import ROOT, DocPath, resolve

BOOL = "bool"
CEL_FUNCTION_TYPES: Mapping[str, str] = {
    "contains": BOOL,
    "startsWith": BOOL,
    "endsWith": BOOL,
    "matches": BOOL,
    "size": "int",
    "int": "int",
    "uint": "uint",
    "double": "double",
    "string": "string",
    "bytes": "bytes",
    "timestamp": "timestamp",
    "duration": "duration",
    "type": "type",
    "related": "list",
    "related_where": "list",
}
"""Result types of the CEL built-ins and the evaluator's functions a check can call."""

OUR_FUNCTION_TYPES: Mapping[str, str] = {
    name: getattr(get_type_hints(function).get("return"), "__name__", "")
    for name, function in make_functions(datetime.now(UTC)).items()
}
"""Result types of the functions in :mod:`cloudwarden.policy.functions`, from their signatures."""

MACRO_TYPES = {"all": BOOL, "exists": BOOL, "exists_one": BOOL, "map": "list", "filter": "list"}
ARITHMETIC = frozenset({"+", "-", "*", "/", "%"})


def _field_type(kind: str) -> str | None:
    kind = kind.removesuffix("?")
    if kind == BOOL:
        return BOOL
    for prefix in ("string", "int", "float", "list", "map", "datetime"):
        if kind.startswith(prefix):
            return kind
    return None


def result_type(node: Node, fields: Mapping[str, Mapping[str, str]], own_type: str) -> str | None:
    """The type ``node`` evaluates to, or None when its top does not tell."""
    match node:
        case Literal(kind=kind):
            return kind
        case Binary(op=op):
            return "a number or list" if op in ARITHMETIC else BOOL
        case Unary(op=op, operand=operand):
            return BOOL if op == "!" else result_type(operand, fields, own_type)
        case Select(test=True):
            return BOOL
        case Comprehension(macro=macro):
            return MACRO_TYPES[macro]
        case ListExpr():
            return "list"
        case MapExpr():
            return "map"
        case Conditional(then=then, otherwise=otherwise):
            kinds = {result_type(then, fields, own_type), result_type(otherwise, fields, own_type)}
            known = sorted(kind for kind in kinds if kind is not None and kind != BOOL)
            return known[0] if known else (BOOL if kinds == {BOOL} else None)
        case Call(function=name):
            return OUR_FUNCTION_TYPES.get(name) or CEL_FUNCTION_TYPES.get(name)
    doc = resolve(node, {ROOT: DocPath(None)})
    if doc is not None and not doc.whole and doc.path:
        return _field_type(fields.get(doc.resource_type or own_type, {}).get(doc.path, ""))
    return None
