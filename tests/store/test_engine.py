"""SQLite tuned for bulk writes by default, and for reading when the web app serves it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from kadiyan.api.app import create_app
from kadiyan.store import open_store
from kadiyan.store.engine import READING_CHECKPOINT, READING_MAP


def pragma_of(url: str, pragma: str, serving: bool) -> int:
    store = open_store(url)
    if serving:
        create_app(store, secure_cookies=False)
    with store.engine.connect() as conn:
        value = int(conn.execute(text(f"PRAGMA {pragma}")).scalar_one())
    store.engine.dispose()
    return value


def test_the_app_checkpoints_the_wal_sooner_than_ingestion(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kadiyan.sqlite'}"

    assert pragma_of(url, "wal_autocheckpoint", serving=False) == 20_000
    assert pragma_of(url, "wal_autocheckpoint", serving=True) == READING_CHECKPOINT


def test_only_the_app_maps_the_file_into_memory(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kadiyan.sqlite'}"

    assert pragma_of(url, "mmap_size", serving=False) == 0
    assert pragma_of(url, "mmap_size", serving=True) == READING_MAP
