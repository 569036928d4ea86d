"""Commands that serve the app: serve and demo."""

from __future__ import annotations

from pathlib import Path

import typer

from kadiyan.cli.data import ingest_one
from kadiyan.cli.output import console
from kadiyan.config import load_settings
from kadiyan.engines import get_engine
from kadiyan.engines.link import run_link
from kadiyan.store import Store, open_store

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
) -> None:
    """Serve the web app and the API over the store."""
    _serve(open_store(), host, port)


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
    with console.status("linking persons"):
        run_link(store, get_engine())
    if not no_serve:
        _serve(store, host, port)


def ingest_world(store: Store, world: Path) -> None:
    """Ingest every file of a generated world (call files are found by name)."""
    for kind, name in WORLD_FILES:
        ingest_one(store, kind, world / name, agency="demo")
    for calls in sorted(world.glob("calls*.csv")):
        ingest_one(store, "calls", calls, agency="demo")


def _serve(store: Store, host: str, port: int) -> None:
    import uvicorn

    from kadiyan.api.app import create_app

    console.print(f"[bold green]Kadiyan is serving on http://{host}:{port}[/]")
    console.print(
        "No log-in yet: users, roles and victim masking come with the access layer, so serve "
        "only synthetic data, and only on this machine. Stop with Ctrl+C."
    )
    uvicorn.run(create_app(store), host=host, port=port, log_level="warning")
