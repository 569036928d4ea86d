"""Mentions: typed values found in a record, with their span and how sure we are."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, NamedTuple

from kadiyan.model.kinds import MentionKind


class _Fields(NamedTuple):
    kind: MentionKind
    value: str
    start: int
    end: int
    confidence: float
    rule: str
    raw: str = ""
    field: str = "text"
    role: str | None = None
    extra: dict[str, Any] | None = None


_new = tuple.__new__


class Mention(_Fields):
    """A value found in a record.

    `start`/`end` index the text the mention came from (`end` exclusive); a mention taken
    from a structured field has `field` set and spans that field's value.
    `value` is normalised (E.164 for phones, `platform:handle` for accounts).
    Immutable; `_replace(...)` gives a changed copy. A text yields a few mentions and a
    million ads millions, so a mention is a tuple with named fields: built in a third of
    the time of a frozen dataclass. `extra` is a fresh dict when not given.
    """

    __slots__ = ()
    extra: dict[str, Any]

    def __new__(
        cls,
        kind: MentionKind,
        value: str,
        start: int,
        end: int,
        confidence: float,
        rule: str,
        raw: str = "",
        field: str = "text",
        role: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> Mention:
        return _new(cls, (kind, value, start, end, confidence, rule, raw, field, role,
                          {} if extra is None else extra))


# A mention from all ten fields in order, as one tuple (`extra` too: no default here), made
# in C: `Mention(...)` runs its `__new__`, a Python function, which costs as much again as
# the tuple. Extractors that make a mention of nearly every phrase they read use this.
mention_of: Callable[
    [tuple[MentionKind, str, int, int, float, str, str, str, str | None, dict[str, Any]]],
    Mention,
] = partial(_new, Mention)
