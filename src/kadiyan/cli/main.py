"""The `kadiyan` command: one Typer app assembled from the sub-command modules."""

from __future__ import annotations

import typer

from kadiyan.cli import access, bench, data, explore, extract, judge, operations, serve

app = typer.Typer(
    name="kadiyan",
    help="Kadiyan: link ads, bookings, calls and case reports into one evidence graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
access.register(app)
data.register(app)
explore.register(app)
extract.register(app)
judge.register(app)
operations.register(app)
serve.register(app)
app.add_typer(bench.app, name="bench")

if __name__ == "__main__":  # pragma: no cover
    app()
