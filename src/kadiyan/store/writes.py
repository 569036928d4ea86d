"""Idempotent bulk writes: new records with what was derived from them, in one transaction.

A record is known by its content-hash id. A batch's known records are dropped whole, with
their mentions and links, so writing the same rows twice leaves the store as it was: the
basis of safe re-ingest and of resuming a killed run. New records take the next arrival
numbers (`seq`), and the rows derived from them are keyed by those, so the big tables
only ever grow at their end.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any

import orjson
from sqlalchemy import Connection

from kadiyan.store.rows import (
    ENTITY_COLUMNS,
    IMAGE_CROP_COLUMNS,
    LINK_COLUMNS,
    MENTION_COLUMNS,
    QUARANTINE_COLUMNS,
    RECORD_COLUMNS,
)

# Any constant will do; it names the one lock that PostgreSQL writers of a store queue on.
WRITER_LOCK = 0x6B616469


def write_new(conn: Connection, batch: Any) -> int:
    """Store the batch's records that are new, with their mentions and links; returns how many.

    Entities, photos' crops and quarantined rows are written whatever happens to the
    records: they are keyed by their own natural ids. `conn` must hold the writer lock
    (see `lock_writers`).
    """
    records = {row[0]: row for row in batch.records}
    known = seqs_of(conn, list(records))
    new = [row for record_id, row in records.items() if record_id not in known]
    first = next_seq(conn)
    seqs = {row[0]: first + i for i, row in enumerate(new)}
    _insert(conn, "records", RECORD_COLUMNS, [(seqs[row[0]], *row) for row in new])
    if new and conn.dialect.name == "sqlite":
        # Records are never updated, so indexing the new range once replaces a trigger
        # that would run per row, five times slower.
        conn.exec_driver_sql(
            "INSERT INTO records_fts(rowid, text) "
            "SELECT seq, text FROM records WHERE seq >= ? AND seq < ?",
            (first, first + len(new)),
        )
    insert_ignoring(conn, "entities", batch.entities)
    insert_ignoring(conn, "image_crops", batch.image_crops)
    repeats = len(records) < len(batch.records)
    write_derived(conn, batch.mentions, batch.links, seqs, repeats=repeats)
    insert_ignoring(conn, "quarantine", batch.quarantine)
    return len(new)


def write_derived(
    conn: Connection,
    mentions: Sequence[tuple],
    links: Sequence[tuple],
    seqs: dict[str, int],
    *,
    repeats: bool = True,
) -> None:
    """Insert mentions and links of the records in `seqs`, which must have none yet.

    Mention rows arrive keyed by record id and leave keyed by the record's `seq`. A record
    repeated within one batch derives its rows twice; unless `repeats` is false, the
    repeated rows are dropped here.
    """
    mention_rows = [(seqs[row[0]], *row[1:]) for row in mentions if row[0] in seqs]
    link_rows = [row for row in links if row[3] in seqs]
    if repeats:
        mention_rows = _unique(mention_rows, key_length=2)
        link_rows = _unique(link_rows, key_length=4)
    _insert(conn, "mentions", MENTION_COLUMNS, mention_rows)
    _insert(conn, "links", LINK_COLUMNS, link_rows)


def seqs_of(conn: Connection, record_ids: Sequence[str]) -> dict[str, int]:
    """The arrival numbers of those of `record_ids` that are stored."""
    if not record_ids:
        return {}
    if conn.dialect.name == "postgresql":
        raw: Any = conn.connection.driver_connection
        with raw.cursor() as cursor:
            cursor.execute("SELECT id, seq FROM records WHERE id = ANY(%s)", (list(record_ids),))
            return dict(cursor.fetchall())
    # One JSON array parameter instead of thousands of placeholders; each id is one
    # probe of the unique index.
    rows = conn.exec_driver_sql(
        "SELECT id, seq FROM records WHERE id IN (SELECT value FROM json_each(?))",
        (orjson.dumps(list(record_ids)).decode(),),
    )
    return dict(rows.all())  # type: ignore[arg-type]


def next_seq(conn: Connection) -> int:
    """The arrival number the next new record takes."""
    return int(conn.exec_driver_sql("SELECT coalesce(max(seq), 0) + 1 FROM records").scalar_one())


def lock_writers(conn: Connection) -> None:
    """Make this transaction the store's only writer until it ends.

    Arrival numbers are read, then used: two writers at once would hand out the same ones.
    SQLite writers already queue (the store opens them with BEGIN IMMEDIATE).
    """
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")


def insert_ignoring(conn: Connection, table: str, rows: Sequence[tuple]) -> int:
    """Insert rows into `table`, skipping those whose key exists; returns rows inserted."""
    if not rows:
        return 0
    columns = TABLE_COLUMNS[table]
    if conn.dialect.name == "postgresql":
        return _copy_merge(conn, table, columns, rows)
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    # One row per key (rows of a batch repeat popular phones), in key order: each b-tree
    # is walked once from left to right instead of jumping about.
    ordered = sorted({row[0]: row for row in rows}.values(), key=itemgetter(0))
    cursor.executemany(f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({marks})", ordered)
    # executemany's rowcount sums the rows each statement changed.
    return int(cursor.rowcount)


TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "entities": ENTITY_COLUMNS,
    "image_crops": IMAGE_CROP_COLUMNS,
    "quarantine": QUARANTINE_COLUMNS,
}


def _unique(rows: Iterable[tuple], key_length: int) -> list[tuple]:
    seen: set[tuple] = set()
    unique = []
    for row in rows:
        key = row[:key_length]
        if key not in seen:
            seen.add(key)
            unique.append(row)
    return unique


def _insert(conn: Connection, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Plain bulk insert of rows known to be new: executemany, or COPY on PostgreSQL."""
    if not rows:
        return
    names = ", ".join(f'"{c}"' for c in columns)
    raw: Any = conn.connection.driver_connection
    if conn.dialect.name == "postgresql":
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" for _ in columns)
    raw.cursor().executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _copy_merge(
    conn: Connection, table: str, columns: tuple[str, ...], rows: Sequence[tuple]
) -> int:
    names = ", ".join(f'"{c}"' for c in columns)
    staging = f"staging_{table}"
    raw: Any = conn.connection.driver_connection
    with raw.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {staging} AS "
            f"SELECT {names} FROM {table} WITH NO DATA"
        )
        cursor.execute(f"TRUNCATE {staging}")
        with cursor.copy(f"COPY {staging} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        # ON CONFLICT DO NOTHING also drops a key repeated within the batch itself.
        cursor.execute(
            f"INSERT INTO {table} ({names}) SELECT {names} FROM {staging} "
            f"ON CONFLICT DO NOTHING"
        )
        return int(cursor.rowcount)
