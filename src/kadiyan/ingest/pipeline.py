"""Ingesting one file: read, validate, extract, resolve and store, in idempotent batches.

The store is keyed by content, so the same file twice stores nothing new, and a run
killed half-way and started again ends exactly where one clean run would.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

import orjson

from kadiyan.extract import PROFILES
from kadiyan.extract.fields import extract_record, share_photo_hashes, text_mentions
from kadiyan.ingest.ads import parse_ad
from kadiyan.ingest.bookings import parse_booking
from kadiyan.ingest.calls import map_header, parse_call
from kadiyan.ingest.cases import parse_case
from kadiyan.ingest.missing import parse_missing
from kadiyan.ingest.shared_photos import SharedHashes
from kadiyan.ingest.sources import Unit, csv_header, csv_rows, json_lines, parse_csv_unit
from kadiyan.ingest.validate import RowError
from kadiyan.model import IngestSummary, Mention, MentionKind, Record, Rejected, Resolution
from kadiyan.model.access import agency_id
from kadiyan.store import Batch, Store, now_iso
from kadiyan.store.rows import (
    entity_row,
    image_crop_row,
    link_rows,
    mention_row,
    quarantine_row,
    record_row,
)

KINDS = ("ads", "cases", "bookings", "calls", "missing")
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
CHUNK = 2000
# Records per transaction: large transactions amortise the index pages each one rewrites
# (content-hash keys land all over the b-trees), small ones lose less to a crash.
WRITE_BATCH = 50_000
FEW_COLLECTIONS = (100_000, 50, 100)  # gc thresholds while ingesting (default 700, 10, 10)
# Below this size the cost of starting worker processes outweighs their help.
PARALLEL_BYTES = 8 * 1024 * 1024

Resolver = Callable[[Record, list[Mention]], Resolution]
Progress = Callable[[int], None]


@dataclass(frozen=True)
class Job:
    """What a worker needs to turn raw units into rows: picklable, no store."""

    kind: str
    source_file: str
    agency: str
    header: tuple[str, ...] = ()
    call_mapping: tuple[tuple[str, str], ...] = ()
    profile: str | None = None  # how texts are read; None: as suits the record kind


class InputError(Exception):
    """The file as a whole cannot be read (missing, unknown kind, unreadable header)."""


def ingest_file(
    store: Store,
    kind: str,
    path: Path,
    *,
    agency: str = "",
    resolver: Resolver | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    batch_size: int = WRITE_BATCH,
    profile: str | None = None,
) -> IngestSummary:
    """Ingest one file of `kind` (ads, cases, bookings, calls, missing) into the store.

    `batch_size` records go in one transaction; `workers=None` decides by file size.
    `profile` names the extraction profile for every text (default: by record kind).
    """
    if kind not in KINDS:
        raise InputError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    if profile is not None and profile not in PROFILES:
        raise InputError(f"unknown profile {profile!r}; expected one of {', '.join(PROFILES)}")
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    owner = agency_id(agency) if agency.strip() else ""
    job = replace(_job(kind, path, owner), profile=profile)
    units = json_lines(path) if kind in ("ads", "cases") else csv_rows(path)
    run_id = store.start_run(kind, str(path), owner)
    read = stored = known = quarantined = 0
    errors: list[str] = []
    status = "failed"
    try:
        with _few_collections(), store.loading():
            chunks = _batches(job, units, resolver, run_id, path, workers, batch_size)
            for batch, n_read, n_ok, rejected in _grouped(chunks, batch_size):
                new = store.write(batch)
                read += n_read
                stored += new
                known += n_ok - new
                quarantined += len(rejected)
                errors += [f"{r.source_file}:{r.line}: {r.reason}" for r in rejected]
                if progress:
                    progress(n_read)
        status = "done"
    finally:
        summary = IngestSummary(read, stored, known, quarantined, errors, run_id)
        store.finish_run(run_id, summary, status)
    return summary


@contextmanager
def _few_collections() -> Iterator[None]:
    """Run the cyclic garbage collector rarely while batches are built and written.

    A batch holds hundreds of thousands of row tuples until it is written; at the default
    thresholds the collector would walk them over and over, finding nothing (rows hold no
    cycles), at a fifth of the cost of ingestion.
    """
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*FEW_COLLECTIONS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def _job(kind: str, path: Path, agency: str) -> Job:
    if kind in ("ads", "cases"):
        return Job(kind, str(path), agency)
    header = csv_header(path)
    if not header:
        raise InputError(f"{path}: empty file, no CSV header")
    mapping: tuple[tuple[str, str], ...] = ()
    if kind == "calls":
        try:
            mapping = tuple(map_header(header).items())
        except RowError as error:
            raise InputError(f"{path}: {error}") from None
    return Job(kind, str(path), agency, tuple(header), mapping)


def _chunks(units: Iterator[Unit]) -> Iterator[list[Unit]]:
    chunk: list[Unit] = []
    for unit in units:
        chunk.append(unit)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _grouped(
    chunks: Iterator[tuple[Batch, int, int, list[Rejected]]], batch_size: int
) -> Iterator[tuple[Batch, int, int, list[Rejected]]]:
    """Chunks merged until a group holds `batch_size` records (or the input ends)."""
    group, n_read, n_ok, rejected = Batch(), 0, 0, []
    for batch, read, ok, bad in chunks:
        group.extend(batch)
        n_read, n_ok = n_read + read, n_ok + ok
        rejected.extend(bad)
        if len(group.records) >= batch_size:
            yield group, n_read, n_ok, rejected
            group, n_read, n_ok, rejected = Batch(), 0, 0, []
    if n_read:
        yield group, n_read, n_ok, rejected


def _batches(
    job: Job,
    units: Iterator[Unit],
    resolver: Resolver | None,
    run_id: int,
    path: Path,
    workers: int | None,
    batch_size: int,
) -> Iterator[tuple[Batch, int, int, list[Rejected]]]:
    """Processed chunks in file order, in worker processes when the file is large.

    `workers=None` decides by file size; a number forces that many worker processes.
    """
    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    small = workers is None and path.stat().st_size < PARALLEL_BYTES
    if n_workers <= 1 or small:
        work = partial(process_chunk, job, resolver, run_id, sent=Sent())
        for chunk in _chunks(units):
            yield work(chunk)
        return
    work = partial(_in_worker, job, resolver, run_id)
    # A bounded window of chunks in flight keeps memory flat on files of any size; it
    # holds more than one write batch so workers keep busy while the store writes.
    window = batch_size // CHUNK + 2 * n_workers
    with (
        tempfile.TemporaryDirectory(prefix="kadiyan-photos-") as shared,
        ProcessPoolExecutor(max_workers=n_workers, initializer=_start_worker,
                            initargs=(Path(shared) / "hashes.sqlite",)) as pool,
    ):
        pending: deque[Future] = deque()
        for chunk in _chunks(units):
            pending.append(pool.submit(work, chunk))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


@dataclass
class Sent:
    """The entities whose rows (and photos' crops) one run has already sent to the store.

    Popular phones, places and photos come back in thousands of records; their rows are
    sent with the first and left out after, which spares pickling, piping and writing them
    again (a photo's crops are 2 KB). A run's batches are written in order or the run
    fails, so a row left out was written with an earlier batch, or will be sent again by
    the run that resumes this one.
    """

    entities: set[str] = field(default_factory=set)
    crops: set[str] = field(default_factory=set)

    def new_only(self, batch: Batch) -> None:
        """Drop from the batch the entity and crop rows sent before; remember the rest."""
        batch.entities = _unsent(batch.entities, self.entities)
        batch.image_crops = _unsent(batch.image_crops, self.crops)


def _unsent(rows: list[tuple], sent: set[str]) -> list[tuple]:
    """Rows whose key (first column) is not in `sent`, each key once; adds them to `sent`."""
    fresh = {}
    for row in rows:
        if row[0] not in sent and row[0] not in fresh:
            fresh[row[0]] = row
    sent.update(fresh)
    return list(fresh.values())


# A worker process serves one run (its pool ends with the run): what it has sent, so far.
_WORKER_SENT = Sent()


def _in_worker(
    job: Job, resolver: Resolver | None, run_id: int, chunk: list[Unit]
) -> tuple[Batch, int, int, list[Rejected]]:
    return process_chunk(job, resolver, run_id, chunk, sent=_WORKER_SENT)


def _start_worker(photo_hashes: Path) -> None:
    """Share photo hashes with the run's other workers, collect garbage rarely, and ask
    Linux to end this worker when the ingesting process dies, even by SIGKILL: without
    that, workers of a killed run wait forever on a queue nobody will fill.
    """
    share_photo_hashes(SharedHashes(photo_hashes))
    gc.set_threshold(*FEW_COLLECTIONS)
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)


def process_chunk(
    job: Job, resolver: Resolver | None, run_id: int, chunk: list[Unit],
    sent: Sent | None = None,
) -> tuple[Batch, int, int, list[Rejected]]:
    """Parse, extract and resolve a chunk of units into rows.

    Pure apart from CPU, and `sent`: entity and crop rows it names are left out (and the
    rows sent now are added to it); None sends them all.
    """
    batch = Batch()
    rejected: list[Rejected] = []
    seen: set[str] = set()
    accepted = 0
    at = now_iso()
    mapping = dict(job.call_mapping)
    records: list[Record] = []
    for line, raw in chunk:
        try:
            record = parse_unit(job, line, raw, mapping)
        except RowError as error:
            rejected.append(Rejected(job.source_file, line, str(error), raw))
            continue
        accepted += 1
        if record.id in seen:
            continue
        seen.add(record.id)
        records.append(record)
    # The chunk's texts are read together: faster than one by one, the same mentions.
    for record, mentions in zip(records, text_mentions(records, job.profile), strict=True):
        batch.records.append(record_row(record, run_id))
        derive_into(batch, record, resolver, job.profile, mentions)
    batch.quarantine = [quarantine_row(r, job.kind, run_id, at) for r in rejected]
    if sent is not None:
        sent.new_only(batch)
    return batch, len(chunk), accepted, rejected


def parse_unit(job: Job, line: int, raw: str, mapping: dict[str, str]) -> Record:
    """One unit to a record, or RowError with the reason."""
    row: dict[str, Any]
    if job.kind in ("ads", "cases"):
        try:
            row = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            raise RowError(f"invalid JSON: {error}") from None
        if not isinstance(row, dict):
            raise RowError("a line must hold one JSON object")
        parse = parse_ad if job.kind == "ads" else parse_case
        return parse(row, job.source_file, line, job.agency)
    cells = parse_csv_unit(raw)
    if len(cells) != len(job.header):
        raise RowError(f"expected {len(job.header)} columns, found {len(cells)}")
    row = dict(zip(job.header, cells, strict=True))
    if job.kind == "calls":
        return parse_call(row, job.source_file, line, job.agency, mapping)
    parse = parse_booking if job.kind == "bookings" else parse_missing
    return parse(row, job.source_file, line, job.agency)


def derive_into(
    batch: Batch, record: Record, resolver: Resolver | None, profile: str | None = None,
    text_mentions: list[Mention] | None = None,
) -> None:
    """Add a record's mentions, entities and links (not the record itself) to a batch.

    Ingestion and the batch rebuild of links both go through here, so they agree;
    `text_mentions` are its text's, when already read (`fields.text_mentions`).
    """
    mentions = extract_record(record, profile, text_mentions)
    if resolver is None:
        batch.mentions += [
            mention_row(record.id, seq, m, None, None) for seq, m in enumerate(mentions)
        ]
        return
    resolved = resolver(record, mentions)
    rows = list(zip(mentions, resolved.entity_ids, resolved.link_kinds, strict=True))
    batch.mentions += [
        mention_row(record.id, seq, m, e, k) for seq, (m, e, k) in enumerate(rows)
    ]
    batch.entities += [entity_row(e) for e in resolved.entities]
    # A photo's crops go with its entity, once, rather than with every ad that shows it.
    batch.image_crops += [
        image_crop_row(e, m.extra["crops"])
        for m, e, _ in rows
        if m.kind is MentionKind.IMAGE and e is not None and m.extra.get("crops")
    ]
    for link in resolved.links:
        batch.links += link_rows(link)

