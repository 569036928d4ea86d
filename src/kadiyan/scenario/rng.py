"""Seeded random streams, dates and small sampling helpers shared by the generators."""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TypeVar

T = TypeVar("T")

# The world's calendar: day 0 is 2023-01-01. Cases straddle 2024-07-01 so both the old (IPC)
# and the new (BNS) criminal codes appear.
EPOCH = date(2023, 1, 1)
LAST_DAY = (date(2025, 9, 30) - EPOCH).days
BNS_DAY = (date(2024, 7, 1) - EPOCH).days


def substream(seed: int, label: str) -> random.Random:
    """An independent random stream for one part of the world.

    Seeding with a string hashes it (SHA-512), so streams are stable across runs and Python
    processes and one file's generator never shifts another's.
    """
    return random.Random(f"kadiyan:{seed}:{label}")


def day_to_date(day: int) -> date:
    """Calendar date of a world day number."""
    return EPOCH + timedelta(days=day)


_ISO_DAYS = tuple((EPOCH + timedelta(days=d)).isoformat() for d in range(LAST_DAY + 400))


def iso_day(day: int) -> str:
    """`2025-03-14` for a world day number."""
    if 0 <= day < len(_ISO_DAYS):
        return _ISO_DAYS[day]
    return (EPOCH + timedelta(days=day)).isoformat()


class Weighted:
    """Fast repeated weighted choice over a fixed sequence (cumulative weights + bisect)."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random):  # noqa: ANN201 - returns an item of the sequence
        """One item, drawn in proportion to its weight."""
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


def pick_weighted(rng: random.Random, weights: dict[str, float]) -> str:
    """One key of a small dict of weights."""
    r = rng.random() * sum(weights.values())
    for key, w in weights.items():
        r -= w
        if r < 0:
            return key
    return key


def allocate(total: int, weights: Sequence[float]) -> list[int]:
    """Split an integer total in proportion to weights, exactly (largest remainder)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    counts = [int(x) for x in raw]
    short = total - sum(counts)
    order = sorted(range(len(raw)), key=lambda i: (counts[i] - raw[i], i))
    for i in order[:short]:
        counts[i] += 1
    return counts


# `random.Random.randint` and `.choice` cost about a microsecond each in pure Python; the
# writers draw tens of millions of values, so the hot paths use these instead.
def rint(rng: random.Random, a: int, b: int) -> int:
    """A uniform integer in [a, b], like `rng.randint` but faster."""
    return a + int(rng.random() * (b - a + 1))


def rchoice(rng: random.Random, seq: Sequence[T]) -> T:
    """A uniform element of a non-empty sequence, like `rng.choice` but faster."""
    return seq[int(rng.random() * len(seq))]
