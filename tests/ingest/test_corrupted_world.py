"""A copy of the world's ads with 5% of lines corrupted: good lines stored, bad ones kept."""

from __future__ import annotations

import json
from pathlib import Path

from kadiyan.ingest.pipeline import ingest_file
from kadiyan.resolve import resolve_record
from kadiyan.store import Store

# Ways a line goes bad in the wild, with the reason the quarantine must give.
CORRUPTIONS = [
    (lambda line: line[: len(line) // 2], "invalid JSON"),
    (lambda line: json.dumps({k: v for k, v in json.loads(line).items() if k != "text"}),
     "missing required field 'text'"),
    (lambda line: json.dumps(dict(json.loads(line), posted_at="last Tuesday")),
     "field 'posted_at' is not a date-time"),
    (lambda line: json.dumps(dict(json.loads(line), images="img.jpg")),
     "field 'images' must be a list of file paths"),
]


def test_every_good_line_is_stored_and_every_bad_one_quarantined(
    store: Store, world: Path, tmp_path: Path
) -> None:
    lines = (world / "ads.jsonl").read_text(encoding="utf-8").splitlines()
    damaged, expected = [], {}
    for number, line in enumerate(lines, start=1):
        if number % 20 == 0:
            corrupt, reason = CORRUPTIONS[(number // 20) % len(CORRUPTIONS)]
            line = corrupt(line)
            expected[number] = reason
        damaged.append(line)
    copy = tmp_path / "ads-damaged.jsonl"
    copy.write_text("\n".join(damaged) + "\n", encoding="utf-8")

    summary = ingest_file(store, "ads", copy, resolver=resolve_record)

    assert summary.read == len(lines)
    assert summary.stored == len(lines) - len(expected)
    assert summary.quarantined == len(expected) == len(lines) // 20
    quarantined = {row.line: row for row in store.quarantined(limit=10_000)}
    assert set(quarantined) == set(expected)
    for number, reason in expected.items():
        assert quarantined[number].reason.startswith(reason), quarantined[number].reason
        assert quarantined[number].raw == damaged[number - 1]
        assert quarantined[number].source_file == str(copy)
    stored_ids = {r for r in _source_ids(store)}
    good_ids = {json.loads(lines[n - 1])["id"] for n in range(1, len(lines) + 1)
                if n not in expected}
    assert stored_ids == good_ids


def _source_ids(store: Store) -> list[str]:
    return [r.source_id for batch in store.iter_records() for r in batch]
