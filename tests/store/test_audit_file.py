"""A SQLite store keeps its audit trail in a file of its own, so appending to the trail
leaves the store (and every reader's cached pages) as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import inspect

from kadiyan.access.audit import GENESIS, entry_hash
from kadiyan.access.principal import system_principal
from kadiyan.access.trail import audit, verify_trail
from kadiyan.model.access import AuditEntry
from kadiyan.store import Store, audit_file, open_store, schema
from kadiyan.store.access import audit_entries, audit_row
from kadiyan.store.audit_file import audit_url
from kadiyan.store.engine import make_engine, migrate


def _actions(store: Store) -> list[str]:
    return [entry.action for entry in audit_entries(store)]


def test_the_audit_file_sits_beside_a_sqlite_store_file() -> None:
    assert audit_url("sqlite:////data/kadiyan.sqlite") == "sqlite:////data/kadiyan-audit.sqlite"
    assert audit_url("sqlite:///relative/k.db") == "sqlite:///relative/k-audit.db"
    # In memory and on PostgreSQL the trail stays in the store.
    assert audit_url("sqlite://") is None
    assert audit_url("sqlite:///:memory:") is None
    assert audit_url("postgresql+psycopg://localhost/test") is None


def test_appending_to_the_trail_does_not_change_the_store(store: Store) -> None:
    audit(store, system_principal(), "search", "first")
    with store.engine.connect() as reader:
        # SQLite's data_version changes when another connection has changed the file.
        before = reader.exec_driver_sql("PRAGMA data_version").scalar() if (
            store.dialect == "sqlite") else None
        audit(store, system_principal(), "search", "second")
        after = reader.exec_driver_sql("PRAGMA data_version").scalar() if (
            store.dialect == "sqlite") else None

    assert _actions(store) == ["search", "search"]
    assert verify_trail(store) == (2, None)
    if store.dialect == "sqlite":
        assert before == after
        assert store.audit_engine is not store.engine
        assert not inspect(store.engine).has_table("audit")
    else:
        assert store.audit_engine is store.engine


def _legacy_store(path: Path, actions: list[str]) -> str:
    """A SQLite store as it was when it kept its own trail, holding `actions`."""
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    migrate(engine)
    prev = GENESIS
    with engine.begin() as conn:
        for seq, action in enumerate(actions, start=1):
            fields = (seq, "2026-01-01T00:00:00+00:00", "cli", "", action, "", {}, prev)
            entry = AuditEntry(*fields, entry_hash(*fields))
            conn.execute(schema.audit.insert(), audit_row(entry))
            prev = entry.hash
    engine.dispose()
    return url


def test_a_store_that_kept_its_own_trail_moves_it_into_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = _legacy_store(tmp_path / "old.sqlite", ["login", "search", "export"])
    monkeypatch.setattr(audit_file, "MOVED_AT_ONCE", 2)  # copied in two parts

    store = open_store(url)
    audit(store, system_principal(), "logout")

    assert (tmp_path / "old-audit.sqlite").exists()
    assert _actions(store) == ["login", "search", "export", "logout"]
    assert verify_trail(store) == (4, None)
    assert not inspect(store.engine).has_table("audit")


def test_a_move_cut_short_after_the_copy_is_finished_without_doubling(tmp_path: Path) -> None:
    url = _legacy_store(tmp_path / "old.sqlite", ["login", "search"])
    shutil.copy(tmp_path / "old.sqlite", tmp_path / "kept.sqlite")
    open_store(url).engine.dispose()
    # As if the process had died after copying the entries but before dropping the table:
    # the store holds them still, and so does the file.
    shutil.copy(tmp_path / "kept.sqlite", tmp_path / "old.sqlite")
    for leftover in tmp_path.glob("old.sqlite-*"):
        leftover.unlink()

    store = open_store(url)

    assert _actions(store) == ["login", "search"]
    assert verify_trail(store) == (2, None)
    assert not inspect(store.engine).has_table("audit")
