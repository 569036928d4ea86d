"""Platforms a text names (WhatsApp, X, Telegram, Locanto, ...), as canonical names.

The vocabulary is data (`data/platforms.toml`): per platform its canonical name, spellings,
Devanagari spellings, web addresses, case-sensitive abbreviations ("WA", "TG") and names
too common to take without a cue ("signal", a capital "X"). Twitter and X are one platform,
"X". A generic mention of "social media" is kept too, with a low confidence.

Speed: names are plain strings. The text's words (`separators.words_of`: punctuation,
symbols and emoji as spaces, split in C and shared with the indicator extractor) meet the
first words of every name, address and abbreviation in one set intersection, which tells
the spellings that may be in the text (most ads: none); only those are then found with
`str.find` and checked as whole words. The one regex that scans a text does so only in a
text outside ASCII that may name a platform, for a character that ends a name but not a
word (`_ODD`).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from itertools import chain
from operator import attrgetter
from typing import Any, Final

from kadiyan.extract.casing import lowered
from kadiyan.extract.separators import spaced, words_of
from kadiyan.model import Mention, MentionKind, mention_of

__all__ = ["find_platforms"]

_PLATFORM: Final = MentionKind.PLATFORM  # looked up once: an enum member costs a lookup each time
_NEAR: Final = 25  # characters between a cued name and another platform's name that vouch for it
_ORDER: Final = attrgetter("order")
_SHORT_CONFIDENCE: Final = 0.7
_CUED_CONFIDENCE: Final = 0.65


# No `slots=True` on this module's dataclasses: compiled (`native`) each is a C struct
# already, and `slots=True` would swap it for an ordinary Python class, slower to read.
@dataclass(frozen=True)
class _Platform:
    """One platform of the vocabulary: its name, and the cues its cued names need."""

    value: str
    confidence: float
    before: re.Pattern[str]  # a cue ending just before a cued name
    after: re.Pattern[str]  # a cue starting just after it


@dataclass(frozen=True)
class _Spelling:
    """One way of writing a platform, and how it is read: `domain` (a web address), `name`
    (Latin or Devanagari), `cued` (a common word that needs a cue), `short` (a
    case-sensitive abbreviation) or `cued_short` (both)."""

    order: int  # in the vocabulary: of two mentions with one span, the first is kept
    platform: _Platform
    form: str
    text: str


@dataclass(frozen=True)
class _Vocabulary:
    """Every spelling, by its first word and by platform."""

    index: dict[str, tuple[_Spelling, ...]]  # first word of a spelling -> spellings so
    every: dict[str, tuple[_Spelling, ...]]  # platform -> all its spellings
    hinglish: re.Pattern[str]  # Hinglish words after a Latin name


# Per platform, what is looked for, in this order (names longest first).
_FORMS: Final = ("domain", "name", "cued", "hindi", "short", "cued_short")
# Characters outside ASCII, not separators, that end a name (`_whole`) but not a word of
# `words_of`: `×`, `！`, `॰`, a lone accent. Next to one, a name's first word is no word of
# the text, so a rare text with one is read as platforms were before the words picked the
# spellings: every spelling of each platform some spelling's first word names.
_ODD: Final = re.compile(r"[^\x00-\x7f\w\u0900-\u0963]")


def find_platforms(text: str) -> list[Mention]:
    """Platforms named in a text, one mention per naming, by start.

    `value` is the canonical name ("WhatsApp", "X", "Telegram", "social media", ...);
    `extra` holds `lang` (`en`, `hi`, `hinglish`: a Latin name followed by "pe", "par",
    "karo"...) and `form`: `name`, `short` (an abbreviation), `link` (a web address) or
    `generic` ("social media").
    """
    vocabulary = _vocabulary()
    words = vocabulary.index.keys() & words_of(text)[1]
    if not words:
        return []  # no word of the text starts a spelling
    lower = lowered(text)
    found: list[Mention] = []
    cued: list[Mention] = []
    for spelling in _spellings(vocabulary, words, text):
        platform, name = spelling.platform, spelling.text
        if spelling.form == "domain":
            _domain(text, lower, platform, name, found)
        elif spelling.form == "name":
            _name(text, lower, platform, name, found, vocabulary.hinglish)
        elif spelling.form == "cued":
            _cued(text, lower, lower, platform, name, cued)
        elif name in text:  # abbreviations are case-sensitive
            if spelling.form == "short":
                _shorts(text, platform, name, found)
            else:
                _cued(text, lower, text, platform, name, cued)
    if len(found) > 1:
        found = _without_overlaps(found)
    if cued:
        found = _without_overlaps(found + _vouched(cued, found))
    return found


def _spellings(vocabulary: _Vocabulary, words: set[str], text: str) -> Sequence[_Spelling]:
    """The spellings to look for, in vocabulary order: those that start with a word of the
    text; in a text with a character that ends a name but no word (`_ODD`), every spelling
    of the platforms those name."""
    index = vocabulary.index
    if not text.isascii() and _ODD.search(spaced(text)):
        named = {s.platform.value for word in words for s in index[word]}
        return sorted(chain.from_iterable(map(vocabulary.every.__getitem__, named)), key=_ORDER)
    if len(words) == 1:
        return index[next(iter(words))]  # in vocabulary order already
    return sorted(chain.from_iterable(map(index.__getitem__, words)), key=_ORDER)


def _domain(
    text: str, lower: str, platform: _Platform, domain: str, found: list[Mention]
) -> None:
    """A web address of the platform (`wa.me/...`, `pic.twitter.com/...`, not `netflix.com`)."""
    at = lower.find(domain)
    while at >= 0:
        end = at + len(domain)
        before = lower[at - 1] if at else " "
        after = lower[end] if end < len(lower) else " "
        if not (before.isalnum() or before in "-_@") and not (after.isalnum() or after in "-_"):
            found.append(_mention(text, platform, at, end, platform.confidence, "link", "en"))
        at = lower.find(domain, end)


def _name(
    text: str, lower: str, platform: _Platform, name: str, found: list[Mention],
    hinglish: re.Pattern[str],
) -> None:
    """A whole-word spelling of the platform; `generic` for "social media"."""
    form = "generic" if platform.value == "social media" else "name"
    at = lower.find(name)
    while at >= 0:
        end = at + len(name)
        if _whole(lower, at, end) and not _in_address(lower, at, end):
            if name.isascii():
                lang = "hinglish" if hinglish.match(lower, end) else "en"
            else:
                lang = "hi"
            found.append(_mention(text, platform, at, end, platform.confidence, form, lang))
        at = lower.find(name, end)


def _shorts(text: str, platform: _Platform, short: str, found: list[Mention]) -> None:
    """Case-sensitive abbreviations ("WA", "TG") as whole words."""
    at = text.find(short)
    while at >= 0:
        end = at + len(short)
        if _whole(text, at, end) and not _in_address(text, at, end):
            found.append(_mention(text, platform, at, end, _SHORT_CONFIDENCE, "short", "en"))
        at = text.find(short, end)


def _cued(
    text: str, lower: str, haystack: str, platform: _Platform, name: str, cued: list[Mention]
) -> None:
    """Names that count only with a cue; those without one are kept aside (`rule` ends in
    `?`) until another platform's name nearby vouches for them."""
    at = haystack.find(name)
    while at >= 0:
        end = at + len(name)
        if _whole(haystack, at, end) and not _in_address(lower, at, end):
            cue = platform.before.search(lower, max(0, at - 24), at) or platform.after.match(
                lower, end
            )
            rule = "platform_cued" if cue else "platform_cued?"
            form = "short" if haystack is text and name.isupper() else "name"
            cued.append(_mention(text, platform, at, end, _CUED_CONFIDENCE, form, "en", rule))
        at = haystack.find(name, end)


def _vouched(cued: list[Mention], found: list[Mention]) -> list[Mention]:
    """Cued names with their cue, or next to a platform named outright ("Signal or WhatsApp",
    "Twitter/X")."""
    kept = []
    for mention in cued:
        if mention.rule.endswith("?"):
            near = any(
                other.start - _NEAR <= mention.end and mention.start <= other.end + _NEAR
                for other in found
            )
            if not near:
                continue
            mention = Mention(mention.kind, mention.value, mention.start, mention.end,
                              mention.confidence, "platform_cued", mention.raw,
                              extra=mention.extra)
        kept.append(mention)
    return kept


def _whole(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is not part of a longer word."""
    return not (start and _word_char(text[start - 1])) and not (
        end < len(text) and _word_char(text[end])
    )


def _word_char(char: str) -> bool:
    """Letters, digits, `_` and Devanagari signs: what continues a word."""
    return char.isalnum() or char == "_" or "\u0900" <= char <= "\u0963"


def _in_address(text: str, start: int, end: int) -> bool:
    """True when a name is part of a web address or handle (`x.com/whatsapp_girls`,
    `@insta_queen`), which `_domains` and the account extractor read."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before == "/":  # a path (`x.com/insta_girls`), not a choice (`call/WhatsApp`)
        token = text[max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1 : start]
        return "." in token
    return before in "@." or (after == "." and text[end + 1 : end + 2].isalpha())


def _without_overlaps(found: list[Mention]) -> list[Mention]:
    """Mentions by start; of overlapping ones the first, then longest, is kept."""
    found.sort(key=lambda m: (m.start, -m.end))
    kept: list[Mention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def _mention(
    text: str, platform: _Platform, start: int, end: int, confidence: float, form: str,
    lang: str, rule: str | None = None,
) -> Mention:
    """A platform mention spanning what was written."""
    return mention_of((_PLATFORM, platform.value, start, end, confidence,
                       rule or f"platform_{form}", text[start:end], "text", None,
                       {"lang": lang, "form": form}))


@cache
def _vocabulary() -> _Vocabulary:
    """The platform vocabulary, read and checked once."""
    raw = files("kadiyan.extract").joinpath("data", "platforms.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    cues = data["cues"]
    index: dict[str, list[_Spelling]] = {}
    every: dict[str, list[_Spelling]] = {}
    order = 0
    for spec in data["platform"]:
        platform, by_form = _platform(spec, cues)
        for form in _FORMS:
            for text in by_form[form]:
                # Spellings are split into words as texts are, to meet them.
                first = words_of(text)[1]
                if not first:
                    raise ValueError(f"{platform.value}: {text!r} has no word to look for")
                spelling = _Spelling(order, platform, "name" if form == "hindi" else form, text)
                index.setdefault(first[0], []).append(spelling)
                every.setdefault(platform.value, []).append(spelling)
                order += 1
    hinglish = re.compile(r"\s*(?:" + "|".join(map(re.escape, data["hinglish"]["after"]))
                          + r")(?![\w\u0900-\u097f])")
    return _Vocabulary(
        {w: tuple(s) for w, s in index.items()}, {v: tuple(s) for v, s in every.items()},
        hinglish,
    )


def _platform(
    spec: dict[str, Any], cues: dict[str, list[str]]
) -> tuple[_Platform, dict[str, tuple[str, ...]]]:
    """One platform entry, checked (names and addresses are written in lower case), and its
    spellings by form."""
    names = tuple(sorted(spec.get("names", ()), key=len, reverse=True))
    domains = tuple(spec.get("domains", ()))
    cued = tuple(spec.get("cued", ()))
    for name in (*names, *domains, *cued):
        if name != name.lower():
            raise ValueError(f"{spec['value']}: {name!r} is not lower case")
    hindi = tuple(sorted({v for name in spec.get("hi", ()) for v in _nukta_forms(name)},
                         key=len, reverse=True))
    before = spec.get("cue_before", cues["before"])
    after = spec.get("cue_after", cues["after"])
    platform = _Platform(
        value=spec["value"],
        confidence=float(spec["confidence"]),
        before=re.compile(
            r"(?<![\w\u0900-\u097f])(?:" + "|".join(map(re.escape, before)) + r")\s+$"
        ),
        after=re.compile(r"\s*(?:" + "|".join(_cue(c) for c in after) + ")"),
    )
    by_form = {
        "domain": domains, "name": names, "cued": cued, "hindi": hindi,
        "short": tuple(spec.get("short", ())), "cued_short": tuple(spec.get("cued_short", ())),
    }
    return platform, by_form


def _cue(word: str) -> str:
    """A cue after a name as a pattern: a word must end there, a sign need not."""
    escaped = re.escape(word)
    return escaped + r"(?![\w\u0900-\u097f])" if word[-1].isalnum() else escaped


def _nukta_forms(word: str) -> set[str]:
    """A Devanagari word as written, with nukta letters precomposed and decomposed."""
    decomposed = unicodedata.normalize("NFD", word)
    composed = "".join(
        _COMPOSE.get(decomposed[i : i + 2], "") or ch
        for i, ch in enumerate(decomposed)
        if not (ch == "\u093c" and i and decomposed[i - 1 : i + 1] in _COMPOSE)
    )
    return {word, decomposed, composed}


# Letter + nukta to the precomposed letter (U+0958-U+095F, which NFC leaves decomposed).
_COMPOSE: Final = {unicodedata.normalize("NFD", chr(c)): chr(c) for c in range(0x958, 0x960)}
