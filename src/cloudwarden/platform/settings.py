"""Configuration from ``CLOUDWARDEN_*`` environment variables (pydantic-settings).

Outside ``demo`` and ``dev`` mode the platform refuses to start without a real master key: a
missing or well-known key would make every stored secret readable by anyone with the database.
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from enum import StrEnum
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from cloudwarden.aws.settings import EngineSettings
from cloudwarden.platform.errors import ConfigurationError
from cloudwarden.platform.wif import issuer_url as issuer_rules

MASTER_KEY_BYTES = 32
DEV_KEY_FILE = "dev-master-key"
# Keys copied from examples are no secret: refused like a missing one.
WELL_KNOWN_KEYS = frozenset({"changethis", "changeme", "secret", "test", "testing", ""})


class Mode(StrEnum):
    PRODUCTION = "production"
    DEV = "dev"
    DEMO = "demo"


def default_data_dir() -> Path:
    """The user's data home (XDG), as the embedded default."""
    home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(home) / "cloudwarden"


class PlatformSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLOUDWARDEN_", extra="ignore")

    mode: Mode = Mode.PRODUCTION
    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default: a SQLite file in the data dir."
    )
    master_key: SecretStr | None = Field(
        default=None, description="Base64 of 32 random bytes: wraps every secret's data key."
    )
    old_master_keys: list[SecretStr] = Field(
        default_factory=list,
        description="Previous master keys, still read until rotate-master-key re-wrapped all.",
    )
    policy_files: list[Path] = Field(
        default_factory=list, description="Extra policy bundle files offered to integrations."
    )
    worker_threads: int = Field(default=2, ge=1, le=64)
    scheduler_tick_seconds: float = Field(default=30.0, gt=0)
    worker_poll_seconds: float = Field(default=5.0, gt=0)
    token_days: int = Field(default=90, ge=1, description="Lifetime of a new API token.")
    aws_max_attempts: int = Field(
        default=EngineSettings.max_attempts,
        ge=1,
        le=10,
        description="Tries of one AWS call in all, the first included (botocore's standard "
        "retries); throttling has its own backoff on top.",
    )
    report_retention_days: int | None = Field(
        default=None,
        ge=1,
        description="Reports older than this many days are deleted (each integration's latest "
        "report is always kept); unset: every report is kept.",
    )
    issuer_url: str | None = Field(
        default=None,
        description="The platform's OIDC issuer URL for Workload Identity Federation, "
        "byte-equal to every token's iss (https, no port, query or trailing slash); with "
        "--demo the serve URL.",
    )
    wif_audience: str = Field(
        default="cloudwarden",
        min_length=1,
        max_length=255,
        description="The audience a new WIF integration gets unless it names its own.",
    )
    platform_principal_arn: str | None = Field(
        default=None,
        description="The AWS principal the platform's own credentials are (for example "
        "arn:aws:iam::111122223333:role/cloudwarden-platform): what a role integration's trust "
        "policy names; unset, the platform cannot write or verify role trust policies.",
    )
    public_url: str | None = Field(
        default=None,
        description="The platform's public https URL, which serverless agents call (and whose "
        "template URL their stacks name); unset: the URL the request came in on.",
    )
    platform_account_id: str | None = Field(
        default=None,
        pattern=r"^[0-9]{12}$",
        description="The AWS account of the platform's own credentials: the only account a "
        "serverless agent's event bus accepts commands from.",
    )
    agent_code_bucket: str | None = Field(
        default=None,
        description="The release bucket the served agent template reads the Lambda zip from "
        "(may contain ${AWS::Region}); unset: the template asks for it (CodeBucket).",
    )
    agent_release_public_key: str | None = Field(
        default=None,
        description="The Ed25519 release key (PEM) the served template gives the agent to "
        "verify self-updates with; unset: agents refuse every update.",
    )
    metrics_token: SecretStr | None = Field(
        default=None,
        description="Bearer token a Prometheus scrape of /metrics must send; without one, "
        "/metrics is off in production and open in dev and demo.",
    )

    def url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'cloudwarden.db'}"

    def master_keys(self) -> tuple[bytes, list[bytes]]:
        """The current master key and the old ones; refuses a missing or default key."""
        current = self._decode(self.master_key) if self.master_key is not None else None
        if current is None:
            if self.mode is Mode.PRODUCTION:
                raise ConfigurationError(
                    "CLOUDWARDEN_MASTER_KEY is not set: generate one with "
                    "'openssl rand -base64 32' and keep it in your secret store (or start "
                    "with --dev or --demo)"
                )
            current = self._dev_key()
        return current, [self._decode(key) for key in self.old_master_keys]

    def check_issuer(self) -> None:
        """Outside dev and demo, an issuer URL AWS would refuse stops the start; an unset one
        only keeps WIF integrations from being created."""
        if self.issuer_url is None or self.mode is not Mode.PRODUCTION:
            return
        why = issuer_rules.problem(self.issuer_url)
        if why is not None:
            raise ConfigurationError(
                f"CLOUDWARDEN_ISSUER_URL {self.issuer_url!r} {why}; set it to the public URL "
                "of the issuer, like https://auth.example.com"
            )

    def _decode(self, value: SecretStr) -> bytes:
        raw = value.get_secret_value().strip()
        if raw.lower() in WELL_KNOWN_KEYS:
            if self.mode is Mode.PRODUCTION:
                raise ConfigurationError(
                    "CLOUDWARDEN_MASTER_KEY is a well-known placeholder: set it to base64 of 32 "
                    "random bytes"
                )
            return self._dev_key()
        try:
            key = base64.b64decode(raw, validate=True)
        except (binascii.Error, ValueError):
            key = b""
        if len(key) != MASTER_KEY_BYTES:
            raise ConfigurationError(
                "a CLOUDWARDEN master key must be base64 of exactly 32 random bytes"
            )
        return key

    def _dev_key(self) -> bytes:
        """Dev and demo keep a generated key in the data dir, so a restart still decrypts."""
        path = self.data_dir / DEV_KEY_FILE
        if path.exists():
            return base64.b64decode(path.read_text(encoding="ascii"))
        self.data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(MASTER_KEY_BYTES)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(base64.b64encode(key).decode("ascii"))
        return key
