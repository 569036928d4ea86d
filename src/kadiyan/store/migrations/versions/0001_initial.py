"""Initial schema: records, mentions, entities, links, ingest runs, quarantine, search.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

# Every link as queries read them: stored links plus the record-to-entity links that
# mentions carry (kept in step with kadiyan.store.schema.edges).
EDGES_VIEW = """
CREATE VIEW edges AS
SELECT src, kind, dst, record_id, confidence, seen_at FROM links
UNION ALL
SELECT r.id, m.link, m.entity_id, r.id, m.confidence, r.occurred_at
FROM mentions m JOIN records r ON r.seq = m.record_seq
WHERE m.link IS NOT NULL
"""

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "records",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("id", sa.String(32), nullable=False, unique=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("source_id", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("source_file", sa.Text, nullable=False),
        sa.Column("source_line", sa.Integer, nullable=False),
        sa.Column("agency", sa.Text, nullable=False),
        sa.Column("occurred_at", sa.String(40)),
        sa.Column("place", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("fields", sa.Text, nullable=False),
        sa.Column("run_id", sa.Integer),
    )
    op.create_index("ix_records_kind", "records", ["kind"])
    op.create_index("ix_records_source_id", "records", ["source_id"])
    op.create_table(
        "mentions",
        sa.Column("record_seq", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("rule", sa.String(64), nullable=False),
        sa.Column("raw", sa.Text, nullable=False),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("role", sa.String(32)),
        sa.Column("entity_id", sa.Text),
        sa.Column("link", sa.String(24)),
        sa.PrimaryKeyConstraint("record_seq", "seq"),
        sqlite_with_rowid=False,
    )
    op.create_index(
        "ix_mentions_entity", "mentions", ["entity_id"],
        sqlite_where=sa.text("link IS NOT NULL"), postgresql_where=sa.text("link IS NOT NULL"),
    )
    op.create_table(
        "entities",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("label", sa.Text, nullable=False),
    )
    op.create_index("ix_entities_kind", "entities", ["kind"])
    op.create_table(
        "links",
        sa.Column("src", sa.Text, nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("dst", sa.Text, nullable=False),
        sa.Column("record_id", sa.String(32), nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("seen_at", sa.String(40)),
        sa.PrimaryKeyConstraint("src", "kind", "dst", "record_id"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_links_dst", "links", ["dst"])
    op.execute(EDGES_VIEW)
    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("started_at", sa.String(40), nullable=False),
        sa.Column("finished_at", sa.String(40)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("read", sa.Integer, nullable=False),
        sa.Column("stored", sa.Integer, nullable=False),
        sa.Column("known", sa.Integer, nullable=False),
        sa.Column("quarantined", sa.Integer, nullable=False),
    )
    op.create_table(
        "quarantine",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("run_id", sa.Integer),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("source_file", sa.Text, nullable=False),
        sa.Column("line", sa.Integer, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("raw", sa.Text, nullable=False),
        sa.Column("quarantined_at", sa.String(40), nullable=False),
    )
    _create_search(op.get_bind().dialect.name)


def _create_search(dialect: str) -> None:
    """Full-text search over record text: FTS5 on SQLite, tsvector and trigrams on PostgreSQL."""
    if dialect == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE records_fts USING fts5("
            "text, content='records', content_rowid='seq', tokenize='unicode61')"
        )
        # No trigger: the store indexes each batch's new records in one statement, which
        # is five times faster than a per-row trigger. Records are never updated.
    elif dialect == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "ALTER TABLE records ADD COLUMN tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED"
        )
        op.execute("CREATE INDEX ix_records_tsv ON records USING gin (tsv)")
        op.execute("CREATE INDEX ix_records_trgm ON records USING gin (text gin_trgm_ops)")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS records_fts")
    op.execute("DROP VIEW IF EXISTS edges")
    for table in ("quarantine", "ingest_runs", "links", "entities", "mentions", "records"):
        op.drop_table(table)
