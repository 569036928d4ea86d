"""Work split into parts: each part writes its own slice of a file and of the truth.

Parts are cut by record counts fixed by the world size, never by the number of processes,
so a world is byte-identical whether its parts run in one process or in several. Part files
live in a hidden directory until `generate` joins them in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from kadiyan.scenario.truth import TruthWriter

PARTS_DIR = ".parts"


@dataclass(frozen=True, slots=True)
class Part:
    """One unit of work: records `start .. start+count-1` of a stage."""

    stage: str  # photos | ads | cases | bookings | calls | missing
    index: int
    start: int = 0
    count: int = 0
    extra: tuple = ()  # what else this stage's part needs (image quota, row offsets...)


@dataclass(slots=True)
class PartResult:
    """What a part wrote: records per output file and image files."""

    stage: str
    index: int
    counts: dict[str, int] = field(default_factory=dict)
    images: list[str] = field(default_factory=list)


def part_path(out: Path, file: str, index: int) -> Path:
    """Where part `index` of an output file is written."""
    return out / PARTS_DIR / f"{file}.{index:05d}"


def truth_part_path(out: Path, stage: str, index: int) -> Path:
    """Where part `index` of a stage's truth lines is written."""
    return out / PARTS_DIR / f"truth.{stage}.{index:05d}"


class PartFiles:
    """Open part files of one part, closed together; `truth` collects its truth lines."""

    def __init__(self, out: Path, part: Part) -> None:
        self.out = out
        self.part = part
        self._handles: list[IO] = []
        self.truth = TruthWriter(self._open(truth_part_path(out, part.stage, part.index)))

    def _open(self, path: Path) -> IO[bytes]:
        fh = open(path, "wb", buffering=1 << 20)
        self._handles.append(fh)
        return fh

    def data(self, file: str) -> IO[bytes]:
        """The binary handle of this part's slice of `file`."""
        return self._open(part_path(self.out, file, self.part.index))

    def text(self, file: str) -> IO[str]:
        """A UTF-8 text handle (for the csv module) on this part's slice of `file`."""
        fh = open(
            part_path(self.out, file, self.part.index),
            "w",
            encoding="utf-8",
            newline="",
            buffering=1 << 20,
        )
        self._handles.append(fh)  # type: ignore[arg-type]
        return fh

    def __enter__(self) -> PartFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        for fh in self._handles:
            fh.close()


def chunks(total: int, size: int) -> list[tuple[int, int]]:
    """(start, count) slices of 1..total, `size` records each (the last may be shorter)."""
    return [(start, min(size, total - start + 1)) for start in range(1, total + 1, size)]
