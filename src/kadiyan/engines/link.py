"""`kadiyan link`: every batch job of resolution, in order, through one engine."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from kadiyan.engines.base import Engine
from kadiyan.engines.operations_job import resolve_operations
from kadiyan.engines.persons_job import resolve_persons
from kadiyan.engines.photos_job import link_photos
from kadiyan.engines.templates_job import link_templates
from kadiyan.store import Store

JOBS = ("photos", "templates", "persons", "operations")


def run_link(
    store: Store,
    engine: Engine,
    only: tuple[str, ...] = JOBS,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Run the batch jobs named in `only` (in the order of `JOBS`); returns each one's report."""
    check_jobs(only)
    say = progress or (lambda _: None)
    reports: dict[str, Any] = {}
    if "photos" in only:
        say("photos")
        reports["photos"] = asdict(link_photos(store))
    if "templates" in only:
        say("templates")
        reports["templates"] = asdict(link_templates(store, engine))
    if "persons" in only:
        say("persons")
        reports["persons"] = asdict(resolve_persons(store, engine, lambda s: say(f"persons: {s}")))
    if "operations" in only:
        say("operations")
        reports["operations"] = asdict(
            resolve_operations(store, engine, lambda s: say(f"operations: {s}")))
    return reports


def check_jobs(only: tuple[str, ...]) -> None:
    """Raise ValueError naming any job that does not exist."""
    unknown = set(only) - set(JOBS)
    if unknown:
        raise ValueError(f"unknown link jobs: {', '.join(sorted(unknown))}; the jobs are: "
                         f"{', '.join(JOBS)}")
