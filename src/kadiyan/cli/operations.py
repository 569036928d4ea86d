"""`kadiyan operations`: candidate operations and what holds each together."""

from __future__ import annotations

import json

import typer
from rich.markup import escape
from rich.table import Table

from kadiyan.cli.output import console, fail
from kadiyan.store import open_store
from kadiyan.store.resolution import operation, operations


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command("operations")(list_operations)


def list_operations(
    operation_id: str = typer.Argument(None, help="show one operation in full"),
    limit: int = typer.Option(20, help="how many, largest first"),
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
) -> None:
    """Candidate operations found by `kadiyan link`, largest first, with their evidence."""
    store = open_store()
    if operation_id:
        found = operation(store, operation_id)
        if found is None:
            fail(f"no operation {operation_id!r} (run `kadiyan link` first?)")
        if as_json:
            print(json.dumps(found, indent=1, ensure_ascii=False))
            return
        _print_one(found)
        return
    found_all = operations(store, limit)
    if as_json:
        print(json.dumps(found_all, ensure_ascii=False))
        return
    if not found_all:
        console.print("no operations yet: run `kadiyan link`")
        return
    table = Table("operation", "records", "places", "active", "held together by")
    for op in found_all:
        s = op["summary"]
        records = ", ".join(f"{n:,} {k}" for k, n in sorted(s["records"].items()))
        active = f"{s['first_seen'] or '?'} – {s['last_seen'] or '?'}"
        table.add_row(op["id"], records, ", ".join(s["places"][:3]), active,
                      s["held_together_by"])
    console.print(table)


def _print_one(op: dict) -> None:
    s = op["summary"]
    console.print(f"[bold]{op['id']}[/]  {escape(op['label'])}  ({op['size']:,} records)")
    console.print(f"held together by {s['held_together_by']}")
    console.print("records: " + ", ".join(f"{n:,} {k}" for k, n in sorted(s["records"].items())))
    console.print(f"places: {', '.join(s['places'])}")
    console.print(f"active: {s['first_seen']} – {s['last_seen']}")
    for key in ("phones", "accounts", "templates"):
        if s[key]:
            console.print(f"{key}: {', '.join(s[key])}", soft_wrap=True)
    if s["persons"]:
        console.print("persons: " + ", ".join(
            f"{escape(p['name'])} ({p['id']}, {p['records']} records)" for p in s["persons"]),
            soft_wrap=True)
    if s["survivors"]:
        console.print(f"survivors: {s['survivors']} (not named here)")
