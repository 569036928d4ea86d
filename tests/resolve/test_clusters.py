"""Clustering scored pairs under analysts' judgements."""

from __future__ import annotations

from kadiyan.model import Judgement, ScoredPair, Verdict
from kadiyan.resolve.clusters import attach, binding, cluster


def pair(a: str, b: str, p: float) -> ScoredPair:
    return ScoredPair(a, b, weight=10 * p, probability=p)


def test_pairs_above_the_threshold_join_transitively() -> None:
    result = cluster("abcd", [pair("a", "b", 0.99), pair("b", "c", 0.95), pair("c", "d", 0.5)],
                     threshold=0.9)
    assert result.clusters == [["a", "b", "c"], ["d"]]


def test_a_different_judgement_keeps_two_members_apart_however_strong_the_chain() -> None:
    pairs = [pair("a", "b", 0.99), pair("b", "c", 0.98)]

    result = cluster("abc", pairs, threshold=0.9, cannot=[("a", "c")])

    assert result.clusters == [["a", "b"], ["c"]]
    assert [(p.a, p.b) for p in result.blocked] == [("b", "c")]


def test_a_same_judgement_joins_what_the_model_left_apart() -> None:
    result = cluster("abc", [pair("a", "b", 0.2)], threshold=0.9, must=[("a", "c", "judged")])

    assert result.clusters == [["a", "c"], ["b"]]
    assert result.joined_by[("a", "c")] == "judged"


def test_the_latest_judgement_on_a_pair_wins_and_undone_ones_do_not_bind() -> None:
    def judgement(i: int, verdict: Verdict, undone: str | None = None) -> Judgement:
        return Judgement(i, "person", "a", "b", verdict, "asha", "", f"2026-01-0{i}", undone)

    must, cannot = binding([judgement(1, Verdict.DIFFERENT), judgement(2, Verdict.SAME)])
    assert [m[:2] for m in must] == [("a", "b")] and cannot == []

    must, cannot = binding([judgement(1, Verdict.DIFFERENT),
                            judgement(2, Verdict.SAME, undone="2026-01-03")])
    assert must == [] and cannot == [("a", "b")]


def _fresh(member: str) -> str:
    return f"new:{member}"


def test_a_new_member_joins_the_known_entity_of_its_strongest_pair() -> None:
    known = {"k1": "person:1", "k2": "person:2"}
    pairs = [pair("n", "k1", 0.7), pair("k2", "n", 0.95)]

    found = attach(["n"], pairs, known, _fresh, threshold=0.5, apart_weight=-5)

    assert found == {"n": "person:2"}


def test_a_new_member_never_joins_an_entity_it_is_apart_from_or_judged_different_from() -> None:
    known = {"k1": "person:1", "k1b": "person:1", "k2": "person:2", "k3": "person:3"}
    pairs = [pair("n", "k1", 0.99), ScoredPair("n", "k1b", -9.0, 0.001),
             pair("n", "k2", 0.9), pair("n", "k3", 0.8)]

    found = attach(["n"], pairs, known, _fresh, threshold=0.5, apart_weight=-5,
                   cannot=[("k2", "n")])

    assert found == {"n": "person:3"}  # its best is apart from another of person:1's rows


def test_new_members_below_the_threshold_are_new_entities_and_later_ones_may_join_them() -> None:
    pairs = [pair("n1", "k1", 0.3), pair("n1", "n2", 0.9)]

    found = attach(["n1", "n2"], pairs, {"k1": "person:1"}, _fresh, threshold=0.5,
                   apart_weight=-5)

    assert found == {"n1": "new:n1", "n2": "new:n1"}


def test_a_same_judgement_attaches_a_new_member_whatever_the_scores() -> None:
    found = attach(["n"], [pair("n", "k1", 0.9)], {"k1": "person:1", "k2": "person:2"},
                   _fresh, threshold=0.5, apart_weight=-5, must=[("n", "k2", "judged")])

    assert found == {"n": "person:2"}
