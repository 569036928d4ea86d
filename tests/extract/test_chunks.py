"""Texts read a chunk at a time, extractor by extractor, against text by text."""

from __future__ import annotations

import gc
from pathlib import Path

import orjson

from kadiyan import extract
from kadiyan.extract import extract_text, extract_texts
from kadiyan.extract.fields import extract_record, text_mentions
from kadiyan.ingest.ads import parse_ad
from kadiyan.ingest.cases import parse_case


def _lines(path: Path, limit: int) -> list[dict]:
    with path.open("rb") as handle:
        return [orjson.loads(line) for line, _ in zip(handle, range(limit), strict=False)]


def test_a_world_s_ads_read_in_chunks_give_what_each_gives_alone(
    world: Path, monkeypatch
) -> None:
    monkeypatch.setattr(extract, "CHUNK", 7)  # several chunks and a short last one
    texts = [ad["text"] for ad in _lines(world / "ads.jsonl", 60)]

    together = extract_texts(texts, "ad")

    assert together == [extract_text(t, "ad") for t in texts]
    assert sum(map(len, together)) > len(texts)  # the ads hold something to find


def test_records_of_a_chunk_get_the_mentions_each_gets_alone(world: Path) -> None:
    ads = [parse_ad(row, "ads.jsonl", i, "") for i, row in enumerate(
        _lines(world / "ads.jsonl", 20))]
    cases = [parse_case(row, "cases.jsonl", i, "") for i, row in enumerate(
        _lines(world / "cases.jsonl", 5))]
    records = ads + cases  # two kinds, so two profiles in one chunk

    found = text_mentions(records)

    assert [extract_record(r, None, m) for r, m in zip(records, found, strict=True)] == [
        extract_record(r) for r in records
    ]
    assert any(found[len(ads):])


def test_the_garbage_collector_is_left_as_it_was_after_chunks(monkeypatch) -> None:
    monkeypatch.setattr(extract, "CHUNK", 2)
    texts = ["Call 9876543210, new girls in Pune", "WhatsApp nine eight seven six 5 4 3 2 1 0"] * 3
    seen: list[bool] = []
    monkeypatch.setattr(extract, "PROFILES", {
        **extract.PROFILES, "ad": (*extract.AD, lambda text: seen.append(gc.isenabled()) or []),
    })
    was_on = gc.isenabled()
    try:
        gc.enable()
        extract_texts(texts, "ad")
        assert gc.isenabled()
        assert seen == [False] * len(texts)  # held off while a chunk is read
        gc.disable()
        extract_texts(texts, "ad")
        assert not gc.isenabled()  # a caller's choice stands
    finally:
        if was_on:
            gc.enable()
