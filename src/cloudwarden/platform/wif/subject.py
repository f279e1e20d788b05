"""The WIF subject of an integration and the issuer's host, as AWS sees them.

The subject is computed, never chosen: ``<integration-id>@integrations.<space-id>.spaces.<host>``.
A trust policy pinned to it (``StringEquals`` on ``<host>:sub``) lets exactly this
integration assume the role, and no other tenant of the same platform.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def issuer_host(issuer_url: str) -> str:
    """The issuer URL without its scheme: what IAM names the provider by and prefixes the
    ``:sub`` and ``:aud`` condition keys with (``auth.example.com`` or ``host/path``)."""
    parts = urlsplit(issuer_url)
    return parts.netloc + parts.path.rstrip("/")


def wif_subject(integration_id: str, space_id: str, issuer_url: str) -> str:
    return f"{integration_id}@integrations.{space_id}.spaces.{issuer_host(issuer_url)}"
