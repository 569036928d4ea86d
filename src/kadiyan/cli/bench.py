"""`kadiyan bench ...`: benchmarks that report measured figures, never pass/fail tests."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from kadiyan.cli.output import console, fail

app = typer.Typer(help="Benchmarks: measured figures with a baseline from the same run.")


@app.command("ingest")
def ingest(
    size: str = typer.Option("small", help="world size: demo, small, medium, large"),
    seed: int = typer.Option(1, help="world seed"),
    out: Path = typer.Option(Path("bench-out"), help="where worlds and results are kept"),
    matcher_limit: int = typer.Option(0, help="time the matcher on the first N texts only"),
    profile: str = typer.Option(
        "ad", help="read ads in full (ad) or for identifiers only (identifiers)"
    ),
) -> None:
    """Ingest, extract and link a world's ads on SQLite; compare with PhoneNumberMatcher."""
    from kadiyan.bench.ingest import as_dict, run

    if profile not in ("ad", "identifiers"):
        fail(f"unknown profile {profile!r}; choose ad or identifiers")
    out.mkdir(parents=True, exist_ok=True)
    result = as_dict(run(size, seed, out, matcher_limit or None, profile))
    table = Table("measure", "value")
    for key, value in result.items():
        table.add_row(key, f"{value:,}" if isinstance(value, int | float) else str(value))
    console.print(table)
    (out / f"ingest-{size}-{profile}.json").write_text(json.dumps(result, indent=1))


@app.command("extract")
def extract(
    eval_dir: Path = typer.Option(
        None, "--eval", help="annotated development sets (default: ../shared/eval if present)"
    ),
    size: str = typer.Option("small", help="world size to score against its truth"),
    seed: int = typer.Option(1, help="world seed"),
    out: Path = typer.Option(Path("bench-out"), help="where worlds and results are kept"),
    limit: int = typer.Option(0, help="score the first N ads and cases of the world only"),
) -> None:
    """Score the extractor per field (precision, recall, F1) and time it against the matcher."""
    from kadiyan.bench.extract import score_ads, score_narratives, score_world, speed
    from kadiyan.bench.ingest import world_for

    out.mkdir(parents=True, exist_ok=True)
    folder = eval_dir or Path("../shared/eval")
    corpora = []
    if (folder / "ads_dev.jsonl").is_file():
        corpora.append(score_ads(folder / "ads_dev.jsonl"))
    if (folder / "narratives_dev").is_dir():
        corpora.append(score_narratives(folder / "narratives_dev"))
    if not corpora:
        console.print(f"no development sets at {folder}; scoring the generated world only")
    world = world_for(size, seed, out)
    corpora += score_world(world, limit or None)
    result: dict = {corpus.name: corpus.as_dict() for corpus in corpora}
    ads, gold = _world_ads(world, limit or 5000)
    result["speed"] = speed(ads, gold).as_dict()
    for corpus in corpora:
        table = Table("field", "precision", "recall", "F1", "tp", "fp", "fn",
                      title=f"{corpus.name}: {corpus.records:,} records")
        for name, score in sorted(corpus.fields.items()):
            s = score.as_dict()
            table.add_row(name, *(str(s[k]) for k in ("precision", "recall", "f1", "tp", "fp",
                                                      "fn")))
        for name, (right, total) in corpus.exact.items():
            table.add_row(f"{name} exactly right", f"{right}/{total}", "", "", "", "", "")
        console.print(table)
    table = Table("measure", "value", title="speed, one core, ad profile vs PhoneNumberMatcher")
    for key, value in result["speed"].items():
        table.add_row(key, value if isinstance(value, str) else f"{value:,}")
    console.print(table)
    (out / "extract.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))


def _world_ads(world: Path, limit: int) -> tuple[list[str], list[set[str]]]:
    """The first ads' texts and the phones the truth says each holds."""
    import orjson

    texts, gold = [], []
    truth = {}
    with (world / "truth.jsonl").open("rb") as handle:
        for line in handle:
            row = orjson.loads(line)
            if row["file"] == "ads.jsonl":
                truth[row["record_id"]] = set(row["phones"])
    with (world / "ads.jsonl").open("rb") as handle:
        for line in handle:
            ad = orjson.loads(line)
            texts.append(ad["text"])
            gold.append(truth.get(ad["id"], set()))
            if len(texts) >= limit:
                break
    return texts, gold


@app.command("link")
def link(
    size: str = typer.Option("small", help="world size: demo, small, medium, large"),
    seed: int = typer.Option(3, help="world seed"),
    world: Path = typer.Option(None, help="a generated world to use instead of size and seed"),
    out: Path = typer.Option(Path("bench-out"), help="where worlds and results are kept"),
    incremental: float = typer.Option(
        0.0, min=0.0, max=0.5, help="also hold out this share of the newest person records, "
        "match them between batch runs and score that beside a batch run (e.g. 0.05)"),
) -> None:
    """Score persons, operations and ads against the world's truth, beside baselines."""
    from kadiyan.bench.ingest import world_for
    from kadiyan.bench.link import run, run_incremental

    out.mkdir(parents=True, exist_ok=True)
    folder = world or world_for(size, seed, out)
    result = run(folder, out)
    if incremental:
        result["incremental"] = run_incremental(folder, out, incremental)
    persons = result["persons"]
    table = Table("persons", "precision", "recall", "F1", "pairs predicted", "true pairs",
                  title=f"{persons['mentions']:,} person mentions, {persons['labelled_mentions']:,}"
                        f" named by truth; linked in {persons['seconds']} s")
    for name in ("kadiyan", "exact_name_baseline"):
        s = persons[name]
        table.add_row(name, str(s["precision"]), str(s["recall"]), str(s["f1"]),
                      f"{s['predicted_pairs']:,}", f"{s['true_pairs']:,}")
    console.print(table)
    ops = result["operations"]
    table = Table("operations", "value", title=f"operations and ads, in {ops['seconds']} s "
                                               f"(peak {ops['peak_mib']} MiB)")
    table.add_row("true operations out as one community (>=90% held, >=90% pure)",
                  f"{ops['whole_and_pure']} / {ops['true_operations']} "
                  f"({ops['whole_and_pure_share']:.1%})")
    table.add_row("candidate operations / communities",
                  f"{ops['operations_found']:,} / {ops['communities']:,}")
    table.add_row("ads: adjusted Rand index", str(ops["ads"]["ari"]))
    table.add_row("ads: pair precision / recall",
                  f"{ops['ads']['pair_precision']} / {ops['ads']['pair_recall']}")
    table.add_row("photos: near-copy pairs", f"{ops['photos']['pairs']:,}")
    console.print(table)
    if incremental:
        inc = result["incremental"]
        table = Table("persons, newest records", "precision", "recall", "F1",
                      title=f"{inc['new_mentions']:,} new mentions ({inc['held_out_share']:.0%} "
                            f"of person records) matched in {inc['seconds']} s: "
                            f"{inc['joined']:,} rows joined known persons, "
                            f"{inc['new_persons']:,} new; batch rerun {inc['batch_seconds']} s")
        for name in ("incremental", "batch"):
            s = inc[name]
            table.add_row(name, str(s["precision"]), str(s["recall"]), str(s["f1"]))
        console.print(table)
    (out / f"link-{folder.name}.json").write_text(json.dumps(result, indent=1))


@app.command("api")
def api(
    size: str = typer.Option("medium", help="world size: demo, small, medium, large"),
    seed: int = typer.Option(5, help="world seed"),
    world: Path = typer.Option(None, help="a generated world to use instead of size and seed"),
    store: str = typer.Option(
        None, "--store", help="a store URL to prepare once and reuse "
        "(default: a SQLite file in --out named after the world)"),
    out: Path = typer.Option(Path("bench-out"), help="where worlds and results are kept"),
    seconds: float = typer.Option(20.0, min=0.5, help="length of each measured phase"),
    warmup: float = typer.Option(3.0, min=0, help="unmeasured load before each phase"),
    workers: int = typer.Option(2, min=1, help="uvicorn worker processes"),
    concurrency: int = typer.Option(16, min=1, help="requests in flight in the closed loop"),
    rate: float = typer.Option(300.0, min=1, help="requests per second in the open loop"),
) -> None:
    """Serve the app over a linked world and load its read endpoints on loopback."""
    from kadiyan.bench.api import Settings, prepare_store, run
    from kadiyan.bench.ingest import world_for

    out.mkdir(parents=True, exist_ok=True)
    folder = world or world_for(size, seed, out)
    url = store or f"sqlite:///{(out / f'api-{folder.name}.sqlite').resolve()}"
    opened = prepare_store(url, folder)
    result = run(opened, url, Settings(seconds=seconds, warmup=warmup, workers=workers,
                                       concurrency=concurrency, rate=rate, seed=seed))
    result["world"] = str(folder)
    opened.engine.dispose()
    for name, phase in result["phases"].items():
        offered = f", {phase['offered_rate']:g}/s offered" if phase["offered_rate"] else ""
        table = Table("endpoint", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms",
                      "errors", title=f"{name}: {phase['seconds']} s{offered}; server CPU "
                      f"{phase['server_cpu_seconds']} s (by process "
                      f"{', '.join(map(str, phase['server_cpu_by_process']))}), driver CPU "
                      f"{phase['client_cpu_seconds']} s")
        rows = [("all", phase["overall"]), *sorted(phase["endpoints"].items())]
        for endpoint, f in rows:
            table.add_row(endpoint, f"{f['requests']:,}", str(f["rps"]), str(f["p50_ms"]),
                          str(f["p95_ms"]), str(f["p99_ms"]), str(f["max_ms"]),
                          str(f["errors"]))
        console.print(table)
    table = Table("endpoint", "server CPU ms/request", "p50 ms", "p95 ms", "errors",
                  title="each endpoint alone (two in flight)")
    for endpoint, f in sorted(result["endpoints_alone"].items()):
        table.add_row(endpoint, str(f["server_cpu_ms_per_request"]), str(f["p50_ms"]),
                      str(f["p95_ms"]), str(f["errors"]))
    console.print(table)
    goals = result["goals"]
    table = Table("goal", "measured", "met", title=f"goals ({result['cpus']} CPUs, "
                  f"{workers} workers, load average {result['load_average'][0]:.2f})")
    table.add_row(f"read mix at {goals['offered_rate']:g}/s (>= 300/s)",
                  f"{goals['read_rps']}/s", str(goals["rate_met"]))
    table.add_row("read mix p99 (<= 100 ms)", f"{goals['read_p99_ms']} ms",
                  str(goals["p99_met"]))
    table.add_row("entity page p95 (<= 150 ms)", f"{goals['entity_page_p95_ms']} ms",
                  str(goals["entity_p95_met"]))
    table.add_row("capacity / static-file baseline",
                  f"{goals['capacity_rps']}/s / {goals['baseline_static_rps']}/s",
                  str(goals["capacity_over_baseline"]))
    console.print(table)
    name = f"api-{folder.name}.json"
    (out / name).write_text(json.dumps(result, indent=1))
    console.print(f"results in {out / name}")


@app.command("graph")
def graph(
    world: Path = typer.Option(None, help="a generated world to ingest if the store is empty"),
    store: str = typer.Option(..., "--store", help="the store URL (ingested once, then reused)"),
    queries: int = typer.Option(50, min=2, help="queries of each type"),
    seed: int = typer.Option(1, help="seed of the queries drawn"),
    out: Path = typer.Option(Path("bench-out"), help="where results are kept"),
) -> None:
    """Time neighbourhoods and paths, new walks against old, on a store holding a world."""
    from kadiyan.bench.graph import prepare_store, run

    out.mkdir(parents=True, exist_ok=True)
    try:
        opened = prepare_store(store, world)
    except ValueError as error:
        fail(str(error))
    result = run(opened, queries, seed)
    opened.engine.dispose()
    result["world"] = str(world) if world else None
    pk = result["pk_read"]
    table = Table("query", "n", "new p50", "new p95", "new max", "old p50", "old p95",
                  "old max", "hub rule p95", "agree", "notes",
                  title=f"graph walks on {result['dialect']}, ms (primary-key read: p50 "
                        f"{pk['p50_ms']}, p95 {pk['p95_ms']}, max {pk['max_ms']})")
    for name, f in result["types"].items():
        table.add_row(name, str(f["queries"]), str(f["new_p50_ms"]), str(f["new_p95_ms"]),
                      str(f["new_max_ms"]), str(f["old_p50_ms"]), str(f["old_p95_ms"]),
                      str(f["old_max_ms"]), str(f.get("hub_rule_p95_ms", "")),
                      f"{f['agree']}/{f['queries']}",
                      ", ".join(f"{k} {v}" for k, v in sorted(f["notes"].items())))
    console.print(table)
    goal = result["goal"]
    console.print(f"goal p95 <= {goal['p95_ms_at_most']} ms: worst as served "
                  f"{goal['worst_p95_ms_as_served']} ms (exact walks "
                  f"{goal['worst_p95_ms_exact_walks']} ms), met: {goal['met_as_served']}; "
                  f"new and old agree: {goal['all_agree']}")
    name = f"graph-{result['dialect']}.json"
    (out / name).write_text(json.dumps(result, indent=1))
    console.print(f"results in {out / name}")


_PASS_ON = {"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []}


@app.command("templates", context_settings=_PASS_ON)
def templates(ctx: typer.Context) -> None:
    """Ad templates against a world's truth, beside InfoShield (`--help` for options)."""
    from kadiyan.bench.templates import main

    main(ctx.args, prog="kadiyan bench templates")


@app.command("photos", context_settings=_PASS_ON)
def photos(ctx: typer.Context) -> None:
    """The photo index on perturbed copies, and its speed among a million (`--help`)."""
    from kadiyan.bench.photos import main

    main(ctx.args, prog="kadiyan bench photos")
