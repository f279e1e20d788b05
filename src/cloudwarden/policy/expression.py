"""A syntax tree of CEL expressions, for the static analyses of policy lint and the evaluator.

The ``cel`` library compiles and runs expressions but exposes no syntax tree, and the analyses
(which fields an expression reads, how much iteration it can cost, whether its result is a
bool) need one. This parser follows the CEL grammar
(https://github.com/google/cel-spec/blob/master/doc/langdef.md#syntax) for everything a check
can write: literals, operators, member and index access, calls, list and map literals and the
comprehension macros. It runs only on sources ``cel.compile`` already accepted; anything it
cannot read is an :class:`ExpressionError`, which lint reports rather than guesses around.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

MACROS = frozenset({"all", "exists", "exists_one", "map", "filter"})
"""Comprehension macros: ``range.macro(var, body)`` (``map`` may also take a filter first)."""


class ExpressionError(ValueError):
    """The source is outside what the analyses understand."""


@dataclass(frozen=True)
class Node:
    """A node of the syntax tree."""


@dataclass(frozen=True)
class Literal(Node):
    kind: str
    """``int``, ``uint``, ``double``, ``string``, ``bytes``, ``bool`` or ``null``."""
    value: object


@dataclass(frozen=True)
class Ident(Node):
    name: str


@dataclass(frozen=True)
class Select(Node):
    operand: Node
    field: str
    test: bool = False
    """``has(operand.field)``: a presence test, not a read of the value."""


@dataclass(frozen=True)
class Index(Node):
    operand: Node
    key: Node


@dataclass(frozen=True)
class Call(Node):
    function: str
    target: Node | None
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Comprehension(Node):
    macro: str
    range: Node
    variable: str
    body: tuple[Node, ...]
    """The predicate, or for ``map`` the transform (after an optional filter)."""


@dataclass(frozen=True)
class ListExpr(Node):
    items: tuple[Node, ...]


@dataclass(frozen=True)
class MapExpr(Node):
    entries: tuple[tuple[Node, Node], ...]


@dataclass(frozen=True)
class Unary(Node):
    op: str
    operand: Node


@dataclass(frozen=True)
class Binary(Node):
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Conditional(Node):
    condition: Node
    then: Node
    otherwise: Node


TOKEN = re.compile(
    r"""(?P<space>\s+|//[^\n]*)
      |(?P<string>[rRbB]{0,2}(?:'''(?:[^\\]|\\.)*?'''|\"\"\"(?:[^\\]|\\.)*?\"\"\"
                             |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"))
      |(?P<double>(?:\d+\.\d*|\.\d+)(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+)
      |(?P<int>0[xX][0-9a-fA-F]+[uU]?|\d+[uU]?)
      |(?P<name>[A-Za-z_][A-Za-z0-9_]*)
      |(?P<op>\|\||&&|==|!=|<=|>=|[<>!+\-*/%?:.,()\[\]{}])""",
    re.VERBOSE | re.DOTALL,
)
RELATIONS = frozenset({"==", "!=", "<", "<=", ">", ">=", "in"})
BINARY_LEVELS: tuple[frozenset[str], ...] = (
    frozenset({"||"}),
    frozenset({"&&"}),
    RELATIONS,
    frozenset({"+", "-"}),
    frozenset({"*", "/", "%"}),
)
"""Binary operators from the loosest to the tightest binding."""


@dataclass(frozen=True)
class Token:
    kind: str
    text: str


def _tokens(source: str) -> list[Token]:
    tokens: list[Token] = []
    position = 0
    while position < len(source):
        match = TOKEN.match(source, position)
        if match is None:
            raise ExpressionError(f"unexpected character {source[position]!r} at {position}")
        position = match.end()
        kind = match.lastgroup or ""
        if kind != "space":
            text = match.group()
            tokens.append(Token("op" if kind == "name" and text == "in" else kind, text))
    tokens.append(Token("end", ""))
    return tokens


def _string_value(text: str) -> tuple[str, object]:
    prefix = re.match(r"[rRbB]*", text)
    flags = (prefix.group() if prefix else "").lower()
    body = text[len(flags) :]
    quote = body[:3] if body[:3] in ("'''", '"""') else body[0]
    inner = body[len(quote) : -len(quote)]
    if "r" in flags:
        value: object = inner
    else:
        try:
            value = ast.literal_eval(quote + inner + quote)
        except (ValueError, SyntaxError) as exc:
            raise ExpressionError(f"cannot read the string {text}") from exc
    return ("bytes" if "b" in flags else "string"), value


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = _tokens(source)
        self.at = 0

    @property
    def token(self) -> Token:
        return self.tokens[self.at]

    def take(self, text: str | None = None) -> Token:
        token = self.token
        if text is not None and token.text != text:
            raise ExpressionError(f"expected {text!r}, found {token.text or 'the end'!r}")
        self.at += 1
        return token

    def accept(self, text: str) -> bool:
        if self.token.kind == "op" and self.token.text == text:
            self.at += 1
            return True
        return False

    def parse(self) -> Node:
        node = self.expression()
        if self.token.kind != "end":
            raise ExpressionError(f"unexpected {self.token.text!r}")
        return node

    def expression(self) -> Node:
        condition = self.binary(0)
        if self.accept("?"):
            then = self.binary(0)
            self.take(":")
            return Conditional(condition, then, self.expression())
        return condition

    def binary(self, level: int) -> Node:
        if level == len(BINARY_LEVELS):
            return self.unary()
        node = self.binary(level + 1)
        while self.token.kind == "op" and self.token.text in BINARY_LEVELS[level]:
            op = self.take().text
            node = Binary(op, node, self.binary(level + 1))
        return node

    def unary(self) -> Node:
        if self.token.kind == "op" and self.token.text in ("!", "-"):
            op = self.take().text
            return Unary(op, self.unary())
        return self.member(self.primary())

    def arguments(self, close: str) -> tuple[Node, ...]:
        items: list[Node] = []
        while not self.accept(close):
            items.append(self.expression())
            if not self.accept(","):
                self.take(close)
                break
        return tuple(items)

    def member(self, node: Node) -> Node:
        while True:
            if self.accept("."):
                name = self.take().text
                if self.accept("("):
                    node = _call(name, node, self.arguments(")"))
                else:
                    node = Select(node, name)
            elif self.accept("["):
                key = self.expression()
                self.take("]")
                node = Index(node, key)
            else:
                return node

    def primary(self) -> Node:
        token = self.take()
        if token.kind in ("int", "double", "string"):
            return _literal(token)
        if token.kind == "name":
            if token.text in KEYWORDS:
                return KEYWORDS[token.text]
            if self.accept("("):
                return _call(token.text, None, self.arguments(")"))
            return Ident(token.text)
        if token.text == "(":
            node = self.expression()
            self.take(")")
            return node
        if token.text == "[":
            return ListExpr(self.arguments("]"))
        if token.text == "{":
            return self.map_entries()
        if token.text == ".":
            return self.primary()  # a leading dot names the root scope: `.resource`
        raise ExpressionError(f"unexpected {token.text or 'end of the expression'!r}")

    def map_entries(self) -> MapExpr:
        entries: list[tuple[Node, Node]] = []
        while not self.accept("}"):
            key = self.expression()
            self.take(":")
            entries.append((key, self.expression()))
            if not self.accept(","):
                self.take("}")
                break
        return MapExpr(tuple(entries))


KEYWORDS: dict[str, Node] = {
    "true": Literal("bool", True),
    "false": Literal("bool", False),
    "null": Literal("null", None),
}


def _literal(token: Token) -> Literal:
    if token.kind == "int":
        kind = "uint" if token.text[-1] in "uU" else "int"
        return Literal(kind, int(token.text.rstrip("uU"), 0))
    if token.kind == "double":
        return Literal("double", float(token.text))
    kind, value = _string_value(token.text)
    return Literal(kind, value)


def children(node: Node) -> tuple[Node, ...]:
    """The direct sub-expressions of ``node``, in source order."""
    match node:
        case Select(operand=operand) | Unary(operand=operand):
            return (operand,)
        case Index(operand=operand, key=key):
            return (operand, key)
        case Call(target=target, args=args):
            return ((target,) if target is not None else ()) + args
        case Comprehension(range=listed, body=body):
            return (listed, *body)
        case Binary(left=left, right=right):
            return (left, right)
        case Conditional(condition=condition, then=then, otherwise=otherwise):
            return (condition, then, otherwise)
        case ListExpr(items=items):
            return items
        case MapExpr(entries=entries):
            return tuple(part for entry in entries for part in entry)
    return ()


def _call(name: str, target: Node | None, args: tuple[Node, ...]) -> Node:
    if name == "has" and target is None:
        if len(args) != 1 or not isinstance(args[0], Select):
            raise ExpressionError("has() takes one field selection, as in has(resource.field)")
        return Select(args[0].operand, args[0].field, test=True)
    if (
        name in MACROS
        and target is not None
        and len(args) in (2, 3 if name == "map" else 2)
        and isinstance(args[0], Ident)
    ):
        return Comprehension(name, target, args[0].name, args[1:])
    return Call(name, target, args)


def parse(source: str) -> Node:
    """The syntax tree of ``source``; :class:`ExpressionError` when it cannot be read."""
    try:
        return _Parser(source).parse()
    except RecursionError:
        raise ExpressionError("the expression nests too deeply to analyse") from None
