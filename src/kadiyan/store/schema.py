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
    Index("ix_records_agency", "agency"),
    Index("ix_records_source_id", "source_id"),
    # A record's id and agency by arrival number without reading the row (graph walks).
    Index("ix_records_walk", "seq", "id", "agency"),
    # ... and its arrival number and agency by id (PostgreSQL only: its rows are a heap).
    Index("ix_records_walk_id", "id", postgresql_include=["seq", "agency"]).ddl_if(
        dialect="postgresql"),
)

# The roles in which a mention names a victim or her family (`kadiyan.access.masking`
# decides what is protected; a test keeps the two equal). Their linking mentions have an
# index of their own: few, and asked about for every entity a page shows.
PROTECTED_ROLES = ("family", "missing", "relative", "victim")
PROTECTED_MENTIONS = (
    "link IS NOT NULL AND role IN (" + ", ".join(f"'{r}'" for r in PROTECTED_ROLES) + ")"
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
    Column("extra", Text),  # JSON details of a person (aliases, age, father); else null
    PrimaryKeyConstraint("record_seq", "seq"),
    # Which records link to an entity, and how, from the index alone (graph walks).
    Index("ix_mentions_walk", "entity_id", "record_seq", "link",
          sqlite_where=text("link IS NOT NULL"), postgresql_where=text("link IS NOT NULL")),
    # Masking's question: is the entity named as a victim? Keyed by role as well, so that
    # SQLite prefers it to the walk index, which would read every mention for its role.
    Index("ix_mentions_protected", "entity_id", "role",
          sqlite_where=text(PROTECTED_MENTIONS), postgresql_where=text(PROTECTED_MENTIONS)),
    # A record's links, kind and entity from the index (PostgreSQL only: SQLite keeps
    # mentions in the order of their key).
    Index("ix_mentions_walk_record", "record_seq", postgresql_include=["link", "entity_id"],
          postgresql_where=text("link IS NOT NULL")).ddl_if(dialect="postgresql"),
    sqlite_with_rowid=False,
)

# The mentions' indexes keyed by entity id: random keys, so every batch inserts all over
# them and rewrites most of their pages. A load into a store with no mentions yet builds
# them after its rows are in, in one sorted pass (`Store.loading`).
BUILT_AFTER_LOADING = ("ix_mentions_walk", "ix_mentions_protected")

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

# The PDQ hashes of a photo's crops (`kadiyan.extract.images.CROPS`, in that order) as one
# string of 64 hex digits each: one row per image entity, from the first file that showed it.
image_crops = Table(
    "image_crops",
    metadata,
    Column("entity_id", Text, primary_key=True),
    Column("crops", Text, nullable=False),
    sqlite_with_rowid=False,
)

ingest_runs = Table(
    "ingest_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(24), nullable=False),
    Column("file", Text, nullable=False),
    Column("agency", Text, nullable=False, default=""),
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


# -- resolution beyond exact keys: persons, templates, operations ---------------------------

# Which entity each member belongs to, kept across runs so that ids stay stable: a person's
# members are person mentions (`RECORD_ID#SEQ`), an operation's are the nodes it holds.
memberships = Table(
    "memberships",
    metadata,
    Column("kind", String(16), nullable=False),
    Column("member", Text, nullable=False),
    Column("entity_id", Text, nullable=False),
    PrimaryKeyConstraint("kind", "member"),
    Index("ix_memberships_entity", "entity_id"),
)

# The scored pairs that joined members, kept as the explanation of every match.
match_pairs = Table(
    "match_pairs",
    metadata,
    Column("kind", String(16), nullable=False),
    Column("a", Text, nullable=False),
    Column("b", Text, nullable=False),
    Column("weight", Float, nullable=False),
    Column("probability", Float, nullable=False),
    Column("explanation", Text, nullable=False),  # JSON list of comparisons and weights
    PrimaryKeyConstraint("kind", "a", "b"),
    Index("ix_match_pairs_b", "kind", "b"),
)

# An analyst's "same" or "different" on a pair; undoing keeps the row and stamps it.
judgements = Table(
    "judgements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("a", Text, nullable=False),
    Column("b", Text, nullable=False),
    Column("verdict", String(16), nullable=False),
    Column("who", Text, nullable=False),
    Column("why", Text, nullable=False, default=""),
    Column("at", String(40), nullable=False),
    Column("undone_at", String(40)),
    Column("undone_by", Text),
)

# Births, merges and splits of persons and operations, with their cause: never silent.
identity_events = Table(
    "identity_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("event", String(16), nullable=False),
    Column("entity_id", Text, nullable=False),
    Column("other_id", Text),
    Column("cause", Text, nullable=False, default=""),
    Column("at", String(40), nullable=False),
    Index("ix_identity_events_entity", "entity_id"),
)

# Where an id that a merge retired now points, so bookmarks never lead nowhere.
redirects = Table(
    "redirects",
    metadata,
    Column("old_id", Text, primary_key=True),
    Column("new_id", Text, nullable=False),
    Column("at", String(40), nullable=False),
)

# Candidate operations: communities of the link graph, with what holds each together.
operations = Table(
    "operations",
    metadata,
    Column("id", Text, primary_key=True),
    Column("label", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Column("summary", Text, nullable=False),  # JSON: members by kind, evidence, cities
    Column("updated_at", String(40), nullable=False),
)

# -- access: agencies, users, sharing, sessions, tokens, the audit trail ------------------

agencies = Table(
    "agencies",
    metadata,
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(24), nullable=False),
    Column("state", Text, nullable=False, default=""),
    Column("parent", Text),
    Column("created_at", String(40), nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", Text, nullable=False, unique=True),
    Column("display_name", Text, nullable=False, default=""),
    Column("agency", Text, nullable=False),
    Column("roles", Text, nullable=False),  # comma-separated role names
    Column("password_hash", Text, nullable=False),
    Column("disabled", Integer, nullable=False, default=0),
    Column("failed_logins", Integer, nullable=False, default=0),
    Column("locked_until", String(40)),
    Column("created_at", String(40), nullable=False),
)

shares = Table(
    "shares",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("scope", Text, nullable=False),  # "all" or a record id
    Column("purpose", String(24), nullable=False),
    Column("victims", Integer, nullable=False, default=0),
    Column("created_by", Text, nullable=False, default=""),
    Column("created_at", String(40), nullable=False),
    Column("revoked_at", String(40)),
    Index("ix_shares_target", "target"),
)

# Sessions and API tokens are stored as the SHA-256 of the secret the client holds.
sessions = Table(
    "sessions",
    metadata,
    Column("digest", String(64), primary_key=True),
    Column("user_id", Integer, nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("expires_at", String(40), nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("digest", String(64), nullable=False, unique=True),
    Column("user_id", Integer, nullable=False),
    Column("label", Text, nullable=False, default=""),
    Column("created_at", String(40), nullable=False),
    Column("revoked_at", String(40)),
)

# Append-only (triggers refuse UPDATE and DELETE) and hash-chained: see access.audit.
audit = Table(
    "audit",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(40), nullable=False),
    Column("actor", Text, nullable=False),
    Column("agency", Text, nullable=False, default=""),
    Column("action", String(32), nullable=False),
    Column("target", Text, nullable=False, default=""),
    Column("detail", Text, nullable=False, default="{}"),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)
