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
    app.command()(brokers)
    app.command("linked-cases")(linked_cases_)


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


def brokers(
    operation_id: str = typer.Argument(..., help="an operation id (see `kadiyan operations`)"),
    top: int = typer.Option(10, help="how many"),
) -> None:
    """The phones, accounts and persons through which an operation's links pass most."""
    from kadiyan.graph import brokers as find_brokers

    store = open_store()
    found = operation(store, operation_id)
    if found is None:
        fail(f"no operation {operation_id!r} (run `kadiyan link` first?)")
    table = Table("node", "label", "betweenness", "degree")
    for b in find_brokers(store, found["id"], top):
        table.add_row(b.node, escape(b.label), f"{b.betweenness:.4f}", str(b.degree))
    console.print(table)


def linked_cases_(
    case: str = typer.Argument(..., help="a case report's record id or its FIR id as written"),
    max_hops: int = typer.Option(6, help="longest chain to follow"),
) -> None:
    """Other case reports linked to a case through shared phones, persons, photos, calls."""
    from kadiyan.graph import linked_cases, path_nodes
    from kadiyan.resolve.lookup import resolve_node

    store = open_store()
    nodes = [n for n in resolve_node(store, case) if ":" not in n]
    if len(nodes) != 1:
        fail(f"{case!r} names {len(nodes)} records; give one case report's record id")
    records = {}
    found = linked_cases(store, nodes[0], max_hops=max_hops)
    if found:
        records = {r.id: r for r in store.records([c.record_id for c in found])}
    table = Table("case", "district", "date", "hops", "through")
    middle = {n for c in found for n in path_nodes(nodes[0], c.path)[1:-1] if ":" in n}
    labels = {e.id: e.label for e in store.entities(sorted(middle))}
    for c in found:
        r = records[c.record_id]
        steps = path_nodes(nodes[0], c.path)
        through = " → ".join(
            f"{edge.kind} {escape(labels.get(node, node))}" if ":" in node else edge.kind
            for edge, node in zip(c.path, steps[1:], strict=True))
        table.add_row(f"{r.source_id} ({r.id})", r.place or "", r.occurred_at or "",
                      str(c.hops), through)
    console.print(table if found else "no linked cases within reach")
