"""Commands that read the graph: search, show, path, stats."""

from __future__ import annotations

import json
from collections import defaultdict

import typer
from rich.markup import escape
from rich.table import Table

from kadiyan.cli.output import console, fail
from kadiyan.graph import find_path, path_nodes
from kadiyan.graph.traverse import HUB_DEGREE, MAX_LINKS
from kadiyan.model import Record
from kadiyan.resolve.lookup import lookup, resolve_node
from kadiyan.store import Store, open_store
from kadiyan.store.resolution import identity_events, members_of, scored_pairs


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command()(search)
    app.command()(show)
    app.command()(path)
    app.command()(stats)


def search(text: str, limit: int = typer.Option(20, help="records to list")) -> None:
    """Find entities (a phone in any written form, a handle) and records matching TEXT."""
    found = lookup(open_store(), text, limit=limit)
    for entity in found.entities:
        console.print(f"[bold cyan]{entity.id}[/]  {entity.label}")
    table = Table("record", "kind", "source id", "date", "text")
    for record in found.records:
        table.add_row(record.id, record.kind, record.source_id, record.occurred_at or "",
                      _snippet(record.text))
    if found.records:
        console.print(table)
    if not found.entities and not found.records:
        console.print("nothing found")


def show(entity: str, limit: int = typer.Option(5000, help="evidence rows to read")) -> None:
    """An entity (or record) and everything linked to it, with the evidence records."""
    store = open_store()
    node = _resolve_node(store, entity)
    links = store.links_of(node, limit=limit)
    if not links:
        fail(f"{node} has no links (is the id right? try `kadiyan search`)")
    label = store.entity(node).label if ":" in node and store.entity(node) else node
    console.print(f"[bold]{node}[/]  {label}")
    if node.startswith("person:"):
        _show_person(store, node)
    by_kind: dict[str, list[tuple[str, str, Record | None]]] = defaultdict(list)
    evidence_ids = [rid for link in links for rid in link.evidence]
    records = {r.id: r for r in store.records(evidence_ids)}
    for link in links:
        other = link.target if link.source == node else link.source
        for rid in link.evidence:
            record = records.get(rid)
            group = record.kind.value if record and other == rid else link.kind.value
            by_kind[group].append((link.kind.value, other, record))
    for group, rows in sorted(by_kind.items()):
        table = Table("link", "node", "evidence", "date", "source", title=f"{group} ({len(rows)})")
        for kind, other, record in rows:
            table.add_row(
                kind, other, record.id if record else "",
                (record.occurred_at or "") if record else "",
                f"{record.source_file.rsplit('/', 1)[-1]}:{record.source_line} {record.source_id}"
                if record else "",
            )
        console.print(table)


def _show_person(store: Store, person: str) -> None:
    """How a person was put together: the names as written and the strongest reasons."""
    members = members_of(store, person)
    names = sorted({m["value"] for rid in {m.split("#")[0] for m in members}
                    for m in store.mentions_of(rid) if f"{rid}#{m['seq']}" in members})
    console.print(f"named as: {escape(', '.join(names))} ({len(members)} mentions)")
    for pair in scored_pairs(store, "person", members)[:5]:
        console.print(f"  [dim]{pair.a} ~ {pair.b}[/] p={pair.probability:.3f}: "
                      f"{escape(pair.explain())}", soft_wrap=True)
    for event in identity_events(store, person)[:5]:
        other = f" {event['other_id']}" if event["other_id"] else ""
        console.print(f"  [dim]{event['at']} {event['event']}{other}: {escape(event['cause'])}[/]",
                      soft_wrap=True)


def path(a: str, b: str, max_hops: int = typer.Option(8, help="longest chain to try")) -> None:
    """The shortest chain of evidence between two entities."""
    store = open_store()
    start, goal = _resolve_node(store, a), _resolve_node(store, b)
    search = find_path(store, start, goal, max_hops=max_hops)
    found = search.path
    if search.hubs:
        console.print(f"[yellow]not passed through {len(search.hubs)} hub(s)[/] (entities "
                      f"with more than {HUB_DEGREE:,} links): {escape(', '.join(search.hubs[:5]))}"
                      "; a shorter path may run through them", soft_wrap=True)
    if search.exhausted:
        console.print(f"[yellow]the search stopped after reading {MAX_LINKS:,} links[/]; a "
                      "path may lie beyond them")
    if found is None:
        fail(f"no path between {start} and {goal} within {max_hops} links", code=1)
    nodes = path_nodes(start, found)
    records = {r.id: r for r in store.records([n for n in nodes if ":" not in n])}
    for index, node in enumerate(nodes):
        if node in records:
            r = records[node]
            snippet = escape(_snippet(r.text, 60))
            line = f"{r.kind} [bold]{escape(r.source_id)}[/] ({r.id}) {snippet}"
        else:
            line = f"[bold cyan]{escape(node)}[/]"
        console.print(line, soft_wrap=True)
        if index < len(found):
            console.print(f"  [dim]│ {found[index].kind}[/]")


def stats(as_json: bool = typer.Option(False, "--json", help="print one JSON object")) -> None:
    """Counts of records and entities by kind, links and quarantined rows."""
    counts = open_store().stats()
    if as_json:
        print(json.dumps(counts, sort_keys=True))
        return
    table = Table("what", "kind", "count")
    for what in ("records", "entities"):
        for kind, n in counts[what].items():
            table.add_row(what, kind, f"{n:,}")
    table.add_row("links", "", f"{counts['links']:,}")
    table.add_row("quarantined", "", f"{counts['quarantined']:,}")
    console.print(table)


def _resolve_node(store: Store, text: str) -> str:
    """The one node `text` names, or a clear error when it names none or several."""
    nodes = resolve_node(store, text)
    if len(nodes) == 1:
        return nodes[0]
    if not nodes:
        fail(f"no entity or record {text!r}")
    fail(f"{text!r} is ambiguous: " + ", ".join(nodes))


def _snippet(text: str, width: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
