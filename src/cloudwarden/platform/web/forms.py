"""Console forms to the services' In models: flat fields in, pydantic validation, and one
sentence per wrong field back (never the value typed: it may be a secret)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from cloudwarden.platform.schemas import HOUR

M = TypeVar("M", bound=BaseModel)
INTERVAL_CHOICES = (1, 6, 12, 24, 72, 168)
"""Hours between scheduled scans the forms offer (the API takes any allowed seconds)."""
AUTH_TYPES = ("wif", "access_key", "role")
FIELD_LABELS = {
    "name": "Name",
    "credentials.role_arn": "Role ARN",
    "credentials.audience": "Audience",
    "credentials.access_key_id": "Access key ID",
    "credentials.secret_access_key": "Secret access key",
    "interval_seconds": "Scan interval",
    "regions_allow": "Regions to scan",
    "regions_deny": "Regions to skip",
}


FIELD_HINTS = {
    "credentials.role_arn": "enter the role's ARN, like arn:aws:iam::111122223333:role/Scan",
    "credentials.access_key_id": "enter the key's ID: AKIA or ASIA, then capital letters and "
    "digits",
    "credentials.audience": "use printable characters without spaces",
    "regions_allow": "name regions like us-east-1",
    "regions_deny": "name regions like us-east-1",
}
"""What to type when a field does not match its pattern (pydantic would quote the regex)."""


def _sentence(key: str, error: Any) -> str:
    label = FIELD_LABELS.get(key, key)
    context = error.get("ctx") or {}
    if error["type"] == "string_pattern_mismatch" and key in FIELD_HINTS:
        return f"{label}: {FIELD_HINTS[key]}"
    if error["type"] in {"string_too_short", "too_short"} and "min_length" in context:
        minimum = context["min_length"]
        return f"{label}: enter at least {minimum} character{'s' if minimum != 1 else ''}"
    if error["type"] in {"string_too_long", "too_long"} and "max_length" in context:
        return f"{label}: enter at most {context['max_length']} characters"
    return f"{label}: {error['msg']}"


@dataclass(frozen=True)
class FormErrors:
    messages: dict[str, str]

    @classmethod
    def of(cls, exc: ValidationError) -> FormErrors:
        messages: dict[str, str] = {}
        for error in exc.errors(include_input=False):
            loc = [str(p) for p in error["loc"] if not isinstance(p, int)]
            # A discriminated union names the chosen member: credentials.wif.role_arn.
            if len(loc) >= 3 and loc[0] == "credentials":
                loc = [loc[0], *loc[2:]]
            key = ".".join(loc)
            messages.setdefault(key, _sentence(key, error))
        return cls(messages)


def regions(text: str) -> list[str]:
    """Regions typed as a list: commas, spaces or new lines between them."""
    return [r for r in re.split(r"[\s,]+", text.strip()) if r]


def interval_seconds(hours: str) -> int | str:
    """Seconds for a declared choice; anything else goes to validation as typed."""
    return int(hours) * HOUR if hours.isdigit() else hours


def credentials(fields: dict[str, str]) -> dict[str, Any]:
    auth = fields.get("auth", "wif")
    if auth == "access_key":
        return {
            "type": "access_key",
            "access_key_id": fields.get("access_key_id", "").strip(),
            "secret_access_key": fields.get("secret_access_key", ""),
        }
    if auth == "role":
        return {"type": "role", "role_arn": fields.get("role_arn", "").strip()}
    audience = fields.get("audience", "").strip()
    wif: dict[str, Any] = {"type": "wif", "role_arn": fields.get("wif_role_arn", "").strip()}
    if audience:
        wif["audience"] = audience
    return wif


def parse(model: type[M], data: dict[str, Any]) -> M | FormErrors:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        return FormErrors.of(exc)
