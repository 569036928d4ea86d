"""The reads of graph walks: a frontier's edges arm by arm, hubs capped, pairs among nodes."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import or_, select

from kadiyan.model import Entity, EntityKind, Link, LinkKind
from kadiyan.model.access import Visibility
from kadiyan.store import Batch, Store, schema
from kadiyan.store.rows import entity_row, link_rows
from tests.graph.hub_world import load_hub_world, phone

PUNE = Visibility(frozenset({"ahtu-pune"}))


def test_a_frontier_has_the_edges_the_edges_view_gives(store: Store, tmp_path: Path) -> None:
    ads = load_hub_world(store, tmp_path)
    nodes = [phone("H"), phone("A"), ads["c-d"], ads["hub-1"]]

    for visible in (None, PUNE, Visibility(frozenset(), frozenset({ads["hub-2"]}))):
        step = store.frontier_edges(nodes, visible)

        assert step.edges == store.edges_between(nodes, visible)
        assert not step.capped and not step.partial
    # H's six ads, A's two, c-d's two phones, hub-1's other phone (its link to H is H's).
    assert len(store.frontier_edges(nodes).edges) == 6 + 2 + 2 + 1


def test_an_entity_with_more_links_than_the_cap_is_a_hub_read_only_so_far(
    store: Store, tmp_path: Path
) -> None:
    load_hub_world(store, tmp_path)
    every = set(store.edges_between([phone("H"), phone("A")]))

    step = store.frontier_edges([phone("H"), phone("A")], cap=5)

    assert step.capped == {phone("H")}
    assert len(step.partial[phone("H")]) == 5
    assert set(step.partial[phone("H")]) < every
    # A is no hub: all of its edges, none of H's beyond those it shares with A.
    assert set(step.edges) == {e for e in every if phone("A") in (e[0], e[2])}
    assert not store.frontier_edges([phone("H")], cap=6).capped


def test_the_cap_counts_only_links_the_viewer_may_see(store: Store, tmp_path: Path) -> None:
    ads = load_hub_world(store, tmp_path)

    step = store.frontier_edges([phone("H")], PUNE, cap=2)

    assert not step.capped
    assert {e[0] for e in step.edges} == {ads["a-h"], ads["h-b"]}
    assert store.frontier_edges([phone("H")], PUNE, cap=1).capped == {phone("H")}
    assert store.frontier_edges([phone("H")], Visibility(frozenset()), cap=1).edges == []


def test_edges_among_known_nodes_only(store: Store, tmp_path: Path) -> None:
    ads = load_hub_world(store, tmp_path)

    among = store.edges_among([phone("H"), ads["c-d"]], [ads["a-h"], ads["hub-3"], phone("D"),
                                                          phone("B")])

    assert {(e[0], e[2]) for e in among} == {
        (ads["a-h"], phone("H")), (ads["hub-3"], phone("H")), (ads["c-d"], phone("D"))}
    hidden = store.edges_among([phone("H")], [ads["hub-3"]], PUNE)
    assert hidden == []


def _edges_in_view(store: Store, nodes: list[str], visible: Visibility | None) -> list[tuple]:
    """The edges touching `nodes` as the `edges` view defines them (visible evidence only)."""
    edges, records = schema.edges, schema.records
    query = (select(edges.c.src, edges.c.kind, edges.c.dst).distinct()
             .join(records, records.c.id == edges.c.record_id)
             .where(or_(edges.c.src.in_(nodes), edges.c.dst.in_(nodes))))
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
        agency = dict(conn.execute(select(records.c.id, records.c.agency)).all())
    return sorted({(r[0], r[1], r[2]) for r in rows} if visible is None else {
        (r[0], r[1], r[2]) for r in rows
        for evidence in _evidence_of(store, r) if visible.admits(agency[evidence], evidence)})


def _evidence_of(store: Store, edge: tuple) -> list[str]:
    return store.evidence(edge[0], edge[1], edge[2], limit=100)


def test_a_record_s_edges_are_what_it_names_and_the_links_it_starts(
    store: Store, tmp_path: Path
) -> None:
    ads = load_hub_world(store, tmp_path)
    template = Entity("template:rooms-call", EntityKind.TEMPLATE, "rooms-call", "rooms, call …")
    uses = Link(LinkKind.USES_TEMPLATE, ads["hub-1"], template.id, (ads["hub-1"],), 0.9)
    store.write_derived(Batch(entities=[entity_row(template)], links=link_rows(uses)))
    nodes = [ads["hub-1"], ads["a-h"], phone("B")]

    for visible in (None, PUNE, Visibility(frozenset({"ahtu-delhi"}))):
        assert store.edges_between(nodes, visible) == _edges_in_view(store, nodes, visible)
    assert (ads["hub-1"], "uses_template", template.id) in store.edges_between(nodes)
    assert not any(e[0] == ads["hub-1"] for e in store.edges_between(nodes, PUNE))


def test_a_walk_from_a_record_follows_the_template_it_uses(store: Store, tmp_path: Path) -> None:
    ads = load_hub_world(store, tmp_path)
    template = Entity("template:rooms-call", EntityKind.TEMPLATE, "rooms-call", "rooms, call …")
    uses = Link(LinkKind.USES_TEMPLATE, ads["hub-1"], template.id, (ads["hub-1"],), 0.9)
    store.write_derived(Batch(entities=[entity_row(template)], links=link_rows(uses)))
    edge = (ads["hub-1"], "uses_template", template.id)

    # From the record's side as from the template's, with or without a cap.
    for cap in (None, 50):
        assert edge in store.frontier_edges([ads["hub-1"]], cap=cap).edges
        assert edge in store.frontier_edges([template.id], cap=cap).edges
        assert store.frontier_edges([ads["hub-1"]], cap=cap).edges == store.edges_between(
            [ads["hub-1"]])
    assert store.edges_among([ads["hub-1"]], [template.id]) == [edge]
    assert store.edges_among([template.id], [ads["hub-1"]]) == [edge]
    # The record's agency is not Pune's: its edges are not walked for Pune.
    assert edge not in store.frontier_edges([ads["hub-1"]], PUNE).edges
