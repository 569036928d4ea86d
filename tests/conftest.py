"""Fixtures shared by all tests: a real store on SQLite and on PostgreSQL, worlds to fill it.

Every test that takes `store` runs twice, once per database. PostgreSQL is found at
KADIYAN_TEST_POSTGRES (default: postgresql+psycopg://postgres@127.0.0.1:5432/test); when it
is not reachable those runs are skipped with the reason, unless KADIYAN_REQUIRE_POSTGRES=1
(set by CI), in which case they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from kadiyan.cli.serve import ingest_world
from kadiyan.engines import get_engine
from kadiyan.engines.link import run_link
from kadiyan.store import Store, open_store
from kadiyan.store.schema import metadata

ADMIN_URL = os.environ.get(
    "KADIYAN_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REQUIRE_POSTGRES = os.environ.get("KADIYAN_REQUIRE_POSTGRES") == "1"


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `small` synthetic world, generated once for the session."""
    from kadiyan.scenario import generate

    out = tmp_path_factory.mktemp("world-small")
    generate("small", 3, out)
    return out


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped at the end."""
    name = f"kadiyan_test_{os.getpid()}"
    try:
        admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
            conn.execute(text(f"CREATE DATABASE {name}"))
    except Exception as error:  # noqa: BLE001 - any failure to reach the server
        message = f"PostgreSQL not reachable at {ADMIN_URL}: {error.__class__.__name__}"
        if REQUIRE_POSTGRES:
            pytest.fail(message)
        pytest.skip(message + " (set KADIYAN_TEST_POSTGRES to test against PostgreSQL)")
    url = ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    yield url
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty, migrated store on each database in turn."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kadiyan.sqlite'}"
        return
    url = request.getfixturevalue("postgres_url")
    store = open_store(url)
    with store.engine.begin() as conn:
        tables = ", ".join(t.name for t in metadata.sorted_tables)
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY"))
    store.engine.dispose()
    yield url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An empty store on each database in turn."""
    opened = open_store(store_url)
    yield opened
    opened.engine.dispose()


@pytest.fixture
def kadiyan_env(store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Environment for CLI runs against the same empty store; returns the store URL."""
    monkeypatch.setenv("KADIYAN_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KADIYAN_DATABASE_URL", store_url)
    return store_url


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
