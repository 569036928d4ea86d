"""The photo index on reposted copies among a million photos, against brute force.

Source photos are a generated world's distinct base photos (the first file of each, from
`truth.jsonl`) or, without a world, pictures rendered by `kadiyan.scenario.images`. Each gets
one perturbed copy per kind: resized 50-150%, re-encoded at JPEG quality 30-90, cropped by
up to 10% of each side's length at a random place, captioned with a phone number or a
watermark, the same on a dark band across the picture, and all of these at once. With a
world, its own reposted copies count as one more kind. Everything is hashed as the pipeline
hashes it: PDQ, and the PDQ hashes of the crops in `kadiyan.extract.images.CROPS`.

Recall is the share of (copy, source) pairs the index finds at the radius when every real
photo asks with its hash and probes; precision the share of found pairs of real photos
whose two photos share a source (a pair with a distractor or between two sources is false).
`pdq_only` scores the same photos by their own PDQ hashes alone, as before crops. Speed:
every real photo plus `distractors` random photos (a random hash and random crops each) in
one index; per-query times, the index's build time and memory, and `brute_queries` of the
same queries by numpy brute force (XOR and popcount over every stored hash) in the same run,
whose answers must equal the index's. `pairs` times `PhotoIndex.pairs` over the real photos
and `pair_distractors` random ones, and checks that its pairs of real photos are the pairs
the queries found.

Run: `python -m kadiyan.bench.photos [--world DIR] [--distractors N]` prints JSON.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from kadiyan.bench.memory import PeakMemory
from kadiyan.extract.images import CROPS, MATCH_DISTANCE, hamming, hash_image_bytes, probes_of
from kadiyan.resolve.photos import PhotoIndex, parse_hashes
from kadiyan.scenario.images import base_photo

KINDS = ("resize", "jpeg", "crop", "overlay", "banner", "combined")
WORLD_KIND = "world"  # the generated world's own reposts of a base photo
WATERMARKS = ("VIP escorts", "call now", "hot-girls.in", "100% real", "Delhi NCR")
CROP_BINS = (0.0, 0.02, 0.04, 0.06, 0.08, 0.10)  # bins of the share cut from a side


@dataclass(frozen=True, slots=True)
class Photo:
    """A hashed real photo: a source (kind "source") or a copy of one."""

    key: str
    source: int  # index of the source photo it shows
    kind: str
    crop: float  # share of each side's length cut away (0 when not cropped)
    hash: str
    crops: tuple[str, ...]  # hashes of its CROPS

    @property
    def probes(self) -> list[str]:
        return probes_of(self.crops)


def run_photos(
    world_dir: Path | None,
    *,
    distractors: int = 1_000_000,
    queries: int = 1000,
    brute_queries: int = 100,
    pair_distractors: int = 100_000,
    seed: int = 0,
    rendered: int = 300,
    radius: int = MATCH_DISTANCE,
) -> dict[str, Any]:
    """Recall, precision and speed of `PhotoIndex`; `rendered` sources when no world."""
    started, load = time.perf_counter(), round(os.getloadavg()[0], 2)
    with PeakMemory() as peak:
        rng = random.Random(seed)
        images, files, world_copies = _sources(world_dir, rendered, seed)
        photos = [_photo(f"s{i}", i, "source", 0.0, blob) for i, blob in enumerate(files)]
        for i, image in enumerate(images):
            for kind in KINDS:
                blob, crop = perturb(image, kind, rng)
                photos.append(_photo(f"c{i}-{kind}", i, kind, crop, blob))
        for source, path in world_copies:
            photos.append(_photo(f"w:{path.name}", source, WORLD_KIND, 0.0, path.read_bytes()))

        result: dict[str, Any] = {
            "radius": radius,
            "crops": len(CROPS),
            "probes": len(photos[0].probes),
            "sources": len(images),
            "copies": sum(p.kind != "source" for p in photos),
            "sources_from": str(world_dir) if world_dir else f"{rendered} rendered",
            "source_distances": _source_distances(photos),
            "hashing_ms": _hashing_ms(files[:50]),
        }
        index, build_s = _build(photos, distractors, seed, radius)
        result |= score(index, photos, radius)
        result["pdq_only"] = _pdq_only(photos, radius)
        copies = [p for p in photos if p.kind != "source"]
        asked = [copies[i % len(copies)] for i in range(queries)]
        result["index"] = {
            "photos": len(index), "rows": index.rows, "chunks": index.chunks,
            "build_s": round(build_s, 1), "memory_mib": round(index.nbytes / 2**20, 1),
        }
        result |= compare_with_brute_force(index, asked, brute_queries, radius)
        del index
        result["pairs"] = time_pairs(photos, pair_distractors, seed, radius, result["found"])
        del result["found"]
    result["peak_rss_mib"] = round(peak.peak_kib / 1024, 1)
    result["goals"] = {
        "recall>=0.95": result["recall"] >= 0.95,
        "precision>=0.99": result["precision"] >= 0.99,
        "p95_query<=10ms": result["query_ms"]["p95"] <= 10.0,
    }
    result["seconds"] = round(time.perf_counter() - started, 1)
    # Timings are wall clock: the machine's load says how much else was running.
    result["load_average"] = {"start": load, "end": round(os.getloadavg()[0], 2)}
    return result


# -- photos -------------------------------------------------------------------------------


def _photo(key: str, source: int, kind: str, crop: float, blob: bytes) -> Photo:
    hashed = hash_image_bytes(blob, crops=True)
    return Photo(key, source, kind, crop, hashed.hash, hashed.crops)


def _sources(
    world_dir: Path | None, rendered: int, seed: int
) -> tuple[list[Image.Image], list[bytes], list[tuple[int, Path]]]:
    """Source pictures, their files' bytes, and the world's other copies of each as
    (source index, file)."""
    if world_dir is None:
        seeds = random.Random(f"photos:{seed}").sample(range(1 << 40), rendered)
        images = [base_photo(s) for s in seeds]
        return images, [_jpeg(im, 92) for im in images], []
    families: dict[str, set[str]] = {}
    with (world_dir / "truth.jsonl").open() as fh:
        for line in fh:
            for image in json.loads(line).get("images") or []:
                families.setdefault(image["base_photo_id"], set()).add(image["path"])
    images: list[Image.Image] = []
    files: list[bytes] = []
    copies: list[tuple[int, Path]] = []
    for base in sorted(families):
        first, *rest = sorted(families[base])  # the first file of a family is the original
        files.append((world_dir / first).read_bytes())
        with Image.open(io.BytesIO(files[-1])) as image:
            images.append(image.convert("RGB"))
        copies += [(len(images) - 1, world_dir / p) for p in rest]
    return images, files, copies


def perturb(image: Image.Image, kind: str, rng: random.Random) -> tuple[bytes, float]:
    """JPEG bytes of a copy of one kind, and the share of each side it cut away."""
    crop, quality = 0.0, 90
    if kind in ("crop", "combined"):
        crop = rng.uniform(0.0, 0.10)
        image = _crop(image, crop, rng)
    if kind in ("resize", "combined"):
        scale = rng.uniform(0.5, 1.5)
        size = (max(32, round(image.width * scale)), max(32, round(image.height * scale)))
        image = image.resize(size, rng.choice(_RESAMPLING))
    if kind in ("overlay", "banner", "combined"):
        band = kind == "banner" or (kind == "combined" and rng.random() < 0.3)
        image = _caption(image, rng, band)
    if kind in ("jpeg", "combined"):
        quality = rng.randint(30, 90)
    return _jpeg(image, quality), crop


_RESAMPLING = (Image.Resampling.BILINEAR, Image.Resampling.BICUBIC, Image.Resampling.LANCZOS)


def _crop(image: Image.Image, share: float, rng: random.Random) -> Image.Image:
    """Cut `share` of the width and of the height, split at random between the two sides."""
    dx, dy = round(image.width * share), round(image.height * share)
    left, top = rng.randint(0, dx), rng.randint(0, dy)
    return image.crop((left, top, image.width - (dx - left), image.height - (dy - top)))


def _caption(image: Image.Image, rng: random.Random, band: bool) -> Image.Image:
    """A phone number or a watermark written on the picture, on a dark band if `band`."""
    image = image.copy()
    draw = ImageDraw.Draw(image)
    if rng.random() < 0.5:
        text = f"+91 {rng.randint(60000, 99999)} {rng.randint(10000, 99999)}"
    else:
        text = rng.choice(WATERMARKS)
    font = ImageFont.load_default(size=max(10, round(image.height * rng.uniform(0.06, 0.11))))
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x = rng.randint(0, max(0, image.width - (right - left)))
    y = rng.randint(0, max(0, image.height - (bottom - top) - 4))
    if band:
        draw.rectangle((0, y - 2, image.width, y + bottom + 4), fill=(0, 0, 0))
    colour = rng.choice([(255, 255, 255), (255, 230, 0), (230, 20, 60), (20, 20, 20)])
    draw.text((x, y), text, fill=colour, font=font)
    return image


def _jpeg(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def _hashing_ms(files: list[bytes]) -> dict[str, float]:
    """Milliseconds to hash a file (decode included), alone and with its crops."""
    timings = {}
    for name, crops in (("pdq", False), ("pdq_and_crops", True)):
        start = time.perf_counter()
        for blob in files:
            hash_image_bytes(blob, crops=crops)
        timings[name] = round((time.perf_counter() - start) / max(1, len(files)) * 1000, 2)
    return timings


def random_hashes(count: int, seed: int) -> list[str]:
    """`count` uniformly random 256-bit hashes as 64 hex digits each."""
    digits = random_words(count, seed).astype(">u8").tobytes().hex()
    return [digits[i : i + 64] for i in range(0, len(digits), 64)]


def random_words(count: int, seed: int) -> np.ndarray:
    """`count` uniformly random 256-bit hashes as rows of four uint64 words."""
    return np.random.default_rng(seed).integers(
        0, np.iinfo(np.uint64).max, size=(count, 4), dtype=np.uint64, endpoint=True
    )


# -- scores -------------------------------------------------------------------------------


def score(index: PhotoIndex, photos: list[Photo], radius: int) -> dict[str, Any]:
    """Recall and precision of what the index finds when every real photo asks."""
    found: dict[tuple[str, str], int] = {}
    for photo in photos:
        for key, distance in index.query(photo.hash, photo.probes, radius=radius):
            if key != photo.key:
                pair = _pair(key, photo.key)
                found[pair] = min(distance, found.get(pair, distance))
    return _scores(photos, found) | {"found": found}


def _pdq_only(photos: list[Photo], radius: int) -> dict[str, Any]:
    """The same scores by the photos' own PDQ hashes alone (no crops, no probes)."""
    index = PhotoIndex(radius)
    index.add_many((p.key, p.hash) for p in photos)
    found = {_pair(a, b): d for a, b, d in index.pairs()}
    scores = _scores(photos, found)
    return {
        "recall": scores["recall"],
        "precision": scores["precision"],
        "recall_by_kind": {k: v["recall"] for k, v in scores["by_kind"].items()},
    }


def _scores(photos: list[Photo], found: dict[tuple[str, str], int]) -> dict[str, Any]:
    by_key = {p.key: p for p in photos}
    true = {pair for pair in found if _same_source(by_key, *pair)}
    sources = {p.source: p for p in photos if p.kind == "source"}
    copies = [p for p in photos if p.kind != "source"]
    hit = {p.key: _pair(p.key, sources[p.source].key) in found for p in copies}
    distance = {p.key: hamming(p.hash, sources[p.source].hash) for p in copies}
    false_by_kind: Counter[str] = Counter()
    for pair in set(found) - true:
        for key in pair:
            if key in by_key:
                false_by_kind[by_key[key].kind] += 1
    by_kind = {}
    for kind in (*KINDS, WORLD_KIND):
        mine = [p.key for p in photos if p.kind == kind]
        if not mine:
            continue
        ds = np.array([distance[k] for k in mine])
        matched = [found[_pair(k, sources[by_key[k].source].key)] for k in mine if hit[k]]
        by_kind[kind] = {
            "copies": len(mine),
            "recall": round(sum(hit[k] for k in mine) / len(mine), 4),
            "false_pairs": false_by_kind[kind],
            "pdq_distance_p50": float(np.percentile(ds, 50)),
            "pdq_distance_p90": float(np.percentile(ds, 90)),
            "matched_distance_p50": float(np.median(matched)) if matched else None,
        }
    return {
        "recall": round(sum(hit.values()) / max(1, len(hit)), 4),
        "precision": round(len(true) / len(found), 4) if found else 1.0,
        "found_pairs": len(found),
        "false_pairs": len(found) - len(true),
        "distractor_pairs": sum(1 for a, b in found if a not in by_key or b not in by_key),
        "by_kind": by_kind,
        "recall_by_crop": _by_crop(photos, hit, distance),
    }


def _same_source(by_key: dict[str, Photo], a: str, b: str) -> bool:
    return a in by_key and b in by_key and by_key[a].source == by_key[b].source


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _by_crop(
    photos: list[Photo], hit: dict[str, bool], distance: dict[str, int]
) -> dict[str, dict[str, float]]:
    """Recall of the cropped kinds by how much was cut: PDQ's weak spot."""
    bins: dict[str, dict[str, float]] = {}
    for low, high in zip(CROP_BINS, CROP_BINS[1:], strict=False):
        mine = [p.key for p in photos if p.kind in ("crop", "combined") and low <= p.crop < high]
        if mine:
            bins[f"{low:.0%}-{high:.0%}"] = {
                "copies": len(mine),
                "recall": round(sum(hit[k] for k in mine) / len(mine), 4),
                "pdq_distance_p50": float(np.median([distance[k] for k in mine])),
            }
    return bins


def _source_distances(photos: list[Photo]) -> dict[str, float]:
    """How far apart distinct source photos hash: what precision rests on."""
    words = parse_hashes([p.hash for p in photos if p.kind == "source"])
    distances = [
        np.bitwise_count(words[i + 1 :] ^ words[i]).sum(axis=1) for i in range(len(words) - 1)
    ]
    if not distances:
        return {}
    every = np.concatenate(distances)
    return {
        "min": int(every.min()),
        "p0.1": float(np.percentile(every, 0.1)),
        "p1": float(np.percentile(every, 1)),
        "median": float(np.median(every)),
        "within_radius": int((every <= MATCH_DISTANCE).sum()),
    }


# -- speed --------------------------------------------------------------------------------


def _build(
    photos: list[Photo], distractors: int, seed: int, radius: int
) -> tuple[PhotoIndex, float]:
    """The index of random photos (a hash and random crops each) and the real ones, and the
    seconds it took to build."""
    hashes, crops = _random_photos(distractors, seed)
    start = time.perf_counter()
    index = PhotoIndex(radius)
    index.add_arrays([f"d{i}" for i in range(distractors)], hashes, crops)
    index.add_many((p.key, p.hash, p.crops) for p in photos)
    index.reindex()
    return index, time.perf_counter() - start


def _random_photos(count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rows = random_words(count * (1 + len(CROPS)), seed).reshape(count, 1 + len(CROPS), 4)
    return rows[:, 0], rows[:, 1:]


def brute_force(columns: np.ndarray, owners: np.ndarray, keys: list[str], photo: Photo,
                radius: int) -> list[tuple[str, int]]:
    """The photos with a stored hash within the radius of the photo's hash or probes, at
    the nearest distance, nearest first, by XOR and popcount over every stored hash.

    `columns` is the (4, n) array of every stored hash's uint64 words, one column per hash:
    word by word over contiguous memory, the fastest plain numpy scan. `owners` gives the
    photo (index into `keys`) of each column.
    """
    best = np.full(columns.shape[1], 1 << 14, dtype=np.int16)
    for query in parse_hashes([photo.hash, *photo.probes]):
        distances = np.bitwise_count(columns[0] ^ query[0]).astype(np.int16)
        for j in range(1, 4):
            distances += np.bitwise_count(columns[j] ^ query[j])
        np.minimum(best, distances, out=best)
    (rows,) = np.nonzero(best <= radius)
    nearest: dict[int, int] = {}
    for owner, d in zip(owners[rows].tolist(), best[rows].tolist(), strict=True):
        nearest[owner] = min(d, nearest.get(owner, d))
    ranked = sorted(nearest.items(), key=lambda item: (item[1], item[0]))
    return [(keys[owner], d) for owner, d in ranked]


def compare_with_brute_force(
    index: PhotoIndex, asked: list[Photo], brute_queries: int, radius: int
) -> dict[str, Any]:
    """Per-query times of the index and, on the first `brute_queries`, of brute force; how
    often their answers differ."""
    ours, our_seconds = _timed(lambda p: index.query(p.hash, p.probes, radius=radius), asked)
    columns, owners, keys = index.columns()
    checked = asked[:brute_queries]
    theirs, their_seconds = _timed(
        lambda p: brute_force(columns, owners, keys, p, radius), checked
    )
    quick, plain = _percentiles(our_seconds), _percentiles(their_seconds)
    return {
        "queries": len(asked),
        "query_ms": quick,
        "brute_force_queries": len(checked),
        "brute_force_ms": plain,
        "speedup_p50": round(plain["p50"] / quick["p50"], 1),
        "speedup_p95": round(plain["p95"] / quick["p95"], 1),
        "mismatches": sum(a != b for a, b in zip(ours, theirs, strict=False)),
    }


def time_pairs(photos: list[Photo], distractors: int, seed: int, radius: int,
               found: dict[tuple[str, str], int]) -> dict[str, Any]:
    """Seconds `pairs` takes over the real photos and `distractors` random ones, and whether
    its pairs of real photos are those the queries found, at the same distances."""
    hashes, crops = _random_photos(distractors, seed + 1)
    index = PhotoIndex(radius)
    index.add_arrays([f"d{i}" for i in range(distractors)], hashes, crops)
    index.add_many((p.key, p.hash, p.crops) for p in photos)
    start = time.perf_counter()
    pairs = {_pair(a, b): d for a, b, d in index.pairs()}
    seconds = time.perf_counter() - start
    real = {pair: d for pair, d in pairs.items() if not any(k.startswith("d") for k in pair)}
    return {
        "photos": len(index),
        "rows": index.rows,
        "seconds": round(seconds, 1),
        "pairs": len(pairs),
        "equal_to_queries": real == found,
    }


def _timed(find: Callable[[Any], list], asked: list[Any]) -> tuple[list[list], list[float]]:
    answers, seconds = [], []
    for item in asked:
        start = time.perf_counter()
        answers.append(find(item))
        seconds.append(time.perf_counter() - start)
    return answers, seconds


def _percentiles(seconds: list[float]) -> dict[str, float]:
    if not seconds:
        return {"p50": float("nan"), "p95": float("nan"), "p99": float("nan"), "mean": float("nan")}
    ms = np.array(seconds) * 1000
    return {f"p{q}": round(float(np.percentile(ms, q)), 3) for q in (50, 95, 99)} | {
        "mean": round(float(ms.mean()), 3)
    }


def main(
    argv: list[str] | None = None, prog: str = "python -m kadiyan.bench.photos"
) -> None:
    """Run the benchmark and print its figures as JSON."""
    parser = argparse.ArgumentParser(prog=prog, description=__doc__)
    parser.add_argument("--world", type=Path, help="a generated world (default: rendered)")
    parser.add_argument("--distractors", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--brute-queries", type=int, default=100)
    parser.add_argument("--pair-distractors", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rendered", type=int, default=300, help="sources without a world")
    args = parser.parse_args(argv)
    result = run_photos(
        args.world,
        distractors=args.distractors,
        queries=args.queries,
        brute_queries=args.brute_queries,
        pair_distractors=args.pair_distractors,
        seed=args.seed,
        rendered=args.rendered,
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
