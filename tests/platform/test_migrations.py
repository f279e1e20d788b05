"""The migrations build exactly the schema the models declare, on each database: a model
change without its migration (or the reverse) fails here, not on a customer's upgrade."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from cloudwarden.platform.db.models import Base
from cloudwarden.platform.db.session import make_engine, upgrade


def test_the_migrated_schema_is_the_models_schema(settings):
    engine = make_engine(settings.url())
    try:
        upgrade(engine)
        upgrade(engine)  # idempotent
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()
    assert differences == []
