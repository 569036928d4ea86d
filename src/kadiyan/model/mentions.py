"""Mentions: typed values found in a record, with their span and how sure we are."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from kadiyan.model.kinds import MentionKind


@dataclass(frozen=True, slots=True)
class Mention:
    """A value found in a record.

    `start`/`end` index the text the mention came from (`end` exclusive); a mention taken
    from a structured field has `field` set and spans that field's value.
    `value` is normalised (E.164 for phones, `platform:handle` for accounts).
    """

    kind: MentionKind
    value: str
    start: int
    end: int
    confidence: float
    rule: str
    raw: str = ""
    field: str = "text"
    role: str | None = None  # e.g. contact, accused, victim, source
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)
