"""What AWS accepts as an OIDC provider URL, checked before the platform starts: an issuer
AWS would refuse makes every WIF integration fail at its first STS call instead."""

from __future__ import annotations

from urllib.parse import urlsplit


def problem(url: str) -> str | None:
    """Why AWS would refuse ``url`` as the issuer, or None when it would accept it."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return "must be an https URL (AWS fetches the discovery document over TLS)"
    if parts.port is not None:
        return "must not name a port (AWS only fetches from 443)"
    if parts.query or parts.fragment or "?" in url or "#" in url:
        return "must not have a query or fragment"
    if parts.username is not None or parts.password is not None:
        return "must not carry a user or password"
    if url.endswith("/"):
        return "must not end with a slash (it is byte-equal to every token's iss)"
    return None
