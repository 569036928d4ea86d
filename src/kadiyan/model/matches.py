"""Scored pairs and analysts' judgements: why two members are, or are not, one entity."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Verdict(StrEnum):
    SAME = "same"
    DIFFERENT = "different"


@dataclass(frozen=True, slots=True)
class Reason:
    """One comparison of a scored pair: what it found and how much it weighed (bits)."""

    comparison: str  # name, father, birth year, phones, home
    level: str  # in words: "same name", "born within 3 years of each other"
    weight: float  # log2 Bayes factor; negative counts against the match


@dataclass(frozen=True, slots=True)
class ScoredPair:
    """Two members compared by a model, with the total weight and the reasons for it."""

    a: str
    b: str
    weight: float
    probability: float
    reasons: tuple[Reason, ...] = ()

    def explain(self) -> str:
        """The reasons in words, strongest first: `same name (+9.1), phones shared (+6.0)`."""
        ranked = sorted(self.reasons, key=lambda r: -abs(r.weight))
        return ", ".join(f"{r.level} ({r.weight:+.1f})" for r in ranked)


@dataclass(frozen=True, slots=True)
class Judgement:
    """An analyst's "same" or "different" on two members or entities, with who and why.

    An undone judgement keeps its row, stamped with when and by whom, and no longer binds.
    """

    id: int
    kind: str  # person, operation
    a: str
    b: str
    verdict: Verdict
    who: str
    why: str
    at: str
    undone_at: str | None = None
    undone_by: str | None = None

    @property
    def active(self) -> bool:
        return self.undone_at is None


@dataclass(frozen=True, slots=True)
class IdentityEvent:
    """A birth, merge or split of a person or an operation, with its cause."""

    kind: str  # person, operation
    event: str  # new, merge, split
    entity_id: str
    other_id: str | None
    cause: str
