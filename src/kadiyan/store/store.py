"""The store: one object over SQLite or PostgreSQL that services read from and write to."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache, cached_property
from typing import Any

import orjson
from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    exists,
    false,
    func,
    insert,
    inspect,
    or_,
    select,
    text,
    true,
    update,
)
from sqlalchemy.schema import CreateIndex, DropIndex

from kadiyan.model import (
    Entity,
    EntityKind,
    IngestSummary,
    Link,
    LinkKind,
    Record,
    RecordHeader,
    RecordKind,
    is_record_node,
)
from kadiyan.model.access import Visibility
from kadiyan.store import schema
from kadiyan.store.audit_file import audit_url, open_audit_file
from kadiyan.store.driver import fetch, fetch_dicts
from kadiyan.store.engine import make_engine, migrate
from kadiyan.store.seen import CHUNK, Shape
from kadiyan.store.seen import seen_bound as _seen_bound
from kadiyan.store.seen import seen_values as _seen_values
from kadiyan.store.seen import shape as _shape
from kadiyan.store.walks import Step, edges_among, frontier_edges, record_edges
from kadiyan.store.writes import (
    insert_ignoring,
    lock_writers,
    seqs_of,
    write_derived,
    write_new,
)

# Words are runs between spaces and punctuation; `\w` alone would split Devanagari at its
# vowel signs, which are combining marks rather than letters.
WORD = re.compile(r"[^\s\"'.,;:!?()\[\]{}<>|*^~`@#$%&=+\\/-]+")


def search_words(text: str) -> list[str]:
    """The words of a query as full-text search sees them, in either script."""
    return WORD.findall(text)


def now_iso() -> str:
    """The current UTC time as ISO 8601, the one timestamp format of the store."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Batch:
    """Rows for one transaction: a chunk of records with all that was derived from them."""

    records: list[tuple] = field(default_factory=list)
    mentions: list[tuple] = field(default_factory=list)
    entities: list[tuple] = field(default_factory=list)
    links: list[tuple] = field(default_factory=list)
    quarantine: list[tuple] = field(default_factory=list)
    image_crops: list[tuple] = field(default_factory=list)

    def extend(self, other: Batch) -> None:
        """Append another batch's rows to this one."""
        self.records += other.records
        self.mentions += other.mentions
        self.entities += other.entities
        self.links += other.links
        self.quarantine += other.quarantine
        self.image_crops += other.image_crops


@dataclass(frozen=True)
class QuarantinedRow:
    """A rejected input row as stored, with why it was rejected."""

    id: str
    kind: str
    source_file: str
    line: int
    reason: str
    raw: str
    quarantined_at: str


class SharedConnection:
    """The connection the reads inside one `Store.reading()` share, taken from the pool at
    the first read (a request that reads nothing takes none) and given back at `release`,
    or when the block ends."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None
        self.released = False

    def connection(self) -> Connection:
        """The shared connection, taken now if no read has taken it yet."""
        if self._conn is None:
            self._conn = self.engine.connect()
        return self._conn

    def release(self) -> None:
        """Give the connection back; reads after this take connections of their own."""
        self.released = True
        if self._conn is not None:
            conn, self._conn = self._conn, None
            conn.close()


# The connection that reads share inside `Store.reading()`: per asyncio task or thread.
_READING: ContextVar[SharedConnection | None] = ContextVar("reading", default=None)


class Store:
    """Reads and writes of records, mentions, entities and links."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def reading(self) -> Iterator[SharedConnection]:
        """Reads inside the block share one connection and one transaction (on SQLite, one
        snapshot of the store), and no connection is taken and given back per query (a
        page makes a dozen or more, each costing about as much as a small query).

        Not for blocks that write: their reads would not see what they wrote. Nested, the
        outer block's connection is shared.
        """
        current = _READING.get()
        if current is not None and current.engine is self.engine:
            yield current
            return
        shared = SharedConnection(self.engine)
        token = _READING.set(shared)
        try:
            yield shared
        finally:
            _READING.reset(token)
            shared.release()

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """A connection to read with: the one shared inside `reading()`, else its own."""
        shared = _READING.get()
        if shared is not None and shared.engine is self.engine and not shared.released:
            yield shared.connection()
            return
        with self.engine.connect() as conn:
            yield conn

    @cached_property
    def audit_engine(self) -> Engine:
        """The engine of the audit trail: for a SQLite file, the audit file beside it
        (`store.audit_file`, made on first use); otherwise the store's own."""
        url = audit_url(self.engine.url.render_as_string(hide_password=False))
        return self.engine if url is None else open_audit_file(url, self.engine)

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.engine.dialect.name

    # -- writing -------------------------------------------------------------------------

    def write(self, batch: Batch) -> int:
        """Write a batch in one transaction; returns how many records were new.

        A batch is all or nothing, so a process killed mid-file leaves whole batches only,
        and a rerun fills in the rest.
        """
        with self._writing() as conn:
            return write_new(conn, batch)

    def write_derived(self, batch: Batch) -> None:
        """Write mentions, entities and links of stored records that have none (a rebuild)."""
        record_ids = {row[0] for row in batch.mentions} | {row[3] for row in batch.links}
        with self._writing() as conn:
            insert_ignoring(conn, "entities", batch.entities)
            insert_ignoring(conn, "image_crops", batch.image_crops)
            write_derived(conn, batch.mentions, batch.links, seqs_of(conn, sorted(record_ids)))

    @contextmanager
    def loading(self) -> Iterator[bool]:
        """Write a load with the mentions' entity indexes built after it, when the store
        has no mentions yet; yields whether it does.

        Keeping those indexes up row by row costs a first load of a million ads up to a
        sixth of its time (their keys are random: every batch rewrites most of their
        pages); built once the rows are in, they cost a few seconds. They are built again
        when the block ends, however it ends. A store that has mentions keeps them, since
        readers rely on them. A process killed mid-load leaves them out until the store is
        next opened (`open_store` builds them; opened by another process during a first
        load, they are built at once, which is correct, only slower).
        """
        with self.connection() as conn:
            first = conn.execute(select(schema.mentions.c.seq).limit(1)).first() is None
        if not first:
            yield False
            return
        with self._writing() as conn:
            for index in _built_after_loading():
                conn.execute(DropIndex(index, if_exists=True))
        try:
            yield True
        finally:
            self.restore_indexes()

    def restore_indexes(self) -> None:
        """Build those of the mentions' entity indexes that a load left out."""
        with self.connection() as conn:
            present = {index["name"] for index in inspect(conn).get_indexes("mentions")}
        missing = [index for index in _built_after_loading() if index.name not in present]
        if missing:
            with self._writing() as conn:
                for index in missing:
                    conn.execute(CreateIndex(index, if_not_exists=True))

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A transaction that is the store's only writer until it ends."""
        with self.engine.execution_options(writer=True).begin() as conn:
            lock_writers(conn)
            yield conn

    def start_run(self, kind: str, file: str, agency: str = "") -> int:
        """Record the start of an ingest run (for `agency`); returns its id."""
        with self.engine.begin() as conn:
            result = conn.execute(
                insert(schema.ingest_runs).values(
                    kind=kind, file=file, agency=agency, started_at=now_iso(), status="running",
                    read=0, stored=0, known=0, quarantined=0,
                )
            )
            return int(result.inserted_primary_key[0])  # type: ignore[index]

    def finish_run(self, run_id: int, summary: IngestSummary, status: str) -> None:
        """Record the counts and end of an ingest run."""
        with self.engine.begin() as conn:
            conn.execute(
                update(schema.ingest_runs)
                .where(schema.ingest_runs.c.id == run_id)
                .values(
                    finished_at=now_iso(), status=status, read=summary.read,
                    stored=summary.stored, known=summary.known,
                    quarantined=summary.quarantined,
                )
            )

    def clear_derived(self) -> None:
        """Drop mentions, entities (with photos' crops) and links so they can be rebuilt
        from the records."""
        with self._writing() as conn:
            for table in (schema.links, schema.mentions, schema.image_crops, schema.entities):
                conn.execute(table.delete())

    # -- reading records -------------------------------------------------------------------

    def record(self, record_id: str, visible: Visibility | None = None) -> Record | None:
        """One record by id (None when unknown or not visible)."""
        found = self.records([record_id], visible)
        return found[0] if found else None

    def records(
        self, record_ids: Sequence[str], visible: Visibility | None = None
    ) -> list[Record]:
        """Records by id, in the order asked (missing and invisible ids are left out)."""
        if not record_ids:
            return []
        ids = list(dict.fromkeys(record_ids))
        by_id = {}
        with self.connection() as conn:
            for start in range(0, len(ids), CHUNK):
                # Visibility is checked on the rows the ids lead to: a record out of
                # scope costs one row, and the read stays a look-up by id.
                rows = fetch_dicts(conn, _records_by_id(), {"ids": ids[start:start + CHUNK]})
                by_id.update({row["id"]: _record(row) for row in rows
                              if visible is None or visible.admits(row["agency"], row["id"])})
        return [by_id[r] for r in record_ids if r in by_id]

    def record_headers(
        self, record_ids: Sequence[str], visible: Visibility | None = None
    ) -> list[RecordHeader]:
        """What the records are (kind, source id, agency, date, place), without their text
        and fields: in the order asked, missing and invisible ids left out."""
        if not record_ids:
            return []
        ids = list(dict.fromkeys(record_ids))
        by_id = {}
        with self.connection() as conn:
            for start in range(0, len(ids), CHUNK):
                rows = fetch(conn, _headers_by_id(), {"ids": ids[start:start + CHUNK]})
                by_id.update({row[0]: _header(row) for row in rows
                              if visible is None or visible.admits(row[3], row[0])})
        return [by_id[r] for r in record_ids if r in by_id]

    def record_ids_by_source(
        self, source_id: str, visible: Visibility | None = None
    ) -> list[str]:
        """Ids of the (visible) records that carry `source_id` in their own file."""
        r = schema.records
        with self.connection() as conn:
            rows = conn.execute(
                select(r.c.id, r.c.agency).where(r.c.source_id == source_id).order_by(r.c.id)
            )
            return [row.id for row in rows
                    if visible is None or visible.admits(row.agency, row.id)]

    def headers_naming(
        self, entity_ids: Sequence[str], limit: int = 50, visible: Visibility | None = None
    ) -> list[RecordHeader]:
        """What the (visible) records that name any of the entities are, newest first."""
        if not entity_ids:
            return []
        # Visibility is a condition of the query: a phone named in thousands of other
        # agencies' ads would otherwise be read a thousand rows at a time to keep a few.
        params = {**_seen_values(visible), "entities": list(entity_ids), "limit": limit}
        with self.connection() as conn:
            rows = fetch(conn, _headers_naming(_shape(visible)), params)
        return [_header(row) for row in rows]

    def iter_records(self, batch_size: int = 5000) -> Iterator[list[Record]]:
        """All records in arrival order, a batch at a time (for rebuilding derived data)."""
        last = 0
        while True:
            with self.connection() as conn:
                rows = conn.execute(
                    select(schema.records)
                    .where(schema.records.c.seq > last)
                    .order_by(schema.records.c.seq)
                    .limit(batch_size)
                ).mappings().all()
            if not rows:
                return
            yield [_record(row) for row in rows]
            last = rows[-1]["seq"]

    def mentions_of(self, record_id: str) -> list[dict[str, Any]]:
        """The mentions found in a record, in order, with the entity each resolved to."""
        return self.mentions_of_many([record_id]).get(record_id, [])

    def mentions_of_many(
        self, record_ids: Iterable[str], roles: Iterable[str] | None = None,
        entity_ids: Iterable[str] | None = None,
    ) -> dict[str, list[dict[str, Any]]]:
        """`mentions_of` for many records at once: record id -> its mentions, in order
        (a record without mentions, or unknown, is absent); with `roles`, only mentions
        in one of those roles, with `entity_ids` only mentions of those entities."""
        ids = list(dict.fromkeys(record_ids))
        query = _mentions_by_record(roles is not None, entity_ids is not None)
        params: dict[str, Any] = {}
        if roles is not None:
            params["roles"] = sorted(roles)
        if entity_ids is not None:
            params["entities"] = sorted(set(entity_ids))
        found: dict[str, list[dict[str, Any]]] = {}
        with self.connection() as conn:
            for start in range(0, len(ids), CHUNK):
                for row in fetch_dicts(conn, query, {**params, "ids": ids[start:start + CHUNK]}):
                    found.setdefault(row["record_id"], []).append(row)
        return found

    def search_records(
        self, query: str, limit: int = 50, visible: Visibility | None = None
    ) -> list[Record]:
        """Records whose text matches every word of `query`, best first (visible ones only).

        With a `visible` filter the index is asked for more than `limit`, since hits outside
        the filter are dropped afterwards.
        """
        words = search_words(query)
        if not words:
            return []
        with self.connection() as conn:
            if self.dialect == "sqlite":
                match = " ".join('"' + w.replace('"', "") + '"' for w in words)
                rows = conn.execute(
                    text(
                        "SELECT r.id, r.agency FROM records_fts f JOIN records r "
                        "ON r.seq = f.rowid WHERE records_fts MATCH :q ORDER BY f.rank LIMIT :n"
                    ),
                    {"q": match, "n": _asked(limit, visible)},
                ).all()
            else:
                rows = conn.execute(
                    text(
                        "SELECT id, agency FROM records "
                        "WHERE tsv @@ plainto_tsquery('simple', :q) "
                        "ORDER BY ts_rank(tsv, plainto_tsquery('simple', :q)) DESC LIMIT :n"
                    ),
                    {"q": " ".join(words), "n": _asked(limit, visible)},
                ).all()
        # Visibility is checked on the hits' agencies, so only the records kept are read.
        ids = [r.id for r in rows if visible is None or visible.admits(r.agency, r.id)]
        return self.records(ids[:limit])

    # -- reading entities and links --------------------------------------------------------

    def entity(self, entity_id: str) -> Entity | None:
        """One entity by id."""
        found = self.entities([entity_id])
        return found[0] if found else None

    def entities(self, entity_ids: Sequence[str]) -> list[Entity]:
        """Entities by id, in the order asked."""
        if not entity_ids:
            return []
        ids = list(dict.fromkeys(entity_ids))
        by_id = {}
        with self.connection() as conn:
            for start in range(0, len(ids), CHUNK):
                rows = fetch(conn, _entities_by_id(), {"ids": ids[start:start + CHUNK]})
                by_id.update({id_: Entity(id=id_, kind=EntityKind(kind), key=key, label=label)
                              for id_, kind, key, label in rows})
        return [by_id[e] for e in entity_ids if e in by_id]

    def find_entities(self, kind: str, prefix: str, limit: int = 20) -> list[Entity]:
        """Entities of a kind whose key starts with `prefix` (for look-up as you type)."""
        key = schema.entities.c.key
        return self._entities_where(kind, key.startswith(prefix, autoescape=True), limit)

    def find_entities_by_suffix(self, kind: str, suffix: str, limit: int = 20) -> list[Entity]:
        """Entities of a kind whose key ends with `suffix` (a handle on any platform)."""
        key = schema.entities.c.key
        return self._entities_where(kind, key.endswith(suffix, autoescape=True), limit)

    def _entities_where(self, kind: str, condition: Any, limit: int) -> list[Entity]:
        with self.connection() as conn:
            ids = conn.execute(
                select(schema.entities.c.id)
                .where(schema.entities.c.kind == kind, condition)
                .order_by(schema.entities.c.id)
                .limit(limit)
            ).scalars().all()
        return self.entities(list(ids))

    def links_of(
        self, node_id: str, limit: int = 1000, visible: Visibility | None = None,
        ordered: bool = True,
    ) -> list[Link]:
        """Links touching a node, each with its (visible) evidence records (capped at `limit`).

        The `limit` evidence rows read are the oldest; with `ordered=False`, any (enough to
        count a node's links, exactly below the cap: a hub's rows need not be sorted).
        """
        rows = []
        params = {**_seen_values(visible), "node": node_id, "limit": limit}
        with self.connection() as conn:
            # One query per end: an OR across both would make SQLite scan every mention.
            for end in ("src", "dst"):
                rows += fetch(conn, _links_at(end, _shape(visible), ordered), params)
        if ordered:
            rows.sort(key=_link_order)
        return _group_links(rows[:limit])

    def edges_between(
        self, node_ids: Iterable[str], visible: Visibility | None = None
    ) -> list[tuple[str, str, str]]:
        """Distinct (src, kind, dst) edges touching any of the nodes: one step of a search.

        With `visible`, only edges with a visible evidence record.
        """
        nodes = sorted(set(node_ids))
        if not nodes:
            return []
        # Records are read from their own side (what they name, the links they start).
        records = [n for n in nodes if is_record_node(n)]
        entities = [n for n in nodes if not is_record_node(n)]
        edges: set[tuple[str, str, str]] = set()
        seen = _seen_values(visible)
        with self.connection() as conn:
            edges.update(record_edges(conn, records, visible))
            for start in range(0, len(entities), CHUNK):
                chunk = entities[start : start + CHUNK]
                for end in ("src", "dst"):
                    rows = fetch(conn, _edges_at(end, _shape(visible)), {**seen, "nodes": chunk})
                    edges.update((r[0], r[1], r[2]) for r in rows)
        return sorted(edges)

    def frontier_edges(
        self, node_ids: Iterable[str], visible: Visibility | None = None,
        cap: int | None = None,
    ) -> Step:
        """The distinct edges touching the nodes (with `visible`, only edges with visible
        evidence); an entity with more than `cap` edges is a hub, read no further.

        One step of a walk, read arm by arm (`kadiyan.store.walks`).
        """
        with self.connection() as conn:
            return frontier_edges(conn, node_ids, visible, cap)

    def edges_among(
        self, node_ids: Iterable[str], among: Iterable[str], visible: Visibility | None = None
    ) -> list[tuple[str, str, str]]:
        """The distinct edges from any of the nodes to any of `among` (with visible evidence)."""
        with self.connection() as conn:
            return edges_among(conn, node_ids, among, visible)

    def evidenced_entities(
        self, entity_ids: Iterable[str], visible: Visibility | None = None
    ) -> set[str]:
        """Those of the entities that have at least one link with (visible) evidence.

        Each entity is asked whether such a link exists, which stops at the first one: a
        phone named in ten thousand ads costs no more than a phone in one.
        """
        ids = list(set(entity_ids))
        seen = _seen_values(visible)
        found: set[str] = set()
        with self.connection() as conn:
            for start in range(0, len(ids), CHUNK):
                rows = fetch(conn, _evidenced_entities(_shape(visible)),
                             {**seen, "ids": ids[start:start + CHUNK]})
                found.update(row[0] for row in rows)
        return found

    def evidence(
        self, src: str, kind: str, dst: str, limit: int = 20, visible: Visibility | None = None
    ) -> list[str]:
        """The (visible) records that are the evidence for one edge."""
        params = {**_seen_values(visible), "src": src, "kind": kind, "dst": dst,
                  "limit": limit}
        with self.connection() as conn:
            return [row[0] for row in fetch(conn, _evidence_of(_shape(visible)), params)]

    # -- ingest bookkeeping ----------------------------------------------------------------

    def runs(
        self, limit: int = 50, agencies: frozenset[str] | None = None
    ) -> list[dict[str, Any]]:
        """The latest ingest runs (of `agencies`, if given), newest first."""
        t = schema.ingest_runs
        query = select(t).order_by(t.c.id.desc()).limit(limit)
        if agencies is not None:
            query = query.where(t.c.agency.in_(sorted(agencies)))
        with self.connection() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def quarantined(
        self, limit: int = 100, offset: int = 0, agencies: frozenset[str] | None = None
    ) -> list[QuarantinedRow]:
        """Rejected rows (of runs for `agencies`, if given), by file and line."""
        table, runs = schema.quarantine, schema.ingest_runs
        query = select(table)
        if agencies is not None:
            query = query.join(runs, runs.c.id == table.c.run_id).where(
                runs.c.agency.in_(sorted(agencies)))
        query = query.order_by(table.c.source_file, table.c.line, table.c.id)
        with self.connection() as conn:
            rows = conn.execute(query.limit(limit).offset(offset)).mappings()
            return [_quarantined(row) for row in rows]

    def quarantined_row(
        self, row_id: str, agencies: frozenset[str] | None = None
    ) -> QuarantinedRow | None:
        """One rejected row by id (None also when its run is not of `agencies`)."""
        table, runs = schema.quarantine, schema.ingest_runs
        query = select(table).where(table.c.id == row_id)
        if agencies is not None:
            query = query.join(runs, runs.c.id == table.c.run_id).where(
                runs.c.agency.in_(sorted(agencies)))
        with self.connection() as conn:
            row = conn.execute(query).mappings().first()
        return _quarantined(row) if row else None

    def list_records(
        self, *, kind: str | None = None, agency: str | None = None, place: str | None = None,
        since: str | None = None, until: str | None = None, limit: int = 50, offset: int = 0,
        visible: Visibility | None = None,
    ) -> list[Record]:
        """(Visible) records passing the filters, newest first; dates are ISO days, inclusive."""
        r = schema.records
        day = func.substr(r.c.occurred_at, 1, 10)
        query = select(r).where(_seen(r, visible))
        for column, value in ((r.c.kind, kind), (r.c.agency, agency), (r.c.place, place)):
            if value:
                query = query.where(column == value)
        if since:
            query = query.where(day >= since)
        if until:
            query = query.where(day <= until)
        query = query.order_by(r.c.occurred_at.desc(), r.c.id).limit(limit).offset(offset)
        with self.connection() as conn:
            return [_record(row) for row in conn.execute(query).mappings()]

    def record_counts(self, visible: Visibility | None = None) -> dict[str, int]:
        """How many (visible) records there are of each kind."""
        r = schema.records
        with self.connection() as conn:
            rows = conn.execute(
                select(r.c.kind, func.count()).where(_seen(r, visible)).group_by(r.c.kind)
            ).all()
        return dict(sorted((kind, int(n)) for kind, n in rows))

    def stats(self) -> dict[str, Any]:
        """Counts: records and entities by kind, distinct links, quarantined rows."""
        with self.connection() as conn:
            records = dict(
                conn.execute(
                    select(schema.records.c.kind, func.count()).group_by(schema.records.c.kind)
                ).all()
            )
            entities = dict(
                conn.execute(
                    select(schema.entities.c.kind, func.count()).group_by(schema.entities.c.kind)
                ).all()
            )
            links = conn.execute(
                text("SELECT count(*) FROM (SELECT DISTINCT src, kind, dst FROM edges) AS e")
            ).scalar_one()
            quarantined = conn.execute(
                select(func.count()).select_from(schema.quarantine)
            ).scalar_one()
        return {
            "records": dict(sorted(records.items())),
            "entities": dict(sorted(entities.items())),
            "links": int(links),
            "quarantined": int(quarantined),
        }


def _seen(records: Any, visible: Visibility | None) -> Any:
    """The condition on a records table that keeps the visible rows (true for None)."""
    if visible is None:
        return true()
    conditions = []
    if visible.agencies:
        conditions.append(records.c.agency.in_(sorted(visible.agencies)))
    if visible.records:
        conditions.append(records.c.id.in_(sorted(visible.records)))
    return or_(*conditions) if conditions else false()


# -- statements built once ------------------------------------------------------------------
# The reads a page makes many times are built once, with their lists of ids (and a
# viewer's agencies) as parameters: building and checking a statement with hundreds of
# values each time costs more than running it.

def _evidenced_bound(query: Any, shape: Shape) -> Any:
    """`query` over the edges view, kept to edges whose evidence record is visible (the
    visibility given as parameters)."""
    if shape is None:
        return query
    r = schema.records.alias("seen")
    return query.join(r, r.c.id == schema.edges.c.record_id).where(_seen_bound(r, shape))


def _ids() -> Any:
    return bindparam("ids", expanding=True)


@cache
def _records_by_id() -> Any:
    return select(schema.records).where(schema.records.c.id.in_(_ids()))


@cache
def _headers_by_id() -> Any:
    return select(*_header_columns()).where(schema.records.c.id.in_(_ids()))


def _header_columns() -> tuple[Any, ...]:
    r = schema.records
    return r.c.id, r.c.kind, r.c.source_id, r.c.agency, r.c.occurred_at, r.c.place


def _header(row: Sequence[Any]) -> RecordHeader:
    """A record header from a row of `_header_columns`."""
    return RecordHeader(row[0], RecordKind(row[1]), row[2], row[3], row[4], row[5])


@cache
def _headers_naming(shape: Shape) -> Any:
    m, r = schema.mentions, schema.records
    return (
        select(*_header_columns())
        .join_from(m, r, r.c.seq == m.c.record_seq)
        .where(m.c.entity_id.in_(bindparam("entities", expanding=True)), m.c.link.is_not(None),
               _seen_bound(r, shape))
        .distinct()
        .order_by(r.c.occurred_at.desc(), r.c.id)
        .limit(bindparam("limit"))
    )


@cache
def _entities_by_id() -> Any:
    return select(schema.entities).where(schema.entities.c.id.in_(_ids()))


@cache
def _mentions_by_record(by_role: bool, by_entity: bool) -> Any:
    mentions, records = schema.mentions, schema.records
    columns = [c for c in mentions.c if c.name != "record_seq"]
    query = (
        select(records.c.id.label("record_id"), *columns)
        .join_from(mentions, records, records.c.seq == mentions.c.record_seq)
        .where(records.c.id.in_(_ids()))
        .order_by(mentions.c.record_seq, mentions.c.seq)
    )
    if by_role:
        query = query.where(mentions.c.role.in_(bindparam("roles", expanding=True)))
    if by_entity:
        query = query.where(mentions.c.entity_id.in_(bindparam("entities", expanding=True)))
    return query


@cache
def _links_at(end: str, shape: Shape, ordered: bool = True) -> Any:
    """A node's links at one end, as rows of `edges`, read arm by arm.

    Through the view, each row would find its evidence record twice: once in the view's
    own join (its date) and again to test that it is visible. A record's mentions are
    tested on the record they were read with instead, a quarter less work for a phone in
    a few hundred ads; only stored links look their evidence record up.
    """
    m, r, links = schema.mentions, schema.records, schema.links
    node = bindparam("node")
    named = (
        select(r.c.id.label("src"), m.c.link.label("kind"), m.c.entity_id.label("dst"),
               r.c.id.label("record_id"), m.c.confidence, r.c.occurred_at.label("seen_at"))
        .join_from(m, r, r.c.seq == m.c.record_seq)
        .where((r.c.id if end == "src" else m.c.entity_id) == node, m.c.link.is_not(None),
               _seen_bound(r, shape))
    )
    stored = select(links.c.src, links.c.kind, links.c.dst, links.c.record_id,
                    links.c.confidence, links.c.seen_at).where(links.c[end] == node)
    if shape is not None:
        seen = schema.records.alias("seen")
        stored = stored.join(seen, seen.c.id == links.c.record_id).where(_seen_bound(seen, shape))
    both = named.union_all(stored).subquery("edges")
    query = select(*both.c)
    if ordered:
        query = query.order_by(both.c.seen_at, both.c.record_id, both.c.kind, both.c.src,
                               both.c.dst)
    return query.limit(bindparam("limit"))


@cache
def _edges_at(end: str, shape: Shape) -> Any:
    table = schema.edges
    query = select(table.c.src, table.c.kind, table.c.dst).where(
        table.c[end].in_(bindparam("nodes", expanding=True)))
    return _evidenced_bound(query, shape).distinct()


@cache
def _evidence_of(shape: Shape) -> Any:
    table = schema.edges
    query = select(table.c.record_id).where(
        table.c.src == bindparam("src"), table.c.kind == bindparam("kind"),
        table.c.dst == bindparam("dst"))
    return _evidenced_bound(query, shape).order_by(table.c.record_id).limit(bindparam("limit"))


@cache
def _evidenced_entities(shape: Shape) -> Any:
    entities, table = schema.entities, schema.edges
    linked = [
        exists(_evidenced_bound(select(table.c.record_id).where(end == entities.c.id), shape))
        for end in (table.c.dst, table.c.src)
    ]
    return select(entities.c.id).where(entities.c.id.in_(_ids()), or_(*linked))


def _asked(limit: int, visible: Visibility | None) -> int:
    return limit if visible is None else limit * 5 + 50


def _record(row: Any) -> Record:
    return Record(
        id=row["id"], kind=RecordKind(row["kind"]), source_id=row["source_id"],
        text=row["text"], fields=orjson.loads(row["fields"]), content_hash=row["content_hash"],
        source_file=row["source_file"], source_line=row["source_line"], agency=row["agency"],
        occurred_at=row["occurred_at"], place=row["place"],
    )


def _quarantined(row: Any) -> QuarantinedRow:
    return QuarantinedRow(
        id=row["id"], kind=row["kind"], source_file=row["source_file"], line=row["line"],
        reason=row["reason"], raw=row["raw"], quarantined_at=row["quarantined_at"],
    )


def _link_order(row: Sequence[Any]) -> tuple[str, ...]:
    """By date (undated first, as SQL sorts nulls), record, kind and ends."""
    return (row[5] or "", row[3], row[1], row[0], row[2])


def _group_links(rows: Sequence[Any]) -> list[Link]:
    evidence: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    meta: dict[tuple[str, str, str], tuple[float, str | None]] = {}
    for src, kind, dst, record_id, confidence, seen_at in rows:
        key = (src, kind, dst)
        evidence[key].append(record_id)
        best, first = meta.get(key, (0.0, seen_at))
        meta[key] = (max(best, confidence), min(filter(None, (first, seen_at)), default=None))
    return [
        Link(
            kind=LinkKind(kind), source=src, target=dst, evidence=tuple(evidence[(src, kind, dst)]),
            confidence=meta[(src, kind, dst)][0], seen_at=meta[(src, kind, dst)][1],
        )
        for (src, kind, dst) in evidence
    ]


def open_store(url: str | None = None) -> Store:
    """Open (and migrate) the store at `url`, or the one the settings name; indexes that a
    killed load left out are built again (`Store.loading`)."""
    if url is None:
        from kadiyan.config import load_settings

        url = load_settings().url
    engine = make_engine(url)
    migrate(engine)
    store = Store(engine)
    store.restore_indexes()
    store.audit_engine  # noqa: B018 (a store that kept its trail itself moves it now)
    return store


def _built_after_loading() -> list[Any]:
    return [i for i in schema.mentions.indexes if i.name in schema.BUILT_AFTER_LOADING]
