"""Indexes that let graph walks read neither mentions nor records themselves.

A walk asks, for each entity of a frontier, which records link to it and how; and, for
each of those records, its id and agency (the viewer's scope). `ix_mentions_walk` holds
the record's arrival number and the link kind beside the entity (it replaces
`ix_mentions_entity`, its prefix, under the same condition) and `ix_records_walk` holds
a record's id and agency by arrival number, so both are answered from the indexes alone.

On PostgreSQL, whose tables are heaps apart from their indexes, a record's own links are
read from the indexes too: `ix_records_walk_id` (a record's arrival number and agency by
id) and `ix_mentions_walk_record` (a record's linking mentions, with kind and entity).
SQLite keeps mentions in the order of their key already, and records by arrival number.

On PostgreSQL the `edges` view is also made again with the record's id cast to text in
its mentions arm: `links.src` is text and `records.id` varchar, and PostgreSQL pushes no
condition on a column into a UNION ALL whose arms give it different types, so every read
of `edges` by `src` read the whole view (seconds on a million ads). SQLite has no such
rule, and an index cannot serve a cast column there, so its view stays as it is.

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

# The `edges` view of 0001, with the mentions arm's `src` of the links arm's type (text).
EDGES_VIEW = """
CREATE OR REPLACE VIEW edges AS
SELECT src, kind, dst, record_id, confidence, seen_at FROM links
UNION ALL
SELECT {record_id}, m.link, m.entity_id, r.id, m.confidence, r.occurred_at
FROM mentions m JOIN records r ON r.seq = m.record_seq
WHERE m.link IS NOT NULL
"""


def upgrade() -> None:
    op.create_index("ix_mentions_walk", "mentions", ["entity_id", "record_seq", "link"],
                    sqlite_where=sa.text(LINKED), postgresql_where=sa.text(LINKED))
    op.drop_index("ix_mentions_entity", "mentions")
    op.create_index("ix_records_walk", "records", ["seq", "id", "agency"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(EDGES_VIEW.format(record_id="CAST(r.id AS TEXT)"))
        op.create_index("ix_records_walk_id", "records", ["id"],
                        postgresql_include=["seq", "agency"])
        op.create_index("ix_mentions_walk_record", "mentions", ["record_seq"],
                        postgresql_include=["link", "entity_id"],
                        postgresql_where=sa.text(LINKED))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_mentions_walk_record", "mentions")
        op.drop_index("ix_records_walk_id", "records")
        op.execute(EDGES_VIEW.format(record_id="r.id"))
    op.drop_index("ix_records_walk", "records")
    op.create_index("ix_mentions_entity", "mentions", ["entity_id"],
                    sqlite_where=sa.text(LINKED), postgresql_where=sa.text(LINKED))
    op.drop_index("ix_mentions_walk", "mentions")
