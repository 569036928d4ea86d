"""How big each named world is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Size:
    """Target counts for one world size; files hit these counts exactly."""

    name: str
    operations: int
    ads: int
    cases: int
    bookings: int
    calls: int
    missing: int
    images: int  # upper bound on image files written


SIZES: dict[str, Size] = {
    s.name: s
    for s in (
        Size(
            "demo",
            operations=8,
            ads=400,
            cases=25,
            bookings=300,
            calls=2_000,
            missing=60,
            images=160,
        ),
        Size(
            "small",
            operations=40,
            ads=5_000,
            cases=150,
            bookings=2_000,
            calls=20_000,
            missing=400,
            images=1_200,
        ),
        Size(
            "medium",
            operations=250,
            ads=100_000,
            cases=1_500,
            bookings=40_000,
            calls=400_000,
            missing=4_000,
            images=6_000,
        ),
        Size(
            "large",
            operations=1_500,
            ads=1_000_000,
            cases=8_000,
            bookings=300_000,
            calls=2_000_000,
            missing=20_000,
            images=10_000,
        ),
    )
}


def size_named(name: str) -> Size:
    """The size called `name`, or a ValueError listing the valid names."""
    try:
        return SIZES[name]
    except KeyError:
        raise ValueError(f"unknown size {name!r}; choose one of {', '.join(SIZES)}") from None
