"""Charts drawn on the server as SVG: no script, readable without one."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT, GAP = 640, 120, 2


@dataclass(frozen=True)
class Bar:
    """One bar of a chart, in SVG user units, with what it stands for."""

    x: float
    y: float
    width: float
    height: float
    label: str
    value: int


@dataclass(frozen=True)
class BarChart:
    """Bars in a WIDTH × HEIGHT box, and the labels of the first and last bar."""

    bars: list[Bar]
    width: int
    height: int
    first: str
    last: str
    peak: int


def activity_bars(counts: list[tuple[str, int]]) -> BarChart:
    """Bars for (label, count) pairs in order, scaled to the largest count."""
    if not counts:
        return BarChart([], WIDTH, HEIGHT, "", "", 0)
    peak = max(n for _, n in counts) or 1
    step = WIDTH / len(counts)
    bars = [
        Bar(x=round(i * step, 2), y=round(HEIGHT - HEIGHT * n / peak, 2),
            width=round(max(step - GAP, 1), 2), height=round(HEIGHT * n / peak, 2),
            label=label, value=n)
        for i, (label, n) in enumerate(counts)
    ]
    return BarChart(bars, WIDTH, HEIGHT, counts[0][0], counts[-1][0], peak)
