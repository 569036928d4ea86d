"""Benchmark kadiyan.extract against phonenumbers' own matcher on annotated ad texts.

Run from the repository root:

    python bench/extract_phones.py            # dev set (../shared) and the hard cases
    python bench/extract_phones.py --seconds 3

Corpora: `../shared/eval/ads_dev.jsonl` when present (lines with `text`, gold `phones`
and `identifiers`), and `tests/extract/hard_cases.jsonl` (the project's own hard cases).
Both extractors run on the same texts in the same process; speed is texts per second on
one core, best and median of several rounds over the corpus repeated.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import phonenumbers

from kadiyan.extract import extract_text
from kadiyan.model import MentionKind

ROOT = Path(__file__).resolve().parent.parent
CORPORA = {
    "ads_dev": ROOT.parent / "shared" / "eval" / "ads_dev.jsonl",
    "hard_cases": ROOT / "tests" / "extract" / "hard_cases.jsonl",
}
E164 = phonenumbers.PhoneNumberFormat.E164


def load(path: Path) -> list[dict]:
    """The annotated lines of a corpus file."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def ours_phones(text: str) -> set[str]:
    """Phones found by kadiyan.extract."""
    return {m.value for m in extract_text(text) if m.kind is MentionKind.PHONE}


def ours_identifiers(text: str) -> set[str]:
    """Accounts and e-mails found by kadiyan.extract, in the dev set's notation."""
    found = set()
    for m in extract_text(text):
        if m.kind is MentionKind.ACCOUNT:
            found.add(m.value)
        elif m.kind is MentionKind.EMAIL:
            found.add(f"email:{m.value}")
    return found


def matcher_phones(text: str) -> set[str]:
    """Phones found by phonenumbers.PhoneNumberMatcher alone (region IN, default leniency)."""
    return {
        phonenumbers.format_number(match.number, E164)
        for match in phonenumbers.PhoneNumberMatcher(text, "IN")
    }


def score(
    rows: list[dict], field: str, predict: Callable[[str], set[str]]
) -> tuple[float, float, float, list[str]]:
    """Micro precision, recall, F1 over (line, value) pairs, and the errors."""
    tp = fp = fn = 0
    errors = []
    for row in rows:
        gold, got = set(row[field]), predict(row["text"])
        tp += len(gold & got)
        fp += len(got - gold)
        fn += len(gold - got)
        errors += [f"  missed {v} in {row['id']}: {row['text'][:90]!r}" for v in gold - got]
        errors += [f"  wrong  {v} in {row['id']}: {row['text'][:90]!r}" for v in got - gold]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, errors


def speed(run: Callable[[str], object], texts: list[str], seconds: float) -> tuple[float, float]:
    """Best and median texts per second over rounds of the corpus repeated."""
    repeat = max(1, 2000 // len(texts))
    batch = texts * repeat
    rates: list[float] = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(rates) < 5:
        began = time.perf_counter()
        for text in batch:
            run(text)
        rates.append(len(batch) / (time.perf_counter() - began))
    return max(rates), statistics.median(rates)


def report(name: str, rows: list[dict], seconds: float, show_errors: bool) -> None:
    """Quality and speed of both extractors on one corpus."""
    texts = [row["text"] for row in rows]
    mean_chars = sum(map(len, texts)) / len(texts)
    print(f"\n## {name}: {len(rows)} texts, {mean_chars:.0f} characters on average\n")
    print("| extractor | field | precision | recall | F1 | texts/s best | texts/s median |")
    print("|---|---|---|---|---|---|---|")
    results = [
        ("kadiyan extract_text", "phones", ours_phones, extract_text),
        ("kadiyan extract_text", "identifiers", ours_identifiers, None),
        ("phonenumbers PhoneNumberMatcher", "phones", matcher_phones, matcher_phones),
    ]
    errors: dict[str, list[str]] = {}
    for label, field, predict, timed in results:
        p, r, f, errs = score(rows, field, predict)
        errors[f"{label} {field}"] = errs
        rate = speed(timed, texts, seconds) if timed else None
        best, median = (f"{rate[0]:,.0f}", f"{rate[1]:,.0f}") if rate else ("", "")
        print(f"| {label} | {field} | {p:.3f} | {r:.3f} | {f:.3f} | {best} | {median} |")
    if show_errors:
        for label, errs in errors.items():
            if errs:
                print(f"\n{label}:")
                print("\n".join(errs))


def main(argv: Iterable[str] | None = None) -> None:
    """Score every corpus that is present."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="timing per extractor")
    parser.add_argument("--errors", action="store_true", help="list misses and false finds")
    args = parser.parse_args(list(argv) if argv is not None else None)
    for name, path in CORPORA.items():
        if path.exists():
            report(name, load(path), args.seconds, args.errors)
        else:
            print(f"\n## {name}: {path} not found, skipped")


if __name__ == "__main__":
    main()
