"""The migrations build the schema the model declares, and its indexes serve the reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from kadiyan.model import Record, RecordKind
from kadiyan.store import Store, open_store
from kadiyan.store.access import _role_mentions
from kadiyan.store.schema import metadata
from tests.store.test_store import _batch

# What the model leaves to the migrations on purpose, by database: full-text search
# (SQLite's FTS5 tables; PostgreSQL's generated `tsv` column and its indexes), and the
# audit trail, which a SQLite store keeps in a file of its own.
MIGRATIONS_ONLY = {
    "sqlite": {"records_fts", "records_fts_config", "records_fts_data", "records_fts_docsize",
               "records_fts_idx", "audit"},
    "postgresql": {"tsv", "ix_records_tsv", "ix_records_trgm"},
}
# Indexes the model declares for the other database only.
OTHER_DATABASE = {"sqlite": {"ix_mentions_walk_record", "ix_records_walk_id"},
                  "postgresql": set()}


def _named(difference: Any) -> str:
    """The name of what one difference is about (a table, an index or a column)."""
    subject = difference[3] if difference[0] == "remove_column" else difference[1]
    return str(subject.name)


def test_the_migrations_build_what_the_model_declares(store: Store) -> None:
    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    expected = MIGRATIONS_ONLY[store.dialect] | OTHER_DATABASE[store.dialect]

    assert [d for d in differences if _named(d) not in expected] == []


def test_masking_asks_the_index_of_victims_mentions_not_every_mention(tmp_path: Path) -> None:
    # Without statistics SQLite weighs indexes by the terms they match; the walk index
    # matches the entity too, and would read every mention of a phone for its role.
    store = open_store(f"sqlite:///{tmp_path / 'kadiyan.sqlite'}")
    store.write(_batch(Record.build(RecordKind.AD, "a1", "call 9811122334", {"city": "Pune"})))
    statement = _role_mentions(True).params(ids=["phone:+919811122334"])
    with store.engine.connect() as conn:
        sql = str(statement.compile(conn, compile_kwargs={"literal_binds": True}))
        plan = [row[-1] for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql))]

    assert any("USING INDEX ix_mentions_protected" in step for step in plan), plan
