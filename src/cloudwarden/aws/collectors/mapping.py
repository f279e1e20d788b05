"""Declared field mappings: a detail's response -> document fields, written once.

A :class:`Map` names each field it fills with a JMESPath into the response and an optional
converter, so a detail's ``apply`` and its documented ``fields`` come from one declaration and
cannot drift::

    Detail(Call("GetBucketVersioning", params),
           Map({"versioning_status": "Status", "mfa_delete": ("MFADelete", enabled)}))

A converter always receives the value found, ``None`` when the path is missing, so it decides
what "not there" means (``flag`` gives ``False``, ``each(...)`` an empty list, ``given`` leaves
the document's value as it is).
:class:`Tags` is the one reader of AWS's many tag shapes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Final

import jmespath
from jmespath.parser import ParsedResult

from cloudwarden.aws.collectors.common import policy_document, tags_of

Doc = dict[str, Any]
"""A resource document while it is being collected (the fields of its model)."""

Converter = Callable[[Any], Any]
Source = str | tuple[str, Converter]
"""A JMESPath into the response, or (JMESPath, converter of the value found)."""


class _Keep:
    """The type of :data:`KEEP`."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Final = _Keep()
"""A converter's answer for "leave the field as the document has it" (the field is not read)."""


class Map:
    """Fields of a document, each read from a JMESPath of the response (or of a nested item)."""

    def __init__(self, sources: Mapping[str, Source], *, present_only: bool = False) -> None:
        """``present_only``: leave out a field whose value is missing, so the model's default
        stands (for listings that answer only the keys a resource has)."""
        if not sources:
            raise ValueError("a Map fills at least one field")
        self._present_only = present_only
        self._sources: tuple[tuple[str, ParsedResult, Converter | None], ...] = tuple(
            (target, *_compiled(source)) for target, source in sources.items()
        )

    @property
    def fields(self) -> tuple[str, ...]:
        """The document fields this map fills, in declaration order."""
        return tuple(target for target, _path, _convert in self._sources)

    def read(self, source: Any) -> Doc:
        """The mapped fields of one response (or nested item)."""
        values: Doc = {}
        for target, path, convert in self._sources:
            value = path.search(source)
            if value is None and self._present_only:
                continue
            converted = convert(value) if convert is not None else value
            if converted is not KEEP:
                values[target] = converted
        return values

    def __call__(self, doc: Doc, response: Any) -> None:
        """A detail's ``apply``: merge the mapped fields into the document."""
        doc.update(self.read(response))

    def __repr__(self) -> str:
        return f"Map({', '.join(self.fields)})"


def _compiled(source: Source) -> tuple[ParsedResult, Converter | None]:
    path, convert = (source, None) if isinstance(source, str) else source
    return jmespath.compile(path), convert


@dataclass(frozen=True)
class Tags:
    """A detail's ``apply`` that reads a tag response into ``tags``.

    ``path`` leads to a ``[{key: k, value: v}]`` list, or to a plain map when ``key`` is
    ``None``. Calls that answer for several resources (CloudTrail, ELBv2) return entries; with
    ``entries=(list path, id key)`` the entry whose id key is the document's ARN is read.
    """

    path: str = "Tags"
    key: str | None = "Key"
    value: str = "Value"
    entries: tuple[str, str] | None = None

    fields: ClassVar[tuple[str, ...]] = ("tags",)

    def __call__(self, doc: Doc, response: Any) -> None:
        if self.entries is None:
            doc["tags"] = self.read(response)
            return
        list_path, id_key = self.entries
        tags: dict[str, str] = {}
        for entry in jmespath.search(list_path, response) or ():
            if entry.get(id_key) == doc["arn"]:
                tags.update(self.read(entry))
        doc["tags"] = tags

    def read(self, source: Any) -> dict[str, str]:
        found = jmespath.search(self.path, source)
        if self.key is None:
            return dict(found or {})
        return tags_of(found, key=self.key, value=self.value)


# Converters for the common shapes.


def enabled(value: Any) -> bool:
    """``"Enabled"`` -> True; anything else (``Disabled``, missing) -> False."""
    return bool(value == "Enabled")


def flag(value: Any) -> bool:
    """Truthiness as a bool: a missing flag is False."""
    return bool(value)


def policy(value: Any) -> dict[str, Any] | None:
    """A JSON (or URL-encoded JSON) policy document, parsed; ``None`` if there is none."""
    return policy_document(value)


def pairs(key: str = "Key", value: str = "Value") -> Converter:
    """A ``[{key: k, value: v}]`` list as a plain map (tags, parameters)."""

    def convert(found: Any) -> dict[str, str]:
        return tags_of(found, key=key, value=value)

    return convert


def strings(value: Any) -> list[str]:
    """A list of values as strings (an empty list when none)."""
    return [str(item) for item in value or ()]


def required(value: Any) -> Any:
    """The value must be there: a response without it is a failed call, never a null field."""
    if value is None:
        raise KeyError("the response lacks a value it always has")
    return value


def default(fallback: Any) -> Converter:
    """The value found, or ``fallback`` when the path is missing (or null)."""

    def convert(value: Any) -> Any:
        return fallback if value is None else value

    return convert


def each(item: Map) -> Converter:
    """A list of nested documents, one per item found (an empty list when none)."""

    def convert(value: Any) -> list[Doc]:
        return [item.read(entry) for entry in value or ()]

    return convert


def one(item: Map) -> Converter:
    """One nested document, or ``None`` when the path is missing or empty."""

    def convert(value: Any) -> Doc | None:
        return item.read(value) if value else None

    return convert


def one_if_any(item: Map) -> Converter:
    """One nested document, or ``None`` when none of its fields has a value."""

    def convert(value: Any) -> Doc | None:
        read = item.read(value or {})
        return read if any(field is not None for field in read.values()) else None

    return convert


def nonempty(value: Any) -> Any:
    """The value found, or ``None`` when it is missing or empty (``""``, ``[]``)."""
    return value or None


def plain_dict(value: Any) -> dict[str, Any]:
    """A map as a fresh dict (an empty one when none)."""
    return dict(value or {})


def chain(*converters: Converter) -> Converter:
    """The converters applied in turn: ``chain(required, each(item))``."""

    def convert(value: Any) -> Any:
        for converter in converters:
            value = converter(value)
        return value

    return convert


def sorted_unique(value: Any) -> list[Any]:
    """The distinct values found, sorted (an empty list when none)."""
    return sorted(set(value or ()))


def given(value: Any) -> Any:
    """The value found when it is not empty; else the document keeps its own (the listing's)."""
    return value or KEEP


def present(value: Any) -> bool:
    """Whether the path is there at all (a hub ARN means the hub is enabled)."""
    return value is not None


def text_flag(value: Any) -> bool:
    """A ``"true"``/``"false"`` attribute string (SNS, SQS) as a bool; missing is False."""
    return str(value).lower() == "true"


def text_int(value: Any) -> int | None:
    """A number sent as a string (SNS, SQS attributes); ``None`` when missing or empty."""
    return int(value) if value not in (None, "") else None
