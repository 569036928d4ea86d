"""Engines for the two stores: SQLite (embedded, WAL) and PostgreSQL (production)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event

MIGRATIONS = Path(__file__).parent / "migrations"


def make_engine(url: str) -> Engine:
    """An engine for `url`, creating the SQLite file's folder and tuning SQLite for bulk work."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers (the web app) work while an ingest writes; NORMAL sync is safe
    # under WAL against process crashes, which is the failure ingestion must survive.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA cache_size=-200000")
    cursor.execute("PRAGMA temp_store=MEMORY")
    # Checkpoint less often than the default 1,000 pages: bulk batches rewrite many pages.
    cursor.execute("PRAGMA wal_autocheckpoint=20000")
    cursor.close()
    # The driver's own transaction handling would begin lazily, at the first write; the
    # store begins its transactions itself (below) so a writer can take the lock up front.
    dbapi_connection.isolation_level = None


READING_CHECKPOINT = 1000  # WAL pages after which an engine that mostly reads checkpoints
# Bytes of the file a reading engine maps into memory. Only readers map it: a writer that
# maps a store as large as its input would hold it all in memory by the end of the file.
READING_MAP = 1 << 30


def tune_for_reading(engine: Engine) -> None:
    """Map the file, and checkpoint SQLite's WAL sooner, on an engine that mostly reads
    (the web app).

    A reader looks for each page it reads in the WAL's index first, one block of the index
    per 4,096 frames, so a long WAL slows every read; the app writes little (its audit
    trail), and small frequent checkpoints cost it next to nothing. Connections already
    open are closed so that every connection from now on is tuned.
    """
    if engine.dialect.name != "sqlite":
        return
    event.listen(engine, "connect", _reading_pragmas)
    engine.dispose()


def _reading_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA wal_autocheckpoint={READING_CHECKPOINT}")
    cursor.execute(f"PRAGMA mmap_size={READING_MAP}")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    # A writer reads before it writes (which records are known, the next arrival number),
    # so it must hold the write lock from its first statement: BEGIN IMMEDIATE. Readers
    # begin deferred and never wait for a writer, thanks to WAL.
    writer = conn.get_execution_options().get("writer", False)
    # Straight to the driver: a statement of its own through SQLAlchemy would cost more
    # than most of the reads it begins.
    conn.connection.dbapi_connection.execute("BEGIN IMMEDIATE" if writer else "BEGIN")


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (a no-op when it is already there)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
