"""Brokers of an operation and the cases linked to a case, on the linked demo world."""

from __future__ import annotations

from kadiyan.graph import brokers, linked_cases, path_nodes
from kadiyan.store import Store
from kadiyan.store.resolution import memberships, operations


def _top_operation(store: Store) -> tuple[str, list[str]]:
    top = operations(store, limit=1)[0]["id"]
    return top, [r for r, op in memberships(store, "operation").items() if op == top]


def test_an_operations_brokers_are_its_entities_ranked_by_betweenness(linked: Store) -> None:
    op, _ = _top_operation(linked)

    found = brokers(linked, op, top=5)

    assert found and all(":" in b.node for b in found)
    assert [b.betweenness for b in found] == sorted((b.betweenness for b in found), reverse=True)
    assert 0 < found[0].betweenness <= 1 and found[0].degree >= 2


def test_cases_of_one_operation_are_linked_through_a_chain_of_evidence(linked: Store) -> None:
    _, members = _top_operation(linked)
    cases = sorted(r.id for r in linked.records(members) if r.kind == "case_report")
    if len(cases) < 2:
        cases = sorted(r.id for r in linked.records(list(memberships(linked, "operation")))
                       if r.kind == "case_report")

    found = linked_cases(linked, cases[0])

    assert found, "a case of an operation reaches another case"
    for linked_case in found:
        nodes = path_nodes(cases[0], linked_case.path)
        assert nodes[0] == cases[0] and nodes[-1] == linked_case.record_id
        assert len(linked_case.path) == linked_case.hops
        assert all(edge.kind not in ("booked_at", "names") for edge in linked_case.path)
