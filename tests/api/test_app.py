"""The app factory: how a worker process runs requests."""

from __future__ import annotations

import inspect

from kadiyan.api.app import route_table


def test_every_route_runs_on_the_event_loop() -> None:
    # A plain `def` route would be handed to a thread and back on every request.
    handed_over = [route.path for route in route_table()
                   if not inspect.iscoroutinefunction(route.endpoint)]

    assert handed_over == []
