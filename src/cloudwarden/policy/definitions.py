"""Shared definitions: a named CEL expression with parameters, written once, called by checks.

A bundle file may declare ``definitions``; a check's filter or assertion calls one like a
function, ``alarmed_metric_filter('root-usage')``. The loader expands every call into the
definition's expression, its parameters replaced by the call's arguments, before lint and the
evaluator see the check: both work on the expanded text, so every rule that holds for a
hand-written expression (documented fields, ``related()`` with a literal type, the cost bound)
holds for a definition too.

Arguments must be literals (strings, numbers, booleans, null): a definition is data shared by
checks, not a function of the resource, and literal substitution cannot change the meaning of
the expression around it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cloudwarden.exceptions import PolicyError
from cloudwarden.policy.expression import MACROS, TOKEN

LITERAL_KINDS = frozenset({"string", "int", "double"})
LITERAL_NAMES = frozenset({"true", "false", "null"})
MAX_DEPTH = 8
"""How deeply definitions may call definitions (a cycle is refused before this is reached)."""


@dataclass(frozen=True)
class Lexeme:
    kind: str
    text: str


def lex(source: str) -> list[Lexeme]:
    """Every token of ``source``, whitespace and comments included, so text can be rebuilt."""
    lexemes: list[Lexeme] = []
    position = 0
    while position < len(source):
        match = TOKEN.match(source, position)
        if match is None:
            raise PolicyError(f"unexpected character {source[position]!r} in {source.strip()!r}")
        lexemes.append(Lexeme(match.lastgroup or "", match.group()))
        position = match.end()
    return lexemes


def _significant(lexemes: list[Lexeme], start: int, step: int) -> int | None:
    """The index of the next (step=1) or previous (step=-1) lexeme that is not whitespace."""
    index = start + step
    while 0 <= index < len(lexemes):
        if lexemes[index].kind != "space":
            return index
        index += step
    return None


def _is_literal(lexeme: Lexeme) -> bool:
    return lexeme.kind in LITERAL_KINDS or (lexeme.kind == "name" and lexeme.text in LITERAL_NAMES)


class Definitions:
    """The definitions of a bundle, by name; :meth:`expand` rewrites an expression's calls."""

    def __init__(self) -> None:
        self._bodies: dict[str, tuple[tuple[str, ...], str]] = {}

    def __contains__(self, name: object) -> bool:
        return name in self._bodies

    def __len__(self) -> int:
        return len(self._bodies)

    def add(self, name: str, params: tuple[str, ...], expression: str, *, where: str) -> None:
        if name in self._bodies:
            raise PolicyError(f"{where}: definition {name!r} is defined twice")
        if len(set(params)) != len(params):
            raise PolicyError(f"{where}: definition {name!r} names a parameter twice")
        lexemes = lex(expression)
        for index, lexeme in enumerate(lexemes):
            if lexeme.kind == "name" and lexeme.text in params and _binds(lexemes, index):
                raise PolicyError(
                    f"{where}: definition {name!r} uses its parameter {lexeme.text!r} as a "
                    "comprehension variable; rename one of them"
                )
        self._bodies[name] = (params, expression)

    def expand(self, source: str, *, where: str) -> str:
        """``source`` with every call of a definition replaced by its expanded expression."""
        return self._expand(source, where, ())

    def _expand(self, source: str, where: str, stack: tuple[str, ...]) -> str:
        if len(stack) > MAX_DEPTH:
            raise PolicyError(f"{where}: definitions nest deeper than {MAX_DEPTH}")
        lexemes = lex(source)
        out: list[str] = []
        index = 0
        while index < len(lexemes):
            call = self._call_at(lexemes, index, where)
            if call is None:
                out.append(lexemes[index].text)
                index += 1
                continue
            name, arguments, end = call
            if name in stack:
                raise PolicyError(
                    f"{where}: definition {name!r} calls itself ({' -> '.join([*stack, name])})"
                )
            params, body = self._bodies[name]
            substituted = _substitute(body, dict(zip(params, arguments, strict=True)))
            out.append(f"({self._expand(substituted, where, (*stack, name))})")
            index = end + 1
        return "".join(out)

    def _call_at(
        self, lexemes: list[Lexeme], index: int, where: str
    ) -> tuple[str, list[str], int] | None:
        """(name, literal arguments, index of the closing parenthesis) of a call at ``index``."""
        lexeme = lexemes[index]
        if lexeme.kind != "name" or lexeme.text not in self._bodies:
            return None
        before = _significant(lexemes, index, -1)
        if before is not None and lexemes[before].text == ".":
            return None  # a member or method of something else, not the definition
        opening = _significant(lexemes, index, 1)
        if opening is None or lexemes[opening].text != "(":
            return None
        params, _ = self._bodies[lexeme.text]
        arguments: list[str] = []
        at = _significant(lexemes, opening, 1)
        while at is not None and lexemes[at].text != ")":
            if not _is_literal(lexemes[at]):
                raise PolicyError(
                    f"{where}: {lexeme.text}() takes literal arguments (strings, numbers, "
                    f"true, false, null), not {lexemes[at].text!r}"
                )
            arguments.append(lexemes[at].text)
            at = _significant(lexemes, at, 1)
            if at is None:
                break
            if lexemes[at].text == ",":
                at = _significant(lexemes, at, 1)
            elif lexemes[at].text != ")":
                raise PolicyError(
                    f"{where}: {lexeme.text}() takes literal arguments separated by commas"
                )
        if at is None:
            raise PolicyError(f"{where}: the call of {lexeme.text}() is not closed")
        if len(arguments) != len(params):
            raise PolicyError(
                f"{where}: {lexeme.text}() takes {len(params)} argument(s) "
                f"({', '.join(params) or 'none'}), not {len(arguments)}"
            )
        return lexeme.text, arguments, at


def _binds(lexemes: list[Lexeme], index: int) -> bool:
    """Whether the name at ``index`` is the variable of a comprehension macro."""
    opening = _significant(lexemes, index, -1)
    if opening is None or lexemes[opening].text != "(":
        return False
    macro = _significant(lexemes, opening, -1)
    return macro is not None and lexemes[macro].text in MACROS


def _substitute(body: str, values: Mapping[str, str]) -> str:
    lexemes = lex(body)
    out: list[str] = []
    for index, lexeme in enumerate(lexemes):
        before = _significant(lexemes, index, -1)
        member = before is not None and lexemes[before].text == "."
        if lexeme.kind == "name" and lexeme.text in values and not member:
            out.append(values[lexeme.text])
        else:
            out.append(lexeme.text)
    return "".join(out)
