"""Paths that do not pass through hubs, and say so when a search left something aside."""

from __future__ import annotations

from pathlib import Path

from kadiyan.graph import find_path, neighbourhood, path_nodes, shortest_path
from kadiyan.model.access import Visibility
from kadiyan.store import Store
from kadiyan.store.walks import EdgeRow, Step
from tests.graph.hub_world import load_hub_world, phone


class Scoped:
    """The store as a viewer of some agencies walks it (what ScopedReader passes on)."""

    def __init__(self, store: Store, agencies: set[str]) -> None:
        self.store, self.visible = store, Visibility(frozenset(agencies))

    def frontier_edges(self, node_ids: list[str], *, cap: int | None = None) -> Step:
        return self.store.frontier_edges(node_ids, self.visible, cap)

    def edges_among(self, node_ids: list[str], among: list[str]) -> list[EdgeRow]:
        return self.store.edges_among(node_ids, among, self.visible)


def test_the_exact_path_runs_through_the_hub(store: Store, tmp_path: Path) -> None:
    ads = load_hub_world(store, tmp_path)

    path = shortest_path(store, phone("A"), phone("B"))

    assert path is not None
    assert path_nodes(phone("A"), path) == [phone("A"), ads["a-h"], phone("H"), ads["h-b"],
                                            phone("B")]


def test_a_path_goes_around_a_hub_and_says_it_did(store: Store, tmp_path: Path) -> None:
    ads = load_hub_world(store, tmp_path)

    found = find_path(store, phone("A"), phone("B"), hub_degree=5)

    assert found.path is not None
    assert path_nodes(phone("A"), found.path) == [
        phone("A"), ads["a-c"], phone("C"), ads["c-d"], phone("D"), ads["d-b"], phone("B")]
    assert found.hubs == (phone("H"),)
    assert found.cut_short and not found.exhausted


def test_no_path_but_through_a_hub_is_no_path_cut_short(store: Store, tmp_path: Path) -> None:
    load_hub_world(store, tmp_path)

    found = find_path(store, phone("A"), phone("B"), max_hops=4, hub_degree=5)

    assert found.path is None
    assert found.cut_short and found.hubs == (phone("H"),)
    # Without the hub rule the same hops find the way through H.
    assert len(find_path(store, phone("A"), phone("B"), max_hops=4, hub_degree=None).path) == 4


def test_a_search_that_met_no_hub_is_exact_and_not_cut_short(
    store: Store, tmp_path: Path
) -> None:
    load_hub_world(store, tmp_path)

    found = find_path(store, phone("A"), phone("B"), hub_degree=6)

    assert found.path == shortest_path(store, phone("A"), phone("B"))
    assert not found.cut_short
    none = find_path(store, phone("A"), "phone:+919999999999", hub_degree=6)
    assert none.path is None and not none.cut_short


def test_a_path_may_begin_or_end_at_a_hub(store: Store, tmp_path: Path) -> None:
    ads = load_hub_world(store, tmp_path)

    to_hub = find_path(store, phone("C"), phone("H"), hub_degree=2)
    from_hub = find_path(store, phone("H"), "phone:+919700000003", hub_degree=2)

    assert to_hub.path is not None and len(to_hub.path) == 4  # C, a-c, A, a-h, H
    assert path_nodes(phone("H"), from_hub.path) == [phone("H"), ads["hub-3"],
                                                     "phone:+919700000003"]


def test_the_hub_rule_counts_only_links_in_the_viewers_scope(
    store: Store, tmp_path: Path
) -> None:
    load_hub_world(store, tmp_path)

    pune = find_path(Scoped(store, {"ahtu-pune"}), phone("A"), phone("B"), hub_degree=5)

    assert pune.path is not None and len(pune.path) == 4  # H has two ads in Pune's scope
    assert not pune.cut_short
    delhi = find_path(Scoped(store, {"ahtu-delhi"}), phone("A"), phone("B"), hub_degree=5)
    assert delhi.path is None and not delhi.cut_short  # the ways are not Delhi's to see


def test_a_search_gives_up_after_max_links_and_says_so(store: Store, tmp_path: Path) -> None:
    load_hub_world(store, tmp_path)

    found = find_path(store, phone("A"), phone("B"), hub_degree=None, max_links=4)

    assert found.path is None
    assert found.exhausted and found.cut_short
    enough = find_path(store, phone("A"), phone("B"), hub_degree=None, max_links=100)
    assert enough.path is not None and not enough.cut_short


def test_a_neighbourhood_reads_a_hub_only_as_far_as_it_can_hold(
    store: Store, tmp_path: Path
) -> None:
    load_hub_world(store, tmp_path)

    small = neighbourhood(store, phone("H"), hops=2, limit=4)
    whole = neighbourhood(store, phone("H"), hops=2, limit=500)

    assert small.truncated and len(small.nodes) == 4
    assert all(whole.nodes[n] == hop for n, hop in small.nodes.items())
    assert not whole.truncated
    assert len(whole.nodes) == 1 + 6 + 6  # H, its six ads, the other phone of each
    kept = {(e.source, e.target) for e in small.edges}
    assert kept == {(e.source, e.target) for e in whole.edges
                    if e.source in small.nodes and e.target in small.nodes}


class Drawn:
    """A graph given edge by edge, walked as the store would be."""

    def __init__(self, *edges: EdgeRow) -> None:
        self.edges = list(edges)

    def frontier_edges(self, node_ids: list[str], *, cap: int | None = None) -> Step:
        wanted = set(node_ids)
        return Step([e for e in self.edges if e[0] in wanted or e[2] in wanted])

    def edges_among(self, node_ids: list[str], among: list[str]) -> list[EdgeRow]:
        return []


# Two FIRs of different districts, each naming its own accused and, in passing, the same
# officer; a third ties accused 1 to a phone that accused 2 also gave.
FIRS = (
    ("r1", "accuses", "person:accused-1"), ("r1", "names", "person:officer"),
    ("r2", "accuses", "person:accused-2"), ("r2", "names", "person:officer"),
)
PHONE_TIE = (("r3", "accuses", "person:accused-1"), ("r3", "contact", "phone:+911"),
             ("r4", "contact", "phone:+911"), ("r4", "accuses", "person:accused-2"))


def test_a_path_does_not_run_through_an_officer_named_in_passing() -> None:
    found = find_path(Drawn(*FIRS), "person:accused-1", "person:accused-2")

    assert found.path is None and not found.cut_short
    # The exact walk would take it: the rule is the path search's, not the store's.
    assert shortest_path(Drawn(*FIRS), "person:accused-1", "person:accused-2") is not None


def test_the_evidence_path_is_found_beside_the_officer() -> None:
    found = find_path(Drawn(*FIRS, *PHONE_TIE), "person:accused-1", "person:accused-2")

    assert found.path is not None
    assert path_nodes("person:accused-1", found.path) == [
        "person:accused-1", "r3", "phone:+911", "r4", "person:accused-2"]


def test_a_path_may_start_at_the_officer() -> None:
    found = find_path(Drawn(*FIRS), "person:officer", "person:accused-2")

    assert found.path is not None
    assert path_nodes("person:officer", found.path) == ["person:officer", "r2",
                                                       "person:accused-2"]
