"""The pages are tested against the same served app as the API, and against the demo."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from kadiyan.api.app import create_app
from tests.api.conftest import anonymous, client, served, serving
from tests.web.demo_app import DemoApp, build_demo_store

__all__ = ["anonymous", "client", "demo_app", "served"]


@pytest.fixture(scope="session")
def demo_app(tmp_path_factory: pytest.TempPathFactory, demo_world: Path) -> Iterator[DemoApp]:
    """The linked demo world with its people, served on a loopback port."""
    store, places = build_demo_store(tmp_path_factory.mktemp("demo-app"), demo_world)
    with serving(create_app(store, secure_cookies=False)) as base_url:
        yield DemoApp(store, base_url, places)
    store.engine.dispose()
