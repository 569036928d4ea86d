"""A demo world ingested and linked, on each database in turn."""

from __future__ import annotations

from pathlib import Path

import pytest

from kadiyan.cli.serve import ingest_world
from kadiyan.engines import get_engine
from kadiyan.engines.link import run_link
from kadiyan.store import Store


@pytest.fixture(scope="session")
def demo_world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo world (400 ads, 25 cases, 300 bookings, 60 missing reports, calls)."""
    from kadiyan.scenario import generate

    out = tmp_path_factory.mktemp("world-demo")
    generate("demo", 5, out)
    return out


@pytest.fixture
def linked(store: Store, demo_world: Path) -> Store:
    """The demo world ingested and every link job run once."""
    ingest_world(store, demo_world)
    run_link(store, get_engine())
    return store
