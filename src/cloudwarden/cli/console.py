"""The two Rich consoles: results on stdout, progress and messages on stderr."""

from __future__ import annotations

from rich.console import Console

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

if not out.is_terminal:
    # Piped or redirected: do not squeeze tables into 80 columns.
    out.width = 200
