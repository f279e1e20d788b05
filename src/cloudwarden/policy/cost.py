"""Bound what a check costs before it runs: the ``cel`` runtime cannot be interrupted.

``cel`` (``common-expression-language``, Rust) holds the GIL for a whole ``execute`` and offers
no cost limit, no timeout and no cancellation, so a watchdog thread could not stop a runaway
evaluation (four nested ``.all()`` over 100 items is 10^8 steps, minutes). CEL has no loops but
its comprehension macros, so the cost of an expression is bounded by its comprehensions and the
sizes of the lists they iterate. Two guards use that:

- lint refuses shapes whose cost multiplies with the size of the account
  (:func:`nesting_problems`);
- before each evaluation, :func:`estimate` computes the iterations its comprehensions can take
  over the actual documents bound, and the evaluator refuses an evaluation over its budget as an
  ``error`` result instead of running it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from cloudwarden.policy.references import ITEM, DocPath, Extent, Loop

DEFAULT_BUDGET = 1_000_000
"""Comprehension steps one evaluation of a check may take (about a second of CEL at most)."""

MAX_INDEPENDENT_NESTING = 2
"""Comprehensions over lists that do not come from the enclosing item, nested in each other."""

Documents = Callable[[str], list[dict[str, Any]]]


def _depth(loops: Iterable[Loop]) -> int:
    return max((int(loop.independent) + _depth(loop.body) for loop in loops), default=0)


def _related_inside(loops: Iterable[Loop], nested: bool) -> list[Loop]:
    found: list[Loop] = []
    for loop in loops:
        if nested and loop.over_related:
            found.append(loop)
        found.extend(_related_inside(loop.body, True))
    return found


def nesting_problems(loops: tuple[Loop, ...]) -> list[str]:
    """The lint rules on comprehension shapes whose cost grows as a product of list sizes."""
    problems: list[str] = []
    for loop in _related_inside(loops, False):
        types = sorted({str(p.resource_type) for p in loop.extent.paths if p.origin == "related"})
        problems.append(
            f"iterates related({', '.join(repr(t) for t in types)}) inside another "
            "comprehension, which costs (outer items) x (every document of the type); "
            "join with related_where(type, field, value) instead"
        )
    if _depth(loops) > MAX_INDEPENDENT_NESTING:
        problems.append(
            f"nests more than {MAX_INDEPENDENT_NESTING} comprehensions over lists that are not "
            "the enclosing item's own (resource lists, related() lists or computed lists), whose "
            "cost is the product of their sizes; iterate the enclosing item's fields "
            "(x.list.all(...)) or join with related_where()"
        )
    return problems


def _values_at(roots: list[Any], segments: tuple[str, ...]) -> list[Any]:
    values = roots
    for segment in segments:
        following: list[Any] = []
        for value in values:
            if segment == ITEM:
                if isinstance(value, list):
                    following.extend(value)
                elif isinstance(value, dict):
                    following.extend(value.values())
            elif isinstance(value, dict) and segment in value:
                following.append(value[segment])
        values = following
    return values


def _longest(values: Iterable[Any]) -> int:
    return max((len(v) for v in values if isinstance(v, list | dict | str)), default=0)


def largest_container(value: Any) -> int:
    """The longest list, map or string anywhere in ``value``."""
    largest, pending = 0, [value]
    while pending:
        current = pending.pop()
        if isinstance(current, list | dict | str):
            largest = max(largest, len(current))
        if isinstance(current, list):
            pending.extend(current)
        elif isinstance(current, dict):
            pending.extend(current.values())
    return largest


class Sizes:
    """List sizes in the documents of one evaluation; other types are measured once each."""

    def __init__(self, documents: Documents) -> None:
        self._documents = documents
        self._related: dict[tuple[str, tuple[str, ...]], int] = {}
        self._largest: dict[str, int] = {}

    def of(self, path: DocPath, document: Mapping[str, Any]) -> int:
        """The most items a list at ``path`` holds (over every instance the path reaches)."""
        if path.resource_type is None:
            return _longest(_values_at([document], path.segments))
        if path.whole:
            return len(self._documents(path.resource_type))
        key = (path.resource_type, path.segments)
        if key not in self._related:
            roots: list[Any] = list(self._documents(path.resource_type))
            self._related[key] = _longest(_values_at(roots, path.segments))
        return self._related[key]

    def largest(self, types: Iterable[str], document: Mapping[str, Any]) -> int:
        """A bound for lists the analysis cannot trace: the data's largest container."""
        bound = largest_container(dict(document))
        for type_name in types:
            if type_name not in self._largest:
                docs = self._documents(type_name)
                self._largest[type_name] = max(len(docs), largest_container(docs))
            bound = max(bound, self._largest[type_name])
        return bound


def estimate(
    loops: tuple[Loop, ...], document: Mapping[str, Any], sizes: Sizes, types: Iterable[str]
) -> int:
    """Comprehension steps the loops can take over ``document`` and the related documents."""
    unknown: list[int] = []

    def size(extent: Extent) -> int:
        total = extent.fixed + sum(sizes.of(path, document) for path in extent.paths)
        if extent.unknown:
            if not unknown:
                unknown.append(sizes.largest(types, document))
            total += unknown[0]
        return total

    def cost(body: tuple[Loop, ...]) -> int:
        return sum(size(loop.extent) * (1 + cost(loop.body)) for loop in body)

    return cost(loops)
