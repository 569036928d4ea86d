"""On a generated world, identifiers join exactly the records the ground truth says share them.

This reads the synthetic world's `truth.jsonl` (which the pipeline never sees) and checks
the store against it, record by record, on both databases.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kadiyan.cli.main import app
from kadiyan.cli.serve import ingest_world
from kadiyan.store import Store

IDENTIFIER_PREFIXES = ("phone:", "email:", "account:")


def _truth(world: Path) -> list[dict]:
    with (world / "truth.jsonl").open() as handle:
        return [json.loads(line) for line in handle]


def _expected(line: dict) -> set[str]:
    return (
        {f"phone:{p}" for p in line.get("phones", [])}
        | {f"email:{e.lower()}" for e in line.get("emails", [])}
        | {f"account:{h.lower()}" for h in line.get("handles", [])}
    )


def _linked(store: Store) -> dict[str, set[str]]:
    """source id -> identifier entities its record links to."""
    from sqlalchemy import select

    from kadiyan.store.schema import edges, records

    found: dict[str, set[str]] = defaultdict(set)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(records.c.source_id, edges.c.dst).join(edges, edges.c.src == records.c.id)
        )
        for source_id, dst in rows:
            if dst.startswith(IDENTIFIER_PREFIXES):
                found[source_id].add(dst)
    return found


def test_every_shared_identifier_joins_its_records(store: Store, world: Path) -> None:
    ingest_world(store, world)
    truth = _truth(world)
    linked = _linked(store)

    missed = {t["record_id"]: _expected(t) - linked[t["record_id"]] for t in truth}
    missed = {k: v for k, v in missed.items() if v}
    extra = {t["record_id"]: linked[t["record_id"]] - _expected(t) for t in truth}
    extra = {k: v for k, v in extra.items() if v}

    assert not missed, f"{len(missed)} records lack links truth says they have: " + str(
        list(missed.items())[:5]
    )
    assert len(extra) <= len(truth) // 200, f"{len(extra)} records with spurious links: " + str(
        list(extra.items())[:5]
    )
    # and so every pair of records sharing an identifier meets at that entity
    holders: dict[str, set[str]] = defaultdict(set)
    for t in truth:
        for entity in _expected(t):
            holders[entity].add(t["record_id"])
    shared = [e for e, ids in holders.items() if len(ids) > 1]
    assert len(shared) > 50
    for entity in shared:
        assert holders[entity] <= {sid for sid, ents in linked.items() if entity in ents}


def test_show_lists_every_record_of_a_phone_by_kind(
    kadiyan_env: str, world: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kadiyan.store import open_store

    ingest_world(open_store(kadiyan_env), world)
    truth = _truth(world)
    by_phone: dict[str, list[dict]] = defaultdict(list)
    for t in truth:
        for phone in t.get("phones", []):
            by_phone[phone].append(t)
    # the phone seen in the most kinds of file, then in the most records
    phone, holders = max(
        by_phone.items(), key=lambda kv: (len({t["file"] for t in kv[1]}), len(kv[1]))
    )
    assert len({t["file"] for t in holders}) >= 3, "the world should reuse phones across sources"

    result = CliRunner(env={"COLUMNS": "250"}).invoke(app, ["show", f"phone:{phone}"])

    assert result.exit_code == 0, result.output
    for t in holders:
        assert t["record_id"] in result.output, f"{t['file']} {t['record_id']} not shown"
