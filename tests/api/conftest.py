"""The real app over a real SQLite store, served by uvicorn on a free loopback port."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from kadiyan.api.app import create_app
from kadiyan.store import Store
from tests.api.world import PASSWORD, build_store, record_ids
from tests.web.demo_app import DemoApp, build_demo_store


@dataclass(frozen=True)
class Served:
    """Where the app answers, the store behind it, and its record ids by source id."""

    base_url: str
    store: Store
    records: dict[str, str]


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """Run `app` with uvicorn in a thread on a port the OS picks; yield its base URL."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The app serving the small world of `tests.api.world`."""
    store = build_store(tmp_path_factory.mktemp("served"))
    with serving(create_app(store, secure_cookies=False)) as base_url:
        yield Served(base_url, store, record_ids(store))
    store.engine.dispose()


def sign_in(http: httpx.Client, username: str, password: str = PASSWORD) -> httpx.Response:
    """Sign in through the log-in form as a browser does (its CSRF cookie and field)."""
    form = http.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert csrf is not None, form.text
    return http.post("/login", data={"username": username, "password": password,
                                     "csrf": csrf[1], "next": "/"})


@pytest.fixture
def anonymous(served: Served) -> Iterator[httpx.Client]:
    """An HTTP client for the served app, not signed in."""
    with httpx.Client(base_url=served.base_url, timeout=15) as http:
        yield http


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The same small world served from a store of its own, for tests that add to it."""
    folder = tmp_path_factory.mktemp("scratch")
    store = build_store(folder)
    app = create_app(store, secure_cookies=False, uploads=folder / "uploads")
    with serving(app) as base_url:
        yield Served(base_url, store, record_ids(store))
    store.engine.dispose()


@pytest.fixture
def client(served: Served) -> Iterator[httpx.Client]:
    """An HTTP client signed in as an investigator of the agency that owns the world."""
    with httpx.Client(base_url=served.base_url, timeout=15) as http:
        response = sign_in(http, "investigator")
        assert response.status_code == 303, response.text
        yield http


@pytest.fixture(scope="session")
def demo_app(tmp_path_factory: pytest.TempPathFactory, demo_world: Path) -> Iterator[DemoApp]:
    """The linked demo world with its people, served on a loopback port."""
    store, places = build_demo_store(tmp_path_factory.mktemp("demo-app"), demo_world)
    with serving(create_app(store, secure_cookies=False)) as base_url:
        yield DemoApp(store, base_url, places)
    store.engine.dispose()
