"""`kadiyan bench ...`: benchmarks that report measured figures, never pass/fail tests."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from kadiyan.cli.output import console

app = typer.Typer(help="Benchmarks: measured figures with a baseline from the same run.")


@app.command("ingest")
def ingest(
    size: str = typer.Option("small", help="world size: demo, small, medium, large"),
    seed: int = typer.Option(1, help="world seed"),
    out: Path = typer.Option(Path("bench-out"), help="where worlds and results are kept"),
    matcher_limit: int = typer.Option(0, help="time the matcher on the first N texts only"),
) -> None:
    """Ingest, extract and link a world's ads on SQLite; compare with PhoneNumberMatcher."""
    from kadiyan.bench.ingest import as_dict, run

    out.mkdir(parents=True, exist_ok=True)
    result = as_dict(run(size, seed, out, matcher_limit or None))
    table = Table("measure", "value")
    for key, value in result.items():
        table.add_row(key, f"{value:,}" if isinstance(value, int | float) else str(value))
    console.print(table)
    (out / f"ingest-{size}.json").write_text(json.dumps(result, indent=1))
