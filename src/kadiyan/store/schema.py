"""Tables of the store, as SQLAlchemy Core metadata shared by queries and migrations.

Public ids are text and stable: records are `r` + content hash, identifier entities are
`kind:key`. A record also has `seq`, its arrival number, which keys the rows derived from
it: content hashes are random, so keying the big tables by them would scatter every
batch's inserts over the whole b-tree, while arrival numbers only ever append.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    text,
)

metadata = MetaData()

records = Table(
    "records",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("id", String(32), nullable=False, unique=True),
    Column("kind", String(24), nullable=False),
    Column("source_id", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("source_file", Text, nullable=False, default=""),
    Column("source_line", Integer, nullable=False, default=0),
    Column("agency", Text, nullable=False, default=""),
    Column("occurred_at", String(40)),
    Column("place", Text),
    Column("text", Text, nullable=False, default=""),
    Column("fields", Text, nullable=False, default="{}"),
    Column("run_id", Integer),
    Index("ix_records_kind", "kind"),
    Index("ix_records_source_id", "source_id"),
)

# A mention that carries its record's link to an entity has `link` set (one mention per
# record, link kind and entity); the `edges` view reads those as record-to-entity links.
mentions = Table(
    "mentions",
    metadata,
    Column("record_seq", Integer, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("kind", String(24), nullable=False),
    Column("value", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("rule", String(64), nullable=False),
    Column("raw", Text, nullable=False, default=""),
    Column("field", String(64), nullable=False, default="text"),
    Column("role", String(32)),
    Column("entity_id", Text),
    Column("link", String(24)),
    PrimaryKeyConstraint("record_seq", "seq"),
    Index("ix_mentions_entity", "entity_id", sqlite_where=text("link IS NOT NULL"),
          postgresql_where=text("link IS NOT NULL")),
    sqlite_with_rowid=False,
)

entities = Table(
    "entities",
    metadata,
    Column("id", Text, primary_key=True),
    Column("kind", String(24), nullable=False),
    Column("key", Text, nullable=False),
    Column("label", Text, nullable=False),
    Index("ix_entities_kind", "kind"),
)

# Links that are not a record's own mentions (a call between two phones, say): one row
# per (edge, evidence record); a link with many evidence records is the group of its rows.
links = Table(
    "links",
    metadata,
    Column("src", Text, nullable=False),
    Column("kind", String(24), nullable=False),
    Column("dst", Text, nullable=False),
    Column("record_id", String(32), nullable=False),
    Column("confidence", Float, nullable=False, default=1.0),
    Column("seen_at", String(40)),
    PrimaryKeyConstraint("src", "kind", "dst", "record_id"),
    Index("ix_links_dst", "dst"),
    sqlite_with_rowid=False,
)

# Every link, as queries read them: the `links` table and the record-to-entity links that
# mentions carry. A view (created by the migration), so it lives outside `metadata`.
edges = Table(
    "edges",
    MetaData(),
    Column("src", Text),
    Column("kind", String(24)),
    Column("dst", Text),
    Column("record_id", String(32)),
    Column("confidence", Float),
    Column("seen_at", String(40)),
)

ingest_runs = Table(
    "ingest_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(24), nullable=False),
    Column("file", Text, nullable=False),
    Column("started_at", String(40), nullable=False),
    Column("finished_at", String(40)),
    Column("status", String(16), nullable=False, default="running"),
    Column("read", Integer, nullable=False, default=0),
    Column("stored", Integer, nullable=False, default=0),
    Column("known", Integer, nullable=False, default=0),
    Column("quarantined", Integer, nullable=False, default=0),
)

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("run_id", Integer),
    Column("kind", String(24), nullable=False),
    Column("source_file", Text, nullable=False),
    Column("line", Integer, nullable=False),
    Column("reason", Text, nullable=False),
    Column("raw", Text, nullable=False),
    Column("quarantined_at", String(40), nullable=False),
)
