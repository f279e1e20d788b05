"""Find a planted resource by its name, for collectors whose ids AWS generates."""

from __future__ import annotations

from typing import Any

from cloudwarden.inventory.inventory import Inventory


def named(inventory: Inventory, type_name: str, name: str) -> dict[str, Any]:
    """The document of the one resource of ``type_name`` called ``name``."""
    matches = [r.document() for r in inventory.of_type(type_name) if r.name == name]
    assert len(matches) == 1, sorted(str(r.name) for r in inventory.of_type(type_name))
    return matches[0]
