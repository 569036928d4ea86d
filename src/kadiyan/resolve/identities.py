"""Stable ids for clusters: a person or an operation keeps its id as evidence grows.

Each new cluster claims the previous id most of its members had. An id goes to at most
one cluster (the one holding most of its old members); a cluster whose members had
several ids keeps one and records the others as merged into it; an id whose members are
now spread over several clusters stays with the largest share and the rest are recorded
as split from it. A cluster of members never seen before gets a new id, derived from its
first member so that a rebuild from scratch gives the same ids.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kadiyan.model import IdentityEvent


@dataclass
class Assignment:
    """Member → id for this run, and the births, merges and splits it took."""

    ids: dict[str, str]
    events: list[IdentityEvent]


def new_id(prefix: str, first_member: str) -> str:
    """An id for a cluster first seen now: `person:3f2a9c1b7d4e`."""
    return f"{prefix}:{hashlib.sha1(first_member.encode()).hexdigest()[:12]}"


def assign_ids(
    kind: str,
    clusters: Sequence[Sequence[str]],
    previous: dict[str, str],
    *,
    cause: Callable[[str, str, Sequence[str]], str] = lambda kept, other, members: "",
    born: dict[str, str] | None = None,
) -> Assignment:
    """Ids for `clusters` given the `previous` member → id map.

    `cause(kept_id, other_id, members)` words why two ids met in one cluster (a merge) or
    why a cluster left its id (a split); it is called for every merge and split. `born`
    (id → when it was first given) settles ties for the older id, so a merge undone and
    redone gives the original id back.
    """
    born = born or {}
    claims = []
    for index, members in enumerate(clusters):
        counts = Counter(previous[m] for m in members if m in previous)
        for old, count in counts.items():
            claims.append((-count, born.get(old, "~"), old, index))
    claims.sort()
    taken: dict[int, str] = {}
    given: set[str] = set()
    for _, _, old, index in claims:
        if index in taken or old in given:
            continue
        taken[index] = old
        given.add(old)

    ids: dict[str, str] = {}
    events: list[IdentityEvent] = []
    used = set(given)
    for index, members in enumerate(clusters):
        chosen = taken.get(index)
        if chosen is None:
            chosen = _fresh(kind, members, used)
            used.add(chosen)
            olds = sorted({previous[m] for m in members if m in previous})
            if olds:
                # Its members all belonged to ids that stayed elsewhere: a split.
                for old in olds:
                    events.append(IdentityEvent(kind, "split", chosen, old,
                                                cause(old, chosen, members)))
            else:
                events.append(IdentityEvent(kind, "new", chosen, None, ""))
        else:
            for old in sorted({previous[m] for m in members if m in previous} - {chosen}):
                if old in given:
                    continue  # that id lives on elsewhere; this is a split from it, not a merge
                events.append(IdentityEvent(kind, "merge", chosen, old,
                                            cause(chosen, old, members)))
                given.add(old)
        for m in members:
            ids[m] = chosen
    return Assignment(ids, events)


def _fresh(kind: str, members: Sequence[str], used: set[str]) -> str:
    first = min(members)
    candidate = new_id(kind, first)
    n = 1
    while candidate in used:
        n += 1
        candidate = new_id(kind, f"{first}#{n}")
    return candidate
