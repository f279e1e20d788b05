"""Field documentation of resource types, walked from their pydantic models."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel


@dataclass(frozen=True)
class FieldDoc:
    """One documented field; nested fields are dotted (``versioning.status``), list items ``[]``."""

    path: str
    type: str
    description: str


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _type_name(annotation: Any) -> str:
    inner, optional = _unwrap_optional(annotation)
    origin = typing.get_origin(inner)
    if origin in (list, tuple, set, frozenset):
        args = typing.get_args(inner)
        name = f"list[{_type_name(args[0]) if args else 'any'}]"
    elif origin is dict:
        key, value = typing.get_args(inner)
        name = f"map[{_type_name(key)}, {_type_name(value)}]"
    elif isinstance(inner, type) and issubclass(inner, BaseModel):
        name = "object"
    elif inner is Any:
        name = "any"
    elif typing.get_origin(inner) is typing.Literal:
        name = "string"
    elif isinstance(inner, type):
        name = {"str": "string", "int": "int", "float": "double", "bool": "bool"}.get(
            inner.__name__, inner.__name__
        )
    else:
        name = str(inner)
    return f"{name}?" if optional else name


def _nested_model(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model inside ``X``, ``X | None`` or ``list[X]``, and whether it is a list item."""
    inner, _ = _unwrap_optional(annotation)
    is_list = typing.get_origin(inner) in (list, tuple)
    if is_list:
        inner = typing.get_args(inner)[0]
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return inner, is_list
    return None, False


def field_docs(model: type[BaseModel], prefix: str = "") -> list[FieldDoc]:
    """Every field of ``model`` and its nested models, in declaration order."""
    docs: list[FieldDoc] = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        docs.append(FieldDoc(path, _type_name(info.annotation), info.description or ""))
        nested, is_list = _nested_model(info.annotation)
        if nested is not None:
            docs.extend(field_docs(nested, f"{path}[]." if is_list else f"{path}."))
    return docs
