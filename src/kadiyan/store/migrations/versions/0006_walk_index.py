"""Indexes that let graph walks read neither mentions nor records themselves.

A walk asks, for each entity of a frontier, which records link to it and how; and, for
each of those records, its id and agency (the viewer's scope). `ix_mentions_walk` holds
the record's arrival number and the link kind beside the entity (it replaces
`ix_mentions_entity`, its prefix, under the same condition) and `ix_records_walk` holds
a record's id and agency by arrival number, so both are answered from the indexes alone.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

LINKED = "link IS NOT NULL"


def upgrade() -> None:
    op.create_index("ix_mentions_walk", "mentions", ["entity_id", "record_seq", "link"],
                    sqlite_where=sa.text(LINKED), postgresql_where=sa.text(LINKED))
    op.drop_index("ix_mentions_entity", "mentions")
    op.create_index("ix_records_walk", "records", ["seq", "id", "agency"])


def downgrade() -> None:
    op.drop_index("ix_records_walk", "records")
    op.create_index("ix_mentions_entity", "mentions", ["entity_id"],
                    sqlite_where=sa.text(LINKED), postgresql_where=sa.text(LINKED))
    op.drop_index("ix_mentions_walk", "mentions")
