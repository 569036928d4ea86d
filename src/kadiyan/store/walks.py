"""Reads for graph walks: the edges of a frontier, arm by arm, a hub read only so far.

The `edges` view is the union of stored links and the record-to-entity links that
mentions carry; asked for the edges of a few hundred nodes it asks every arm about every
node, and a phone named in ten thousand ads is read in full however little of it a walk
can use. A walk knows what each node is (a record id has no colon), so each arm is asked
only about the nodes that can be on it:

- a record's own links: its linking mentions (the record, then its mentions by key), and
  the stored links it starts (the template it uses);
- an entity's records: the mentions naming it, by `ix_mentions_walk`, which holds the
  record and the link kind too, with the records read through `ix_records_walk`
  (id and agency by arrival number), so neither table's rows are visited;
- stored links at an entity (calls between phones, photos that are one, the records
  that use a template): `links` at either end.

An entity may be read only up to `cap` edges: past that it is a hub, and the walk
decides what to do with it (a neighbourhood keeps what fits; a path does not pass
through it). On PostgreSQL every node's first edges come from one statement with a
LATERAL join; SQLite answers one small statement per node, in-process.

Every read takes the viewer's `Visibility`: an edge is walked only when one of its
evidence records is visible.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import ARRAY, Connection, Text, bindparam, func, select, true

from kadiyan.model import is_record_node
from kadiyan.model.access import Visibility
from kadiyan.store import schema
from kadiyan.store.driver import cursor, fetch
from kadiyan.store.seen import CHUNK, Shape, seen_bound, seen_values, shape

EdgeRow = tuple[str, str, str]  # (src, kind, dst) as stored


@dataclass(frozen=True)
class Step:
    """The edges of a frontier: all of them for most nodes, the first `cap` for hubs.

    `edges` holds every edge of every node that has at most `cap` of them; a node with
    more is a hub: it is named in `capped` and its first `cap` edges (in no particular
    order) are in `partial`, apart from `edges`.
    """

    edges: list[EdgeRow]
    capped: frozenset[str] = frozenset()
    partial: dict[str, list[EdgeRow]] = field(default_factory=dict)


def frontier_edges(
    conn: Connection, nodes: Iterable[str], visible: Visibility | None = None,
    cap: int | None = None,
) -> Step:
    """The distinct edges touching `nodes`; an entity with more than `cap` is a hub.

    Records are never capped: what one record names is short by nature.
    """
    ordered = sorted(set(nodes))
    records = [n for n in ordered if is_record_node(n)]
    entities = [n for n in ordered if not is_record_node(n)]
    form, seen = shape(visible), seen_values(visible)
    edges: set[EdgeRow] = set(record_edges(conn, records, visible))
    if cap is None:
        edges.update(_in_chunks(conn, _entity_arm(form), entities, seen))
        for end in ("src", "dst"):
            edges.update(_in_chunks(conn, _links_arm(end, form), entities, seen))
        return Step(sorted(edges))
    per_node = _capped_reads(conn, entities, form, seen, cap)
    capped = frozenset(n for n, found in per_node.items() if len(found) > cap)
    partial: dict[str, list[EdgeRow]] = {}
    for node, found in per_node.items():
        if node in capped:
            partial[node] = sorted(found)[:cap]
        else:
            edges.update(found)
    return Step(sorted(edges), capped, partial)


def record_edges(
    conn: Connection, records: Sequence[str], visible: Visibility | None = None
) -> list[EdgeRow]:
    """The edges that start at the records (with `visible`, of visible records only).

    A record is never the end of an edge: what it names and the stored links it starts
    (the template it uses) are all its edges, read from the record's side.
    """
    form, seen = shape(visible), seen_values(visible)
    return (_in_chunks(conn, _record_arm(form), records, seen)
            + _in_chunks(conn, _links_arm("src", form), records, seen))


def edges_among(
    conn: Connection, nodes: Iterable[str], among: Iterable[str],
    visible: Visibility | None = None,
) -> list[EdgeRow]:
    """The distinct edges from any of `nodes` to any of `among` (both ends known).

    What a walk needs once it may admit no more nodes. A record's links are read from
    the record's side, which is short, so a hub costs what its known neighbours cost,
    not what all of its records do; stored links between entities (calls between
    phones, photos that are one) are asked for between the entities on both sides.
    """
    ours, theirs = set(nodes), set(among)
    form, seen = shape(visible), seen_values(visible)
    records = sorted(n for n in ours | theirs if is_record_node(n))
    edges = {
        (src, kind, dst) for src, kind, dst in record_edges(conn, records, visible)
        if (src in ours and dst in theirs) or (src in theirs and dst in ours)
    }
    ours_e = sorted(n for n in ours if not is_record_node(n))
    theirs_e = sorted(n for n in theirs if not is_record_node(n))
    for one, two in ((ours_e, theirs_e), (theirs_e, ours_e)):
        for part in _chunks(one):
            for other in _chunks(two):
                edges.update(_rows(conn, _link_pairs(form), {**seen, "a": part, "b": other}))
    return sorted(edges)


# -- the reads ------------------------------------------------------------------------------


def _chunks(values: Sequence[str]) -> list[Sequence[str]]:
    return [values[i:i + CHUNK] for i in range(0, len(values), CHUNK)]


def _rows(conn: Connection, statement: Any, params: dict[str, Any]) -> list[EdgeRow]:
    return fetch(conn, statement, params)


def _in_chunks(
    conn: Connection, statement: Any, nodes: Sequence[str], seen: dict[str, list[str]]
) -> list[EdgeRow]:
    found: list[EdgeRow] = []
    for part in _chunks(nodes):
        found += _rows(conn, statement, {**seen, "nodes": part})
    return found


def _capped_reads(
    conn: Connection, entities: list[str], form: Shape, seen: dict[str, list[str]], cap: int
) -> dict[str, set[EdgeRow]]:
    """Each entity's edges, at most `cap + 1` from each arm (enough to tell a hub)."""
    found: dict[str, set[EdgeRow]] = {n: set() for n in entities}
    if not entities:
        return found
    if conn.dialect.name == "postgresql":
        for part in _chunks(entities):
            for node, src, kind, dst in conn.execute(
                _lateral(form), {**seen, "nodes": list(part), "cap": cap + 1}
            ):
                found[node].add((src, kind, dst))
        return found
    # SQLite answers in-process in microseconds, less than it takes to run a statement
    # through SQLAlchemy: a statement of its own runs on the driver's cursor, with the
    # visible agencies and records as JSON arrays (one parameter each, whatever their size).
    values: dict[str, Any] = {"cap": cap + 1, **{k: json.dumps(v) for k, v in seen.items()}}
    with cursor(conn) as raw:
        for node in entities:
            values["node"] = node
            raw.execute(_sqlite_one_node(form), values)
            found[node].update((row[0], row[1], row[2]) for row in raw.fetchall())
    return found


# -- statements built once per visibility shape ---------------------------------------------


def _nodes() -> Any:
    return bindparam("nodes", expanding=True)


def _mentions_of(where: Any, form: Shape, *, led_by_records: bool) -> Any:
    m, r = schema.mentions, schema.records
    columns = (r.c.id, m.c.link, m.c.entity_id)
    query = (select(*columns).join_from(r, m, m.c.record_seq == r.c.seq) if led_by_records
             else select(*columns).join_from(m, r, r.c.seq == m.c.record_seq))
    return query.where(where, m.c.link.is_not(None), seen_bound(r, form))


def _stored_links(where: Any, form: Shape) -> Any:
    links = schema.links
    query = select(links.c.src, links.c.kind, links.c.dst).where(where)
    if form is not None:
        seen = schema.records.alias("seen")  # the evidence record of each stored link
        query = query.join(seen, seen.c.id == links.c.record_id).where(seen_bound(seen, form))
    return query.distinct()


@cache
def _record_arm(form: Shape) -> Any:
    return _mentions_of(schema.records.c.id.in_(_nodes()), form, led_by_records=True)


@cache
def _entity_arm(form: Shape) -> Any:
    return _mentions_of(schema.mentions.c.entity_id.in_(_nodes()), form, led_by_records=False)


@cache
def _links_arm(end: str, form: Shape) -> Any:
    return _stored_links(schema.links.c[end].in_(_nodes()), form)


@cache
def _sqlite_one_node(form: Shape) -> str:
    """One entity's first `:cap` edges on each arm, as SQLite's own SQL (one per node)."""
    def seen(records: str) -> str:
        if form is None:
            return "1"
        agencies, ids = form
        tests = ([f"{records}.agency IN (SELECT value FROM json_each(:seen_agencies))"]
                 if agencies else [])
        tests += [f"{records}.id IN (SELECT value FROM json_each(:seen_records))"] if ids else []
        return "(" + " OR ".join(tests) + ")" if tests else "0"

    evidence = "" if form is None else " JOIN records AS s ON s.id = l.record_id"
    links = [f"SELECT * FROM (SELECT DISTINCT l.src, l.kind, l.dst FROM links AS l{evidence}"
             f" WHERE l.{end} = :node AND {seen('s')} LIMIT :cap)" for end in ("src", "dst")]
    mentions = ("SELECT * FROM (SELECT r.id, m.link, m.entity_id FROM mentions AS m"
                " JOIN records AS r ON r.seq = m.record_seq WHERE m.entity_id = :node"
                f" AND m.link IS NOT NULL AND {seen('r')} LIMIT :cap)")
    return " UNION ALL ".join([mentions, *links])


@cache
def _lateral(form: Shape) -> Any:
    """Every entity's first edges on every arm, in one statement (PostgreSQL)."""
    n = func.unnest(bindparam("nodes", type_=ARRAY(Text))).table_valued("id").render_derived()
    m, links = schema.mentions, schema.links
    arms = [
        _mentions_of(m.c.entity_id == n.c.id, form, led_by_records=False),
        _stored_links(links.c.src == n.c.id, form),
        _stored_links(links.c.dst == n.c.id, form),
    ]
    parts = []
    for i, arm in enumerate(arms):
        first = arm.limit(bindparam("cap")).lateral(f"arm{i}")
        parts.append(select(n.c.id, *first.c).select_from(n.join(first, true())))
    return parts[0].union_all(*parts[1:])


@cache
def _link_pairs(form: Shape) -> Any:
    links = schema.links
    where = links.c.src.in_(bindparam("a", expanding=True)) & links.c.dst.in_(
        bindparam("b", expanding=True))
    return _stored_links(where, form)
