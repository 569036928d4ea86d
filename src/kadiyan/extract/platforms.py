"""Platforms a text names (WhatsApp, X, Telegram, Locanto, ...), as canonical names.

The vocabulary is data (`data/platforms.toml`): per platform its canonical name, spellings,
Devanagari spellings, web addresses, case-sensitive abbreviations ("WA", "TG") and names
too common to take without a cue ("signal", a capital "X"). Twitter and X are one platform,
"X". A generic mention of "social media" is kept too, with a low confidence.

Speed: names are plain strings. The text is split into words with C-level operations
(punctuation, symbols and emoji as spaces) and a set intersection with the first words of
every name, address and abbreviation tells which platforms may be named; only their names
are then found with `str.find` and checked as whole words. No regex scans a text.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from kadiyan.extract.casing import lowered
from kadiyan.extract.indicators import _SEPARATOR_MAP
from kadiyan.model import Mention, MentionKind

__all__ = ["find_platforms"]

_NEAR = 25  # characters between a cued name and another platform's name that vouch for it
_SHORT_CONFIDENCE = 0.7
_CUED_CONFIDENCE = 0.65


@dataclass(frozen=True, slots=True)
class _Platform:
    """One platform of the vocabulary, ready to look for."""

    value: str
    confidence: float
    names: tuple[str, ...]  # longest first
    hindi: tuple[str, ...]
    domains: tuple[str, ...]
    short: tuple[str, ...]
    cued: tuple[str, ...]
    cued_short: tuple[str, ...]
    before: re.Pattern[str]  # a cue ending just before a cued name
    after: re.Pattern[str]  # a cue starting just after it


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    platforms: tuple[_Platform, ...]
    index: dict[bytes, tuple[int, ...]]  # first word of a spelling -> platforms spelt so
    hinglish: re.Pattern[str]  # Hinglish words after a Latin name


# Bytes that split words: ASCII other than letters, digits and `_`. Outside ASCII, the
# indicator extractor's separators (dandas, punctuation, symbols, emoji) are spaces first, so
# that `💋whatsapp…` and `फेसबुक।` give their words.
_SPLIT = bytes(32 if c < 128 and not (chr(c).isalnum() or c == 95) else c for c in range(256))


def find_platforms(text: str) -> list[Mention]:
    """Platforms named in a text, one mention per naming, by start.

    `value` is the canonical name ("WhatsApp", "X", "Telegram", "social media", ...);
    `extra` holds `lang` (`en`, `hi`, `hinglish`: a Latin name followed by "pe", "par",
    "karo"...) and `form`: `name`, `short` (an abbreviation), `link` (a web address) or
    `generic` ("social media").
    """
    vocabulary = _vocabulary()
    lower = lowered(text)
    scan = lower if lower.isascii() else lower.translate(_SEPARATOR_MAP)
    words = vocabulary.index.keys() & set(scan.encode().translate(_SPLIT).split())
    if not words:
        return []
    chosen = sorted({i for word in words for i in vocabulary.index[word]})
    found: list[Mention] = []
    cued: list[Mention] = []
    for platform in (vocabulary.platforms[i] for i in chosen):
        _domains(text, lower, platform, found)
        _names(text, lower, platform, platform.names, found, vocabulary)
        for name in platform.cued:
            _cued(text, lower, lower, platform, name, cued)
        if platform.hindi:
            _names(text, lower, platform, platform.hindi, found, vocabulary)
        for short in platform.short:
            if short in text:
                _shorts(text, platform, short, found)
        for short in platform.cued_short:
            if short in text:
                _cued(text, lower, text, platform, short, cued)
    found = _without_overlaps(found)
    if cued:
        found = _without_overlaps(found + _vouched(cued, found))
    return found


def _domains(text: str, lower: str, platform: _Platform, found: list[Mention]) -> None:
    """Web addresses of the platform (`wa.me/...`, `pic.twitter.com/...`, not `netflix.com`)."""
    for domain in platform.domains:
        at = lower.find(domain)
        while at >= 0:
            end = at + len(domain)
            before = lower[at - 1] if at else " "
            after = lower[end] if end < len(lower) else " "
            if not (before.isalnum() or before in "-_@") and not (after.isalnum() or after in "-_"):
                found.append(_mention(text, platform, at, end, platform.confidence, "link", "en"))
            at = lower.find(domain, end)


def _names(
    text: str, lower: str, platform: _Platform, names: tuple[str, ...], found: list[Mention],
    vocabulary: _Vocabulary,
) -> None:
    """Whole-word spellings of the platform; `generic` for "social media"."""
    form = "generic" if platform.value == "social media" else "name"
    for name in names:
        at = lower.find(name)
        while at >= 0:
            end = at + len(name)
            if _whole(lower, at, end) and not _in_address(lower, at, end):
                if name.isascii():
                    lang = "hinglish" if vocabulary.hinglish.match(lower, end) else "en"
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
    return Mention(MentionKind.PLATFORM, platform.value, start, end, confidence,
                   rule or f"platform_{form}", text[start:end],
                   extra={"lang": lang, "form": form})


@cache
def _vocabulary() -> _Vocabulary:
    """The platform vocabulary, read and checked once."""
    raw = files("kadiyan.extract").joinpath("data", "platforms.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    cues = data["cues"]
    platforms = tuple(_platform(spec, cues) for spec in data["platform"])
    index: dict[bytes, set[int]] = {}
    for i, platform in enumerate(platforms):
        spellings = (*platform.names, *platform.hindi, *platform.domains, *platform.cued,
                     *platform.short, *platform.cued_short)
        for spelling in spellings:
            first = spelling.lower().encode().translate(_SPLIT).split()
            if not first:
                raise ValueError(f"{platform.value}: {spelling!r} has no word to look for")
            index.setdefault(first[0], set()).add(i)
    hinglish = re.compile(r"\s*(?:" + "|".join(map(re.escape, data["hinglish"]["after"]))
                          + r")(?![\w\u0900-\u097f])")
    return _Vocabulary(platforms, {w: tuple(sorted(i)) for w, i in index.items()}, hinglish)


def _platform(spec: dict[str, Any], cues: dict[str, list[str]]) -> _Platform:
    """One platform entry, checked: names and addresses are written in lower case."""
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
    return _Platform(
        value=spec["value"],
        confidence=float(spec["confidence"]),
        names=names,
        hindi=hindi,
        domains=domains,
        short=tuple(spec.get("short", ())),
        cued=cued,
        cued_short=tuple(spec.get("cued_short", ())),
        before=re.compile(
            r"(?<![\w\u0900-\u097f])(?:" + "|".join(map(re.escape, before)) + r")\s+$"
        ),
        after=re.compile(r"\s*(?:" + "|".join(_cue(c) for c in after) + ")"),
    )


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
_COMPOSE = {unicodedata.normalize("NFD", chr(c)): chr(c) for c in range(0x958, 0x960)}
