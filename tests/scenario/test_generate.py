"""The synthetic world, as a user and a benchmark see it: files on disk and their truth."""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pdqhash
import phonenumbers
import pytest
from PIL import Image

from kadiyan.scenario import CALL_FORMATS, generate
from kadiyan.scenario.phrases import INDICATORS

from .decode import digit_stream

CALL_FILES = [fmt["file"] for fmt in CALL_FORMATS.values()]
RECORD_FILES = ["ads.jsonl", "cases.jsonl", "bookings.csv", *CALL_FILES, "missing.csv"]
ID_FIELD = {
    "ads.jsonl": "id",
    "cases.jsonl": "id",
    "bookings.csv": "booking_id",
    "missing.csv": "report_id",
}
ID_FIELD.update({fmt["file"]: fmt["columns"]["row_id"] for fmt in CALL_FORMATS.values()})


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo world, generated once for this module."""
    out = tmp_path_factory.mktemp("demo")
    generate("demo", 7, out)
    return out


def records(out: Path, file: str) -> list[dict]:
    """Every record of a file, as dicts."""
    if file.endswith(".jsonl"):
        return [json.loads(line) for line in (out / file).read_text("utf-8").splitlines()]
    with open(out / file, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def truth(out: Path) -> list[dict]:
    return records(out, "truth.jsonl")


def truth_of(out: Path, file: str) -> dict[str, dict]:
    return {t["record_id"]: t for t in truth(out) if t["file"] == file}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_same_size_and_seed_give_the_same_bytes(world: Path, tmp_path: Path) -> None:
    # Another run, scheduled differently (two worker processes), writes identical files.
    summary = generate("demo", 7, tmp_path, workers=2)
    for rel in summary.files:
        assert digest(tmp_path / rel) == digest(world / rel), rel


def test_another_seed_gives_another_world(world: Path, tmp_path: Path) -> None:
    generate("demo", 8, tmp_path)
    assert (tmp_path / "ads.jsonl").read_bytes() != (world / "ads.jsonl").read_bytes()


def test_the_summary_counts_what_was_written(tmp_path: Path) -> None:
    stages: set[str] = set()
    summary = generate("demo", 1, tmp_path, progress=lambda stage, done, total: stages.add(stage))
    assert summary.counts["ads.jsonl"] == 400
    assert summary.counts["cases.jsonl"] == 25
    assert summary.counts["bookings.csv"] == 300
    assert sum(summary.counts[f] for f in CALL_FILES) == 2000
    assert summary.counts["missing.csv"] == 60
    assert summary.counts["truth.jsonl"] == sum(summary.counts[f] for f in RECORD_FILES)
    for file in RECORD_FILES:
        assert len(records(tmp_path, file)) == summary.counts[file], file
    assert all((tmp_path / rel).is_file() for rel in summary.files)
    assert summary.counts["images"] == len(list((tmp_path / "images").glob("*.jpg")))
    assert not (tmp_path / ".parts").exists()
    assert {"world", "ads", "cases", "bookings", "calls", "missing", "images"} <= stages


def test_unknown_sizes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="demo"):
        generate("huge", 1, tmp_path)


def test_every_record_has_exactly_one_truth_line(world: Path) -> None:
    lines = truth(world)
    keys = [(t["file"], t["record_id"]) for t in lines]
    assert len(keys) == len(set(keys))
    in_files = {(file, r[ID_FIELD[file]]) for file in RECORD_FILES for r in records(world, file)}
    assert set(keys) == in_files


def test_record_ids_are_unique_even_across_call_files(world: Path) -> None:
    for file in RECORD_FILES:
        ids = [r[ID_FIELD[file]] for r in records(world, file)]
        assert len(ids) == len(set(ids)), file
    call_ids = [r[ID_FIELD[f]] for f in CALL_FILES for r in records(world, f)]
    assert len(call_ids) == len(set(call_ids))


def test_truth_phones_are_valid_indian_mobiles_in_e164(world: Path) -> None:
    phones = {p for t in truth(world) for p in t["phones"]}
    assert phones
    for phone in phones:
        assert re.fullmatch(r"\+91[6-9]\d{9}", phone), phone
        assert phonenumbers.is_valid_number(phonenumbers.parse(phone)), phone


def test_ads_contain_the_phones_handles_and_emails_of_their_truth(world: Path) -> None:
    # Phones are obfuscated (words, Devanagari, keycaps, O for 0...), yet recoverable.
    t = truth_of(world, "ads.jsonl")
    for ad in records(world, "ads.jsonl"):
        facts = t[ad["id"]]
        digits = digit_stream(ad["text"])
        for phone in facts["phones"]:
            assert phone[3:] in digits, (ad["text"], phone)
        for handle in facts["handles"]:
            assert handle.split(":", 1)[1] in ad["text"]
        for email in facts["emails"]:
            assert email in ad["text"]
        assert [i["path"] for i in facts["images"]] == ad["images"]


def test_ads_look_like_the_real_inputs(world: Path) -> None:
    ads = records(world, "ads.jsonl")
    assert set(ads[0]) == {"id", "text", "city", "state", "posted_at", "site", "images"}
    assert all(re.fullmatch(r"ad-\d{7}", a["id"]) for a in ads)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:00\+05:30", a["posted_at"]) for a in ads)
    texts = " ".join(a["text"] for a in ads)
    assert re.search("[\u0900-\u097f]", texts), "some ads are in Hindi"
    assert re.search(r"\d\d-\d\d-\d\d", texts), "measurements are there as negatives"
    t = truth_of(world, "ads.jsonl")
    codes = {c for facts in t.values() for c in facts["indicators"]}
    assert codes <= set(INDICATORS) and len(codes) >= 8
    by_op = Counter(t[a["id"]]["operation_id"] for a in ads)
    assert by_op[None] > len(ads) * 0.3, "plenty of noise"
    assert len(by_op) > 5


def test_operation_ads_reuse_a_few_templates(world: Path) -> None:
    # Near-duplicates: the ads of one operation share most of their words.
    t = truth_of(world, "ads.jsonl")
    by_op: dict[str, list[set[str]]] = defaultdict(list)
    for ad in records(world, "ads.jsonl"):
        op = t[ad["id"]]["operation_id"]
        if op:
            by_op[op].append(set(re.findall(r"[a-zA-Z]{4,}", ad["text"].lower())))
    shared = []
    for sets in by_op.values():
        for a, b in itertools.combinations(sets[:10], 2):
            if a and b:
                shared.append(len(a & b) / len(a | b))
    assert np.median(shared) > 0.2


def test_noise_never_uses_an_operations_phone(world: Path) -> None:
    ops = json.loads((world / "world.json").read_text("utf-8"))["operations"]
    op_phones = {p for op in ops for p in op["phones"]} | {
        p for op in ops for p in op["member_phones"].values()
    }
    for t in truth(world):
        if t["file"] in ("ads.jsonl", "bookings.csv") and t["operation_id"] is None:
            assert not set(t["phones"]) & op_phones, t


def test_operations_cross_three_states_from_source_through_transit_to_destination(
    world: Path,
) -> None:
    ops = json.loads((world / "world.json").read_text("utf-8"))["operations"]
    assert len(ops) == 8
    for op in ops:
        route = op["route"]
        assert route["source"] and route["transit"] and route["destination"]
        states = {p["state"] for leg in route.values() for p in leg}
        assert len(states) >= 3 and len(op["states"]) >= 3
        assert 1 <= len(op["phones"]) <= 4
        assert 1 <= len(op["handles"]) <= 3
        roles = {m["role"] for m in op["members"]}
        assert {"recruiter", "transporter", "harbourer", "exploiter"} <= roles


def test_persons_are_written_in_more_than_one_way(world: Path) -> None:
    forms: dict[str, set[str]] = defaultdict(set)
    for t in truth(world):
        for n in t.get("names", []):
            forms[n["person_id"]].add(n["name"])
    several = [pid for pid, names in forms.items() if len(names) > 1]
    assert len(several) > 20
    all_forms = {n for names in forms.values() for n in names}
    assert any(re.search("[\u0900-\u097f]", n) for n in all_forms), "Devanagari forms"
    narratives = " ".join(c["narrative"] for c in records(world, "cases.jsonl"))
    for join in (" alias ", " @ ", " urf ", " उर्फ "):
        assert join in narratives, join


def test_case_reports_follow_the_schema_and_the_law(world: Path) -> None:
    t = truth_of(world, "cases.jsonl")
    for case in records(world, "cases.jsonl"):
        assert case["language"] in ("en", "hi")
        assert re.fullmatch(r"\d+/20\d\d", case["fir_no"])
        acts = {s.split()[0] for s in case["sections"]}
        # Criminal codes changed on 1 July 2024: older cases keep IPC sections.
        assert ("BNS" in acts) == (case["registered_on"] >= "2024-07-01")
        assert ("IPC" in acts) == (case["registered_on"] < "2024-07-01")
        assert case["rescued"] == len(case["victims"]) > 0
        assert (
            case["minors"] == sum(v["age"] < 18 for v in case["victims"])
            or case["minors"] <= case["rescued"]
        )
        assert case["phones_seized"] >= 1
        assert {"name", "alias", "father", "age", "phone", "address"} == set(case["accused"][0])
        assert {"name", "age", "from_district", "from_state"} == set(case["victims"][0])
        facts = t[case["id"]]
        # Victims are named only in the structured field, never in the narrative (unless an
        # accused happens to bear the same common name).
        others = [n["name"] for n in facts["names"] if n["person_id"] not in facts["victim_ids"]]
        for v in case["victims"]:
            assert v["name"] not in case["narrative"] or any(v["name"] in o for o in others)
        assert set(facts["victim_ids"]) <= set(facts["person_ids"])
        digits = digit_stream(
            case["narrative"] + " " + " ".join(a["phone"] or "" for a in case["accused"])
        )
        for phone in facts["phones"]:
            assert phone[3:] in digits, (case["id"], phone)
    langs = Counter(c["language"] for c in records(world, "cases.jsonl"))
    assert langs["en"] and langs["hi"]


def test_photos_are_perturbed_copies_of_a_few_base_photos(world: Path) -> None:
    by_base: dict[str, set[str]] = defaultdict(set)
    for t in truth(world):
        for image in t["images"]:
            by_base[image["base_photo_id"]].add(image["path"])
    assert by_base

    def pdq(rel: str) -> np.ndarray:
        bits, _quality = pdqhash.compute(np.asarray(Image.open(world / rel).convert("RGB")))
        return bits.astype(bool)

    hashes = {base: [pdq(p) for p in sorted(paths)] for base, paths in by_base.items()}
    reused = [h for h in hashes.values() if len(h) > 1]
    assert reused, "some photos are reposted"
    for copies in reused:
        for a, b in itertools.combinations(copies, 2):
            assert np.count_nonzero(a != b) <= 31
    firsts = [h[0] for h in hashes.values()]
    between = [np.count_nonzero(a != b) for a, b in itertools.combinations(firsts, 2)]
    assert np.mean(np.array(between) > 31) > 0.95
    sizes = {Image.open(world / p).size for paths in by_base.values() for p in paths}
    assert len(sizes) > 1, "copies are resized or cropped"


def test_call_files_differ_by_operator_but_say_the_same_things(world: Path) -> None:
    headers = []
    for fmt in CALL_FORMATS.values():
        with open(world / fmt["file"], encoding="utf-8") as fh:
            header = tuple(next(csv.reader(fh)))
        assert header == tuple(fmt["header"])
        assert set(fmt["columns"].values()) <= set(header)
        headers.append(header)
    assert len(set(headers)) == 3
    for fmt in CALL_FORMATS.values():
        truths = truth_of(world, fmt["file"])
        for row in records(world, fmt["file"]):
            a, b = (re.sub(r"\D", "", row[fmt["columns"][k]])[-10:] for k in ("a_party", "b_party"))
            assert truths[row[fmt["columns"]["row_id"]]]["phones"] == ["+91" + a, "+91" + b]
            assert row[fmt["columns"]["call_type"]] in fmt["call_types"]


def test_calls_connect_members_of_an_operation(world: Path) -> None:
    ops = json.loads((world / "world.json").read_text("utf-8"))["operations"]
    members = {pid: op["id"] for op in ops for pid in op["member_ids"]}
    inside = 0
    for t in truth(world):
        if t["file"] in CALL_FILES and len(t["person_ids"]) == 2:
            a, b = t["person_ids"]
            inside += members.get(a) is not None and members.get(a) == members.get(b)
    assert inside > 20


def test_some_missing_reports_are_about_victims_rescued_later(world: Path) -> None:
    reports = {r["report_id"]: r for r in records(world, "missing.csv")}
    cases = records(world, "cases.jsonl")
    rescued_on = {
        vid: c["registered_on"]
        for c in cases
        for vid in truth_of(world, "cases.jsonl")[c["id"]]["victim_ids"]
    }
    matched = 0
    for rid, t in truth_of(world, "missing.csv").items():
        for vid in t["victim_ids"]:
            if vid in rescued_on:
                matched += 1
                assert reports[rid]["reported_on"] < rescued_on[vid]
    assert matched >= 3
    assert len(reports) - matched > len(reports) / 2, "most reports are unrelated"


def test_operation_bookings_show_hospitality_indicators(world: Path) -> None:
    t = truth_of(world, "bookings.csv")
    rows = records(world, "bookings.csv")
    ops = [r for r in rows if t[r["booking_id"]]["operation_id"]]
    others = [r for r in rows if not t[r["booking_id"]]["operation_id"]]
    assert ops and others
    assert all(int(r["rooms"]) >= 2 for r in ops)
    cash = sum(r["payment_mode"] == "Cash" for r in ops) / len(ops)
    assert cash > sum(r["payment_mode"] == "Cash" for r in others) / len(others)
