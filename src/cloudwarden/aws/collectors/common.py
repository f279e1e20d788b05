"""Small readers shared by service modules: tags, JSON policies, nested lookups."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import unquote


def tags_of(
    items: Iterable[Mapping[str, Any]] | None, key: str = "Key", value: str = "Value"
) -> dict[str, str]:
    """AWS's ``[{"Key": k, "Value": v}]`` tag lists as a plain map."""
    return {str(item[key]): str(item.get(value, "")) for item in items or ()}


def policy_document(raw: Any) -> dict[str, Any] | None:
    """A policy document as a dict, from a dict, a JSON string or a URL-encoded JSON string."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, dict):
        return raw
    text = str(raw)
    for candidate in (text, unquote(text)):
        try:
            parsed = json.loads(candidate)
        except json.JSONDecodeError:
            continue
        if isinstance(parsed, dict):
            return parsed
    raise ValueError("the policy document is not a JSON object")


def set_fields(**values: Any) -> Any:
    """An ``apply`` for a detail whose response is ignored: set fixed values."""

    def apply(doc: dict[str, Any], _response: Any) -> None:
        doc.update(values)

    return apply


def into_item(
    read: Callable[[Any], Mapping[str, Any]],
) -> Callable[[dict[str, Any], Any], None]:
    """A fan-out detail's ``apply``: the fields ``read`` (a ``Map.read``) finds in the response
    go into the item (a policy, a permission set); the detail's ``fields`` name the list that
    holds the items, so a failed call marks that list as not collected."""

    def apply(item: dict[str, Any], response: Any) -> None:
        item.update(read(response))

    return apply


def next_token_listing(method: str, key: str) -> Callable[[Any, Any], dict[str, Any]]:
    """A listing's ``fetch`` for an operation botocore has no paginator for: ``client.<method>``
    called NextToken after NextToken, the ``key`` items of every page in one answer."""

    def fetch(client: Any, params: Any) -> dict[str, Any]:
        items: list[Any] = []
        request = dict(params)
        while True:
            page = getattr(client, method)(**request)
            items += page.get(key, [])
            if not page.get("NextToken"):
                return {key: items}
            request["NextToken"] = page["NextToken"]

    return fetch
