"""The audit trail's chain: each entry commits to the one before it.

An entry's hash is SHA-256 over its own fields and the previous entry's hash, so changing,
removing or reordering any entry breaks every link after it; `verify` walks the chain and
names the first entry that does not hold. Writing and reading entries is `store.access`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson

from kadiyan.model.access import AuditEntry

GENESIS = "0" * 64  # the "previous hash" of the first entry


@dataclass(frozen=True, slots=True)
class Break:
    """The first entry where the chain does not hold, and why."""

    seq: int
    reason: str


def entry_hash(
    seq: int, at: str, actor: str, agency: str, action: str, target: str,
    detail: dict[str, Any], prev_hash: str,
) -> str:
    """The hash an entry with these fields, following `prev_hash`, must carry."""
    payload = orjson.dumps(
        [seq, at, actor, agency, action, target, detail, prev_hash],
        option=orjson.OPT_SORT_KEYS,
    )
    return hashlib.sha256(payload).hexdigest()


def verify(entries: Iterable[AuditEntry]) -> tuple[int, Break | None]:
    """Check entries in `seq` order; returns how many were checked and the first break.

    A break is an entry whose hash does not match its fields, whose `prev_hash` is not the
    previous entry's hash, or whose `seq` skips or repeats (a removed or inserted entry).
    """
    expected_prev, expected_seq, checked = GENESIS, 1, 0
    for entry in entries:
        checked += 1
        if entry.seq != expected_seq:
            return checked, Break(entry.seq, f"expected entry {expected_seq} here, found "
                                             f"{entry.seq}: an entry was removed or added")
        if entry.prev_hash != expected_prev:
            return checked, Break(entry.seq, "it does not follow the previous entry's hash")
        fields = (entry.seq, entry.at, entry.actor, entry.agency, entry.action, entry.target,
                  entry.detail, entry.prev_hash)
        if entry_hash(*fields) != entry.hash:
            return checked, Break(entry.seq, "its contents do not match its hash: it was changed")
        expected_prev, expected_seq = entry.hash, entry.seq + 1
    return checked, None
