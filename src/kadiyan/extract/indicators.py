"""Weak trafficking indicators in ads and posts: the phrase, its code, and why it matters.

The codes are those of the evaluation sets and DOMAIN.md: `third_person`, `multiple_women`,
`movement`, `youth`, `foreign`, `hotel_home_service`, `safe_secure`, `cash_only`,
`messaging_only`, `always_available`. Each is a weak signal, never decisive alone, so every
mention carries the phrase that raised it and a sentence an investigator can read.

The lexicon is data (`data/indicators.toml`): regex fragments by code and language (English,
Hinglish, Hindi), with shared vocabulary (`<women_en>`, `<nat_hi>`) spliced in at load. The
patterns match whole words of the lower-cased text.

Meant for ads and posts. On case reports it reads descriptions of victims too ("two minors
were rescued" is youth language); count, youth and foreign phrases stop short of the usual
narrative verbs ("were rescued", "को मुक्त"), but callers should weigh case reports apart.

Speed: a few hundred patterns tried at every word of a text would cost hundreds of
microseconds per ad, and one regex pass over a text costs more than splitting it. So, from
each pattern's parsed form, it is worked out which words it can start with (a word's first
four characters, ASCII digits as `0`: `college` starts `coll`, `\\d{1,2} days` starts `0` or
`00`) and, when first needed, which words can come second. At run time the text's words
(`separators.words_of`, split in C once per text and shared with the platform extractor)
are looked up by their prefixes; patterns are tried only where a word can start them and
the next word can follow, in one regex match per word that reads every code at once, made
of only those patterns that can go on with that next word (compiled once per head and next
word prefix, and kept by the whole next word: a word whose next word rules out every
pattern, as most do, costs two look-ups of words that have their hashes already).
Emoji and symbols count as spaces (`💋college girls💋`, see `separators`). A pattern whose
start cannot be worked out would be tried everywhere (correct, slower); a test keeps the
lexicon free of them, and another that the shortcut finds exactly what trying everywhere
finds.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from itertools import compress, count
from operator import attrgetter
from typing import Any, Final

from kadiyan.extract.separators import SEPARATORS, spaced, words_of
from kadiyan.model import Mention, MentionKind, mention_of

__all__ = ["CODES", "find_indicators"]

CODES: Final[tuple[str, ...]] = (
    "third_person", "multiple_women", "movement", "youth", "foreign", "hotel_home_service",
    "safe_secure", "cash_only", "messaging_only", "always_available",
)

# A phrase is whole words: no letter, digit or Devanagari sign (but the dandas) either side.
_WORD_CLASS: Final = r"[\w\u0900-\u0963\u0966-\u097f]"
_PLACEHOLDER: Final = re.compile(r"<([a-z0-9_]+)>")
_LANGS: Final = ("en", "hinglish", "hi")
_UNKNOWN: Final = object()  # not worked out yet
# Characters of a word a pattern's start is known by (fewer when the word is shorter).
_PREFIX: Final = 4
_DEVANAGARI: Final = re.compile("[\u0900-\u097f]")
_ORDER: Final = attrgetter("start", "end", "value")  # of the mentions returned
_KIND: Final = MentionKind.INDICATOR  # looked up once: an enum member costs a lookup each time


# No `slots=True` on this module's dataclasses: compiled (`native`) each is a C struct
# already, and `slots=True` would swap it for an ordinary Python class, slower to read.
@dataclass(frozen=True)
class _Entry:
    """One phrase pattern of the lexicon, with what its mentions carry."""

    code: str
    lang: str
    confidence: float
    pattern: str  # vocabulary spliced in, no boundaries
    rule: str  # `indicator_<lang>`
    explanation: str  # the code's, written after the phrase


# A code's place in a head's regex: the code, and per pattern of it (in lexicon order) the
# group that captures that pattern's phrase.
_Slot = tuple[str, tuple[int, ...]]
# A head's patterns compiled: the regex, the codes' places in it, the entry of each group.
_Compiled = tuple[re.Pattern[str], tuple[_Slot, ...], tuple[_Entry, ...]]


class _Head:
    """The patterns that may start with one word prefix, compiled (and their second words
    worked out) when first needed: the lexicon's patterns are large, and most texts need
    few of them."""

    __slots__ = ("prefix", "codes", "ids", "follow", "by_next", "after")

    def __init__(self, prefix: str, codes: tuple[tuple[str, tuple[int, ...]], ...]) -> None:
        self.prefix = prefix
        self.codes = codes  # (code, pattern ids), in lexicon order
        self.ids = tuple(sorted(i for _code, group in codes for i in group))
        # How the next word may start (None: any way), once worked out.
        self.follow: frozenset[str] | None | object = _UNKNOWN
        # By how the next word starts, the patterns that may go on with it, compiled.
        self.by_next: dict[str, _Compiled] = {}
        # The same by the whole next word, None where no pattern goes on (`going_on`).
        self.after: dict[str, _Compiled | None] = {}

    def work_out_follow(self) -> frozenset[str] | None:
        """How the next word may start, worked out once."""
        self.follow = _follow(self.prefix, self.ids)
        return self.follow

    def compiled(self, following: str) -> _Compiled:
        """The patterns that may start with this prefix and go on with a next word that
        starts `following`, as one regex (`_compile`); worked out once per next word.

        A head's patterns are many (`girl...` starts a dozen) and a text's next word rules
        out most of them: a regex of the rest matches in a third of the time.
        """
        compiled = self.by_next.get(following)
        if compiled is None:
            if len(self.by_next) >= _BY_NEXT_SIZE:
                self.by_next.clear()
            kept = frozenset(_going_on(self.prefix, self.ids, following))
            codes = tuple((code, tuple(i for i in ids if i in kept)) for code, ids in self.codes)
            compiled = self.by_next[following] = _compile(
                tuple((code, ids) for code, ids in codes if ids))
        return compiled

    def going_on(self, word: str) -> _Compiled | None:
        """The patterns that may start with this prefix and go on with `word` next ("": no
        word next), compiled, or None when none may; worked out once per next word and kept
        in `after`.

        A text's words have their hashes already, where the prefix of each would be a new
        string to hash: a word where no pattern goes on (most words that start one) costs
        one look-up of the next word.
        """
        follow = self.follow
        if follow is _UNKNOWN:
            follow = self.work_out_follow()
        following = word[:_PREFIX]
        compiled = None
        if follow is None or following in follow:  # type: ignore[operator]
            compiled = self.compiled(following)
        if len(self.after) >= _AFTER_SIZE:
            self.after.clear()
        self.after[word] = compiled
        return compiled


# How next words start, and next words, kept per head before its table is emptied: the
# words of ads are few, but any text may come (a next word is a longer key, so fewer).
_BY_NEXT_SIZE: Final = 512
_AFTER_SIZE: Final = 256


@cache
def _compile(codes: tuple[tuple[str, tuple[int, ...]], ...]) -> _Compiled:
    """Patterns as one regex that reads every code in a single match: per code an optional
    lookahead, with a group per pattern; the code's phrase is that of its first pattern (in
    lexicon order) that matches as whole words. Kept per set of patterns: many heads and
    next words come down to the same few."""
    entries = _lexicon().entries
    parts, slots, groups = [], [], [entries[0]]  # group 0 is the whole (empty) match
    for code, ids in codes:
        body = "|".join(f"({entries[i].pattern})" for i in ids)
        parts.append(f"(?=(?:(?:{body})(?!{_WORD_CLASS}))?)")
        slots.append((code, tuple(range(len(groups), len(groups) + len(ids)))))
        groups += [entries[i] for i in ids]
    pattern = re.compile("".join(parts))
    if pattern.groups != len(groups) - 1:
        listed = [i for _code, group in codes for i in group]
        raise ValueError(f"lexicon patterns {listed} must use (?:...) groups only")
    return pattern, tuple(slots), tuple(groups)


@dataclass(frozen=True)
class _Lexicon:
    """The lexicon, indexed by how its patterns may start."""

    entries: tuple[_Entry, ...]
    sources: tuple[str, ...]  # each pattern as written, `<name>` fragments and all
    vocab: dict[str, str]
    # The patterns a word may start, by whole word: English and Hinglish ones, for texts
    # without Devanagari, and all of them.
    latin_words: _HeadsOfWords
    every_words: _HeadsOfWords
    anywhere: tuple[re.Pattern[str], ...]  # patterns with no known start


def find_indicators(text: str) -> list[Mention]:
    """Indicator phrases of a text, one mention per phrase, by start.

    `value` is the code; `extra` holds the phrase as written, its language (`en`, `hi`,
    `hinglish`) and an explanation. Confidence is 0.5-0.8: these are weak signals. Within
    one code phrases do not overlap (the leftmost wins); across codes they may ("fresh stock"
    is both youth and third-person language).
    """
    lexicon = _lexicon()
    lower = spaced(text)
    found: list[Mention] = []
    taken: dict[str, int] = {}  # code -> end of its last phrase
    for position, compiled in _starts(text, lexicon):
        _read(text, lower, position, compiled, taken, found)
    for pattern in lexicon.anywhere:
        for match in pattern.finditer(lower):
            entry = lexicon.entries[int(match.lastgroup[1:])]  # type: ignore[index]
            found.append(_mention(text, match.start(), match.end(), entry))
    if len(found) > 1:
        found.sort(key=_ORDER)
    return found


def _starts(text: str, lexicon: _Lexicon) -> list[tuple[int, _Compiled]]:
    """Where patterns may match: each word whose prefix some pattern starts with and whose
    next word one of them goes on with, as its offset and those patterns, compiled.

    Words are split at white space, ASCII punctuation and the separators of `separators`
    (emoji, dandas, symbols); zero-width joiners stay within a word, and so does `×`, which
    patterns name ("24×7"). Word prefixes know ASCII digits only as digits: `987` and `555`
    are both `000` (a pattern that starts with `\\d{1,3}` would otherwise start a thousand
    ways).
    """
    line, words = words_of(text)
    hindi = not line.isascii() and _DEVANAGARI.search(line) is not None
    heads = list(map((lexicon.every_words if hindi else lexicon.latin_words).__getitem__, words))
    padded = f" {line} "  # every word between spaces, at its offset plus one
    starts: list[Any] = []
    last = len(words) - 1
    at = after = 0  # where to look for the next word kept, and the index after the last
    for i in compress(count(), heads):
        head = heads[i]
        assert head is not None  # compress kept the words that begin some pattern
        following = words[i + 1] if i < last else ""  # "": no word after the last
        compiled = head.after.get(following, _UNKNOWN)
        if compiled is _UNKNOWN:
            compiled = head.going_on(following)
        if compiled is not None:
            # Only the words kept are found in the line (most are not): each after the one
            # kept before it, past the sayings of the same word between the two.
            word = f" {words[i]} "
            at = padded.find(word, at)
            if words.index(words[i], after) < i:  # said between: rarely, so looked for in C
                for _ in range(words[after:i].count(words[i])):
                    at = padded.find(word, at + 1)
            starts.append((at, compiled))  # type: ignore[arg-type]
            at += len(word) - 1
            after = i + 1
    return starts


def _read(
    text: str, lower: str, position: int, compiled: _Compiled, taken: dict[str, int],
    found: list[Mention],
) -> None:
    """The phrases of every code that start at a word, in one match; a code's phrase is
    kept unless one of the same code before it overlaps it."""
    pattern, slots, entries = compiled
    match = pattern.match(lower, position)
    last = match.lastindex  # type: ignore[union-attr]
    if last is None:
        return  # one try rules out every code at the many words that start nothing
    # The group closed last is the phrase of the last code that matched, often the only
    # one; codes before it are looked at only when there are some.
    entry = entries[last]
    if slots[0][0] != entry.code:
        regs = match.regs  # type: ignore[union-attr]
        for code, groups in slots:
            if code == entry.code:
                break
            for group in groups:
                if regs[group][1] >= 0:
                    _keep(text, position, regs[group][1], entries[group], taken, found)
                    break
    _keep(text, position, match.end(last), entry, taken, found)  # type: ignore[union-attr]


def _keep(
    text: str, start: int, end: int, entry: _Entry, taken: dict[str, int], found: list[Mention]
) -> None:
    """A code's phrase, kept unless one of the same code before it overlaps it."""
    if start >= taken.get(entry.code, 0):
        found.append(_mention(text, start, end, entry))
        taken[entry.code] = end


def _mention(text: str, start: int, end: int, entry: _Entry) -> Mention:
    """The mention of one matched phrase."""
    phrase = text[start:end]
    explanation = _EXPLAINED.get((phrase, entry.explanation))
    if explanation is None:
        explanation = _explain(phrase, entry.explanation)
    extra = {"phrase": phrase, "lang": entry.lang, "explanation": explanation}
    return mention_of((_KIND, entry.code, start, end, entry.confidence, entry.rule, phrase,
                       "text", None, extra))


def _explain(phrase: str, explanation: str) -> str:
    """The sentence of a phrase: the phrase, its white space made single, then why it
    matters; kept, since ads say the same phrases again and again."""
    if len(_EXPLAINED) >= _EXPLAINED_SIZE:
        _EXPLAINED.clear()
    sentence = _EXPLAINED[phrase, explanation] = f"'{' '.join(phrase.split())}' {explanation}"
    return sentence


_EXPLAINED: Final[dict[tuple[str, str], str]] = {}
_EXPLAINED_SIZE: Final = 50_000


def _is_word_char(char: str) -> bool:
    """True for the characters `_WORD_CLASS` matches."""
    return char.isalnum() or char == "_" or (
        "\u0900" <= char <= "\u097f" and char not in "\u0964\u0965"
    )


@cache
def _pattern(ids: tuple[int, ...], anywhere: bool = False) -> re.Pattern[str]:
    """Some patterns as one whole-word alternation, with a group `g<id>` each to tell which
    matched. Patterns tried only at the start of a word of the text need no look back
    for the start of a word; `anywhere` adds it."""
    entries = _lexicon().entries
    body = "|".join(f"(?P<g{i}>{entries[i].pattern})" for i in ids)
    before = f"(?<!{_WORD_CLASS})" if anywhere else ""
    pattern = re.compile(f"{before}(?:{body})(?!{_WORD_CLASS})")
    if pattern.groups != len(ids):
        raise ValueError(f"lexicon patterns {ids} must use (?:...) groups only")
    return pattern


@cache
def _lexicon() -> _Lexicon:
    """The lexicon file, parsed, checked and indexed once."""
    raw = files("kadiyan.extract").joinpath("data", "indicators.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    vocab = data.get("vocab", {})
    entries: list[_Entry] = []
    sources: list[str] = []  # each pattern as written, for working out its start
    for code, spec in data["codes"].items():
        if code not in CODES:
            raise ValueError(f"unknown indicator code {code!r}")
        for entry, source in _entries(code, spec, vocab):
            entries.append(entry)
            sources.append(source)
    starts = _Starts(vocab)
    latin: dict[str, dict[str, list[int]]] = {}
    every: dict[str, dict[str, list[int]]] = {}
    anywhere: dict[str, list[int]] = {}
    for i, (entry, source) in enumerate(zip(entries, sources, strict=True)):
        heads = starts.heads(source)
        if heads is None:
            anywhere.setdefault(entry.code, []).append(i)
            continue
        for head in heads:
            every.setdefault(head, {}).setdefault(entry.code, []).append(i)
            if entry.lang != "hi":
                latin.setdefault(head, {}).setdefault(entry.code, []).append(i)
    return _Lexicon(
        entries=tuple(entries),
        sources=tuple(sources),
        vocab=vocab,
        latin_words=_HeadsOfWords(_heads_table(latin)),
        every_words=_HeadsOfWords(_heads_table(every)),
        anywhere=tuple(_pattern(tuple(ids), anywhere=True) for ids in anywhere.values()),
    )


class _HeadsOfWords(dict[str, "_Head | None"]):
    """The patterns a word may start (`_Head`, or None), by the whole word, each worked out
    once from its prefix (emptied when full, so it stays bounded): a text's heads are then
    one C-level `map` over its words, whose hashes the platform extractor's look-up has
    already computed, where prefixes would be new strings to hash."""

    __slots__ = ("heads",)

    def __init__(self, heads: dict[str, _Head]) -> None:
        super().__init__()
        self.heads = heads

    def __missing__(self, word: str) -> _Head | None:
        if len(self) >= _HEADS_OF_WORDS_SIZE:
            self.clear()
        head = self[word] = self.heads.get(word[:_PREFIX])
        return head


_HEADS_OF_WORDS_SIZE: Final = 100_000


def _heads_table(by_head: dict[str, dict[str, list[int]]]) -> dict[str, _Head]:
    """Word prefix to the patterns that may start with it."""
    return {
        head: _Head(head, tuple((code, tuple(ids)) for code, ids in by_code.items()))
        for head, by_code in by_head.items()
    }


def _entries(
    code: str, spec: dict[str, Any], vocab: dict[str, str]
) -> list[tuple[_Entry, str]]:
    """A code's patterns in lexicon order, with each pattern as written."""
    default, explanation = float(spec["confidence"]), spec["explanation"]
    entries = []
    for lang in _LANGS:
        for item in spec.get(lang, ()):
            if isinstance(item, dict):
                pattern, confidence = item["pattern"], float(item["confidence"])
            else:
                pattern, confidence = item, default
            if not 0.0 < confidence <= 1.0:
                raise ValueError(f"{code}: confidence {confidence} outside (0, 1]")
            entry = _Entry(code, lang, confidence, _expand(pattern, vocab), f"indicator_{lang}",
                           explanation)
            entries.append((entry, pattern))
    return entries


def _expand(pattern: str, vocab: dict[str, str], depth: int = 0) -> str:
    """A pattern with its `<name>` vocabulary fragments spliced in (fragments may nest)."""
    if depth > 5:
        raise ValueError(f"vocabulary nests too deep in {pattern!r}")

    def splice(match: re.Match[str]) -> str:
        word = match.group(1)
        if word not in vocab:
            raise ValueError(f"unknown vocabulary <{word}> in {pattern!r}")
        return _expand(vocab[word], vocab, depth + 1)

    return _PLACEHOLDER.sub(splice, pattern)


def _follow(prefix: str, ids: tuple[int, ...]) -> frozenset[str] | None:
    """How the second word may start after a first word with `prefix`, over the patterns
    that may start so (None when one of them may end within its first word)."""
    words: set[str] = set()
    for i in ids:
        branches = _pattern_follows(i)
        if branches is None:
            return None
        for heads, ends, seconds in branches:
            if prefix in heads:
                if prefix in ends:
                    return None
                words |= seconds
    return frozenset(words)


def _going_on(prefix: str, ids: tuple[int, ...], following: str) -> list[int]:
    """Those of the patterns that may start with `prefix` and go on with a next word that
    starts `following` (each pattern judged as `_follow` judges them all), in order."""
    kept = []
    for i in ids:
        branches = _pattern_follows(i)
        if branches is None or any(
            prefix in heads and (prefix in ends or following in seconds)
            for heads, ends, seconds in branches
        ):
            kept.append(i)
    return kept


@cache
def _pattern_follows(i: int) -> tuple[_Branch, ...] | None:
    """How one pattern's second word may start, worked out when a text first needs it."""
    return _walker().follows(_lexicon().sources[i])


@cache
def _walker() -> _Follows:
    """One walker for the lexicon, so that each fragment is walked once per state."""
    return _Follows(_lexicon().vocab)


# Working out how a pattern can start, from `re`'s own parse of it. The parser is a private
# module of the standard library: should it change, every pattern is simply tried everywhere.
# Vocabulary fragments are parsed once each and stand in patterns as one private-use
# character, so that a pattern is parsed small and a fragment's starts are worked out once.
_FULL, _CLOSED = 0, 1  # a piece went on to the next item / ended the word prefix
_MAX_HEADS: Final = 4000
_MACRO: Final = 0xE000  # first private-use code point standing for a vocabulary fragment


try:
    from re import _constants, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a future Python without them
    _constants = _parser = None


class _Unbounded(Exception):
    """A pattern may start too many ways to list."""


class _Starts:
    """How patterns (with `<name>` fragments of one vocabulary) can start."""

    def __init__(self, vocab: dict[str, str]) -> None:
        self.names = list(vocab)
        self.vocab = vocab
        self.memo: dict[tuple[int, int], set[tuple[str, int]]] = {}

    def heads(self, pattern: str) -> frozenset[str] | None:
        """Every possible start of the first word of a match, `_PREFIX` characters (fewer
        when the word is shorter), or None when they cannot be listed."""
        try:
            pieces = self._sequence(self._parse(pattern), _PREFIX)
        except (_Unbounded, ImportError, AttributeError, TypeError, ValueError, KeyError,
                RecursionError, re.error):
            return None
        heads = frozenset(_word_prefix(piece) for piece, _kind in pieces)
        return None if "" in heads else heads

    def _parse(self, pattern: str) -> Any:
        """A pattern parsed by `re`, its fragments left as single characters."""
        if _parser is None:
            raise _Unbounded

        def macro(match: re.Match[str]) -> str:
            return chr(_MACRO + self.names.index(match.group(1)))

        return _parser.parse(_PLACEHOLDER.sub(macro, pattern))

    def _fragment(self, index: int, need: int) -> set[tuple[str, int]]:
        """How a vocabulary fragment can start (memoised)."""
        key = (index, need)
        if key not in self.memo:
            self.memo[key] = self._sequence(self._parse(self.vocab[self.names[index]]), need)
        return self.memo[key]

    def _sequence(self, items: Any, need: int) -> set[tuple[str, int]]:
        """How a sequence of parsed items can start: (word characters, _FULL or _CLOSED)."""
        opens = {""}
        done: set[tuple[str, int]] = set()
        for item in items:
            following: set[str] = set()
            for head in opens:
                for piece, kind in self._item(item, need - len(head)):
                    joined = head + piece
                    if kind == _FULL and len(joined) < need:
                        following.add(joined)
                    else:
                        done.add((joined, _CLOSED))
            opens = following
            if len(opens) + len(done) > _MAX_HEADS:
                raise _Unbounded
            if not opens:
                break
        return done | {(head, _FULL) for head in opens}

    def _item(self, item: Any, need: int) -> set[tuple[str, int]]:
        """How one parsed item can start, `need` word characters at most."""
        op = _constants
        kind, value = item
        if kind in (op.AT, op.ASSERT, op.ASSERT_NOT):
            return {("", _FULL)}  # zero width: only narrows what matches
        if kind is op.LITERAL:
            if value >= _MACRO:
                return self._fragment(value - _MACRO, need)
            return {_char(chr(value))}
        if kind is op.IN:
            return {_char(c) for c in _charset(value, op)}
        if kind is op.BRANCH:
            return set().union(*(self._sequence(alt, need) for alt in value[1]))
        if kind is op.SUBPATTERN:
            return self._sequence(value[-1], need)
        if kind is op.ATOMIC_GROUP:
            return self._sequence(value, need)
        if kind in (op.MAX_REPEAT, op.MIN_REPEAT, op.POSSESSIVE_REPEAT):
            low, high, body = value
            return self._repeat(low, high, body, need)
        raise _Unbounded

    def _repeat(self, low: int, high: int, body: Any, need: int) -> set[tuple[str, int]]:
        """How `body{low,high}` can start: the body unrolled until `need` characters are
        known."""
        result: set[tuple[str, int]] = {("", _FULL)} if low == 0 else set()
        opens = {""}
        for times in range(1, min(high, need + low) + 1):
            following: set[str] = set()
            for head in opens:
                for piece, kind in self._sequence(body, need - len(head)):
                    joined = head + piece
                    if kind == _FULL and len(joined) < need:
                        following.add(joined)
                    else:
                        result.add((joined, _CLOSED))
            opens = following
            if times >= low:
                result |= {(head, _FULL) for head in opens}
            if not opens or len(result) > _MAX_HEADS:
                break
        if len(result) > _MAX_HEADS:
            raise _Unbounded
        return result


def _char(char: str) -> tuple[str, int]:
    """A single character: part of a word (ASCII digits as `0`), or a separator, which ends
    it, as the run-time split sees them."""
    if "1" <= char <= "9":
        return ("0", _FULL)
    if char.isspace() or char in SEPARATORS or (char.isascii() and not _is_word_char(char)):
        return ("", _CLOSED)
    return (char, _FULL)


def _word_prefix(word: str) -> str:
    """The characters of a word that the run-time split compares."""
    return word[:_PREFIX]


def _charset(members: Any, op: Any) -> set[str]:
    """The characters a parsed character class matches, when few enough to list."""
    chars: set[str] = set()
    for kind, value in members:
        if kind is op.LITERAL:
            chars.add(chr(value))
        elif kind is op.RANGE and value[1] - value[0] < 400:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        elif kind is op.CATEGORY and value is op.CATEGORY_DIGIT:
            # ASCII and Devanagari digits stand for `\d`: a phrase starting with digits of
            # another script is not looked for.
            chars.update("0123456789०१२३४५६७८९")
        elif kind is op.CATEGORY and value is op.CATEGORY_SPACE:
            chars.add(" ")  # any white space ends a word prefix alike
        else:
            raise _Unbounded
    return chars


# Working out the second word: the state of a walk through a pattern is what is known of a
# match so far: its first word (up to `_PREFIX` characters) or, once a separator has been
# seen, " " and its second word (up to `_PREFIX` characters). Which first word it was is
# forgotten at the separator, which keeps the states few; the second words found are then
# those of any first word, more than needed but never fewer. A state is done once its
# second word has `_PREFIX` characters or is closed by another separator.
_OPEN, _DONE = 0, 1
_MAX_STATES: Final = 5000
# An alternative of a pattern: its first words, those a match may end within, its second
# words (prefixes all, as the run-time split compares them).
_Branch = tuple[frozenset[str], frozenset[str], frozenset[str]]


class _Follows(_Starts):
    """How a pattern's second word may start."""

    def __init__(self, vocab: dict[str, str]) -> None:
        super().__init__(vocab)
        self.states: dict[tuple[int, str], set[tuple[str, int]]] = {}

    def follows(self, pattern: str) -> tuple[_Branch, ...] | None:
        """Per top-level alternative of a pattern (walked apart, so that one's second words
        are not taken for another's): the prefixes of its first words, of the first words a
        match may end within, and of its second words. None when the pattern cannot be
        walked or a match may end at a separator."""
        try:
            parsed = self._parse(pattern)
            if len(parsed) == 1 and parsed[0][0] is _constants.BRANCH:
                alternatives = parsed[0][1][1]
            else:
                alternatives = [parsed]
            return tuple(self._branch(alternative) for alternative in alternatives)
        except (_Unbounded, ImportError, AttributeError, TypeError, ValueError, KeyError,
                RecursionError, re.error):
            return None

    def _branch(self, items: Any) -> _Branch:
        """One alternative: its first words' prefixes, those it may end within, and its
        second words' prefixes."""
        heads = frozenset(_word_prefix(p) for p, _kind in self._sequence(items, _PREFIX))
        ends, seconds = set(), set()
        for state, _kind in self._walk(items, ""):
            if state == " ":
                raise _Unbounded  # a match may end at a separator: nothing to go by
            if state[0] == " ":
                seconds.add(_word_prefix(state[1:]))
            else:
                ends.add(_word_prefix(state))
        return heads, frozenset(ends), frozenset(seconds)

    def _walk(self, items: Any, state: str) -> set[tuple[str, int]]:
        """The states after a sequence of parsed items, from one state."""
        opens = {state}
        done: set[tuple[str, int]] = set()
        for item in items:
            following: set[str] = set()
            for current in opens:
                for after, kind in self._step(item, current):
                    if kind == _DONE:
                        done.add((after, kind))
                    else:
                        following.add(after)
            opens = following
            if len(opens) + len(done) > _MAX_STATES:
                raise _Unbounded
            if not opens:
                break
        return done | {(s, _OPEN) for s in opens}

    def _step(self, item: Any, state: str) -> set[tuple[str, int]]:
        """The states after one parsed item."""
        op = _constants
        kind, value = item
        if kind in (op.AT, op.ASSERT, op.ASSERT_NOT):
            return {(state, _OPEN)}
        if kind is op.LITERAL:
            if value >= _MACRO:
                key = (value - _MACRO, state)
                if key not in self.states:
                    fragment = self._parse(self.vocab[self.names[value - _MACRO]])
                    self.states[key] = self._walk(fragment, state)
                return self.states[key]
            return {_advance(state, chr(value))}
        if kind is op.IN:
            return {_advance(state, c) for c in _charset(value, op)}
        if kind is op.BRANCH:
            return set().union(*(self._walk(alt, state) for alt in value[1]))
        if kind is op.SUBPATTERN:
            return self._walk(value[-1], state)
        if kind is op.ATOMIC_GROUP:
            return self._walk(value, state)
        if kind in (op.MAX_REPEAT, op.MIN_REPEAT, op.POSSESSIVE_REPEAT):
            low, high, body = value
            result: set[tuple[str, int]] = {(state, _OPEN)} if low == 0 else set()
            opens, seen = {state}, {state}
            for times in range(1, high + 1):
                following: set[str] = set()
                for current in opens:
                    for after, step in self._walk(body, current):
                        if step == _DONE:
                            result.add((after, _DONE))
                        else:
                            following.add(after)
                if times >= low:
                    result |= {(s, _OPEN) for s in following}
                opens = following - seen if times >= low else following
                seen |= following
                if not opens or len(result) > _MAX_STATES:
                    break
            if len(result) > _MAX_STATES:
                raise _Unbounded
            return result
        raise _Unbounded


def _advance(state: str, char: str) -> tuple[str, int]:
    """A state after one more character of a match."""
    piece, kind = _char(char)
    if state[:1] != " ":  # within the first word
        if kind == _CLOSED:
            if not state:
                raise _Unbounded  # a match that starts with a separator
            return (" ", _OPEN)
        return (state if len(state) >= _PREFIX else state + piece, _OPEN)
    if kind == _CLOSED:
        return (state, _OPEN) if state == " " else (state, _DONE)
    state += piece
    return (state, _DONE if len(state) > _PREFIX else _OPEN)
