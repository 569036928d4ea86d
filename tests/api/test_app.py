"""The app factory: how a worker process runs requests."""

from __future__ import annotations

from pathlib import Path

import anyio.to_thread
from fastapi.testclient import TestClient

from kadiyan.api.app import REQUEST_THREADS, create_app
from kadiyan.store import open_store


def _limit() -> int:
    return int(anyio.to_thread.current_default_thread_limiter().total_tokens)


def test_a_worker_runs_requests_blocking_work_in_one_thread(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    with TestClient(create_app(store, secure_cookies=False)) as client:
        served = client.portal.call(_limit)
        assert client.get("/health").status_code == 200
    with TestClient(create_app(store, secure_cookies=False, threads=3)) as client:
        wider = client.portal.call(_limit)

    assert served == REQUEST_THREADS == 1
    assert wider == 3
