"""`kadiyan bench api` runs end to end on the demo world: served, signed in, loaded, audited.

Nothing here is timed: the figures are the benchmark's to report, not the test's to judge.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kadiyan.bench.api import MIX, Samples, percentile, request_plan
from kadiyan.cli.main import app


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.50) == 50.0
    assert percentile(values, 0.99) == 99.0
    assert percentile(values, 1.0) == 100.0
    assert percentile([7.0], 0.95) == 7.0


def test_plan_follows_the_mix_and_skips_what_has_no_samples() -> None:
    samples = Samples(searches=["98 double 7"], entities=["phone:+919800000001"],
                      records=["r0123"], paths=[])
    plan = request_plan(samples, length=4000, seed=1)
    endpoints = {endpoint for endpoint, _ in plan}
    assert endpoints == set(MIX) - {"api_path"}
    searches = sum(endpoint == "api_search" for endpoint, _ in plan)
    paths = sum(endpoint == "api_neighbourhood" for endpoint, _ in plan)
    # api_search weighs 3, api_neighbourhood 2: their counts keep roughly that ratio.
    assert 1.2 < searches / paths < 1.8
    assert ("api_search", "/api/search?q=98+double+7") in plan


def test_bench_api_runs_end_to_end(tmp_path: Path, demo_world: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, [
        "bench", "api", "--world", str(demo_world), "--out", str(out), "--seconds", "1",
        "--warmup", "0.5", "--workers", "1", "--concurrency", "4", "--rate", "20",
    ])
    assert result.exit_code == 0, result.output
    report = json.loads((out / f"api-{demo_world.name}.json").read_text())
    assert set(report["phases"]) == {"baseline_static", "capacity", "at_rate"}
    capacity = report["phases"]["capacity"]
    assert capacity["overall"]["errors"] == 0, capacity["overall"]["statuses"]
    assert capacity["overall"]["requests"] > 0
    assert set(capacity["endpoints"]) <= set(MIX)
    assert report["phases"]["baseline_static"]["overall"]["errors"] == 0
    # The CPU of each of the server's processes, busiest first.
    by_process = capacity["server_cpu_by_process"]
    assert by_process == sorted(by_process, reverse=True) and by_process[0] > 0
    assert abs(sum(by_process) - capacity["server_cpu_seconds"]) < 0.05
    assert report["phases"]["at_rate"]["overall"]["errors"] == 0
    assert all(report["samples"][sort] > 0 for sort in ("searches", "entities", "records"))
    # Every search and every view of an entity or a record made an audit entry.
    audited = sum(
        phase["endpoints"].get(name, {}).get("requests", 0)
        for phase in report["phases"].values()
        for name in ("api_search", "api_entity", "api_record", "page_entity", "page_record",
                     "page_search")
    )
    assert report["audit_entries_added"] >= audited > 0
    alone = report["endpoints_alone"]
    assert set(alone) <= set(MIX) and {"api_entity", "page_search"} <= set(alone)
    assert all(f["errors"] == 0 and f["server_cpu_ms_per_request"] > 0 for f in alone.values())
    assert "goals" in report and "read_p99_ms" in report["goals"]
