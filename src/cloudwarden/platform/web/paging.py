"""Previous/next links of a paged list, keeping the list's filters in the query string."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from cloudwarden.platform.schemas import Page


@dataclass(frozen=True)
class Pager:
    first: int
    """1-based number of the first item shown (0 when the page is empty)."""
    last: int
    total: int
    previous_url: str | None
    next_url: str | None

    @classmethod
    def of(cls, listed: Page[Any], path: str, query: Mapping[str, str]) -> Pager:
        def url(offset: int) -> str:
            return f"{path}?{urlencode({**query, 'offset': offset})}"

        shown = len(listed.items)
        before = max(listed.offset - listed.limit, 0)
        after = listed.offset + listed.limit
        return cls(
            first=listed.offset + 1 if shown else 0,
            last=listed.offset + shown,
            total=listed.total,
            previous_url=url(before) if listed.offset > 0 else None,
            next_url=url(after) if after < listed.total else None,
        )
