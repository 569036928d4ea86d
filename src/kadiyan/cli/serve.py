"""Commands that serve the app: serve and demo."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from kadiyan.access.demo import DEMO_PASSWORD, FILE_AGENCIES, set_up_demo_people
from kadiyan.cli.data import ingest_one
from kadiyan.cli.output import console
from kadiyan.config import load_settings
from kadiyan.engines import get_engine
from kadiyan.engines.link import run_link
from kadiyan.store import Store, open_store
from kadiyan.store import access as db

DEMO_SEED = 7

# The order matters only for the progress display; each file is independent.
WORLD_FILES = (
    ("ads", "ads.jsonl"),
    ("cases", "cases.jsonl"),
    ("bookings", "bookings.csv"),
    ("missing", "missing.csv"),
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command()(serve)
    app.command()(demo)


def serve(
    host: str = typer.Option("127.0.0.1", help="address to listen on"),
    port: int = typer.Option(8000, help="port to listen on"),
    insecure_cookies: bool = typer.Option(
        False, "--insecure-cookies",
        help="send the session cookie over plain HTTP too (only on a machine's loopback)"),
    workers: int = typer.Option(
        1, min=1, help="worker processes: one per core serves the most requests"),
) -> None:
    """Serve the web app and the API over the store (users sign in: `kadiyan user add`).

    Each worker process serves one request at a time (see `kadiyan.api.deps`): on a
    machine with several cores, `--workers` as many as there are cores.
    """
    store = open_store()
    if not db.users(store):
        console.print("[yellow]No user can sign in yet:[/] add an agency and a user first, "
                      "e.g. `kadiyan agency add 'AHTU Pune' --kind district_ahtu` and "
                      "`kadiyan user add asha --agency ahtu-pune --roles investigator`.")
    _serve(store, host, port, secure_cookies=not insecure_cookies, workers=workers)


def demo(
    host: str = typer.Option("127.0.0.1", help="address to listen on"),
    port: int = typer.Option(8000, help="port to listen on"),
    no_serve: bool = typer.Option(False, "--no-serve", help="prepare the data, don't serve"),
) -> None:
    """Generate the demo world, ingest and link it, and serve it."""
    from kadiyan.scenario import generate

    settings = load_settings()
    world = settings.home / "demo-world"
    console.print(f"generating the demo world in {world} ...")
    generate("demo", DEMO_SEED, world)
    store = open_store(settings.url)
    ingest_world(store, world)
    with console.status("linking persons, photos, templates and operations"):
        run_link(store, get_engine())
    people = set_up_demo_people(store)
    console.print(
        f"[bold]Demo log-in:[/] user [bold]investigator[/] ({people.investigator_agency}), "
        f"password [bold]{DEMO_PASSWORD}[/]. Other roles, same password: "
        + ", ".join(u for u in people.users if u != "investigator") + "."
    )
    if not no_serve:
        _serve(store, host, port, secure_cookies=False)


def ingest_world(store: Store, world: Path) -> None:
    """Ingest every file of a generated world (call files are found by name).

    Each file belongs to the agency that would bring it (`FILE_AGENCIES`); case reports
    name their own district unit.
    """
    for kind, name in WORLD_FILES:
        ingest_one(store, kind, world / name, agency=FILE_AGENCIES[kind])
    for calls in sorted(world.glob("calls*.csv")):
        ingest_one(store, "calls", calls, agency=FILE_AGENCIES["calls"])


def _serve(
    store: Store, host: str, port: int, *, secure_cookies: bool, workers: int = 1
) -> None:
    import uvicorn

    from kadiyan.api.app import INSECURE_COOKIES, create_app, settle_heap
    from kadiyan.api.workers import WorkerSettings, serve_workers

    console.print(f"[bold green]Kadiyan is serving on http://{host}:{port}[/] "
                  "(sign in there; stop with Ctrl+C)")
    if host not in ("127.0.0.1", "localhost", "::1"):
        console.print("[yellow]Listening beyond this machine:[/] put it behind HTTPS.")
    if workers == 1:
        app = create_app(store, secure_cookies=secure_cookies)
        settle_heap()
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # Worker processes build the app themselves, over the store the settings name, and
    # listen each on a socket of its own (see `kadiyan.api.workers`).
    os.environ[INSECURE_COOKIES] = "0" if secure_cookies else "1"
    settings = WorkerSettings("kadiyan.api.app:served_app", host, port)
    raise typer.Exit(serve_workers(settings, workers))
