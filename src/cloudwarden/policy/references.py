"""What a CEL expression reads and iterates, found statically from its syntax tree.

``resource.a.b`` (or ``resource['a']['b']``) reads ``a.b``; inside a macro over a list,
``resource.rules.all(r, r.port)`` reads ``rules[].port``;
``related("aws.kms.key").exists(k, k.rotation_enabled)`` reads ``rotation_enabled`` of type
``aws.kms.key`` and binds that type's documents whole; ``related_where("aws.ec2.flow_log",
"resource_id", resource.id)`` reads ``resource_id`` of the flow logs and ``id`` of the resource.
Policy lint checks these paths against the documented fields of each type, and the evaluator
reports ``error`` when a read field or type was not collected. Reads lint cannot see through
(a computed key on a document, ``dyn()`` around one) are reported as problems instead of being
guessed at. Each comprehension is recorded with what it iterates, so its cost can be bounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cloudwarden.policy.expression import (
    Binary,
    Call,
    Comprehension,
    Conditional,
    Ident,
    Index,
    ListExpr,
    Literal,
    MapExpr,
    Node,
    Select,
    children,
    parse,
)

ROOT = "resource"
ITEM = "[]"


@dataclass(frozen=True)
class FieldRef:
    """A field path read from a resource type (``None``: the checked resource's own type)."""

    resource_type: str | None
    path: str

    @property
    def top(self) -> str:
        return self.path.split(".")[0].removesuffix(ITEM)


@dataclass(frozen=True)
class DocPath:
    """Where a value comes from: a path into documents of a type (``None``: the resource)."""

    resource_type: str | None
    segments: tuple[str, ...] = ()
    """Field names, with ``[]`` for the items of a list (or values of a map)."""
    whole: bool = False
    """Every document of the type (``related('T')``), not one document."""
    origin: str = "resource"
    """``resource``, ``related`` (every document of a type), ``join`` (``related_where``: only
    the matching documents) or ``item`` (reached through a comprehension's variable)."""

    @property
    def is_document(self) -> bool:
        """A whole document or object (whose fields are named by keys), not a field value."""
        return not self.whole and (not self.segments or self.segments[-1] == ITEM)

    def child(self, name: str) -> DocPath:
        return DocPath(self.resource_type, (*self.segments, name), origin=self.origin)

    def item(self, origin: str | None = None) -> DocPath:
        origin = origin or self.origin
        if self.whole:
            return DocPath(self.resource_type, origin=origin)
        return DocPath(self.resource_type, (*self.segments, ITEM), origin=origin)

    @property
    def path(self) -> str:
        """``a[].b``: the dotted path lint and the field catalogue use."""
        segments = list(self.segments)
        while segments and segments[-1] == ITEM:
            segments.pop()
        text = ""
        for segment in segments:
            text += segment if segment == ITEM or not text else f".{segment}"
        return text

    def describe(self) -> str:
        owner = self.resource_type or ROOT
        if self.whole:
            return f"related({owner!r})"
        return f"{owner}.{self.path}" if self.path else f"a document of {owner}"


@dataclass(frozen=True)
class Extent:
    """How many items a list can hold: literal items, lists of the data, or unknown."""

    fixed: int = 0
    paths: tuple[DocPath, ...] = ()
    unknown: bool = False
    """Computed in a way the analysis does not follow: bounded by the data's largest list."""

    def __add__(self, other: Extent) -> Extent:
        return Extent(
            self.fixed + other.fixed, self.paths + other.paths, self.unknown or other.unknown
        )


@dataclass(frozen=True)
class Loop:
    """One comprehension: what it iterates, and the comprehensions in its body."""

    macro: str
    extent: Extent
    body: tuple[Loop, ...]

    @property
    def independent(self) -> bool:
        """Iterates a list that does not shrink with an enclosing item: nested, it multiplies."""
        return self.extent.unknown or any(
            path.origin in ("resource", "related") for path in self.extent.paths
        )

    @property
    def over_related(self) -> bool:
        """Iterates every document of a type (``related('T')``)."""
        return any(path.origin == "related" for path in self.extent.paths)


@dataclass(frozen=True)
class Reads:
    """Everything an expression reads, iterates, or hides from the analysis."""

    fields: frozenset[FieldRef]
    related: frozenset[str]
    """Types bound whole through ``related('T')``."""
    joined: frozenset[str]
    """Types joined through ``related_where('T', field, value)``."""
    loops: tuple[Loop, ...]
    problems: tuple[str, ...]


@dataclass
class _Walker:
    fields: set[FieldRef] = field(default_factory=set)
    related: set[str] = field(default_factory=set)
    joined: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    loops: list[Loop] = field(default_factory=list)

    def problem(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)

    def use(self, doc: DocPath | None) -> None:
        if doc is not None and not doc.whole and doc.path:
            self.fields.add(FieldRef(doc.resource_type, doc.path))

    def visit(self, node: Node, scope: dict[str, DocPath]) -> None:
        """Record what ``node`` reads, its own value included."""
        self.inner(node, scope)
        self.use(resolve(node, scope))

    def inner(self, node: Node, scope: dict[str, DocPath]) -> None:
        """Record what ``node`` reads, except its own value (which its parent may extend)."""
        match node:
            case Select(operand=operand):
                self._chain(operand, scope)
            case Index(operand=operand, key=key):
                base = resolve(operand, scope)
                self._chain(operand, scope)
                if base is not None and base.is_document and not _is_string(key):
                    self.problem(
                        f"indexes {base.describe()} with a computed key, which hides the field "
                        "it reads; name the field (resource.field or resource['field'])"
                    )
                self.visit(key, scope)
            case Call():
                self._call(node, scope)
            case Comprehension():
                self._comprehension(node, scope)
            case _:
                for part in children(node):
                    self.visit(part, scope)

    def _chain(self, operand: Node, scope: dict[str, DocPath]) -> None:
        if resolve(operand, scope) is not None:
            self.inner(operand, scope)
        else:
            self.visit(operand, scope)

    def _call(self, node: Call, scope: dict[str, DocPath]) -> None:
        args = node.args
        parts = ((node.target,) if node.target is not None else ()) + args
        if node.function in ("related", "related_where") and node.target is not None:
            # cel also accepts `'T'.related()`: the evaluator binds and joins only the call form
            self.problem(f"calls {node.function}() as a method; call it as a function")
        elif node.function == "related":
            if len(args) == 1 and _is_string(args[0]):
                self.related.add(_text(args[0]))
                return
            self.problem("calls related() without a literal type name")
        elif node.function == "related_where":
            if len(args) == 3 and _is_string(args[0]) and _is_string(args[1]):
                self.joined.add(_text(args[0]))
                self.fields.add(FieldRef(_text(args[0]), _text(args[1])))
            else:
                self.problem("calls related_where() without a literal type name and field")
        elif node.function == "dyn":
            for hidden in filter(None, (resolve(part, scope) for part in parts)):
                self.problem(
                    f"wraps {hidden.describe()} in dyn(), which hides the fields it reads; "
                    "read the fields directly"
                )
        for part in parts:
            self.visit(part, scope)

    def _comprehension(self, node: Comprehension, scope: dict[str, DocPath]) -> None:
        listed = resolve(node.range, scope)
        if listed is None:  # `(c ? resource.list : [resource.one])`: items like the list's
            listed = next(iter(extent(node.range, scope).paths), None)
        self.visit(node.range, scope)
        inner = {name: doc for name, doc in scope.items() if name != node.variable}
        if listed is not None:
            inner[node.variable] = listed.item("item")
        outer, self.loops = self.loops, []
        for part in node.body:
            self.visit(part, inner)
        body, self.loops = self.loops, outer
        self.loops.append(Loop(node.macro, extent(node.range, scope), tuple(body)))


def _is_string(node: Node) -> bool:
    return isinstance(node, Literal) and node.kind == "string"


def _text(node: Node) -> str:
    return str(node.value) if isinstance(node, Literal) else ""


def resolve(node: Node, scope: dict[str, DocPath]) -> DocPath | None:
    """The document path ``node`` evaluates to, or None when it is not a read of the data."""
    match node:
        case Ident(name=name):
            return scope.get(name)
        case Select(operand=operand, field=name):
            base = resolve(operand, scope)
            return base.child(name) if base is not None else None
        case Index(operand=operand, key=key):
            base = resolve(operand, scope)
            if base is None:
                return None
            if _is_string(key) and not base.whole:
                return base.child(_text(key))
            if base.is_document:
                return None
            return base.item()
        case Call(function="related", target=None, args=(Literal(kind="string", value=name),)):
            return DocPath(str(name), whole=True, origin="related")
        case Call(
            function="related_where",
            target=None,
            args=(Literal(kind="string", value=name), Literal(kind="string"), _),
        ):
            return DocPath(str(name), whole=True, origin="join")
        case Comprehension(macro="filter", range=listed):
            return resolve(listed, scope)
    return None


def extent(node: Node, scope: dict[str, DocPath]) -> Extent:
    """How many items the list ``node`` can hold, in terms of the data it is computed from."""
    doc = resolve(node, scope)
    if doc is not None:
        return Extent(paths=(doc,))
    match node:
        case ListExpr(items=items):
            return Extent(fixed=len(items))
        case MapExpr(entries=entries):
            return Extent(fixed=len(entries))
        case Binary(op="+", left=left, right=right):
            return extent(left, scope) + extent(right, scope)
        case Conditional(then=then, otherwise=otherwise):
            return extent(then, scope) + extent(otherwise, scope)
        case Comprehension(macro="map", range=listed):
            return extent(listed, scope)
    return Extent(unknown=True)


def analyse(source: str) -> Reads:
    """Everything ``source`` reads; :class:`ExpressionError` when it cannot be analysed."""
    walker = _Walker()
    walker.visit(parse(source), {ROOT: DocPath(None)})
    return Reads(
        fields=frozenset(walker.fields),
        related=frozenset(walker.related),
        joined=frozenset(walker.joined),
        loops=tuple(walker.loops),
        problems=tuple(walker.problems),
    )


def field_refs(source: str) -> set[FieldRef]:
    """Every field path ``source`` reads, from ``resource``, macro variables and ``related``."""
    return set(analyse(source).fields)
