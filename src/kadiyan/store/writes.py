"""Idempotent bulk writes: batched INSERT OR IGNORE on SQLite, COPY + merge on PostgreSQL.

Every table is keyed by content-derived ids, so writing the same rows twice leaves the
store as it was; that is the whole basis of safe re-ingest and of resuming a killed run.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection

from kadiyan.store.rows import (
    ENTITY_COLUMNS,
    LINK_COLUMNS,
    MENTION_COLUMNS,
    QUARANTINE_COLUMNS,
    RECORD_COLUMNS,
)

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "records": RECORD_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "entities": ENTITY_COLUMNS,
    "links": LINK_COLUMNS,
    "quarantine": QUARANTINE_COLUMNS,
}


_KEYS = {
    "records": itemgetter(0),
    "mentions": itemgetter(0, 1),
    "entities": itemgetter(0),
    "links": itemgetter(0, 1, 2, 3),
    "quarantine": itemgetter(0),
}


def insert_ignoring(conn: Connection, table: str, rows: Sequence[tuple]) -> int:
    """Insert rows into `table`, skipping those whose key exists; returns rows inserted."""
    if not rows:
        return 0
    columns = TABLE_COLUMNS[table]
    if conn.dialect.name == "postgresql":
        return _copy_merge(conn, table, columns, rows)
    return _sqlite_insert(conn, table, columns, rows)


def insert_records(conn: Connection, rows: Sequence[tuple]) -> int:
    """Insert records, skipping known ones, and add the new ones to full-text search."""
    if conn.dialect.name != "sqlite":
        return insert_ignoring(conn, "records", rows)  # PostgreSQL indexes a generated column
    inserted = insert_ignoring(conn, "records", rows)
    if inserted:
        # The insert held the write lock throughout and each new row took the next rowid,
        # so the new records are exactly the last `inserted` rowids; no other writer's
        # rows can be among them.
        last = conn.exec_driver_sql("SELECT last_insert_rowid()").scalar_one()
        conn.exec_driver_sql(
            "INSERT INTO records_fts(rowid, text) "
            "SELECT rowid, text FROM records WHERE rowid > ? AND rowid <= ?",
            (last - inserted, last),
        )
    return inserted


def _sqlite_insert(
    conn: Connection, table: str, columns: tuple[str, ...], rows: Sequence[tuple]
) -> int:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    # Content-hash keys arrive in random order; inserting in key order walks each b-tree
    # once from left to right instead of jumping between pages for every row.
    rows = sorted(rows, key=_KEYS[table])
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    # executemany's rowcount sums the rows each statement changed, not counting triggers.
    cursor.executemany(f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({marks})", rows)
    return int(cursor.rowcount)


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
