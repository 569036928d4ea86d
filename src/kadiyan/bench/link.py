"""`kadiyan bench link`: resolution scored against the synthetic world's truth.

Persons: every person mention the store holds is given the true person behind it (truth
lists, per record, each name as written and whose it is); pairwise precision, recall and
F1 are counted over mentions that truth names, for Kadiyan and, in the same run, for the
baseline that joins mentions whose normalised names are equal. Persons matched between
batch runs (`--incremental`) are scored beside a batch run over the same store.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import select

from kadiyan.bench.memory import PeakMemory
from kadiyan.engines import get_engine
from kadiyan.engines.link import run_link
from kadiyan.ingest.pipeline import ingest_file
from kadiyan.resolve import resolve_record
from kadiyan.resolve.persons import normalised_name
from kadiyan.store import Store, open_store, schema
from kadiyan.store.resolution import memberships, person_mentions

WORLD_FILES = (("ads", "ads.jsonl"), ("cases", "cases.jsonl"), ("bookings", "bookings.csv"),
               ("missing", "missing.csv"))


@dataclass
class PairScore:
    """Pairwise precision, recall and F1 of one clustering against truth."""

    precision: float
    recall: float
    f1: float
    predicted_pairs: int
    true_pairs: int


def pair_score(predicted: dict[str, str], truth: dict[str, str]) -> PairScore:
    """Score a member → cluster map against member → true id, over members truth knows."""
    members = [m for m in predicted if m in truth]
    got, want = _pairs(members, predicted), _pairs(members, truth)
    hit = len(got & want)
    p = hit / len(got) if got else 1.0
    r = hit / len(want) if want else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return PairScore(round(p, 4), round(r, 4), round(f1, 4), len(got), len(want))


def _pairs(members: Iterable[str], label: dict[str, str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for m in members:
        groups[label[m]].append(m)
    return {(a, b) if a < b else (b, a)
            for g in groups.values() for i, a in enumerate(g) for b in g[i + 1:]}


def ingest_world_quietly(store: Store, world: Path) -> None:
    """Ingest every file of a generated world, resolving identifiers as ingestion does."""
    for kind, name in WORLD_FILES:
        ingest_file(store, kind, world / name, resolver=resolve_record)
    for calls in sorted(world.glob("calls*.csv")):
        ingest_file(store, "calls", calls, resolver=resolve_record)


def person_truth(store: Store, world: Path) -> dict[str, str]:
    """Person mention (`RECORD_ID#SEQ`) → true person id, where truth names it."""
    names: dict[str, dict[str, str]] = {}
    with (world / "truth.jsonl").open("rb") as handle:
        for line in handle:
            row = orjson.loads(line)
            if row.get("names"):
                names[row["record_id"]] = {" ".join(n["name"].split()): n["person_id"]
                                           for n in row["names"]}
    m, r = schema.mentions, schema.records
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(r.c.id, r.c.source_id, m.c.seq, m.c.value)
            .join_from(m, r, r.c.seq == m.c.record_seq).where(m.c.kind == "person")
        ).all()
    found = {}
    for record_id, source_id, seq, value in rows:
        person = names.get(source_id, {}).get(value)
        if person:
            found[f"{record_id}#{seq}"] = person
    return found


def run_persons(store: Store, world: Path) -> dict[str, Any]:
    """Resolve persons in a store holding `world` and score them and the baseline."""
    engine = get_engine()
    with PeakMemory() as memory:
        started = time.perf_counter()
        report = run_link(store, engine, ("persons",))["persons"]
        seconds = time.perf_counter() - started
    truth = person_truth(store, world)
    kadiyan = pair_score(memberships(store, "person"), truth)
    baseline = pair_score({
        f"{rid}#{m['seq']}": normalised_name(m["value"])
        for rid, _, _, _, mentions in person_mentions(store)
        for m in mentions if m["kind"] == "person"
    }, truth)
    return {
        "mentions": report["mentions"], "labelled_mentions": len(truth),
        "persons": report["persons"], "seconds": round(seconds, 2),
        "peak_mib": round(memory.peak_mib, 1),
        "kadiyan": asdict(kadiyan), "exact_name_baseline": asdict(baseline),
    }


def run_operations(store: Store, world: Path) -> dict[str, Any]:
    """Find operations in a store holding `world` (persons resolved) and score them.

    A true operation "comes out as one community" when one community holds at least 90%
    of its records and at least 90% of that community's records are the operation's.
    Ads are also scored by the adjusted Rand index against truth (operations, then
    posters by shared phones or handles, then each ad alone; see `bench.templates`).
    """
    import numpy as np

    from kadiyan.bench.templates import pair_scores, read_truth

    engine = get_engine()
    with PeakMemory() as memory:
        started = time.perf_counter()
        photos = run_link(store, engine, ("photos",))["photos"]
        templates = run_link(store, engine, ("templates",))["templates"]
        report = run_link(store, engine, ("operations",))["operations"]
        seconds = time.perf_counter() - started
    found = memberships(store, "operation")
    truth = record_operations(store, world)
    members: dict[str, list[str]] = defaultdict(list)
    for record, op in truth.items():
        members[op].append(record)
    inside: dict[str, list[str]] = defaultdict(list)
    for record, community in found.items():
        inside[community].append(record)
    whole = 0
    for op, records in members.items():
        counts = Counter(found.get(r) for r in records)
        community, held = counts.most_common(1)[0]
        if community is None or held / len(records) < 0.9:
            continue
        pure = sum(truth.get(r) == op for r in inside[community]) / len(inside[community])
        whole += pure >= 0.9
    r = schema.records
    with store.engine.connect() as conn:
        ads = conn.execute(select(r.c.id, r.c.source_id).where(r.c.kind == "ad")
                           .order_by(r.c.seq)).all()
    predicted = [found.get(rid, rid) for rid, _ in ads]
    numbers: dict[str, int] = {}
    labels = np.array([numbers.setdefault(x, len(numbers)) for x in predicted], dtype=np.int64)
    ad_truth = read_truth(world, [sid for _, sid in ads])
    return {
        "seconds": round(seconds, 2), "peak_mib": round(memory.peak_mib, 1),
        "photos": photos, "templates": templates, "communities": report["communities"],
        "operations_found": report["operations"], "true_operations": len(members),
        "whole_and_pure": whole,
        "whole_and_pure_share": round(whole / len(members), 4) if members else 1.0,
        "ads": pair_scores(labels, ad_truth.grouped),
    }


def record_operations(store: Store, world: Path) -> dict[str, str]:
    """Record id → the operation truth says it belongs to (records of no operation left out)."""
    truth: dict[tuple[str, str], str] = {}
    with (world / "truth.jsonl").open("rb") as handle:
        for line in handle:
            row = orjson.loads(line)
            if row["operation_id"]:
                truth[(row["file"], row["record_id"])] = row["operation_id"]
    r = schema.records
    with store.engine.connect() as conn:
        rows = conn.execute(select(r.c.id, r.c.source_file, r.c.source_id)).all()
    found = {}
    for record_id, source_file, source_id in rows:
        op = truth.get((Path(source_file).name, source_id))
        if op:
            found[record_id] = op
    return found


PERSON_FILES = (("cases", "cases.jsonl"), ("bookings", "bookings.csv"),
                ("missing", "missing.csv"))


def split_world(world: Path, out: Path, share: float) -> tuple[Path, Path]:
    """The world's person files cut in two: all but the last `share` of rows, and those.

    Rows are in the order the world was written (by date); a CSV keeps its header in both.
    Returns the folders of the first part and of the held-out part.
    """
    first, later = out / "first", out / "later"
    for folder in (first, later):
        folder.mkdir(parents=True, exist_ok=True)
    for _, name in PERSON_FILES:
        lines = (world / name).read_text(encoding="utf-8").splitlines()
        header = lines[:1] if name.endswith(".csv") else []
        rows = lines[len(header):]
        cut = len(rows) - max(1, round(len(rows) * share))
        (first / name).write_text("\n".join([*header, *rows[:cut]]) + "\n", encoding="utf-8")
        (later / name).write_text("\n".join([*header, *rows[cut:]]) + "\n", encoding="utf-8")
    return first, later


def run_incremental(world: Path, root: Path, share: float = 0.05) -> dict[str, Any]:
    """Persons matched between batch runs, scored beside a batch run over the same store.

    The world's ads and calls and all but the newest `share` of its case reports,
    bookings and missing-person reports are ingested and linked in a batch; the rest are
    then ingested and matched incrementally (`engines.new_persons_job`). Pairwise scores
    of that, then of a batch run over the whole store, against truth.
    """
    from kadiyan.engines.new_persons_job import match_new_persons

    engine = get_engine()
    with tempfile.TemporaryDirectory(dir=root) as tmp:
        first, later = split_world(world, Path(tmp), share)
        store = open_store(f"sqlite:///{Path(tmp) / 'bench.sqlite'}")
        ingest_file(store, "ads", world / "ads.jsonl", resolver=resolve_record)
        for calls in sorted(world.glob("calls*.csv")):
            ingest_file(store, "calls", calls, resolver=resolve_record)
        for kind, name in PERSON_FILES:
            ingest_file(store, kind, first / name, resolver=resolve_record)
        run_link(store, engine, ("persons",))
        for kind, name in PERSON_FILES:
            ingest_file(store, kind, later / name, resolver=resolve_record)
        started = time.perf_counter()
        report = match_new_persons(store, engine)
        seconds = time.perf_counter() - started
        truth = person_truth(store, world)
        incremental = pair_score(memberships(store, "person"), truth)
        started = time.perf_counter()
        run_link(store, engine, ("persons",))
        batch_seconds = time.perf_counter() - started
        batch = pair_score(memberships(store, "person"), truth)
        store.engine.dispose()
    return {
        "held_out_share": share, "new_mentions": report.mentions, "new_rows": report.rows,
        "joined": report.joined, "new_persons": report.persons,
        "seconds": round(seconds, 2), "batch_seconds": round(batch_seconds, 2),
        "incremental": asdict(incremental), "batch": asdict(batch),
    }


def run(world: Path, root: Path) -> dict[str, Any]:
    """Ingest `world` into a fresh SQLite store under `root` and score every link job."""
    with tempfile.TemporaryDirectory(dir=root) as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'bench.sqlite'}")
        started = time.perf_counter()
        ingest_world_quietly(store, world)
        result: dict[str, Any] = {"world": str(world),
                                  "ingest_seconds": round(time.perf_counter() - started, 1)}
        result["persons"] = run_persons(store, world)
        result["operations"] = run_operations(store, world)
        store.engine.dispose()
    return result
