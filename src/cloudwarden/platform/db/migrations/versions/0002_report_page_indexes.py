"""Indexes for the report pages: one asset's results, and pages of a report's assets and
results in id order (without them a page at a deep offset sorted the whole report).

Revision ID: 0002
Revises: 0001

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_results_asset", "results", ["report_id", "resource_id"], unique=False)
    op.create_index("ix_results_page", "results", ["report_id", "id"], unique=False)
    op.create_index("ix_assets_page", "assets", ["report_id", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_assets_page", table_name="assets")
    op.drop_index("ix_results_page", table_name="results")
    op.drop_index("ix_results_asset", table_name="results")
