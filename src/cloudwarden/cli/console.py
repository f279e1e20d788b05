"""The two Rich consoles, and the one way the CLI prints text it did not write itself.

Results go to stdout, progress and messages to stderr. Names from the scanned account, AWS error
messages and echoed arguments are untrusted: printed as markup, ``prod-[/]-cpu`` crashes Rich and
``[link=...]`` becomes a hyperlink; printed raw, an escape sequence retitles or clears the
terminal. :func:`plain` makes such a value inert text; every message goes through it.
"""

from __future__ import annotations

import re
from typing import NoReturn

import typer
from rich.console import Console
from rich.text import Text

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

if not out.is_terminal:
    # Piped or redirected: do not squeeze tables into 80 columns.
    out.width = 200

EXIT_GATE = 1
EXIT_BAD_INPUT = 2
EXIT_CANCELLED = 130
"""128 + SIGINT, as shells report it; SIGTERM exits 128 + 15."""

BIDI = "\u200e\u200f\u202a-\u202e\u2066-\u2069"
CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI}]")
"""C0 and C1 control characters (ESC, BEL, CR...), DEL, and the bidirectional overrides that
make text display in another order than it is stored."""
CONTROL_BUT_NEWLINE = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{BIDI}]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def neutralise(value: object, *, multiline: bool = False) -> str:
    """``value`` as text whose control characters show as ``\\xNN`` instead of acting."""
    pattern = CONTROL_BUT_NEWLINE if multiline else CONTROL
    return pattern.sub(_escaped, str(value))


def plain(value: object, style: str = "", *, multiline: bool = False) -> Text:
    """``value`` as inert Rich text: no markup, no control characters (``multiline`` keeps
    newlines, for documentation text)."""
    return Text(neutralise(value, multiline=multiline), style=style)


def styled(label: str, style: str, *values: object) -> Text:
    """A styled label of ours followed by untrusted values, each made :func:`plain` (a
    :class:`Text` already built from plain parts is appended as it is)."""
    text = Text(label, style=style)
    for value in values:
        text.append_text(value if isinstance(value, Text) else plain(value))
    return text


def print_error(message: object, label: str = "error") -> None:
    """The one place an error reaches the terminal: ``error: <message>`` on stderr."""
    err.print(styled(f"{label}: ", "red", message))


def fail(message: object, code: int = EXIT_BAD_INPUT, label: str = "error") -> NoReturn:
    """Print the error and end the command with ``code``."""
    print_error(message, label)
    raise typer.Exit(code)
