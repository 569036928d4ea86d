"""The `kadiyan` command as a user types it, against a real store."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kadiyan.cli.main import app
from kadiyan.extract import extract_text
from kadiyan.store import open_store
from tests.ingest.conftest import ADS, BOOKINGS, BOOKINGS_HEADER, write_jsonl

runner = CliRunner(env={"COLUMNS": "200"})


def _files(tmp_path: Path) -> tuple[Path, Path]:
    ads = write_jsonl(tmp_path / "ads.jsonl", ADS, ['{"id": "bad"}'])
    bookings = tmp_path / "bookings.csv"
    bookings.write_text("\n".join([BOOKINGS_HEADER, *BOOKINGS]) + "\n")
    return ads, bookings


def test_ingest_reports_counts_and_exits_3_when_rows_were_quarantined(
    kadiyan_env: str, tmp_path: Path
) -> None:
    ads, bookings = _files(tmp_path)

    first = runner.invoke(app, ["ingest", "ads", str(ads)])
    clean = runner.invoke(app, ["ingest", "bookings", str(bookings)])

    assert first.exit_code == 3, first.output
    assert "read 5, stored 4, already known 0, quarantined 1" in first.output
    assert f"{ads}:5: missing required field 'text'" in first.output
    assert clean.exit_code == 0, clean.output


def test_stats_json_counts_records_entities_links_and_quarantine(
    kadiyan_env: str, tmp_path: Path
) -> None:
    ads, bookings = _files(tmp_path)
    runner.invoke(app, ["ingest", "ads", str(ads)])
    runner.invoke(app, ["ingest", "bookings", str(bookings)])

    result = runner.invoke(app, ["stats", "--json"])

    stats = json.loads(result.output)
    assert stats["records"] == {"ad": 4, "booking": 2}
    assert stats["entities"] == {
        "account": 1, "email": 1, "hotel": 1, "phone": 3,
    }
    assert stats["quarantined"] == 1
    # ads 1-3 name one phone each, ad 4 a phone and an account; booking 1 links its phone,
    # e-mail and hotel, booking 2 its phone and hotel
    assert stats["links"] == 5 + 3 + 2


def test_show_a_phone_written_any_way_lists_its_ads_and_bookings(
    kadiyan_env: str, tmp_path: Path
) -> None:
    ads, bookings = _files(tmp_path)
    runner.invoke(app, ["ingest", "ads", str(ads)])
    runner.invoke(app, ["ingest", "bookings", str(bookings)])

    result = runner.invoke(app, ["show", "98111-22334"])

    assert result.exit_code == 0, result.output
    assert "phone:+919811122334" in result.output
    assert "ad (2)" in result.output and "booking (1)" in result.output
    assert "ads.jsonl:1 ad-1" in result.output and "bookings.csv:2 bk-1" in result.output


def test_path_and_search_and_quarantine(kadiyan_env: str, tmp_path: Path) -> None:
    ads, bookings = _files(tmp_path)
    runner.invoke(app, ["ingest", "ads", str(ads)])
    runner.invoke(app, ["ingest", "bookings", str(bookings)])

    path = runner.invoke(app, ["path", "email:ravi.m@example.in", "ad-2"])
    search = runner.invoke(app, ["search", "tuition"])
    listed = runner.invoke(app, ["quarantine", "list"])
    row_id = next(w for w in listed.output.split() if w.startswith("q"))
    shown = runner.invoke(app, ["quarantine", "show", row_id])

    assert path.exit_code == 0, path.output
    assert path.output.index("email:ravi.m@example.in") < path.output.index("bk-1")
    assert path.output.index("bk-1") < path.output.index("phone:+919811122334")
    assert "ad-2" in path.output.rstrip().splitlines()[-1]
    assert "ad-3" in search.output
    assert "missing required field 'text'" in shown.output and '{"id": "bad"}' in shown.output


def test_errors_are_clear_and_exit_non_zero(kadiyan_env: str, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["ingest", "ads", str(tmp_path / "nope.jsonl")])
    unknown = runner.invoke(app, ["show", "phone:+910000000000"])

    assert missing.exit_code == 2 and "no such file" in missing.output
    assert unknown.exit_code == 2 and "no entity or record" in unknown.output


def test_runs_lists_each_ingest_with_its_counts(kadiyan_env: str, tmp_path: Path) -> None:
    ads, _ = _files(tmp_path)
    runner.invoke(app, ["ingest", "ads", str(ads)])
    runner.invoke(app, ["ingest", "ads", str(ads)])

    result = runner.invoke(app, ["runs"])

    rows = [line for line in result.output.splitlines() if "ads.jsonl" in line]
    assert len(rows) == 2
    assert all("done" in row for row in rows)


def test_scenario_generate_and_init_from_the_command_line(kadiyan_env: str, tmp_path: Path) -> None:
    out = tmp_path / "world"

    made = runner.invoke(app, ["scenario", "generate", "--size", "demo", "--seed", "2",
                               "--out", str(out)])
    ready = runner.invoke(app, ["init"])
    wrong = runner.invoke(app, ["scenario", "generate", "--size", "huge"])

    assert made.exit_code == 0, made.output
    assert {"ads.jsonl", "cases.jsonl", "bookings.csv", "calls.csv", "missing.csv",
            "truth.jsonl"} <= {p.name for p in out.iterdir()}
    assert ready.exit_code == 0 and "store ready" in ready.output
    assert wrong.exit_code == 2 and "unknown size 'huge'" in wrong.output


def test_link_incremental_waits_for_a_first_run_then_matches_only_new_mentions(
    kadiyan_env: str, demo_world: Path, tmp_path: Path
) -> None:
    cases = (demo_world / "cases.jsonl").read_text().splitlines()
    first, later = tmp_path / "first.jsonl", tmp_path / "later.jsonl"
    first.write_text("\n".join(cases[:-3]) + "\n")
    later.write_text("\n".join(cases[-3:]) + "\n")
    runner.invoke(app, ["ingest", "cases", str(first)])

    early = runner.invoke(app, ["link", "--incremental"])
    runner.invoke(app, ["link", "--only", "persons"])
    runner.invoke(app, ["ingest", "cases", str(later)])
    late = runner.invoke(app, ["link", "--incremental"])
    again = runner.invoke(app, ["link", "--incremental"])

    assert early.exit_code == 2 and "run `kadiyan link`" in early.output
    assert late.exit_code == 0, late.output
    assert "persons: 0 new mentions" not in late.output
    assert again.exit_code == 0 and "persons: 0 new mentions" in again.output


def test_ingest_can_read_texts_for_identifiers_only(kadiyan_env: str, tmp_path: Path) -> None:
    ads, _ = _files(tmp_path)
    ads.write_text(ads.read_text().replace("call", "fresh college girls in Kanpur, call"))

    fast = runner.invoke(app, ["ingest", "ads", str(ads), "--profile", "identifiers"])
    unknown = runner.invoke(app, ["ingest", "ads", str(ads), "--profile", "everything"])

    assert fast.exit_code == 3, fast.output  # the bad line is quarantined all the same
    store = open_store(kadiyan_env)
    records = store.search_records("kanpur")
    kinds = {m["kind"] for r in records for m in store.mentions_of(r.id)}
    # read in full, the same texts name a place and youth; read for identifiers, only these
    assert {"place", "indicator"} <= {m.kind for m in extract_text(records[0].text, "ad")}
    assert kinds == {"phone", "account"}
    assert json.loads(runner.invoke(app, ["stats", "--json"]).output)["links"] == 5
    assert unknown.exit_code != 0
    assert "unknown profile 'everything'" in unknown.output
