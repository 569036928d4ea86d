"""Commands that bring data in: init, scenario, ingest, link, quarantine."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kadiyan.access.trail import audit
from kadiyan.cli.access import operator
from kadiyan.cli.output import console, fail
from kadiyan.config import load_settings
from kadiyan.engines import Engine, get_engine
from kadiyan.engines.link import JOBS, check_jobs, run_link
from kadiyan.ingest.pipeline import KINDS, WRITE_BATCH, InputError, ingest_file
from kadiyan.model import IngestSummary
from kadiyan.resolve import resolve_record
from kadiyan.resolve.rebuild import rebuild_links
from kadiyan.store import Store, open_store

EXIT_QUARANTINED = 3

scenario_app = typer.Typer(help="The synthetic world: generate data with ground truth.")
quarantine_app = typer.Typer(help="Rows rejected at ingestion, with file, line and reason.")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command()(init)
    app.command()(ingest)
    app.command()(link)
    app.command()(runs)
    app.add_typer(scenario_app, name="scenario")
    app.add_typer(quarantine_app, name="quarantine")


def init() -> None:
    """Create (or migrate) the store named by KADIYAN_HOME / KADIYAN_DATABASE_URL."""
    settings = load_settings()
    open_store(settings.url)
    console.print(f"store ready: [bold]{_safe(settings.url)}[/]")


@scenario_app.command("generate")
def generate(
    size: str = typer.Option("demo", help="demo, small, medium or large"),
    seed: int = typer.Option(1, help="same seed, same world"),
    out: Path = typer.Option(Path("world"), help="folder to write the files into"),
) -> None:
    """Write a synthetic world: ads, cases, bookings, calls, missing reports and truth."""
    from kadiyan.scenario import SIZES
    from kadiyan.scenario import generate as make_world

    if size not in SIZES:
        fail(f"unknown size {size!r}; expected one of {', '.join(SIZES)}")
    with _progress() as progress:
        tasks: dict[str, int] = {}

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(stage, total=total or None)
            progress.update(tasks[stage], completed=done)

        summary = make_world(size, seed, out, progress=report)
    console.print(f"wrote {out}: " + ", ".join(f"{k} {v:,}" for k, v in summary.counts.items()))


def ingest(
    kind: str = typer.Argument(..., help=f"one of: {', '.join(KINDS)}"),
    file: Path = typer.Argument(..., help="the file to read"),
    agency: str = typer.Option("", help="the agency the records belong to"),
    workers: int = typer.Option(0, help="worker processes (0: decide by file size)"),
    batch_size: int = typer.Option(
        WRITE_BATCH, min=100, help="records per transaction: larger is faster, smaller loses "
        "less to a crash and uses less memory"
    ),
    profile: str = typer.Option(
        "", help="how texts are read: 'identifiers' (phones, e-mails, links and handles only: "
        "the fastest, for a large backlog; `kadiyan link --rebuild` reads them in full "
        "later), 'ad' or 'narrative'; default: as suits each record's kind"
    ),
) -> None:
    """Read a file into the store; bad rows go to quarantine and the command exits 3."""
    store = open_store()
    summary = ingest_one(store, kind, file, agency, workers or None, batch_size, profile or None)
    audit(store, operator(), "ingest", str(file),
          {"kind": kind, "agency": agency, "run": summary.run_id, "read": summary.read,
           "stored": summary.stored, "quarantined": summary.quarantined})
    if summary.quarantined:
        raise typer.Exit(EXIT_QUARANTINED)


def ingest_one(
    store: Store,
    kind: str,
    file: Path,
    agency: str = "",
    workers: int | None = None,
    batch_size: int = WRITE_BATCH,
    profile: str | None = None,
) -> IngestSummary:
    """Ingest with a progress bar and a closing summary; shared by `ingest` and `demo`."""
    total = _count_lines(file)
    if total and kind not in ("ads", "cases"):
        total -= 1  # the CSV header
    try:
        with _progress() as progress:
            task = progress.add_task(f"{kind} {file.name}", total=total)
            summary = ingest_file(
                store, kind, file, agency=agency, resolver=resolve_record, workers=workers,
                batch_size=batch_size, profile=profile,
                progress=lambda n: progress.advance(task, n),
            )
    except InputError as error:
        fail(str(error))
    for line in summary.errors[:20]:
        console.print(f"[yellow]quarantined[/] {escape(line)}", soft_wrap=True)
    if len(summary.errors) > 20:
        more = len(summary.errors) - 20
        console.print(f"[yellow]... and {more} more[/] (kadiyan quarantine list)")
    console.print(
        f"{file.name}: read {summary.read:,}, stored {summary.stored:,}, "
        f"already known {summary.known:,}, quarantined {summary.quarantined:,}",
        soft_wrap=True,
    )
    return summary


def _link_new_persons(store: Store, engine: Engine) -> None:
    from kadiyan.engines.new_persons_job import NoModel, match_new_persons

    try:
        with console.status("linking new persons") as status:
            report = match_new_persons(store, engine, lambda step: status.update(step))
    except NoModel as err:
        fail(str(err))
    console.print(
        f"persons: {report.mentions:,} new mentions → {report.joined:,} joined known persons, "
        f"{report.persons:,} new persons ({report.pairs:,} scored pairs)"
    )


_JOBS_HELP = "batch jobs to run (repeat the option): " + ", ".join(JOBS)


def link(
    rebuild: bool = typer.Option(
        False, "--rebuild", help="first re-extract and re-link every record from scratch"),
    only: list[str] = typer.Option(
        list(JOBS), "--only", help=_JOBS_HELP),
    engine: str = typer.Option("local", help="batch engine"),
    incremental: bool = typer.Option(
        False, "--incremental",
        help="only give person mentions that have no person yet one, with the model the "
             "last full run kept (no retraining, nothing known moves); no other job runs"),
) -> None:
    """Resolve persons (and the other batch jobs) over the store; ids stay stable.

    With --rebuild, every mention, entity and identifier link is first derived again from
    the stored records (after a better extractor, say). With --incremental, mentions
    ingested since the last run join the known persons they match, or become new ones.
    """
    store = open_store()
    try:
        chosen = get_engine(engine)
        check_jobs(tuple(only))
    except ValueError as err:
        fail(str(err))
    if incremental:
        if rebuild:
            fail("--incremental and --rebuild do not go together")
        _link_new_persons(store, chosen)
        return
    if rebuild:
        total = sum(store.stats()["records"].values())
        with _progress() as progress:
            task = progress.add_task("re-extracting", total=total)
            done = rebuild_links(store, lambda n: progress.advance(task, n))
        console.print(f"re-extracted {done:,} records")
    with console.status("linking") as status:
        reports = run_link(store, chosen, tuple(only), lambda step: status.update(step))
    if "photos" in reports:
        p = reports["photos"]
        console.print(f"photos: {p['photos']:,} photos, {p['pairs']:,} pairs of near copies")
    if "templates" in reports:
        t = reports["templates"]
        console.print(f"templates: {t['ads']:,} ads, {t['templates']:,} templates holding "
                      f"{t['ads_in_templates']:,} of them")
    if "persons" in reports:
        p = reports["persons"]
        console.print(
            f"persons: {p['mentions']:,} mentions → {p['persons']:,} persons "
            f"({p['pairs']:,} scored pairs, {p['merges']} merges, {p['splits']} splits, "
            f"{p['blocked']} pairs kept apart by judgements)"
        )
    if "operations" in reports:
        o = reports["operations"]
        console.print(
            f"operations: {o['operations']:,} candidate operations among {o['communities']:,} "
            f"communities ({o['merges']} merges, {o['splits']} splits)"
        )
    stats = store.stats()
    console.print(
        f"{sum(stats['entities'].values()):,} entities, {stats['links']:,} links"
    )


def runs(limit: int = typer.Option(20, help="how many of the latest runs")) -> None:
    """Ingest runs, newest first: file, start and end, status and counts."""
    table = Table("run", "kind", "file", "started", "finished", "status", "read", "stored",
                  "known", "quarantined")
    for run in open_store().runs(limit):
        table.add_row(
            str(run["id"]), run["kind"], run["file"], run["started_at"],
            run["finished_at"] or "", run["status"],
            *(f"{run[c]:,}" for c in ("read", "stored", "known", "quarantined")),
        )
    console.print(table)


@quarantine_app.command("list")
def quarantine_list(limit: int = typer.Option(100), offset: int = typer.Option(0)) -> None:
    """Rejected rows: id, file, line, reason."""
    rows = open_store().quarantined(limit=limit, offset=offset)
    table = Table("id", "kind", "file", "line", "reason")
    for row in rows:
        table.add_row(row.id, row.kind, row.source_file, str(row.line), row.reason)
    console.print(table)


@quarantine_app.command("show")
def quarantine_show(row_id: str) -> None:
    """One rejected row in full, with the raw input."""
    row = open_store().quarantined_row(row_id)
    if row is None:
        fail(f"no quarantined row {row_id!r}")
    console.print(f"[bold]{row.id}[/] {row.kind} {row.source_file}:{row.line}")
    console.print(f"reason: {row.reason}")
    console.print(f"at: {row.quarantined_at}")
    console.print("raw:", markup=False)
    console.print(row.raw, markup=False, highlight=False)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=console, transient=False,
    )


def _count_lines(path: Path) -> int | None:
    if not path.is_file():
        return None
    count = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            count += block.count(b"\n")
    return count


def _safe(url: str) -> str:
    # Never print a password that may sit in a database URL.
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url
