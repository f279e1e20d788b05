"""Roles in a space, ordered: each one may do what the ones below it may."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    VIEWER = "viewer"
    """Reads everything in the space."""
    EDITOR = "editor"
    """Also manages integrations, scans and policies."""
    OWNER = "owner"
    """Also manages members."""

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def allows(self, needed: Role) -> bool:
        return self.rank >= needed.rank
