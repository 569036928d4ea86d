"""Visibility filters the records a read reached; it never chooses which records to read."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from kadiyan.model.access import Visibility
from kadiyan.store import open_store
from kadiyan.store.seen import seen_values, shape
from kadiyan.store.store import _edges_at
from kadiyan.store.walks import _record_arm

# A viewer's agencies against a couple of hundred record ids: without statistics SQLite
# once judged reading all of the agencies' records (by `ix_records_agency`) the cheaper.
VISIBLE = Visibility(agencies=frozenset({"ahtu-pune", "cyber-cell"}))
RECORDS = [f"r{n:04}" for n in range(200)]


def _plan(tmp_path: Path, statement: object, params: dict[str, object]) -> list[str]:
    store = open_store(f"sqlite:///{tmp_path / 'kadiyan.sqlite'}")
    bound = statement.params(**params, **seen_values(VISIBLE))  # type: ignore[attr-defined]
    with store.engine.connect() as conn:
        sql = str(bound.compile(conn, compile_kwargs={"literal_binds": True}))
        return [row[-1] for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql))]


def test_a_walk_reads_its_records_by_id_not_by_agency(tmp_path: Path) -> None:
    plan = _plan(tmp_path, _record_arm(shape(VISIBLE)), {"nodes": RECORDS})

    assert any("records USING INDEX sqlite_autoindex_records_1 (id=?)" in s for s in plan), plan
    assert not any("ix_records_agency" in step for step in plan), plan


def test_edges_are_read_by_their_nodes_and_their_evidence_by_id(tmp_path: Path) -> None:
    plan = _plan(tmp_path, _edges_at("src", shape(VISIBLE)), {"nodes": RECORDS})

    assert not any("ix_records_agency" in step for step in plan), plan
