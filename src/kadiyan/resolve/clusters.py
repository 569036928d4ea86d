"""Scored pairs to clusters, bound by analysts' judgements.

Pairs are joined strongest first (single linkage, as Splink's own clustering does), but
an analyst's "same" joins two members whatever the model says, and an analyst's
"different" keeps two members apart: a pair that would put them in one cluster is
skipped, however strong. A later judgement on the same pair replaces an earlier one.
New members can also be attached to the entities of known ones without clustering again.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from kadiyan.model import Judgement, ScoredPair, Verdict


@dataclass
class Clustering:
    """Clusters of members, and the pairs that judgements overruled."""

    clusters: list[list[str]]
    joined_by: dict[tuple[str, str], str] = field(default_factory=dict)  # pair → cause
    blocked: list[ScoredPair] = field(default_factory=list)  # kept apart by a judgement


def cluster(
    members: Iterable[str],
    pairs: Sequence[ScoredPair],
    threshold: float,
    must: Iterable[tuple[str, str, str]] = (),
    cannot: Iterable[tuple[str, str]] = (),
) -> Clustering:
    """Cluster `members` by the pairs at or above `threshold` probability.

    `must` are (a, b, cause) joined first; `cannot` are pairs never put in one cluster
    (a `must` that contradicts one is skipped too). Members named in judgements but
    not in `members` are ignored. Clusters and their members come out sorted.
    """
    parent: dict[str, str] = {m: m for m in members}
    apart: dict[str, set[str]] = {}  # root → roots it must never join

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in cannot:
        if a in parent and b in parent:
            apart.setdefault(a, set()).add(b)
            apart.setdefault(b, set()).add(a)

    def join(a: str, b: str) -> bool:
        ra, rb = find(a), find(b)
        if ra == rb:
            return True
        far_a = {find(x) for x in apart.get(ra, ())}
        if rb in far_a:
            return False
        if ra > rb:
            ra, rb = rb, ra
        parent[rb] = ra
        merged = apart.pop(ra, set()) | apart.pop(rb, set())
        if merged:
            apart[ra] = merged
        return True

    result = Clustering([])
    for a, b, cause in must:
        if a in parent and b in parent and join(a, b):
            result.joined_by[_key(a, b)] = cause
    for pair in sorted(pairs, key=lambda p: (-p.probability, -p.weight, p.a, p.b)):
        if pair.probability < threshold or pair.a not in parent or pair.b not in parent:
            continue
        if join(pair.a, pair.b):
            result.joined_by.setdefault(_key(pair.a, pair.b), f"match weight {pair.weight:.1f}")
        else:
            result.blocked.append(pair)
    groups: dict[str, list[str]] = {}
    for m in parent:
        groups.setdefault(find(m), []).append(m)
    result.clusters = sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])
    return result


def binding(judgements: Sequence[Judgement]) -> tuple[list[tuple[str, str, str]],
                                                        list[tuple[str, str]]]:
    """The must-join and never-join pairs of active judgements, the latest on a pair winning."""
    latest: dict[tuple[str, str], Judgement] = {}
    for j in judgements:
        if j.active:
            latest[_key(j.a, j.b)] = j
    must = [(j.a, j.b, f"judged same by {j.who}" + (f": {j.why}" if j.why else ""))
            for j in latest.values() if j.verdict is Verdict.SAME]
    cannot = [(j.a, j.b) for j in latest.values() if j.verdict is Verdict.DIFFERENT]
    return must, cannot


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def attach(
    new: Sequence[str],
    pairs: Sequence[ScoredPair],
    entity_of: dict[str, str],
    fresh: Callable[[str], str],
    *,
    threshold: float,
    apart_weight: float,
    must: Iterable[tuple[str, str, str]] = (),
    cannot: Iterable[tuple[str, str]] = (),
) -> dict[str, str]:
    """Each `new` member's entity: the known entity it matches best, or a fresh one.

    `entity_of` holds the known members' entities; `fresh(member)` gives an id for a new
    entity. New members are taken in order, so one may join an entity that an earlier new
    member started. A member is never put where a member is that it is judged different
    from or scored apart from (weight at or below `apart_weight`); a "same" judgement
    joins it whatever the scores. Among the rest, the entity of its strongest pair at or
    above `threshold` probability wins.
    """
    entity_of = dict(entity_of)
    against: dict[str, set[str]] = {}
    for a, b in [*cannot, *((p.a, p.b) for p in pairs if p.weight <= apart_weight)]:
        against.setdefault(a, set()).add(b)
        against.setdefault(b, set()).add(a)
    judged: dict[str, list[str]] = {}
    for a, b, _ in must:
        judged.setdefault(a, []).append(b)
        judged.setdefault(b, []).append(a)
    ranked: dict[str, list[tuple[float, str]]] = {}
    for p in pairs:
        if p.probability >= threshold:
            ranked.setdefault(p.a, []).append((p.weight, p.b))
            ranked.setdefault(p.b, []).append((p.weight, p.a))
    found: dict[str, str] = {}
    for member in new:
        barred = {entity_of[x] for x in against.get(member, ()) if x in entity_of}
        choices = [(math.inf, x) for x in sorted(judged.get(member, ()))]
        choices += sorted(ranked.get(member, ()), key=lambda wx: (-wx[0], wx[1]))
        chosen = next((entity_of[x] for _, x in choices
                       if x in entity_of and entity_of[x] not in barred), None)
        entity_of[member] = found[member] = chosen or fresh(member)
    return found
