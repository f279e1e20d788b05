"""Alembic environment: runs on the connection the platform hands over (never a config URL)."""

from __future__ import annotations

from alembic import context

from cloudwarden.platform.db.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through cloudwarden.platform.db.session.upgrade")
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
