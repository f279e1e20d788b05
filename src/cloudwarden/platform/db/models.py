"""Tables of the platform (SQLAlchemy 2, typed); the migrations in ``migrations/`` create them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, ForeignKey, Index, MetaData, String, Text, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import DateTime, LargeBinary, TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return uuid.uuid4().hex


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite stores naive ones)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


class User(Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Space(Base):
    __tablename__ = "spaces"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Membership(Base):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("space_id", "user_id"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    space_id: Mapped[str] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiToken(Base):
    """Only the SHA-256 of a token is stored; the token itself is shown once."""

    __tablename__ = "api_tokens"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]


class Secret(Base):
    """One envelope-encrypted value: its own AES-GCM data key, wrapped by master key ``key_id``."""

    __tablename__ = "secrets"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    key_id: Mapped[str] = mapped_column(String(16), index=True)
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)
    nonce: Mapped[bytes] = mapped_column(LargeBinary)
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SigningKey(Base):
    """A signing key of the OIDC issuer: the public JWK is published, the private key (PEM) is
    an envelope-encrypted secret. ``retired_at``: it stopped signing (a newer key signs);
    ``published_until``: it leaves the JWKS then (its last token's expiry plus STS's skew)."""

    __tablename__ = "signing_keys"
    kid: Mapped[str] = mapped_column(String(64), primary_key=True)
    alg: Mapped[str] = mapped_column(String(8))
    public_jwk: Mapped[dict[str, Any]]
    secret_id: Mapped[str] = mapped_column(ForeignKey("secrets.id"))
    created_at: Mapped[datetime]
    retired_at: Mapped[datetime | None]
    published_until: Mapped[datetime | None]


class Integration(Base):
    __tablename__ = "integrations"
    __table_args__ = (Index("ix_integrations_due", "removed_at", "next_scan_at"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    space_id: Mapped[str] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    auth_type: Mapped[str] = mapped_column(String(16))
    access_key_id: Mapped[str | None] = mapped_column(String(128))
    secret_id: Mapped[str | None] = mapped_column(ForeignKey("secrets.id", ondelete="SET NULL"))
    role_arn: Mapped[str | None] = mapped_column(String(2048))
    external_id: Mapped[str | None] = mapped_column(String(128))
    audience: Mapped[str | None] = mapped_column(String(256))
    interval_seconds: Mapped[int]
    regions_allow: Mapped[list[str]]
    regions_deny: Mapped[list[str]]
    policy_toggles: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(16))
    status_message: Mapped[str | None] = mapped_column(Text)
    account_id: Mapped[str | None] = mapped_column(String(12))
    last_ping_at: Mapped[datetime | None]
    last_ping_ok: Mapped[bool | None]
    last_scan_at: Mapped[datetime | None]
    next_scan_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    removed_at: Mapped[datetime | None]
    trust_findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # Serverless integrations: the agent in the customer's account. Only its public key is
    # kept; the private key never leaves the account.
    agent_id: Mapped[str | None] = mapped_column(String(32), unique=True)
    agent_public_key: Mapped[str | None] = mapped_column(Text)
    agent_version: Mapped[str | None] = mapped_column(String(200))
    agent_region: Mapped[str | None] = mapped_column(String(32))
    stack_name: Mapped[str | None] = mapped_column(String(200))
    last_checkin_at: Mapped[datetime | None]
    agent_paused_until: Mapped[datetime | None]
    agent_alerts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class RegistrationToken(Base):
    """A serverless agent's single-use registration token; only its SHA-256 is stored."""

    __tablename__ = "registration_tokens"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    integration_id: Mapped[str] = mapped_column(
        ForeignKey("integrations.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class AgentSignature(Base):
    """A signature an agent's request carried, kept while its timestamp is inside the window:
    the same signature again is a replay."""

    __tablename__ = "agent_signatures"
    signature_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    agent_id: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(index=True)


class AgentSlice(Base):
    """One slice inventory of an agent scan, kept until every slice arrived and the report is
    stored (then deleted: the report is what the platform keeps)."""

    __tablename__ = "agent_slices"
    __table_args__ = (UniqueConstraint("scan_id", "slice_id", name="uq_agent_slices_scan_slice"),)
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    scan_id: Mapped[str] = mapped_column(ForeignKey("scan_jobs.id", ondelete="CASCADE"))
    slice_id: Mapped[str] = mapped_column(String(128))
    slices_total: Mapped[int]
    document: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime]


class ScanJob(Base):
    __tablename__ = "scan_jobs"
    __table_args__ = (Index("ix_scan_jobs_state", "state", "created_at"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    space_id: Mapped[str] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"), index=True)
    integration_id: Mapped[str] = mapped_column(ForeignKey("integrations.id"), index=True)
    state: Mapped[str] = mapped_column(String(16))
    trigger: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(default=0)
    cancel_requested: Mapped[bool] = mapped_column(default=False)
    units_done: Mapped[int] = mapped_column(default=0)
    units_total: Mapped[int] = mapped_column(default=0)
    api_calls: Mapped[int] = mapped_column(default=0)
    errors: Mapped[int] = mapped_column(default=0)
    message: Mapped[str | None] = mapped_column(Text)
    incomplete: Mapped[bool] = mapped_column(default=False)
    duration_seconds: Mapped[float | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


class Report(Base):
    """One scan's report; the whole document is kept, results and assets are indexed beside."""

    __tablename__ = "reports"
    __table_args__ = (Index("ix_reports_integration", "integration_id", "generated_at"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    space_id: Mapped[str] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"), index=True)
    integration_id: Mapped[str] = mapped_column(ForeignKey("integrations.id"))
    scan_id: Mapped[str] = mapped_column(ForeignKey("scan_jobs.id"), unique=True)
    account_id: Mapped[str] = mapped_column(String(12))
    generated_at: Mapped[datetime]
    complete: Mapped[bool]
    score: Mapped[int | None]
    grade: Mapped[str] = mapped_column(String(4))
    counts: Mapped[dict[str, Any]]
    resource_counts: Mapped[dict[str, Any]]
    document: Mapped[str] = mapped_column(Text, deferred=True)  # large: loaded when read
    # The trust verifier's findings when this scan assumed the role (the integration keeps
    # only the latest judgement; a report keeps what was true when it was made).
    trust_findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class Asset(Base):
    __tablename__ = "assets"
    __table_args__ = (
        Index("ix_assets_report", "report_id", "resource_type"),
        Index("ix_assets_page", "report_id", "id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    resource_type: Mapped[str] = mapped_column(String(128))
    resource_id: Mapped[str] = mapped_column(String(2048))
    region: Mapped[str] = mapped_column(String(32))
    score: Mapped[int | None]
    grade: Mapped[str] = mapped_column(String(4))


class Result(Base):
    __tablename__ = "results"
    __table_args__ = (
        Index("ix_results_report", "report_id", "check_id"),
        Index("ix_results_asset", "report_id", "resource_id"),
        Index("ix_results_page", "report_id", "id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    check_id: Mapped[str] = mapped_column(String(200))
    resource_type: Mapped[str] = mapped_column(String(128))
    resource_id: Mapped[str] = mapped_column(String(2048))
    region: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(8))
    severity: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)


class AuditEvent(Base):
    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_space", "space_id", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    space_id: Mapped[str] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    actor_id: Mapped[str | None] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(64))
    details: Mapped[dict[str, Any]]
    at: Mapped[datetime] = mapped_column(default=utcnow)


class ConsoleSession(Base):
    """A console login. Only the SHA-256 of the cookie's token is stored (256 random bits:
    a slow hash adds nothing); a stolen database opens no session."""

    __tablename__ = "console_sessions"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class LoginFailure(Base):
    """One failed console login, counted by the declared login limits."""

    __tablename__ = "login_failures"
    __table_args__ = (
        Index("ix_login_failures_account", "email", "client", "at"),
        Index("ix_login_failures_client", "client", "at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(320))
    client: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]
