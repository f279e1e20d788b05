"""Engine, sessions and migrations; SQLite runs in WAL mode with foreign keys on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from cloudwarden.platform.errors import ConfigurationError

MIGRATIONS = Path(__file__).parent / "migrations"

SessionFactory = sessionmaker[Session]


POSTGRES_SCHEMES = ("postgresql://", "postgres://")
"""Bare PostgreSQL URLs; they mean psycopg 3, the driver the platform extra installs."""


def normalize_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` select psycopg 3 (SQLAlchemy would pick psycopg2)."""
    for scheme in POSTGRES_SCHEMES:
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url.removeprefix(scheme)
    return url


def make_engine(url: str) -> Engine:
    """SQLite (WAL, foreign keys, a busy timeout) or any other URL, PostgreSQL in practice.

    PostgreSQL runs at its default READ COMMITTED: every compare-and-set of the platform is a
    single ``UPDATE ... WHERE <expected>`` (re-checked by PostgreSQL after a lock wait), and the
    check-then-insert of a scan write-locks the integration row first
    (``scans.active_for_update``), which on SQLite also takes the database's one write lock.
    """
    url = normalize_url(url)
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(connection: Any, _record: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def session_factory(engine: Engine) -> SessionFactory:
    return sessionmaker(engine, expire_on_commit=False)


def upgrade(engine: Engine) -> None:
    """Apply every migration not applied yet (on start, and by 'cloudwarden db upgrade')."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_database(url: str) -> Engine:
    """The engine of ``url`` with every migration applied; a database that cannot be opened is
    one sentence naming it (its password hidden) and what to check, never a traceback."""
    try:
        engine = make_engine(url)
        upgrade(engine)
    except SQLAlchemyError as exc:
        try:
            shown = make_url(normalize_url(url)).render_as_string(hide_password=True)
        except SQLAlchemyError:
            shown = "CLOUDWARDEN_DATABASE_URL"
        # The driver's first line says why (refused, unknown host, bad login); it never
        # quotes the password. Other errors are named by their kind only.
        why = str(exc.orig).splitlines()[0] if isinstance(exc, DBAPIError) else type(exc).__name__
        raise ConfigurationError(
            f"cannot open the database {shown} ({why}): check CLOUDWARDEN_DATABASE_URL and that "
            "the server is reachable"
        ) from None
    return engine
