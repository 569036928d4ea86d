"""Clustering scored pairs under analysts' judgements."""

from __future__ import annotations

from kadiyan.model import Judgement, ScoredPair, Verdict
from kadiyan.resolve.clusters import binding, cluster


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
