"""`kadiyan bench ingest`: ads ingested, extracted and linked per second on SQLite.

The baseline in the same run is `phonenumbers.PhoneNumberMatcher` alone over the same
texts, on the same number of processes, so the ratio survives a noisy machine.
"""

from __future__ import annotations

import os
import resource
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import orjson
import phonenumbers

from kadiyan.bench.memory import PeakMemory
from kadiyan.ingest.pipeline import ingest_file
from kadiyan.resolve import resolve_record
from kadiyan.store import Batch, Store, open_store


@dataclass
class IngestBench:
    """The figures of one run."""

    size: str
    ads: int
    seconds: float
    write_seconds: float  # of `seconds`, spent writing to the store (the rest: waiting on workers)
    # CPU spent by the ingesting process (reading, unpickling, writing) and by its workers
    # (parsing, extracting, resolving), in microseconds per ad: on two cores, 10,000 ads a
    # second leaves 200 for both together.
    main_cpu_us_per_ad: float
    workers_cpu_us_per_ad: float
    ads_per_second: float
    peak_mib: float
    stored: int
    links: int
    phone_entities: int
    matcher_seconds: float
    matcher_texts_per_second: float
    workers: int
    profile: str  # how ad texts were read: `ad` (in full) or `identifiers` only


class TimedStore(Store):
    """A store that adds up the time its writes take."""

    write_seconds = 0.0

    def write(self, batch: Batch) -> int:
        """Write and time the batch."""
        start = time.perf_counter()
        try:
            return super().write(batch)
        finally:
            self.write_seconds += time.perf_counter() - start


def world_for(size: str, seed: int, root: Path) -> Path:
    """A generated world, reused when an identical one is already on disk."""
    from kadiyan.scenario import generate

    world = root / f"world-{size}-{seed}"
    done = world / ".complete"
    if not done.exists():
        generate(size, seed, world)
        done.write_text("ok")
    return world


def run(
    size: str, seed: int, root: Path, matcher_limit: int | None = None,
    profile: str | None = None,
) -> IngestBench:
    """Ingest the world's ads into a fresh SQLite store and time it against the matcher."""
    world = world_for(size, seed, root)
    ads = world / "ads.jsonl"
    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(dir=root) as tmp:
        store = TimedStore(open_store(f"sqlite:///{tmp}/bench.sqlite").engine)
        with PeakMemory() as memory:
            start, (main_before, workers_before) = time.perf_counter(), _cpu_seconds()
            summary = ingest_file(
                store, "ads", ads, resolver=resolve_record, workers=workers, profile=profile
            )
            seconds = time.perf_counter() - start
            main_after, workers_after = _cpu_seconds()
        stats = store.stats()
        store.engine.dispose()
    texts = [orjson.loads(line)["text"] for line in ads.open("rb")]
    if matcher_limit:
        texts = texts[:matcher_limit]
    matcher_seconds = _time_matcher(texts, workers)
    return IngestBench(
        size=size, ads=summary.read, seconds=round(seconds, 2),
        write_seconds=round(store.write_seconds, 2),
        ads_per_second=round(summary.read / seconds),
        main_cpu_us_per_ad=round((main_after - main_before) / summary.read * 1e6, 1),
        workers_cpu_us_per_ad=round((workers_after - workers_before) / summary.read * 1e6, 1),
        peak_mib=round(memory.peak_mib), stored=summary.stored, links=stats["links"],
        phone_entities=stats["entities"].get("phone", 0),
        matcher_seconds=round(matcher_seconds, 2),
        matcher_texts_per_second=round(len(texts) / matcher_seconds), workers=workers,
        profile=profile or "ad",
    )


def _cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user and system) of this process, and of its children that have ended
    (a run's worker pool ends with the run)."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, children.ru_utime + children.ru_stime


def _match_all(texts: list[str]) -> int:
    return sum(1 for text in texts for _ in phonenumbers.PhoneNumberMatcher(text, "IN"))


def _time_matcher(texts: list[str], workers: int) -> float:
    step = max(1, len(texts) // (workers * 8))
    parts = [texts[i : i + step] for i in range(0, len(texts), step)]
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        sum(pool.map(_match_all, parts))
    return time.perf_counter() - start


def as_dict(result: IngestBench) -> dict:
    """The result as a plain dict for JSON output."""
    return asdict(result)
