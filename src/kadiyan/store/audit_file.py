"""A SQLite store's audit trail, kept in a database file of its own beside the store.

SQLite drops all of a connection's cached pages whenever the file has changed since that
connection's last transaction. The web app appends to the trail on every request, so with
the trail inside the store each request sent every reader back to a cold cache: about a
third of an entity page's CPU under `kadiyan bench api`. Appending to a file of its own
changes nothing the readers have cached. The file has its own write lock too, so a
request's audit entry does not wait behind an ingestion batch.

The file is `<store>-audit.sqlite` beside `<store>.sqlite`: back up and move the two
together. A store in memory, and PostgreSQL (which has no such cost), keep the trail in
the store, as the migrations made it.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, select

from kadiyan.store import schema
from kadiyan.store.engine import make_engine

SUFFIX = "-audit"
MOVED_AT_ONCE = 10_000  # entries copied per statement when a store's own trail moves
# Append-only in the file too, as in the store: an UPDATE or DELETE is refused.
TRIGGERS = [
    f"CREATE TRIGGER IF NOT EXISTS audit_no_{verb.lower()} BEFORE {verb} ON audit "
    f"BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
    for verb in ("UPDATE", "DELETE")
]


def audit_url(store_url: str) -> str | None:
    """The URL of the audit file of the SQLite store at `store_url`, or None where the
    trail stays in the store (PostgreSQL, SQLite in memory)."""
    if not store_url.startswith("sqlite"):
        return None
    path = store_url.split("///", 1)[1] if "///" in store_url else ""
    if not path or path.startswith(":memory:") or "mode=memory" in path:
        return None
    file = Path(path)
    return f"sqlite:///{file.with_name(file.stem + SUFFIX + file.suffix)}"


def open_audit_file(url: str, store: Engine) -> Engine:
    """The engine of the audit file at `url`, its table made if new.

    Entries that the store itself still holds (it kept the trail before the file existed)
    are copied into the file, and only once that has committed is the store's table
    dropped: a process killed in between leaves them in both, and the next opening drops
    the store's copy, since a file with entries has all of them (the copy is one
    transaction, made only into an empty file).
    """
    engine = make_engine(url)
    with store.connect() as source, engine.execution_options(writer=True).begin() as conn:
        if not inspect(conn).has_table("audit"):
            schema.audit.create(conn)
        for statement in TRIGGERS:
            conn.exec_driver_sql(statement)
        held = inspect(source).has_table("audit")
        if held and conn.execute(select(schema.audit.c.seq).limit(1)).first() is None:
            rows = source.execution_options(yield_per=MOVED_AT_ONCE).execute(
                select(schema.audit).order_by(schema.audit.c.seq)).mappings()
            # A long trail is copied a part at a time, still in one transaction.
            for part in rows.partitions():
                conn.execute(schema.audit.insert(), [dict(row) for row in part])
    if held:
        with store.execution_options(writer=True).begin() as conn:
            for verb in ("update", "delete"):
                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS audit_no_{verb}")
            conn.exec_driver_sql("DROP TABLE IF EXISTS audit")
    return engine
