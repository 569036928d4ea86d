"""Benchmark kadiyan.extract against phonenumbers' own matcher on annotated ad texts.

Run from the repository root:

    python bench/extract_phones.py                 # every corpus present
    python bench/extract_phones.py --seconds 3 --errors

Corpora:
- `ads_dev`: `../shared/eval/ads_dev.jsonl`, when present (the shared dev set);
- `hard_cases`: `tests/extract/hard_cases.jsonl`, the project's own hard cases;
- `synthetic`: 2,000 ads generated here from a fixed seed, one of 24 writing styles each
  (or a negative), every number new and drawn valid by phonenumbers itself.

Both extractors run on the same texts in the same process. Speed is texts per second on
one core, best and median of rounds over the corpus repeated to about 2,000 texts; the
phone validation cache is emptied before every round, so numbers are validated afresh.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import phonenumbers

from kadiyan.extract import extract_text
from kadiyan.extract.phones import _e164
from kadiyan.model import MentionKind

ROOT = Path(__file__).resolve().parent.parent
FILES = {
    "ads_dev": ROOT.parent / "shared" / "eval" / "ads_dev.jsonl",
    "hard_cases": ROOT / "tests" / "extract" / "hard_cases.jsonl",
}
E164 = phonenumbers.PhoneNumberFormat.E164

ENGLISH = "zero one two three four five six seven eight nine".split()
HINDI = "शून्य एक दो तीन चार पाँच छह सात आठ नौ".split()
HINGLISH = "shunya ek do teen char paanch chhe saat aath nau".split()
DEVANAGARI = "०१२३४५६७८९"
TEMPLATES = [
    "Call {p} now",
    "VIP models in Pune, hotel service 24x7, rates 5000, call {p}",
    "नई लड़कियाँ, होटल और घर पर, संपर्क {p}",
    "Age 21, 36-28-36, contact: {p} (Riya)",
    "Booking ke liye {p} pe WhatsApp karo",
    "New in town!! {p}, only 3 days in Koregaon Park",
    "Price 3000/- short, 8000/- night. Ph {p}",
    "{p} - Sonia, Andheri West",
    "Mumbai escorts. WhatsApp only: {p}. Pin 400053",
]
NEGATIVES = [
    "Order id 1234567890 delivered. Aadhaar 4521 7789 3302",
    "Pin 411001, age 22, 34-26-34, height 5'5",
    "Rates 2000, 3000, 5000, 8000 full night",
    "Available 10 am to 11 pm, room 204, 2 girls",
    "Honda City 2018 model, 45000 km, call after 6",
    "PNR 8523697410 confirmed, coach B4",
    "Aadhaar no. 9187 6543 2109, PAN ABCDE1234F",
    "Call between 10:30 and 11:45, 24x7 service",
    "Sector 18 Noida, flat 1203, tower 4",
    "Born 12/08/1999, joined 2019",
]
STD_CODES = ["80", "22", "11", "33", "44", "40", "832", "120", "141", "512", "522", "612"]


def load(path: Path) -> list[dict]:
    """The annotated lines of a corpus file."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def valid(national: str) -> bool:
    """Whether phonenumbers deems an Indian national number valid."""
    return phonenumbers.is_valid_number(phonenumbers.parse(national, "IN"))


def mobile(draw: random.Random) -> str:
    """A random valid Indian mobile number, 10 digits."""
    while True:
        number = draw.choice("6789") + "".join(draw.choices("0123456789", k=9))
        if valid(number):
            return number


def landline(draw: random.Random) -> tuple[str, str]:
    """A random valid Indian landline: its STD code and its 10 national digits."""
    while True:
        std = draw.choice(STD_CODES)
        number = std + draw.choice("2345") + "".join(draw.choices("0123456789", k=9 - len(std)))
        if valid(number):
            return std, number


def repeated(draw: random.Random, number: str) -> str:
    """A number with its repeated digits written `double x` / `triple x`."""
    out, i = [], 0
    while i < len(number):
        digit = number[i]
        if number[i : i + 3] == digit * 3:
            out.append(f"triple {digit}")
            i += 3
        elif number[i : i + 2] == digit * 2:
            out.append(f"double {draw.choice([digit, ENGLISH[int(digit)]])}")
            i += 2
        else:
            out.append(digit)
            i += 1
    return " ".join(out)


def written(style: str, n: str) -> str:
    """A mobile number written in one of the styles ads use."""
    styles = {
        "plain": lambda: n,
        "5-5": lambda: f"{n[:5]} {n[5:]}",
        "dashes": lambda: f"{n[:3]}-{n[3:6]}-{n[6:]}",
        "dots": lambda: ".".join(n),
        "slash": lambda: f"{n[:5]}/{n[5:]}",
        "brackets": lambda: f"({n[:3]}) {n[3:6]} {n[6:]}",
        "+91": lambda: f"+91 {n[:5]} {n[5:]}",
        "0": lambda: "0" + n,
        "0091": lambda: f"0091 {n[:4]} {n[4:7]} {n[7:]}",
        "91": lambda: "91" + n,
        "O and l": lambda: n.replace("0", "O").replace("1", "l"),
        "english words": lambda: " ".join(ENGLISH[int(c)] for c in n),
        "Title-Words": lambda: "-".join(ENGLISH[int(c)].title() for c in n),
        "mixed": lambda: " ".join(ENGLISH[int(c)] if i % 2 else c for i, c in enumerate(n)),
        "hindi words": lambda: " ".join(HINDI[int(c)] for c in n),
        "hinglish words": lambda: " ".join(HINGLISH[int(c)] for c in n),
        "devanagari": lambda: "".join(DEVANAGARI[int(c)] for c in n[:5]) + " "
        + "".join(DEVANAGARI[int(c)] for c in n[5:]),
        "keycaps": lambda: "".join(c + "\ufe0f\u20e3" for c in n),
        "wa.me": lambda: "wa.me/91" + n,
        "api.whatsapp": lambda: "https://api.whatsapp.com/send?phone=91" + n,
        "spaced": lambda: " ".join(n),
    }
    return styles[style]()


SYNTHETIC_STYLES = [
    "plain", "5-5", "dashes", "dots", "slash", "brackets", "+91", "0", "0091", "91", "O and l",
    "english words", "Title-Words", "mixed", "hindi words", "hinglish words", "devanagari",
    "keycaps", "wa.me", "api.whatsapp", "spaced", "repeat", "landline", "two numbers",
    "negative",
]


def synthetic(count: int = 2000, seed: int = 11) -> list[dict]:
    """Ads in every style, with new random numbers each, and negatives."""
    draw = random.Random(seed)
    rows = []
    for k in range(count):
        style = SYNTHETIC_STYLES[k % len(SYNTHETIC_STYLES)]
        phones: list[str] = []
        if style == "negative":
            text = draw.choice(NEGATIVES)
        else:
            if style == "landline":
                std, number = landline(draw)
                rest = number[len(std) :]
                shown = draw.choice([f"0{std}-{rest[:4]} {rest[4:]}", f"+91 ({std}) {rest}"])
                phones = ["+91" + number]
            elif style == "two numbers":
                first, second = mobile(draw), mobile(draw)
                shown = f"{first[:5]} {first[5:]} / {second}"
                phones = ["+91" + first, "+91" + second]
            else:
                number = mobile(draw)
                shown = repeated(draw, number) if style == "repeat" else written(style, number)
                phones = ["+91" + number]
            text = draw.choice(TEMPLATES).format(p=shown)
        rows.append({"id": f"s{k:04d}", "style": style, "text": text, "phones": phones,
                     "identifiers": []})
    return rows


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
    batch = texts * max(1, 2000 // len(texts))
    rates: list[float] = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(rates) < 5:
        _e164.cache_clear()  # every round validates its numbers afresh
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
    runs = [
        ("kadiyan extract_text", "phones", ours_phones, extract_text),
        ("kadiyan extract_text", "identifiers", ours_identifiers, None),
        ("phonenumbers PhoneNumberMatcher", "phones", matcher_phones, matcher_phones),
    ]
    errors: dict[str, list[str]] = {}
    rates = []
    for label, field, predict, timed in runs:
        p, r, f, errs = score(rows, field, predict)
        errors[f"{label} {field}"] = errs
        rate = speed(timed, texts, seconds) if timed else None
        best, median = (f"{rate[0]:,.0f}", f"{rate[1]:,.0f}") if rate else ("", "")
        rates += [rate[1]] if rate else []
        print(f"| {label} | {field} | {p:.3f} | {r:.3f} | {f:.3f} | {best} | {median} |")
    print(f"\nextract_text (all four extractors) is {rates[0] / rates[1]:.1f}x the matcher's "
          "median speed in the same run.")
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
    for name, path in FILES.items():
        if path.exists():
            report(name, load(path), args.seconds, args.errors)
        else:
            print(f"\n## {name}: {path} not found, skipped")
    report("synthetic", synthetic(), args.seconds, args.errors)


if __name__ == "__main__":
    main()
