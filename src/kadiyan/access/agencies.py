"""Agencies and the sharing rules between them, as plain data.

Every record belongs to the agency that brought it. A district unit's records are seen by
the agencies above it (its state headquarters); anything else crosses between agencies only
by a sharing rule: all of an agency's records, or one case, for a stated purpose, with or
without the victims' identity.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kadiyan.model.access import Agency, Share, agency_id

__all__ = ["agency_id", "ancestors", "descendants", "active_shares_to"]


def descendants(agency: str, agencies: Mapping[str, Agency]) -> set[str]:
    """Every agency below `agency` (children, their children, ...), not itself."""
    children: dict[str, list[str]] = {}
    for other in agencies.values():
        if other.parent:
            children.setdefault(other.parent, []).append(other.id)
    found: set[str] = set()
    stack = list(children.get(agency, ()))
    while stack:
        node = stack.pop()
        if node not in found:
            found.add(node)
            stack.extend(children.get(node, ()))
    return found


def ancestors(agency: str, agencies: Mapping[str, Agency]) -> list[str]:
    """The agencies above `agency`, nearest first; a cycle in the parents ends the walk."""
    chain: list[str] = []
    node = agencies.get(agency)
    while node is not None and node.parent and node.parent not in chain:
        chain.append(node.parent)
        node = agencies.get(node.parent)
    return chain


def active_shares_to(agency: str, shares: Iterable[Share]) -> list[Share]:
    """The sharing rules in force that give `agency` something."""
    return [s for s in shares if s.active and s.target == agency]
