"""Throwaway PostgreSQL databases on a server, for the test suite and the benchmarks."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, make_url, text

from cloudwarden.platform.db.session import normalize_url


@contextmanager
def scratch_database(server_url: str, prefix: str = "cw_scratch") -> Iterator[str]:
    """A new, empty database on the server at ``server_url`` (its role needs CREATEDB); the
    URL of it while the block runs, dropped with its connections afterwards."""
    base = make_url(normalize_url(server_url))
    name = f"{prefix}_{secrets.token_hex(6)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield base.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
