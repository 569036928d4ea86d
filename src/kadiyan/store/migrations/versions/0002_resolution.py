"""Resolution beyond exact keys: person details on mentions, memberships, scored pairs,
judgements, identity events, redirects and operations.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("mentions", sa.Column("extra", sa.Text))
    op.create_table(
        "memberships",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("member", sa.Text, nullable=False),
        sa.Column("entity_id", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("kind", "member"),
    )
    op.create_index("ix_memberships_entity", "memberships", ["entity_id"])
    op.create_table(
        "match_pairs",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("a", sa.Text, nullable=False),
        sa.Column("b", sa.Text, nullable=False),
        sa.Column("weight", sa.Float, nullable=False),
        sa.Column("probability", sa.Float, nullable=False),
        sa.Column("explanation", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("kind", "a", "b"),
    )
    op.create_index("ix_match_pairs_b", "match_pairs", ["kind", "b"])
    op.create_table(
        "judgements",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("a", sa.Text, nullable=False),
        sa.Column("b", sa.Text, nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("who", sa.Text, nullable=False),
        sa.Column("why", sa.Text, nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("undone_at", sa.String(40)),
        sa.Column("undone_by", sa.Text),
    )
    op.create_table(
        "identity_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("event", sa.String(16), nullable=False),
        sa.Column("entity_id", sa.Text, nullable=False),
        sa.Column("other_id", sa.Text),
        sa.Column("cause", sa.Text, nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
    )
    op.create_index("ix_identity_events_entity", "identity_events", ["entity_id"])
    op.create_table(
        "redirects",
        sa.Column("old_id", sa.Text, primary_key=True),
        sa.Column("new_id", sa.Text, nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
    )
    op.create_table(
        "operations",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    for table in ("operations", "redirects", "identity_events", "judgements", "match_pairs",
                  "memberships"):
        op.drop_table(table)
    op.drop_column("mentions", "extra")
