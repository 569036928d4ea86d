"""SQLite tuned for bulk writes by default, and for reading when the web app serves it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from kadiyan.api.app import create_app
from kadiyan.store import open_store
from kadiyan.store.engine import READING_CHECKPOINT


def checkpoint_of(url: str, serving: bool) -> int:
    store = open_store(url)
    if serving:
        create_app(store, secure_cookies=False)
    with store.engine.connect() as conn:
        pages = int(conn.execute(text("PRAGMA wal_autocheckpoint")).scalar_one())
    store.engine.dispose()
    return pages


def test_the_app_checkpoints_the_wal_sooner_than_ingestion(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kadiyan.sqlite'}"

    assert checkpoint_of(url, serving=False) == 20_000
    assert checkpoint_of(url, serving=True) == READING_CHECKPOINT
