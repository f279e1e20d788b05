"""Serverless integrations: the agent's identity on the integration, registration tokens,
the signatures already seen (replay refusal) and the slices of agent scans awaiting merge.

Revision ID: 0007
Revises: 0006

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AGENT_COLUMNS = (
    ("agent_id", sa.String(length=32)),
    ("agent_public_key", sa.Text()),
    ("agent_version", sa.String(length=200)),
    ("agent_region", sa.String(length=32)),
    ("stack_name", sa.String(length=200)),
    ("last_checkin_at", sa.DateTime()),
    ("agent_paused_until", sa.DateTime()),
)


def upgrade() -> None:
    with op.batch_alter_table("integrations") as batch:
        for name, kind in AGENT_COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=True))
        batch.add_column(sa.Column("agent_alerts", sa.JSON(), nullable=False, server_default="[]"))
        batch.create_unique_constraint("uq_integrations_agent_id", ["agent_id"])
    op.create_table(
        "registration_tokens",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("integration_id", sa.String(length=32), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["integration_id"],
            ["integrations.id"],
            name=op.f("fk_registration_tokens_integration_id_integrations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registration_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_registration_tokens_token_hash")),
    )
    op.create_index(
        op.f("ix_registration_tokens_integration_id"),
        "registration_tokens",
        ["integration_id"],
        unique=False,
    )
    op.create_table(
        "agent_signatures",
        sa.Column("signature_hash", sa.String(length=64), nullable=False),
        sa.Column("agent_id", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("signature_hash", name=op.f("pk_agent_signatures")),
    )
    op.create_index(op.f("ix_agent_signatures_at"), "agent_signatures", ["at"], unique=False)
    op.create_table(
        "agent_slices",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("scan_id", sa.String(length=32), nullable=False),
        sa.Column("slice_id", sa.String(length=128), nullable=False),
        sa.Column("slices_total", sa.Integer(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["scan_id"],
            ["scan_jobs.id"],
            name=op.f("fk_agent_slices_scan_id_scan_jobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agent_slices")),
        sa.UniqueConstraint("scan_id", "slice_id", name="uq_agent_slices_scan_slice"),
    )


def downgrade() -> None:
    op.drop_table("agent_slices")
    op.drop_index(op.f("ix_agent_signatures_at"), table_name="agent_signatures")
    op.drop_table("agent_signatures")
    op.drop_index(op.f("ix_registration_tokens_integration_id"), table_name="registration_tokens")
    op.drop_table("registration_tokens")
    with op.batch_alter_table("integrations") as batch:
        batch.drop_constraint("uq_integrations_agent_id", type_="unique")
        batch.drop_column("agent_alerts")
        for name, _ in reversed(AGENT_COLUMNS):
            batch.drop_column(name)
