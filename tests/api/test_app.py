"""The app factory: how a worker process runs requests."""

from __future__ import annotations

import gc
import inspect
from pathlib import Path

import pytest

from kadiyan.api.app import route_table, served_app


def test_every_route_runs_on_the_event_loop() -> None:
    # A plain `def` route would be handed to a thread and back on every request.
    handed_over = [route.path for route in route_table()
                   if not inspect.iscoroutinefunction(route.endpoint)]

    assert handed_over == []


def test_a_serving_process_leaves_its_lasting_objects_out_of_collection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KADIYAN_DATABASE_URL", f"sqlite:///{tmp_path / 'kadiyan.sqlite'}")
    try:
        served_app()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
