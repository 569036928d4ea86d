"""New person mentions join known persons between batch runs, with the model the last run kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import select

from kadiyan.engines import get_engine
from kadiyan.engines.new_persons_job import NoModel, match_new_persons
from kadiyan.ingest.pipeline import ingest_file
from kadiyan.model import Verdict
from kadiyan.resolve import resolve_record
from kadiyan.store import Store, schema
from kadiyan.store.resolution import add_judgement, memberships, scored_pairs

UNKNOWN = "Zorawar Pathania"


def _known_accused(store: Store) -> tuple[str, dict[str, Any], str]:
    """A person named as accused (in English, with age and phone) in two or more records."""
    found = memberships(store, "person")
    records_of: dict[str, set[str]] = {}
    for member, person in found.items():
        records_of.setdefault(person, set()).add(member.split("#")[0])
    r = schema.records
    with store.engine.connect() as conn:
        rows = conn.execute(select(r.c.id, r.c.seq, r.c.place, r.c.fields)
                            .where(r.c.kind == "case_report").order_by(r.c.seq)).all()
        m = schema.mentions
        for record_id, seq, place, fields in rows:
            for index, accused in enumerate(orjson.loads(fields).get("accused") or []):
                name = accused.get("name") or ""
                if not (name.isascii() and len(name.split()) == 2 and accused.get("age")
                        and accused.get("phone")):
                    continue
                mention = conn.execute(select(m.c.seq).where(
                    m.c.record_seq == seq, m.c.field == f"accused[{index}].name")).scalar()
                person = found.get(f"{record_id}#{mention}")
                if person and len(records_of[person]) > 1:
                    return person, accused, place
    raise AssertionError("no accused named in two records")


def _variant(name: str) -> str:
    """Another spelling of a name: `Vikas Singh` → `Veekas Singh`, `Rohan Das` → `Rohaan Das`."""
    first, last = name.split()
    for a, b in (("i", "ee"), ("a", "aa"), ("e", "i"), ("u", "oo")):
        if a in first[1:]:
            return f"{first[0]}{first[1:].replace(a, b, 1)} {last}"
    return f"{first}a {last}"


def _new_fir(tmp_path: Path, accused: dict[str, Any], place: str) -> Path:
    case = {
        "id": "case-new-0001", "fir_no": "77/2026", "police_station": "Kotwali",
        "district": place, "state": "Uttar Pradesh", "registered_on": "2026-02-01",
        "language": "en", "sections": ["ITPA 3", "ITPA 4"],
        "accused": [
            {"name": _variant(accused["name"]), "age": accused["age"] + 1,
             "phone": accused["phone"]},
            {"name": UNKNOWN, "age": 44},
        ],
        "victims": [], "rescued": 0, "arrested": 2, "minors": 0, "phones_seized": 1,
        "narrative": "Two accused were arrested at a lodge on a tip-off.",
    }
    path = tmp_path / "new_cases.jsonl"
    path.write_bytes(orjson.dumps(case) + b"\n")
    return path


def _new_mentions(store: Store) -> dict[str, str]:
    """The new FIR's person mentions: name as written → `RECORD_ID#SEQ`."""
    m, r = schema.mentions, schema.records
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(r.c.id, m.c.seq, m.c.value).join_from(m, r, r.c.seq == m.c.record_seq)
            .where(r.c.source_id == "case-new-0001", m.c.kind == "person",
                   m.c.field != "text")).all()
    return {value: f"{rid}#{seq}" for rid, seq, value in rows}


def test_a_new_fir_joins_its_known_accused_and_names_a_new_person_without_a_rerun(
    linked: Store, tmp_path: Path
) -> None:
    person, accused, place = _known_accused(linked)
    before = memberships(linked, "person")
    ingest_file(linked, "cases", _new_fir(tmp_path, accused, place), resolver=resolve_record)
    mentions = _new_mentions(linked)
    variant, unknown = mentions[_variant(accused["name"])], mentions[UNKNOWN]

    report = match_new_persons(linked, get_engine())

    after = memberships(linked, "person")
    assert after[variant] == person
    assert after[unknown] not in set(before.values())
    assert linked.entity(after[unknown]).label == UNKNOWN
    assert {m: after[m] for m in before} == before  # nothing known moved
    assert report.joined >= 1 and report.persons >= 1
    pairs = [p for p in scored_pairs(linked, "person", [variant]) if variant in (p.a, p.b)]
    assert pairs and pairs[0].explain()
    assert any(r.comparison == "name" for r in pairs[0].reasons)
    assert "case-new-0001" in {linked.record(link.source).source_id
                               for link in linked.links_of(person)}

    again = match_new_persons(linked, get_engine())
    assert again.rows == 0 and memberships(linked, "person") == after


def test_a_new_mention_judged_different_from_a_person_does_not_join_it(
    linked: Store, tmp_path: Path
) -> None:
    person, accused, place = _known_accused(linked)
    ingest_file(linked, "cases", _new_fir(tmp_path, accused, place), resolver=resolve_record)
    variant = _new_mentions(linked)[_variant(accused["name"])]
    add_judgement(linked, "person", person, variant, Verdict.DIFFERENT, "asha", "another man")

    match_new_persons(linked, get_engine())

    assert memberships(linked, "person")[variant] != person


def test_new_mentions_wait_for_a_first_batch_run(store: Store, demo_world: Path) -> None:
    ingest_file(store, "cases", demo_world / "cases.jsonl", resolver=resolve_record)

    with pytest.raises(NoModel):
        match_new_persons(store, get_engine())
