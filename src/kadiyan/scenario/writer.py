"""Write a whole synthetic world into a directory: the input files, the photos, the truth.

The world (operations, persons, rescues) is drawn first and is small. The files are then
written in parts (see `parts.py`), in worker processes when the world is big, and the parts
are joined in a fixed order, so the bytes never depend on how the work was scheduled.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from kadiyan.scenario.ads import FILE as ADS_FILE
from kadiyan.scenario.ads import ad_parts, write_ads_part
from kadiyan.scenario.bookings import FILE as BOOKINGS_FILE
from kadiyan.scenario.bookings import HEADER as BOOKINGS_HEADER
from kadiyan.scenario.bookings import booking_parts, write_bookings_part
from kadiyan.scenario.calls import FORMATS, call_parts, write_calls_part
from kadiyan.scenario.cases import FILE as CASES_FILE
from kadiyan.scenario.cases import write_cases_part
from kadiyan.scenario.images import PhotoFamily, PhotoPlan, plan_photos, render_families
from kadiyan.scenario.missing import FILE as MISSING_FILE
from kadiyan.scenario.missing import HEADER as MISSING_HEADER
from kadiyan.scenario.missing import write_missing_part
from kadiyan.scenario.parts import PARTS_DIR, Part, PartResult, part_path, truth_part_path
from kadiyan.scenario.sizes import size_named
from kadiyan.scenario.world import World, build_world, world_json

Progress = Callable[[str, int, int], None]
PHOTO_BATCH = 48  # photo families per part
# Stages in the order their records appear in `truth.jsonl`.
TRUTH_ORDER = ("ads", "cases", "bookings", "calls", "missing")
DATA_FILES = (
    ADS_FILE,
    CASES_FILE,
    BOOKINGS_FILE,
    *(f["file"] for f in FORMATS.values()),
    MISSING_FILE,
    "truth.jsonl",
)


@dataclass(frozen=True)
class WorldSummary:
    """What `generate` wrote: records per file and every file's path relative to `out`."""

    size: str
    seed: int
    out: Path
    counts: dict[str, int]  # file name -> records (rows or lines); "images" -> image files
    files: list[str] = field(default_factory=list)
    operations: int = 0
    persons: int = 0  # persons of the world (operations, victims, families, officials)


@dataclass
class _Job:
    """Everything a worker needs; set before the pool forks so nothing big is pickled."""

    world: World
    photos: PhotoPlan
    out: Path


_JOB: _Job | None = None


def _run(part: Part) -> PartResult:
    """Run one part (in a worker process or in this one)."""
    job = _JOB
    assert job is not None
    if part.stage == "photos":
        families: tuple[PhotoFamily, ...] = part.extra
        return PartResult(
            "photos", part.index, images=render_families(list(families), str(job.out))
        )
    if part.stage == "ads":
        return write_ads_part(job.world, part, job.photos.by_operation, job.out)
    if part.stage == "cases":
        return write_cases_part(job.world, part, job.out)
    if part.stage == "bookings":
        return write_bookings_part(job.world, part, job.out)
    if part.stage == "calls":
        return write_calls_part(job.world, part, job.out)
    return write_missing_part(job.world, part, job.out)


def _parts(world: World, photos: PhotoPlan) -> list[Part]:
    """All the work, longest parts first so workers finish together."""
    fams = photos.families
    photo_parts = [
        Part("photos", i, extra=tuple(fams[j : j + PHOTO_BATCH]))
        for i, j in enumerate(range(0, len(fams), PHOTO_BATCH))
    ]
    text = [
        *ad_parts(world, photos.noise_budget, photos.next_file, photos.next_base),
        *call_parts(world),
        *booking_parts(world),
        Part("cases", 0),
        Part("missing", 0),
    ]
    # Interleave photos with text so both kinds of work overlap in time.
    out: list[Part] = []
    for i in range(max(len(photo_parts), len(text))):
        out += text[i : i + 1] + photo_parts[i : i + 1]
    return out


def _workers(requested: int | None, world: World) -> int:
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # workers inherit the world by forking; elsewhere run in one process
    if requested is not None:
        return max(1, requested)
    if world.size.ads < 20_000:
        return 1  # starting processes costs more than it saves on small worlds
    return max(1, min(4, os.cpu_count() or 1))


def _execute(
    parts: list[Part], workers: int, report: Callable[[PartResult], None]
) -> list[PartResult]:
    if workers == 1:
        results = []
        for p in parts:
            results.append(_run(p))
            report(results[-1])
        return results
    results = []
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("fork")
    ) as pool:
        pending: set[Future[PartResult]] = {pool.submit(_run, p) for p in parts}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                results.append(f.result())
                report(results[-1])
    return results


def _join(out: Path, file: str, indices: list[int], header: tuple[str, ...] | None) -> None:
    """Concatenate a file's parts, in order, under its header."""
    with open(out / file, "wb") as dst:
        if header is not None:
            dst.write((",".join(header) + "\n").encode("utf-8"))
        for i in sorted(indices):
            src = part_path(out, file, i)
            with open(src, "rb") as fh:
                shutil.copyfileobj(fh, dst, 1 << 20)
            src.unlink()


def _join_truth(out: Path, by_stage: dict[str, list[int]]) -> None:
    with open(out / "truth.jsonl", "wb") as dst:
        for stage in TRUTH_ORDER:
            for i in sorted(by_stage.get(stage, [])):
                src = truth_part_path(out, stage, i)
                with open(src, "rb") as fh:
                    shutil.copyfileobj(fh, dst, 1 << 20)
                src.unlink()


def generate(
    size: str, seed: int, out: Path, progress: Progress | None = None, *, workers: int | None = None
) -> WorldSummary:
    """Generate the world `size` from `seed` into `out`; same size and seed, same bytes.

    Writes `ads.jsonl`, `images/*.jpg`, `cases.jsonl`, `bookings.csv`, the call detail
    records `calls.csv`, `calls_jio.csv` and `calls_vi.csv`, `missing.csv`, the ground truth
    `truth.jsonl` and `world.json`. `progress(stage, done, total)` is called as work goes on
    (stages: world, ads, cases, bookings, calls, missing, images). `workers` overrides the
    number of processes (default: one for small worlds, up to four for big ones); it never
    changes the output.
    """
    global _JOB
    spec = size_named(size)
    report = progress or (lambda stage, done, total: None)
    out = Path(out)
    (out / "images").mkdir(parents=True, exist_ok=True)
    (out / PARTS_DIR).mkdir(exist_ok=True)

    world = build_world(spec, seed)
    report("world", 1, 1)
    photos = plan_photos(world.operations, spec.images, seed)
    totals = {
        "ads": spec.ads,
        "cases": len(world.cases),
        "bookings": spec.bookings,
        "calls": spec.calls,
        "missing": spec.missing,
        "images": sum(len(f.paths) for f in photos.families),
    }
    # The world's objects live as long as the run: keep the garbage collector off them.
    gc.freeze()
    _JOB = _Job(world, photos, out)
    try:
        results = _execute(
            _parts(world, photos), _workers(workers, world), _counter(report, totals)
        )
        counts, images = _assemble(out, results)
    finally:
        _JOB = None
        gc.unfreeze()
        shutil.rmtree(out / PARTS_DIR, ignore_errors=True)
    (out / "world.json").write_bytes(orjson.dumps(world_json(world), option=orjson.OPT_INDENT_2))
    files = [*DATA_FILES, "world.json", *sorted(images)]
    return WorldSummary(size, seed, out, counts, files, len(world.operations), len(world.persons))


def _counter(report: Progress, totals: dict[str, int]) -> Callable[[PartResult], None]:
    """Turns finished parts into progress calls, per stage."""
    done = dict.fromkeys(totals, 0)

    def on_result(r: PartResult) -> None:
        if r.stage == "photos":
            stage, n = "images", len(r.images)
        else:
            stage, n = r.stage, sum(r.counts.values())
        done[stage] += n
        report(stage, done[stage], totals[stage])

    return on_result


def _assemble(out: Path, results: list[PartResult]) -> tuple[dict[str, int], list[str]]:
    """Join the parts into the final files; records per file and the image paths written."""
    counts = dict.fromkeys(DATA_FILES, 0)
    by_stage: dict[str, list[int]] = {}
    images: list[str] = []
    for r in results:
        by_stage.setdefault(r.stage, []).append(r.index)
        images += r.images
        for file, n in r.counts.items():
            counts[file] += n
    _join(out, ADS_FILE, by_stage["ads"], None)
    _join(out, CASES_FILE, by_stage["cases"], None)
    _join(out, BOOKINGS_FILE, by_stage["bookings"], BOOKINGS_HEADER)
    for fmt in FORMATS.values():
        _join(out, fmt["file"], by_stage["calls"], fmt["header"])
    _join(out, MISSING_FILE, by_stage["missing"], MISSING_HEADER)
    _join_truth(out, by_stage)
    counts["truth.jsonl"] = sum(counts.values())
    counts["images"] = len(images)
    return counts, images
