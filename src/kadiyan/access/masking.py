"""Masking of victims' identity in what a viewer is shown: text, fields, mentions, labels.

The law (IPC 228A / BNS 72, POCSO s.23, JJ Act s.74) protects a victim's name, photo,
address, family and school. A record keeps them for those entitled to see them; everyone
else gets the record with each of them replaced by `MASK`, and a victim's photo blurred.
These are pure functions of a record's parts; who is entitled is decided in `scope`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from kadiyan.extract.romanise import romanise

MASK = "[protected]"
# Roles of mentions that identify a victim or lead to one: the victim, a missing person,
# their family and the family's phone.
PROTECTED_ROLES = frozenset({"victim", "missing", "relative", "family"})
# Of a victim's details in a case report, these say nothing about who she is and are kept
# for the analysis of routes and of minors; every other detail is masked.
VICTIM_DETAILS_KEPT = frozenset({"age", "from_district", "from_state", "gender", "minor"})
# A missing-person report is about a possible victim throughout; these fields are kept.
MISSING_FIELDS_KEPT = frozenset({
    "report_id", "reported_on", "police_station", "district", "state", "age", "gender",
    "last_seen",
})
_DEVANAGARI = re.compile("[\u0900-\u097f]")
_SHORTEST_NAME_PART = 3  # shorter name parts (initials, "Md") are not searched for alone


def is_protected(role: str | None) -> bool:
    """Whether a mention with this role identifies a victim."""
    return role in PROTECTED_ROLES


def mask_fields(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """A record's fields with victims' identifying details masked."""
    if kind == "missing_report":
        return {k: v if k in MISSING_FIELDS_KEPT or v in (None, "") else MASK
                for k, v in fields.items()}
    if kind == "case_report" and isinstance(fields.get("victims"), list):
        victims = [_mask_victim(v) for v in fields["victims"]]
        return {**fields, "victims": victims}
    return fields


def _mask_victim(victim: Any) -> Any:
    if not isinstance(victim, dict):
        return MASK
    return {k: v if k in VICTIM_DETAILS_KEPT or v in (None, "") else MASK
            for k, v in victim.items()}


def victim_names(kind: str, fields: dict[str, Any]) -> list[str]:
    """The names of victims (and their family) a record's fields give, to find in its text."""
    names: list[str] = []
    if kind == "missing_report":
        names += [fields.get("name"), fields.get("father_name")]
    elif kind == "case_report":
        for victim in fields.get("victims") or []:
            if isinstance(victim, dict):
                names += [victim.get(k) for k in ("name", "alias", "father")]
    return [n for n in names if isinstance(n, str) and n.strip()]


def mask_text(text: str, spans: Iterable[tuple[int, int]], names: Iterable[str] = ()) -> str:
    """`text` with each span, and each occurrence of a name or name part, replaced by MASK.

    The spans are the victims' mentions the extractor found; the names are those the
    record's fields give, looked for word by word as well, so that a narrative which names
    a victim by first name only, or in the other script in brackets, is masked too.
    """
    return _replace(text, text_cuts(text, spans, names))


def text_cuts(
    text: str, spans: Iterable[tuple[int, int]], names: Iterable[str] = ()
) -> list[tuple[int, int]]:
    """The merged stretches of `text` that `mask_text` replaces, in order."""
    cuts = [(s, e) for s, e in spans if 0 <= s < e <= len(text)]
    for pattern in _name_patterns(names):
        cuts += [(m.start(), m.end()) for m in pattern.finditer(text)]
    return _merged(cuts)


def shifted(offset: int, cuts: list[tuple[int, int]]) -> int:
    """Where `offset` of the original text falls in the masked one (a cut's start if inside)."""
    delta = 0
    for start, end in cuts:
        if offset <= start:
            break
        if offset < end:
            return start + delta
        delta += len(MASK) - (end - start)
    return offset + delta


def inside(start: int, end: int, cuts: list[tuple[int, int]]) -> bool:
    """Whether the span [start, end) overlaps a cut."""
    return any(s < end and start < e for s, e in cuts)


def _name_patterns(names: Iterable[str]) -> list[re.Pattern[str]]:
    parts: set[str] = set()
    spelled = [unicodedata.normalize("NFC", n) for n in names]
    # A Hindi narrative may give a name in Latin letters too, and the other way round.
    spelled += [romanise(n) for n in spelled if _DEVANAGARI.search(n)]
    for name in spelled:
        parts.add(name.strip())
        parts.update(w for w in re.split(r"[\s().,]+", name) if len(w) >= _SHORTEST_NAME_PART)
    # Longest first, so that a whole name is cut before its parts.
    ordered = sorted((p for p in parts if p), key=len, reverse=True)
    return [re.compile(rf"(?<![\w\u0900-\u097f]){re.escape(p)}(?![\w\u0900-\u097f])",
                       re.IGNORECASE) for p in ordered]


def _merged(cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(cuts):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _replace(text: str, cuts: list[tuple[int, int]]) -> str:
    out, at = [], 0
    for start, end in cuts:
        out += [text[at:start], MASK]
        at = end
    out.append(text[at:])
    return "".join(out)


def masked_label(kind: str) -> str:
    """What a viewer without the right sees in place of a protected entity's label."""
    return f"{MASK} {kind}" if kind != "person" else f"{MASK} victim"
