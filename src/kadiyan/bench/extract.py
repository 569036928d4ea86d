"""`kadiyan bench extract`: the extractor scored field by field, and its speed.

Corpora: the annotated development sets (`ads_dev.jsonl`, `narratives_dev/`) when a
folder of them is given or found, and a generated world's ads and case reports scored
against its `truth.jsonl`. Scores are micro precision, recall and F1 per field; persons
match on name or any alias in either script, places on name or romanisation.

Speed is records per second on one core for the ad profile, text by text
(`extract_text`) and a chunk at a time as ingestion reads them (`extract_texts`), next to
`phonenumbers.PhoneNumberMatcher(text, "IN")` alone over the same texts in the same run,
the three timed in turn round after round (ours over the matcher's is the median of the
rounds' ratios), with both recalls of the phones the truth says are there. The result says
whether the extractors timed were compiled (`kadiyan.extract.native`); with
`KADIYAN_PURE_PYTHON=1` the pure Python ones are timed.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import phonenumbers

from kadiyan.extract import extract_text, extract_texts
from kadiyan.extract.fields import extract_record
from kadiyan.extract.keys import normal
from kadiyan.extract.native import in_use
from kadiyan.extract.numbers import count_totals
from kadiyan.ingest.cases import parse_case
from kadiyan.model import Mention, MentionKind

E164 = phonenumbers.PhoneNumberFormat.E164
COUNT_FIELDS = ("rescued", "arrested", "minors")
PLATFORM_NAMES = {"Twitter": "X"}


@dataclass
class Score:
    """True positives, false positives and false negatives of one field, summed."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set[str], gold: set[str]) -> None:
        """Count one record's predicted values against its gold values."""
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def add_counts(self, tp: int, fp: int, fn: int) -> None:
        """Count matches decided elsewhere (persons and places match on any of names)."""
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def as_dict(self) -> dict[str, float]:
        """Precision, recall and F1, rounded, with the raw counts."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class CorpusResult:
    """Scores of one corpus, by field, and how fast it was read."""

    name: str
    records: int
    fields: dict[str, Score] = field(default_factory=dict)
    exact: dict[str, tuple[int, int]] = field(default_factory=dict)  # right, of how many
    seconds: float = 0.0

    def score(self, name: str) -> Score:
        """The score of a field, created on first use."""
        return self.fields.setdefault(name, Score())

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "records": self.records,
            "records_per_second": round(self.records / self.seconds) if self.seconds else None,
            "fields": {k: v.as_dict() for k, v in sorted(self.fields.items())},
            "exact": {k: {"right": a, "of": b, "share": round(a / b, 3) if b else None}
                      for k, (a, b) in self.exact.items()},
        }


# -- what a text's mentions say, per field ------------------------------------------------


def values(mentions: list[Mention], *kinds: MentionKind) -> set[str]:
    """The normalised values of the mentions of some kinds."""
    return {m.value for m in mentions if m.kind in kinds}


def identifiers(mentions: list[Mention]) -> set[str]:
    """Accounts as `platform:handle` and e-mails as `email:address`, the gold's form."""
    found = values(mentions, MentionKind.ACCOUNT)
    return found | {"email:" + v for v in values(mentions, MentionKind.EMAIL)}


def person_names(mention: Mention) -> set[str]:
    """Every spelling a person mention offers: name, romanisation, aliases."""
    extra = mention.extra
    names = {mention.value, extra.get("latin") or "", extra.get("full_name") or ""}
    names |= set(extra.get("aliases") or []) | set(extra.get("aliases_latin") or [])
    return {normal(n) for n in names if n}


def place_names(mention: Mention) -> set[str]:
    """A place as written, canonical and romanised."""
    names = {mention.value, mention.raw, mention.extra.get("latin") or ""}
    return {normal(n) for n in names if n}


def match_groups(predicted: list[set[str]], gold: list[set[str]]) -> tuple[int, int, int]:
    """tp, fp, fn when a prediction matches a gold item that shares any of its names.

    Each gold item is matched at most once, each prediction too.
    """
    used: set[int] = set()
    tp = 0
    for names in predicted:
        hit = next((i for i, g in enumerate(gold) if i not in used and names & g), None)
        if hit is not None:
            used.add(hit)
            tp += 1
    return tp, len(predicted) - tp, len(gold) - tp


# -- the development sets -----------------------------------------------------------------


def score_ads(path: Path) -> CorpusResult:
    """Phones, identifiers and indicators of `ads_dev.jsonl`."""
    lines = _json_lines(path)
    result = CorpusResult("ads_dev", len(lines))
    start = time.perf_counter()
    found = [extract_text(line["text"], "ad") for line in lines]
    result.seconds = time.perf_counter() - start
    for line, mentions in zip(lines, found, strict=True):
        result.score("phones").add(values(mentions, MentionKind.PHONE), set(line["phones"]))
        result.score("identifiers").add(identifiers(mentions), set(line["identifiers"]))
        result.score("indicators").add(
            values(mentions, MentionKind.INDICATOR), set(line.get("indicators", []))
        )
    return result


def score_narratives(folder: Path) -> CorpusResult:
    """Every annotated field of the case narratives in `folder` (`NAME.txt` + `NAME.json`)."""
    pairs = sorted((p, p.with_suffix(".json")) for p in folder.glob("*.txt"))
    result = CorpusResult("narratives_dev", len(pairs))
    for text_path, gold_path in pairs:
        text, gold = text_path.read_text(encoding="utf-8"), orjson.loads(gold_path.read_bytes())
        start = time.perf_counter()
        mentions = extract_text(text, "narrative")
        result.seconds += time.perf_counter() - start
        score_narrative(result, mentions, gold)
    return result


def score_narrative(result: CorpusResult, mentions: list[Mention], gold: dict) -> None:
    """Add one narrative's fields to the corpus scores."""
    persons = [person_names(m) for m in mentions if m.kind is MentionKind.PERSON]
    gold_persons = [
        {normal(n) for n in [p["name"], p.get("latin") or "", *p.get("aliases", []),
                             *p.get("aliases_latin", [])] if n}
        for p in gold.get("persons", [])
    ]
    result.score("persons").add_counts(*match_groups(_unique(persons), gold_persons))
    places = [place_names(m) for m in mentions if m.kind is MentionKind.PLACE]
    gold_places = [
        {normal(n) for n in (p["name"], p.get("latin") or "") if n} for p in gold.get("places", [])
    ]
    result.score("places").add_counts(*match_groups(_unique(places), gold_places))
    result.score("phones").add(values(mentions, MentionKind.PHONE), set(gold.get("phones", [])))
    result.score("identifiers").add(identifiers(mentions), set(gold.get("identifiers", [])))
    result.score("vehicles").add(
        values(mentions, MentionKind.VEHICLE), set(gold.get("vehicles", []))
    )
    # Twitter is X since 2023; the gold uses both names.
    platforms = {PLATFORM_NAMES.get(p, p) for p in gold.get("platforms", [])}
    result.score("platforms").add(values(mentions, MentionKind.PLATFORM), platforms)
    result.score("sections").add(
        values(mentions, MentionKind.SECTION), set(gold.get("sections", []))
    )
    counts = count_totals(m for m in mentions if m.kind is MentionKind.COUNT)
    wanted = gold.get("counts") or {}
    right = all(counts.get(k) == wanted.get(k) for k in COUNT_FIELDS)
    _tally(result, "counts", right)
    case = gold.get("case") or {}
    header = next((m for m in mentions if m.kind is MentionKind.CASE), None)
    if case.get("number"):
        _tally(result, "case_number", header is not None and header.value == case["number"])


# -- a generated world --------------------------------------------------------------------


def score_world(world: Path, limit: int | None = None) -> list[CorpusResult]:
    """The world's ads (phones, identifiers, indicators) and case reports (persons, law...)."""
    truth = {t["record_id"]: t for t in _json_lines(world / "truth.jsonl")}
    ads = _json_lines(world / "ads.jsonl", limit)
    ad_result = CorpusResult("world_ads", len(ads))
    start = time.perf_counter()
    found = [extract_text(ad["text"], "ad") for ad in ads]
    ad_result.seconds = time.perf_counter() - start
    for ad, mentions in zip(ads, found, strict=True):
        gold = truth[ad["id"]]
        ad_result.score("phones").add(values(mentions, MentionKind.PHONE), set(gold["phones"]))
        gold_ids = {h.lower() for h in gold["handles"]} | {
            "email:" + e.lower() for e in gold["emails"]
        }
        ad_result.score("identifiers").add(identifiers(mentions), gold_ids)
        if "indicators" in gold:
            ad_result.score("indicators").add(
                values(mentions, MentionKind.INDICATOR), set(gold["indicators"])
            )
    cases = _json_lines(world / "cases.jsonl", limit)
    case_result = CorpusResult("world_cases", len(cases))
    for case in cases:
        start = time.perf_counter()
        mentions = extract_text(case.get("narrative") or "", "narrative")
        case_result.seconds += time.perf_counter() - start
        _score_world_case(case_result, mentions, case, truth[case["id"]])
    return [ad_result, case_result]


def _score_world_case(result: CorpusResult, mentions: list[Mention], case: dict,
                      gold: dict) -> None:
    # Truth names every person of the record, structured fields included: the narrative is
    # scored on the names it states.
    narrative = normal(case.get("narrative") or "")
    by_person: dict[str, set[str]] = {}
    for entry in gold.get("names", []):
        if normal(entry["name"]) in narrative:
            by_person.setdefault(entry["person_id"], set()).add(normal(entry["name"]))
    persons = [person_names(m) for m in mentions if m.kind is MentionKind.PERSON]
    result.score("persons").add_counts(*match_groups(_unique(persons), list(by_person.values())))
    # Phones as ingestion links them: narrative and structured fields together.
    record = parse_case(case, "cases.jsonl", 0, "")
    linked = values(extract_record(record), MentionKind.PHONE)
    result.score("phones (text and fields)").add(linked, set(gold["phones"]))
    result.score("sections").add(
        values(mentions, MentionKind.SECTION), set(case.get("sections") or [])
    )
    # The world lists where its victims came from, not every place a narrative names:
    # recall only.
    origins = {normal(v.get("from_district") or "") for v in case.get("victims") or []} - {""}
    places = set().union(*(place_names(m) for m in mentions if m.kind is MentionKind.PLACE))
    result.score("places_recall").add_counts(len(origins & places), 0, len(origins - places))
    # The world writes 0 where a narrative states no count; the text gives none.
    counts = count_totals(m for m in mentions if m.kind is MentionKind.COUNT)
    right = all((counts.get(k) or 0) == (case.get(k) or 0) for k in COUNT_FIELDS)
    _tally(result, "counts", right)


# -- speed against the matcher ------------------------------------------------------------


@dataclass
class Speed:
    """Ads per second on one core, ours (text by text, and a chunk at a time) and the
    matcher's, each the best of its rounds; ours over the matcher's, round by round; and
    both phone recalls."""

    texts: int
    ours_per_second: float
    ours_chunked_per_second: float
    matcher_per_second: float
    # The median over rounds of the matcher's time over ours in that round: each round
    # times the three one after the other, so a slow minute of a noisy machine slows both
    # sides of a round's ratio, where it would slow only one side of the best-of ratio.
    ours_over_matcher: float
    ours_chunked_over_matcher: float
    ours_phone_recall: float
    matcher_phone_recall: float
    # Which form of the extractors was timed: compiled by mypyc, or pure Python and why.
    extractors: str

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {k: round(v, 3) if isinstance(v, float) else v for k, v in vars(self).items()}


def speed(texts: list[str], gold: list[set[str]], rounds: int = 5) -> Speed:
    """The ad profile (text by text, and chunked) and the matcher over the same texts,
    timed in turn in each of `rounds` rounds."""
    work: dict[str, Callable[[], object]] = {
        "ours": lambda: [extract_text(t, "ad") for t in texts],
        "chunked": lambda: extract_texts(texts, "ad"),
        "matcher": lambda: [_matcher_phones(t) for t in texts],
    }
    times: dict[str, list[float]] = {name: [] for name in work}
    for _ in range(rounds):
        for name, run in work.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    our_found = [values(extract_text(t, "ad"), MentionKind.PHONE) for t in texts]
    their_found = [_matcher_phones(t) for t in texts]
    total = sum(len(g) for g in gold) or 1
    return Speed(
        texts=len(texts),
        ours_per_second=len(texts) / min(times["ours"]),
        ours_chunked_per_second=len(texts) / min(times["chunked"]),
        matcher_per_second=len(texts) / min(times["matcher"]),
        ours_over_matcher=_median_ratio(times["matcher"], times["ours"]),
        ours_chunked_over_matcher=_median_ratio(times["matcher"], times["chunked"]),
        ours_phone_recall=sum(len(f & g) for f, g in zip(our_found, gold, strict=True)) / total,
        matcher_phone_recall=sum(len(f & g) for f, g in zip(their_found, gold, strict=True))
        / total,
        extractors=str(in_use()),
    )


def _median_ratio(numerators: list[float], denominators: list[float]) -> float:
    return statistics.median(n / d for n, d in zip(numerators, denominators, strict=True))


def _matcher_phones(text: str) -> set[str]:
    return {
        phonenumbers.format_number(m.number, E164)
        for m in phonenumbers.PhoneNumberMatcher(text, "IN")
    }


# -- helpers ------------------------------------------------------------------------------


def _json_lines(path: Path, limit: int | None = None) -> list[dict]:
    lines = []
    with path.open("rb") as handle:
        for line in handle:
            if line.strip():
                lines.append(orjson.loads(line))
                if limit and len(lines) >= limit:
                    break
    return lines


def _unique(groups: Iterable[set[str]]) -> list[set[str]]:
    """One entry per person or place however often the text names it."""
    merged: list[set[str]] = []
    for names in groups:
        same = next((m for m in merged if m & names), None)
        if same is None:
            merged.append(set(names))
        else:
            same |= names
    return merged


def _tally(result: CorpusResult, name: str, right: bool) -> None:
    hits, total = result.exact.get(name, (0, 0))
    result.exact[name] = (hits + right, total + 1)
