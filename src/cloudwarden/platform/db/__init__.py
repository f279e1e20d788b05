"""The platform's database: typed SQLAlchemy models, sessions, Alembic migrations."""
