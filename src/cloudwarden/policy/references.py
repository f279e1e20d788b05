"""Which resource fields a CEL expression reads, found statically from its source.

``resource.a.b`` reads ``a.b``; inside a macro over a list, ``resource.rules.all(r, r.port)``
reads ``rules[].port``; ``related("aws.kms.key").exists(k, k.rotation_enabled)`` reads
``rotation_enabled`` of type ``aws.kms.key``; ``related_where("aws.ec2.flow_log", "resource_id",
resource.id)`` reads ``resource_id`` of the flow logs and ``id`` of the resource. Policy lint
checks these paths against the documented fields of each type, and the evaluator reports
``error`` when a read field was not collected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TOKEN = re.compile(
    r"""(?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
      |(?P<name>[A-Za-z_][A-Za-z0-9_]*)
      |(?P<dot>\.)
      |(?P<open>[(\[])
      |(?P<close>[)\]])
      |(?P<comma>,)
      |(?P<other>\S)""",
    re.VERBOSE,
)
MACROS = frozenset({"all", "exists", "exists_one", "map", "filter"})
ROOT = "resource"


@dataclass(frozen=True)
class FieldRef:
    """A field path read from a resource type (``None``: the checked resource's own type)."""

    resource_type: str | None
    path: str

    @property
    def top(self) -> str:
        return self.path.split(".")[0].removesuffix("[]")


def _tokens(source: str) -> list[tuple[str, str]]:
    return [(m.lastgroup or "", m.group()) for m in TOKEN.finditer(source)]


def _matching_close(tokens: list[tuple[str, str]], start: int) -> int:
    depth = 0
    for index in range(start, len(tokens)):
        kind = tokens[index][0]
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
            if depth == 0:
                return index
    return len(tokens) - 1


def field_refs(source: str) -> set[FieldRef]:
    """Every field path ``source`` reads, from ``resource``, macro variables and ``related``."""
    refs: set[FieldRef] = set()
    _scan(_tokens(source), {ROOT: (None, "")}, refs)
    return refs


def _scan(
    tokens: list[tuple[str, str]],
    scope: dict[str, tuple[str | None, str]],
    refs: set[FieldRef],
) -> None:
    index = 0
    while index < len(tokens):
        kind, text = tokens[index]
        root: tuple[str | None, str] | None = None
        previous_is_dot = index > 0 and tokens[index - 1][0] == "dot"
        if kind == "name" and text in scope and not previous_is_dot:
            root = scope[text]
            index += 1
        elif (
            kind == "name"
            and text == "related_where"
            and index + 5 < len(tokens)
            and tokens[index + 1] == ("open", "(")
            and tokens[index + 2][0] == "string"
            and tokens[index + 4][0] == "string"
        ):
            close = _matching_close(tokens, index + 1)
            joined_type = tokens[index + 2][1][1:-1]
            refs.add(FieldRef(joined_type, tokens[index + 4][1][1:-1]))
            _scan(tokens[index + 6 : close], scope, refs)  # the value expression
            root = (joined_type, "[]")
            index = close + 1
        elif (
            kind == "name"
            and text == "related"
            and index + 3 < len(tokens)
            and tokens[index + 1] == ("open", "(")
            and tokens[index + 2][0] == "string"
        ):
            root = (tokens[index + 2][1][1:-1], "[]")
            index = _matching_close(tokens, index + 1) + 1
        if root is None:
            index += 1
            continue
        index = _walk_chain(tokens, index, root, scope, refs)


def _walk_chain(
    tokens: list[tuple[str, str]],
    index: int,
    root: tuple[str | None, str],
    scope: dict[str, tuple[str | None, str]],
    refs: set[FieldRef],
) -> int:
    """Follow ``.field`` / ``.macro(v, body)`` after a root; return the index after the chain."""
    type_name, path = root
    while index + 1 < len(tokens) and tokens[index][0] == "dot" and tokens[index + 1][0] == "name":
        name = tokens[index + 1][1]
        after = index + 2
        if name in MACROS and after < len(tokens) and tokens[after] == ("open", "("):
            close = _matching_close(tokens, after)
            inner = tokens[after + 1 : close]
            listed = path.removesuffix(".").removesuffix("[]")
            if listed:
                refs.add(FieldRef(type_name, listed))
            if len(inner) >= 2 and inner[0][0] == "name" and inner[1][0] == "comma":
                item_path = (
                    f"{path.removesuffix('.')}[]."
                    if path and not path.endswith("[]")
                    else (f"{path}." if path else "")
                )
                _scan(inner[2:], {**scope, inner[0][1]: (type_name, item_path)}, refs)
            return close + 1
        if name in ("size", "contains", "startsWith", "endsWith", "matches"):
            break
        path = f"{path}{name}" if path.endswith(".") or not path else f"{path}.{name}"
        if path.startswith("[]"):
            path = path.removeprefix("[]").removeprefix(".")
        index = after
    read = path.removesuffix(".").removesuffix("[]")
    if read:  # a bare macro variable (the item itself) reads nothing more than its list
        refs.add(FieldRef(type_name, read))
    return index
