"""Secrets in configuration strings, found by Yelp's detect-secrets while collecting.

A scanned account's environment variables, user data and definitions may hold passwords and
keys. The collectors never store those values: they keep the variable *names* and run this
module over the values, so a document says *which* variable looks like a secret (and of what
kind) without ever carrying the secret into the inventory, a report or a log.

Each variable is scanned as one JSON line (``{"NAME": "value"}``) so detect-secrets' keyword
plugin sees the name next to the value (``DB_PASSWORD``), as well as its key-format plugins
(AWS access keys, GitHub and Stripe tokens, private keys, basic-auth URLs...) and its entropy
filters. A value that is an ARN is a reference to a secret store, not a secret, and is skipped.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import json
import threading
from collections.abc import Iterable, Mapping

from detect_secrets.core.scan import _process_line_based_plugins
from detect_secrets.settings import default_settings

__all__ = [
    "secret_kinds_in_text",
    "secret_variable_kinds",
    "secret_variable_names",
    "user_data_secret_kinds",
]

GZIP_MAGIC = b"\x1f\x8b"

_SETTINGS_LOCK = threading.Lock()
"""detect-secrets keeps its plugin settings in a process global that ``default_settings``
swaps in and out: collectors run on a thread pool, so one scan at a time."""


def _kinds(lines: Iterable[str], filename: str) -> set[str]:
    numbered = list(enumerate(lines, start=1))
    if not numbered:
        return set()
    with _SETTINGS_LOCK, default_settings():
        return {secret.type for secret in _process_line_based_plugins(numbered, filename=filename)}


def secret_variable_kinds(variables: Mapping[str, str | None]) -> dict[str, list[str]]:
    """For each variable whose value detect-secrets takes for a secret, the kinds it found
    (sorted, e.g. ``Secret Keyword``, ``AWS Access Key``); the values are not returned."""
    found: dict[str, list[str]] = {}
    for name, value in sorted(variables.items()):
        if not isinstance(value, str) or not value or value.startswith("arn:"):
            continue
        kinds = _kinds([json.dumps({name: value})], "environment.json")
        if kinds:
            found[name] = sorted(kinds)
    return found


def secret_variable_names(variables: Mapping[str, str | None]) -> list[str]:
    """The names (sorted) of the variables whose value detect-secrets takes for a secret."""
    return list(secret_variable_kinds(variables))


def secret_kinds_in_text(text: str | None, *, filename: str = "configuration.txt") -> list[str]:
    """The kinds of secret (sorted, e.g. ``AWS Access Key``) found in a multi-line text.

    ``filename`` tells the keyword plugin the text's syntax (``.sh`` user data, ``.json``
    definitions); only kinds are returned, never the secret or its line.
    """
    if not text:
        return []
    return sorted(_kinds(text.splitlines(), filename))


def user_data_secret_kinds(encoded: str | None) -> list[str]:
    """The kinds of secret in an instance's user data, as the EC2 and Auto Scaling APIs return
    it (base64, possibly of a gzip archive as cloud-init accepts); ``[]`` when there is none.

    User data that does not decode is scanned as the text it is.
    """
    if not encoded:
        return []
    try:
        raw = base64.b64decode(encoded, validate=True)
    except binascii.Error:
        return secret_kinds_in_text(encoded, filename="user-data.sh")
    if raw[:2] == GZIP_MAGIC:
        raw = gzip.decompress(raw)
    return secret_kinds_in_text(raw.decode("utf-8", errors="replace"), filename="user-data.sh")
