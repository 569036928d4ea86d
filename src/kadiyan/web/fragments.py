"""Small pieces of HTML that pages repeat many times: badges, snippets, marked text.

They are functions rather than Jinja macros because an entity page shows hundreds of them,
and a macro call costs several times what building the same string in Python does. Every
value is escaped; what they return is `Markup`, so templates insert it as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

from kadiyan.web.links import link

_DEVANAGARI = re.compile(r"[\u0900-\u097f\ua8e0-\ua8ff]")
_INDEX = re.compile(r"\[(\d+)\]")


def lang_of(text: str | None) -> str | None:
    """`hi` for text in Devanagari, so browsers pick the right font and shaping."""
    return "hi" if text and _DEVANAGARI.search(text) else None


@lru_cache(maxsize=1024)
def humanise(key: str) -> str:
    """`case_report` to `case report`, `accused[0].phone` to `accused 1 phone`."""
    words = _INDEX.sub(lambda m: f" {int(m[1]) + 1}", key)
    return words.replace("_", " ").replace(".", " ")


def relations(names: Iterable[str]) -> str:
    """How a node is linked, in words: `mentions, shares record`."""
    return ", ".join(humanise(name) for name in names)


@lru_cache(maxsize=256)
def badge(kind: str) -> Markup:
    """A node's kind as a coloured label, e.g. `<span class="badge k-phone">phone</span>`."""
    return Markup(f'<span class="badge k-{escape(kind)}">{escape(humanise(kind))}</span>')


def lang_attr(text: str | None) -> Markup:
    """` lang="hi"` for text in Devanagari (browsers then pick the font), else nothing."""
    lang = lang_of(text)
    return Markup(f' lang="{lang}"') if lang else Markup("")


def snippet(s: Any) -> Markup:
    """An excerpt with its mark (a `Snippet`), the field named unless it is the text."""
    if not s:
        return Markup("")
    parts = [f'<span class="snippet"{lang_attr(s.before + s.mark + s.after)}>']
    if s.field != "text":
        parts.append(f'<span class="field">{escape(humanise(s.field))}:</span> ')
    parts.append(escape(s.before))
    if s.mark:
        parts.append(f'<mark class="m-{escape(s.kind or "hit")}">{escape(s.mark)}</mark>')
    parts.append(escape(s.after))
    parts.append("</span>")
    return Markup("".join(parts))


def marked(pieces: Iterable[Any]) -> Markup:
    """Text cut into `Segment`s, each marked one with its kind and a link to its entity."""
    parts = []
    for piece in pieces:
        text = escape(piece.text)
        if not piece.kind:
            parts.append(text)
            continue
        kind, entity_id = escape(piece.kind), piece.entity_id
        if entity_id:
            href = escape(link("/entity", id=entity_id))
            parts.append(f'<mark class="m-{kind}" title="{kind} {escape(entity_id)}">'
                         f'<a href="{href}">{text}</a></mark>')
        else:
            parts.append(f'<mark class="m-{kind}" title="{kind}">{text}</mark>')
    return Markup("".join(parts))


def when_where(date: str | None, place: str | None) -> Markup:
    """A record's day and place, e.g. `2025-03-14 · Kanpur`."""
    between = " · " if date and place else ""
    return Markup(f'<span class="meta">{escape((date or "")[:10])}{between}'
                  f'{escape(place or "")}</span>')
