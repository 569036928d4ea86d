"""A reading request's reads, its guard's among them, go through one connection."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from sqlalchemy import event

from tests.api.conftest import Served


def _checkouts(served: Served, request: Callable[[], None]) -> int:
    taken: list[object] = []

    def count(*_: object) -> None:
        taken.append(None)

    event.listen(served.store.engine, "checkout", count)
    try:
        request()
    finally:
        event.remove(served.store.engine, "checkout", count)
    return len(taken)


def test_a_page_and_its_guard_read_through_one_connection(
    client: httpx.Client, served: Served
) -> None:
    # The session, the access version, the phone, its records and their mentions.
    def search() -> None:
        assert client.get("/api/search", params={"q": "98 double 7"}).status_code == 200

    assert _checkouts(served, search) == 1


def test_a_static_file_takes_no_connection(anonymous: httpx.Client, served: Served) -> None:
    # Dozens are asked for at once by a page's first load: none may wait on the pool.
    def stylesheet() -> None:
        assert anonymous.get("/static/style.css").status_code == 200

    assert _checkouts(served, stylesheet) == 0
