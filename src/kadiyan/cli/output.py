"""Shared console helpers: one Rich console, errors that end the command cleanly."""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console

console = Console()
errors = Console(stderr=True)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print an error in red on stderr and exit with `code`."""
    errors.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)
