"""Places in free text, English and Hindi, with their role in a trafficking route.

`find_places` finds the gazetteer's places (`gazetteer.py`) by looking up each word, and the
few words after it, in a dict: one pass over the words, however many places there are. What
may start at a word (a name, a label, a place-name ending) is worked out once per word and
kept, so a text costs one C-level look-up a word, and Python runs only where something may
be; most ads have one or two such words. A
Hindi postposition is a word of its own (`कानपुर से`, `असम के`), and an oblique `-े` is read
as `-ा` (`आगरे में` is Agra). Localities that no gazetteer holds are read from the words
around them: `Naubasta area`, `PS Naubasta`, `Malvani Police Station`, `मोहल्ला X`, `थाना
क्षेत्र X`, `X कॉलोनी`, `कैंट रेलवे स्टेशन`, `r/o X`, and an unknown word with a place-name
ending after a preposition (`a house in Hanspuram`).

What is not taken: English names in lower case unless the place is large (`girls in pune`)
or cued; names that are also common words or names (`Gaya`, `Sagar`, `गया`, `बस्ती`) and
small towns unless a cue, a place word or a known place beside them says they are places
(`from Gaya`, `r/o Bakewar, Etawah`, `गया जिले`); a name after a title or before `alias`,
`उर्फ`, `पुत्र` (a person's); anything inside an e-mail address, URL or handle.

Each mention's `value` is the canonical English name (`Kanpur Nagar`, `Assam`, `New
Jalpaiguri`; a locality romanised), `raw` the text as written, and `extra` holds
`place_kind` (country, state, district, city, area), `state` (canonical Indian state or
None), `country`, `latin` (the Latin name, for Devanagari input; None for Latin input),
`route_role` (source, transit, destination, unknown) and `route_cue` (the words that gave the
role, or None). `role` repeats the route role when it is known.

Route roles come from cue phrases in `data/route_cues.toml`: before the place (`brought
from`, `via`, `taken to`, `a hotel in`, `r/o`), after it (`होते हुए`, `के रास्ते`, `लाया
गया`, `की युवतियों`), `से` with a movement verb later in the clause (source), `में` with a
raid or rescue (destination). Places joined by `and`, commas, brackets or address labels
share a role (`Dhubri (Assam)`, `via New Jalpaiguri and Lucknow`, `असम, दिल्ली और फैजाबाद
की`); in `A और फिर B लाया गया` A is a stopover. A home (`r/o`, `निवासी`) is a source only
when a victim lives there or the sentence tells of luring; the police station or district of
the case (`PS X`, `X police`, `थाना X, जनपद Y`) is taken as the destination, the place of
rescue, with less confidence.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from itertools import compress, count, pairwise
from typing import Any, Final

from kadiyan.extract.casing import lowered
from kadiyan.extract.gazetteer import (
    TOKEN,
    Gazetteer,
    Place,
    gazetteer,
    lexicon,
    place_key,
    word_key,
    word_keys,
)
from kadiyan.extract.separators import words_of
from kadiyan.model import Mention, MentionKind, mention_of

__all__ = ["find_places", "route_roles"]


def _load_cues() -> dict[str, Any]:
    path = files("kadiyan.extract").joinpath("data/route_cues.toml")
    return tomllib.loads(path.read_text("utf-8"))


def _words(phrase: str) -> tuple[str, ...]:
    """A phrase as the word keys the scan sees (`r/o` is `r`, `o`)."""
    return tuple(word_key(w) for w in TOKEN.findall(phrase.lower()))


def _keys(phrases: list[str]) -> frozenset[str]:
    """Phrases as keys: their words' keys joined by spaces."""
    return frozenset(" ".join(w) for w in map(_words, phrases) if w)


# No `slots=True` on this module's dataclasses: compiled (`native`) each is a C struct
# already, and `slots=True` would swap it for an ordinary Python class, slower to read.
@dataclass(frozen=True)
class _Table:
    """Phrases (as word keys joined by spaces) with a value each; for each edge word (the
    last, or the first) the lengths of the phrases it ends or starts, longest first; and the
    parts a phrase grows through from its edge word (`in`, `hotel in`, `a hotel in`)."""

    phrases: dict[str, str]
    sizes: dict[str, tuple[int, ...]]
    parts: frozenset[str]


def _table(groups: dict[str, list[str]], by_last: bool) -> _Table:
    """Phrases indexed by their last (or first) word.

    `groups` maps a value (a cue category, a Latin spelling) to its phrases; a phrase
    `"word | Latin"` carries its own value.
    """
    phrases: dict[str, str] = {}
    sizes: dict[str, set[int]] = {}
    parts: set[str] = set()
    for value, entries in groups.items():
        for entry in entries:
            text, _, own = entry.partition("|")
            words = _words(text)
            if words:
                phrases.setdefault(" ".join(words), own.strip() or value)
                sizes.setdefault(words[-1] if by_last else words[0], set()).add(len(words))
                parts.update(" ".join(words[n:] if by_last else words[: len(words) - n])
                             for n in range(len(words)))
    return _Table(phrases, {w: tuple(sorted(n, reverse=True)) for w, n in sizes.items()},
                  frozenset(parts))


_CUES: Final = _load_cues()
_LEX: Final = lexicon()
_GAZ_WORDS: Final = _LEX["gazetteer"]
_AREA_WORDS: Final = _LEX["areas"]

_BEFORE: Final = _table(_CUES["before"], by_last=True)
_AFTER: Final = _table(_CUES["after"], by_last=False)
# Nouns a `before` cue may reach past with their preposition: "from a village in Assam".
_PLACE_NOUNS: Final = _table({"venue": _CUES["filler"]["venues"],
                       "noun": _CUES["filler"]["place_nouns"]}, by_last=True)
_VENUES_AFTER: Final = _table({"venue": _CUES["filler"]["venues"]}, by_last=False)
_PLACE_WORDS: Final = _table({"word": _CUES["filler"]["place_words"]}, by_last=False)
_THEN: Final = _table({"then": _CUES["lists"]["then"]}, by_last=False)
_FILLERS: Final = _keys(_CUES["filler"]["words"])
_MOVEMENT: Final = _keys(_CUES["clause"]["movement"])
_EXPLOITATION: Final = _keys(_CUES["clause"]["exploitation"])
_VICTIMS: Final = _keys(_CUES["clause"]["victim"])
_LURES: Final = tuple(p.lower() for p in _CUES["clause"]["lure"])
_CONNECTORS: Final = frozenset(w for p in _CUES["lists"]["connectors"] for w in _words(p))
_JOINING: Final = _CONNECTORS | frozenset(
    w for p in [*_CUES["lists"]["counts"], *_CUES["lists"]["labels"]] for w in _words(p))
_LABELS: Final = frozenset(w for p in _CUES["lists"]["labels"] for w in _words(p))

_DISTRICT_WORDS: Final = _keys(_GAZ_WORDS["district_words"])
_CITY_WORDS: Final = _keys(_GAZ_WORDS["city_words"])
_HONORIFICS: Final = _table({"title": _GAZ_WORDS["honorifics"]}, by_last=True)
_PERSON_AFTER: Final = _table({"person": _GAZ_WORDS["person_after"]}, by_last=False)
_PLACE_ADJECTIVES: Final = _keys(_GAZ_WORDS["place_adjectives"])
_CITY_OVER_DISTRICT: Final = int(_GAZ_WORDS["city_over_district_population"])
_LOWERCASE_POPULATION: Final = int(_GAZ_WORDS["lowercase_population"])
_WORDS: Final = _LEX["words"]
_LOCATIVE_CUES: Final = _keys(_WORDS["locatives"]) | _DISTRICT_WORDS | _CITY_WORDS | frozenset(
    w for p in _AREA_WORDS["before"] for w in _words(p))
_PLACE_AFTER: Final = _DISTRICT_WORDS | _CITY_WORDS | _keys(_WORDS["place_after"])
_PREPOSITIONS: Final = _keys(_WORDS["prepositions"])
_POSTPOSITIONS: Final = _keys(_WORDS["postpositions"])
_VILLAGE_WORDS: Final = _keys(_WORDS["village"])
_RESIDENCE_WORDS: Final = _keys(_WORDS["residence"])
_HINDI_NAME_PARTS: Final = _keys(_WORDS["hindi_name_parts"])

_GRAMMAR: Final = _CUES["grammar"]
_WEAK_CUES: Final = _keys(_GRAMMAR["weak"])
_FROM_WORDS: Final = _keys(_GRAMMAR["from_postpositions"])
_IN_WORDS: Final = _keys(_GRAMMAR["in_postpositions"])
_GENITIVES: Final = _keys(_GRAMMAR["genitives"])
_VENUE_PREPOSITIONS: Final = _keys(_GRAMMAR["venue_prepositions"])
_BEFORE_VENUE: Final = _keys(_GRAMMAR["before_venue"])
_STATION_WORDS: Final = _keys(_GRAMMAR["station_words"])

_AREA_OUTSIDE: Final = _table({"": _AREA_WORDS["after_outside"]}, by_last=False)
_AREA_INSIDE: Final = _table({"": _AREA_WORDS["after_inside"]}, by_last=False)
_AREA_BEFORE: Final = _table({"": _AREA_WORDS["before"]}, by_last=False)
_NOT_LOCALITIES: Final = _keys(_AREA_WORDS["not_localities"])
_STREETS: Final = _table({"": _AREA_WORDS["streets"]}, by_last=False)
_AREA_STOP: Final = _keys(_AREA_WORDS["stop"]) | frozenset(
    w for p in [*_GAZ_WORDS["honorifics"], *_AREA_WORDS["before"], *_AREA_WORDS["after_outside"]]
    for w in _words(p))
_RELATIONS: Final = frozenset(w for p in _GAZ_WORDS["honorifics"] for w in _words(p))
_NUMBERED: Final = _table({"": _AREA_WORDS["numbered"]}, by_last=False)
_AREA_FIRST_WORDS: Final = frozenset(_AREA_OUTSIDE.sizes) | frozenset(_AREA_INSIDE.sizes) | (
    frozenset(_AREA_BEFORE.sizes) | frozenset(_NUMBERED.sizes))
_SUFFIXES: Final = tuple(word_key(s) for s in _AREA_WORDS["suffixes"])
_HINDI_HEADS: Final = _keys(_AREA_WORDS["hindi_heads"])

_PLACE: Final = MentionKind.PLACE
# Characters next to a word in an e-mail address, URL or handle.
_LINK_CHARS: Final = frozenset("@./:_-\\=?&%+~")
# What makes a run of non-spaces an e-mail address, URL or handle.
_LINK_MARKS: Final = re.compile(r"@|://|www\.|/.*\.|\..*/|\.com|\.net|\.org|\.co\.", re.DOTALL)
# Characters that end a sentence or clause: a cue never reaches across them.
_CLAUSE_END: Final = frozenset(".।!?;|\n")


# What a scan may find at a word, by its key: marks, as the bits of one number per word.
_NAME: Final = 1  # the first word of a gazetteer name
_SUFFIXED: Final = 2  # a word with a place-name ending (`Hanspuram`)
_OBLIQUE: Final = 4  # a name in `-ा` written with the oblique `-े` (`आगरे`)
_LABEL: Final = 8  # the first word of an area label (`area`, `PS`, `मोहल्ला`, `Sector`)


def _mark(key: str) -> int:
    """The marks of a word with this key (0 for none)."""
    gaz = gazetteer()
    bits = _NAME if key in gaz.entries or key in gaz.prefixes else 0
    if len(key) > 4 and key.endswith(_SUFFIXES):
        bits |= _SUFFIXED
    if key[-1:] == "\u0947" and len(key) > 2 and key[:-1] + "\u093e" in gaz.entries:
        bits |= _OBLIQUE
    if key in _AREA_FIRST_WORDS:
        bits |= _LABEL
    return bits


class _Marks(dict[str, int]):
    """Marks by key, each worked out once (emptied when full, so it stays bounded): a text's
    marks are then one C-level `map` over its keys, and no Python runs for a plain word."""

    def __missing__(self, key: str) -> int:
        if len(self) >= _MARKS_SIZE:
            self.clear()
        marks = self[key] = _mark(key)
        return marks


_MARKS_SIZE: Final = 200_000
_MARKS: Final = _Marks()
_BITS: Final = tuple(tuple(bit for bit in (_NAME, _SUFFIXED, _OBLIQUE, _LABEL) if bits & bit)
              for bits in range(16))
_NONE: Final[list[int]] = []


def _marked_words(marks: list[int], carriers: list[int]) -> dict[int, list[int]]:
    """By mark, the words that carry it, in order; a mark no word carries is left out.

    `carriers` are the words with some mark, in order: a text asks for each mark's words,
    so all are sorted out in one pass over them. Most texts' carriers are all names and
    nothing else, which one count in C tells.
    """
    if carriers and marks.count(_NAME) == len(carriers):
        return {_NAME: carriers}
    by_bit: dict[int, list[int]] = {}
    for i in carriers:
        for bit in _BITS[marks[i]]:
            words = by_bit.get(bit)
            if words is None:
                by_bit[bit] = [i]
            else:
                words.append(i)
    return by_bit


class _Found:
    """A place found in the text, as it is being resolved.

    A plain class, not a dataclass: compiled (`native`), a dataclass's `__init__` is still
    the Python one `dataclasses` writes, and a text makes one of these per place it names.
    """

    def __init__(
        self, first: int, last: int, value: str, kind: str, state: str | None,
        country: str | None, latin: str | None, confidence: float, rule: str,
        strong: bool = True, key: str = "", candidates: tuple[Place, ...] = (),
    ) -> None:
        self.first = first  # index of its first word
        self.last = last  # index of its last word
        self.value = value
        self.kind = kind
        self.state = state
        self.country = country
        self.latin = latin
        self.confidence = confidence
        self.rule = rule
        # Needs no cue; a weak one is kept only if a cue or neighbour says so.
        self.strong = strong
        self.role: str | None = None
        self.cue: str | None = None
        self.weak_cue = False
        self.key = key
        self.candidates = candidates


class _Text:
    """A text, its lower-cased copy, its words, their keys and marks, and where each word is.

    The words are those the phrase extractors share (`separators.words_of`, split once a
    text at white space, ASCII punctuation, emoji and signs), with their digits as written,
    and cut again only where one holds a character no name does (`×`): splitting the text
    anew would cost as much as all the rest of reading its places. Their offsets are found
    in the shared line one after the other, and what stands between two words is read from
    the text when asked. Words all in ASCII are their own keys.
    """

    __slots__ = ("text", "lower", "words", "keys", "n", "marks", "carriers", "_ends",
                 "_breaks", "_marked")

    def __init__(self, text: str) -> None:
        self.text = text
        self.lower = lower = lowered(text)
        line, line_words = words_of(text)
        if line_words and not line.isascii() and TOKEN.fullmatch("".join(line_words)) is None:
            # A sign the line keeps inside a word (`Delhi×Mumbai`), or a mark of another
            # script: the words are the runs of word characters, as in a gazetteer name.
            line_words = tuple(TOKEN.findall(line))
        words: list[str] = []
        # ends[2 * i] is where word i starts, ends[2 * i + 1] where it ends; then the length.
        ends: list[int] = []
        at = 0
        for word in line_words:
            start = line.find(word, at)  # no word character stands between: the first found
            at = start + len(word)
            if "0" in word:
                word = lower[start:at]  # the line's digits are all `0` (`North 24 Parganas`)
            words.append(word)
            ends.append(start)
            ends.append(at)
        ends.append(len(lower))
        self.words = words
        # Emoji and signs are no words: words all in ASCII are their own keys.
        self.keys = words if line.isascii() or "".join(words).isascii() else word_keys(words)
        self.n = len(words)
        self._ends = ends
        # The words' marks (`_mark`), and the words with some mark, found in C: most words
        # carry none.
        self.marks: list[int] = list(map(_MARKS.__getitem__, self.keys))
        self.carriers: list[int] = list(compress(count(), self.marks))
        self._breaks: list[bool | None] = [None] * self.n
        self._marked: dict[int, list[int]] | None = None  # `marked`, once worked out

    def ends(self) -> list[int]:
        """Where the words are: word i is at `ends[2 * i]` to `ends[2 * i + 1]`."""
        return self._ends

    def marked(self, bit: int) -> list[int]:
        """The words that carry a mark, in order (a list not to be changed)."""
        marked = self._marked
        if marked is None:
            marked = self._marked = _marked_words(self.marks, self.carriers)
        return marked.get(bit, _NONE)

    def bounds(self, first: int, last: int) -> tuple[int, int]:
        """Where words first..last are: (start, end) in the text."""
        ends = self._ends
        return ends[2 * first], ends[2 * last + 1]

    def raw(self, first: int, last: int | None = None) -> str:
        """Words first..last as written."""
        start, end = self.bounds(first, first if last is None else last)
        return self.text[start:end]

    def said(self, start: int, stop: int) -> str:
        """Words start..stop - 1 as written, lower-cased: a cue as the text has it."""
        begin, end = self.bounds(start, stop - 1)
        return self.lower[begin:end]

    def gap(self, i: int) -> str:
        """What stands between word i - 1 and word i: before the first word for i = 0, after
        the last for i = n."""
        ends = self._ends
        return self.lower[ends[2 * i - 1] if i else 0 : ends[2 * i]]

    def breaks(self, i: int) -> bool:
        """Whether a sentence or clause ends between word i - 1 and word i (or i is 0)."""
        if i <= 0 or i >= self.n:
            return True
        gap = self.gap(i)
        if gap == " ":
            return False  # most gaps, asked most often
        known = self._breaks[i]
        if known is None:
            known = self._breaks[i] = _ends_clause(gap, self.words[i - 1])
        return known

    def phrase(self, start: int, stop: int) -> str | None:
        """Words start..stop - 1 as one key, None when a clause ends between them."""
        if start < 0 or stop > self.n or self.broken(start, stop):
            return None
        return " ".join(self.keys[start:stop])

    def broken(self, start: int, stop: int) -> bool:
        """Whether a clause ends between words start..stop - 1."""
        return any(self.breaks(i) for i in range(start + 1, stop)) if stop - start > 1 else False

    def ends_with(self, stop: int, table: _Table) -> tuple[int, str] | None:
        """The longest phrase of a table (indexed by last word) ending before word `stop`:
        (where it starts, its value).

        The phrase grows leftwards a word at a time, only while it is still part of some
        phrase of the table: most words end none, and cost one look-up.
        """
        keys, parts, phrases = self.keys, table.parts, table.phrases
        start = stop - 1
        if start < 0:
            return None
        phrase = keys[start]
        longest = None
        while phrase in parts:
            value = phrases.get(phrase)
            if value is not None and (start == stop - 1 or not self.broken(start, stop)):
                longest = start, value
            if start == 0:
                break
            start -= 1
            phrase = f"{keys[start]} {phrase}"
        return longest

    def starts_with(self, start: int, table: _Table) -> tuple[int, str] | None:
        """The longest phrase of a table (indexed by first word) starting at word `start`:
        (where it stops, its value); grown rightwards as `ends_with` grows leftwards."""
        keys, parts, phrases = self.keys, table.parts, table.phrases
        stop = start + 1
        if start < 0 or stop > self.n:
            return None
        phrase = keys[start]
        longest = None
        while phrase in parts:
            value = phrases.get(phrase)
            if value is not None and (stop == start + 1 or not self.broken(start, stop)):
                longest = stop, value
            if stop == self.n:
                break
            phrase = f"{phrase} {keys[stop]}"
            stop += 1
        return longest


def _ends_clause(gap: str, word_before: str) -> bool:
    """Whether a gap between words ends a sentence or clause (`Distt. Etawah` does not)."""
    if gap == " " or not gap:
        return False
    for c in gap:
        if c in _CLAUSE_END:
            if c == "." and not any(d in "।!?;|\n" for d in gap):
                return len(word_before) > 5 and not word_before.isupper()
            return True
    return False


def find_places(text: str) -> list[Mention]:
    """Places named in a text, with kind, state and route role, by start."""
    if not isinstance(text, str) or not text:
        return []
    doc = _Text(text)
    if not doc.carriers:
        return []  # no word that may begin a name, a label or a locality: most ads are done
    found, suffixed = _gazetteer_places(doc)
    has_labels = bool(doc.marked(_LABEL))
    if has_labels or suffixed or found:
        areas = _areas(doc, found, suffixed, has_labels)
        if areas:
            found = sorted(found + areas, key=lambda f: f.first)
    if not found:
        return []
    for f in found:
        _own_role(doc, f)
    _share(doc, found)
    return [_mention(doc, f) for f in found if f.strong]


def route_roles(mentions: list[Mention]) -> dict[str, str]:
    """Each place's route role across its mentions: the role given most often, else unknown.

    Keys are mention values (canonical names); a place named as a destination twice and a
    source once is a destination. Ties go to the role named first.
    """
    counts: dict[str, dict[str, int]] = {}
    for mention in mentions:
        if mention.kind != MentionKind.PLACE:
            continue
        roles = counts.setdefault(mention.value, {})
        role = mention.extra.get("route_role", "unknown")
        if role != "unknown":
            roles[role] = roles.get(role, 0) + 1
    return {
        value: max(roles, key=lambda r: roles[r]) if roles else "unknown"
        for value, roles in counts.items()
    }


# --- gazetteer places --------------------------------------------------------------------


_Hit = tuple[int, int, str, tuple[Place, ...]]  # first word, stop, key, places


def _gazetteer_places(doc: _Text) -> tuple[list[_Found], list[int]]:
    """Gazetteer names in the text, longest first at each word, checked and resolved; and
    the words with a place-name ending that are no gazetteer name."""
    gaz = gazetteer()
    hits = _name_hits(doc, gaz)
    suffixed = doc.marked(_SUFFIXED)
    obliques = doc.marked(_OBLIQUE)
    if hits and (suffixed or obliques):
        taken = {i for first, stop, _, _ in hits for i in range(first, stop)}
        suffixed = [i for i in suffixed if i not in taken]
        obliques = [i for i in obliques if i not in taken]
    if obliques:
        hits = sorted(hits + [_oblique_hit(doc, gaz, i) for i in obliques])
    if not hits:
        return [], suffixed
    found = []
    for first, stop, key, places in hits:
        f = _check(doc, gaz, first, stop, key, places)
        if f is not None:
            found.append(f)
    context = {f.value for f in found if f.kind == "state" and f.strong}
    for f in found:
        _resolve(doc, f, context)
        if f.last + 1 < doc.n and doc.keys[f.last + 1] in _STREETS.parts:
            _street(doc, f)  # a word a street label may start with follows
    if len(found) > 1:
        _accept_chained(doc, found)
    return found, suffixed


def _name_hits(doc: _Text, gaz: Gazetteer) -> list[_Hit]:
    """Gazetteer names, the longest at each word, left to right: only the words that start
    some name are looked at."""
    hits: list[_Hit] = []
    done = 0
    for i in doc.marked(_NAME):
        if i >= done:
            hit = _name_at(doc, gaz, i)
            if hit is not None:
                hits.append(hit)
                done = hit[1]
    return hits


def _name_at(doc: _Text, gaz: Gazetteer, i: int) -> _Hit | None:
    """The longest gazetteer name starting at word i and written as one (`New Delhi`, not
    `new, Delhi`).

    Words are read on only while they may still make a name (`new` may: `New Delhi`; `new
    girls` may not), so most words cost one look-up.
    """
    keys, entries, prefixes = doc.keys, gaz.entries, gaz.prefixes
    name = keys[i]
    if name not in prefixes:  # most names are one word and start no longer one
        return (i, i + 1, name, entries[name]) if name in entries else None
    names = [(i + 1, name)] if name in entries else []
    stop = i + 1
    while stop < doc.n and name in prefixes:
        name = f"{name} {keys[stop]}"
        stop += 1
        if name in entries:
            names.append((stop, name))
    for stop, name in reversed(names):
        if stop == i + 1 or _joined(doc, i, stop):
            return i, stop, name, entries[name]
    return None


def _oblique_hit(doc: _Text, gaz: Gazetteer, i: int) -> _Hit:
    """A name in `-ा` written with the oblique `-े`: `आगरे में` is Agra."""
    direct = doc.keys[i][:-1] + "\u093e"
    return i, i + 1, direct, gaz.entries[direct]


def _joined(doc: _Text, start: int, stop: int) -> bool:
    """Whether words start..stop - 1 are written as one name: spaces, dots, hyphens between."""
    for j in range(start + 1, stop):
        gap = doc.gap(j)
        if gap != " " and (len(gap) > 3 or gap.strip(" .-&\u00a0")):
            return False
    return True


def _check(doc: _Text, gaz: Gazetteer, first: int, stop: int, key: str,
           places: tuple[Place, ...]) -> _Found | None:
    """A gazetteer hit as a place, or None when it is a word, a person or part of a link.

    A sure name (a country, a state or a large town, and no common word or given name) is
    taken as it stands, without looking for a cue or a person's marks around it.
    """
    last = stop - 1
    ends = doc.ends()
    start, end = ends[2 * first], ends[2 * stop - 1]
    raw = doc.text[start:end]
    if key in gaz.capitals and not raw.replace(".", "").replace("&", "").isupper():
        return None
    if _in_link(doc.lower, start, end) or _after_title(doc, first):
        return None
    best = places[0]
    weak = key in gaz.cue_only or key in gaz.small
    sure = not weak and (best.kind in ("country", "state")
                         or gaz.largest[key] >= _LOWERCASE_POPULATION)
    latin = raw[0].isascii()
    cued = False
    if not sure:
        cued = _cued(doc, first, stop, latin)
        if latin and not cued and (not raw[0].isupper() or _person_before(doc, first)):
            return None
        if _person_after(doc, stop):
            return None
    confidence = 0.6 if weak else 0.9 if best.source == "curated" else 0.8
    return _Found(first, last, best.name, best.kind, best.state, best.country,
                  None if latin else best.name, confidence, "gazetteer",
                  strong=cued or not weak, key=key, candidates=places)


def _after_title(doc: _Text, first: int) -> bool:
    """Whether a title stands right before word `first` (`Mr Gaur`, `श्री सागर`): a person."""
    return (first > 0 and doc.keys[first - 1] in _HONORIFICS.sizes and not doc.breaks(first)
            and doc.ends_with(first, _HONORIFICS) is not None)


def _cued(doc: _Text, first: int, stop: int, latin: bool) -> bool:
    """Whether a word before or after a name shows it is a place."""
    j = first
    while j > 1 and doc.keys[j - 1] in _FILLERS and not doc.breaks(j):
        j -= 1  # `at the Gaya ghat`
    if not doc.breaks(j):
        if doc.keys[j - 1] in _LOCATIVE_CUES or doc.ends_with(j, _BEFORE):
            return True
    if stop < doc.n and not doc.breaks(stop):
        after = doc.keys[stop]
        if after in _PLACE_AFTER:
            return True
        if not latin and after in _POSTPOSITIONS and stop + 1 < doc.n:
            return doc.keys[stop + 1] in _PLACE_AFTER
    return False


def _person_before(doc: _Text, first: int) -> bool:
    """Whether a capitalised word that is no place word, preposition or article stands right
    before: `Ravi Kant`, `Manoj Khanna` (a given name and a surname that is also a town)."""
    if first < 1 or doc.gap(first) != " ":
        return False
    word = doc.raw(first - 1)
    if not word[:1].isupper() or not word.isascii() or word.isupper():
        return False
    key = doc.keys[first - 1]
    return key not in _PLACE_ADJECTIVES and key not in _LOCATIVE_CUES and key not in _AREA_STOP


def _person_after(doc: _Text, stop: int) -> bool:
    """`Sagar alias Munna`, `Sagar @ Munna`, `सागर उर्फ`, `आनंद ने`: a person's marks after."""
    if stop >= doc.n:
        return False
    if "@" in doc.gap(stop):
        return True
    return not doc.breaks(stop) and doc.starts_with(stop, _PERSON_AFTER) is not None


def _in_link(lower: str, start: int, end: int) -> bool:
    """Whether a span lies inside an e-mail address, URL or handle: the run of non-spaces
    around it has a link's marks."""
    if (not start or lower[start - 1] not in _LINK_CHARS) and (
            end >= len(lower) or lower[end] not in _LINK_CHARS):
        return False
    left = max(lower.rfind(" ", 0, start), lower.rfind("\n", 0, start)) + 1
    right = len(lower)
    for stop in (lower.find(" ", end), lower.find("\n", end)):
        if 0 <= stop < right:
            right = stop
    return _LINK_MARKS.search(lower, left, right) is not None


def _resolve(doc: _Text, f: _Found, context: set[str]) -> None:
    """Which of a name's places is meant: country or state first, then by the words beside it
    (`District X`, `X city`), the size of the city and the states named elsewhere."""
    best = f.candidates[0]
    if len(f.candidates) > 1 and best.kind not in ("country", "state"):
        keys = doc.keys
        after = keys[f.last + 1] if f.last + 1 < doc.n else ""
        district_cue = (f.first > 0 and keys[f.first - 1] in _DISTRICT_WORDS) or (
            after in _DISTRICT_WORDS)
        best = _choose(f.key, district_cue, after in _CITY_WORDS, frozenset(context))
    f.value, f.kind, f.state, f.country = best.name, best.kind, best.state, best.country
    if f.latin is not None:
        f.latin = best.name
    if f.first and doc.keys[f.first - 1] in _VILLAGE_WORDS and best.kind in ("city", "district"):
        # `village Rampur`: a village of that name, not the town; its state is the chain's.
        f.kind, f.state = "area", None
    if best.kind in ("country", "state", "district") and f.confidence > 0.6:
        f.confidence = 0.9


@lru_cache(maxsize=8192)
def _choose(key: str, district_cue: bool, city_cue: bool, context: frozenset[str]) -> Place:
    """The place a name of several places means, by the words beside it and the states named.

    Kept per name and cues: the same town names come again and again.
    """
    places = gazetteer().entries[key]
    # A place called so (Sealdah) before a GeoNames town that has it as another name
    # (Kolkata); the curated names of a district are all its own.
    exact = [place_key(p.name) == key for p in places]
    if any(exact):
        places = tuple(p for p, e in zip(places, exact, strict=True)
                       if e or p.source == "curated")
    in_context = [p for p in places if p.state in context] or list(places)
    districts = [p for p in in_context if p.kind == "district"]
    cities = [p for p in in_context if p.kind == "city"]
    if district_cue and districts:
        return districts[0]
    if city_cue and cities:
        return cities[0]
    if cities and cities[0].population >= _CITY_OVER_DISTRICT:
        return cities[0]
    if districts:
        return districts[0]
    return in_context[0]


def _street(doc: _Text, f: _Found) -> None:
    """`Shivpuri Colony`, `Kanpur Road`, `दिल्ली गेट`: a locality named after a place."""
    label = doc.starts_with(f.last + 1, _STREETS) if f.last + 1 < doc.n else None
    if label is None or doc.breaks(f.last + 1) or doc.gap(f.last + 1) != " ":
        return
    stop, latin = label
    raw = doc.raw(f.first, stop - 1)
    f.last = stop - 1
    f.kind, f.country, f.rule, f.confidence, f.strong = "area", None, "area_label", 0.7, True
    if raw.isascii():
        f.value = " ".join(raw.split())
    else:
        f.value = f.latin = f"{f.value} {latin}".strip()


def _accept_chained(doc: _Text, found: list[_Found]) -> None:
    """A weak name beside a known place in an address chain is a place: `Mau, Uttar Pradesh`."""
    for a, b in pairwise(found):
        if a.strong != b.strong and _gap_joins(doc, a, b, _LABELS):
            a.strong = b.strong = True


# --- localities ---------------------------------------------------------------------------


def _areas(doc: _Text, found: list[_Found], suffixed: list[int],
           has_labels: bool) -> list[_Found]:
    """Localities named by the words around them, and unknown names with a place ending."""
    taken = [False] * doc.n
    for f in found:
        for i in range(f.first, f.last + 1):
            taken[i] = True
    areas: list[_Found] = []
    if has_labels:
        for i in doc.marked(_LABEL):
            if taken[i]:
                continue
            key = doc.keys[i]
            if key in _NUMBERED.sizes:
                area = _numbered_area(doc, taken, i)
                if area is not None:
                    areas.append(area)
                    taken[i] = taken[i + 1] = True
                continue
            area = None
            if key in _AREA_OUTSIDE.sizes or key in _AREA_INSIDE.sizes:
                area = _area_before_label(doc, taken, i)
            if area is None and key in _AREA_BEFORE.sizes:
                area = _area_after_label(doc, taken, i)
            if area is not None:
                areas.append(area)
                for j in range(area.first, area.last + 1):
                    taken[j] = True
    for f in found:
        if f.last + 1 >= doc.n or doc.gap(f.last + 1) != " ":
            continue  # no word right after it, as a locality of a town would be
        area = _after_city(doc, taken, f)
        if area is not None:
            areas.append(area)
            for j in range(area.first, area.last + 1):
                taken[j] = True
    for i in suffixed:
        if not taken[i]:
            area = _suffix_area(doc, i)
            if area is not None:
                areas.append(area)
                taken[i] = True
    return areas


def _numbered_area(doc: _Text, taken: list[bool], i: int) -> _Found | None:
    """`Sector 18`, `Ward 12`, `सेक्टर 62`: a numbered part of a town."""
    if i + 1 >= doc.n or taken[i + 1] or doc.breaks(i + 1) or not doc.keys[i + 1].isdigit():
        return None
    if doc.gap(i + 1) not in (" ", "-", " - ", " no. ", " no ", "-"):
        return None
    raw = doc.raw(i, i + 1)
    if raw.isascii():
        value = raw[0].upper() + raw[1:]
    else:
        value = f"{_NUMBERED.phrases.get(doc.keys[i]) or doc.keys[i]} {doc.keys[i + 1]}"
    f = _Found(i, i + 1, " ".join(value.split()), "area", None, None,
               None if raw.isascii() else value, 0.7, "area_label")
    return None if _in_link(doc.lower, *doc.bounds(i, i)) else f


def _after_city(doc: _Text, taken: list[bool], f: _Found) -> _Found | None:
    """`Mumbai Andheri.`, `Bangalore Koramangala,`: capitalised words right after a town that
    end the phrase are a locality of it (not `Delhi Police rescued`, not `Patna High Court`)."""
    if f.kind not in ("city", "district") or not f.strong or f.latin is not None:
        return None
    names: list[int] = []
    j = f.last + 1
    while j < doc.n and len(names) < 3 and doc.gap(j) == " " and not taken[j]:
        raw = doc.raw(j)
        key = doc.keys[j]
        if not raw[0].isupper() or not raw.isalpha() or key in _AREA_STOP or key in (
                _NOT_LOCALITIES) or key in _AREA_INSIDE.sizes:
            break  # `Patna Junction` is Patna
        names.append(j)
        j += 1
    if not names or (j < doc.n and not any(c in ",.;:!?\n|/" for c in doc.gap(j))):
        return None
    area = _area(doc, names, names[-1], "")
    if area is not None:
        area.confidence, area.rule, area.state = 0.5, "area_after_city", f.state
    return area


def _area_before_label(doc: _Text, taken: list[bool], i: int) -> _Found | None:
    """`Naubasta area`, `Koregaon Park`, `नौबस्ता इलाके`, `कैंट रेलवे स्टेशन`: the name
    before a label; for `X निवासी Y`, only when Y is no place (else X is a surname)."""
    if i == 0 or taken[i - 1] or doc.breaks(i):
        return None
    inside = doc.starts_with(i, _AREA_INSIDE)
    outside = None if inside else doc.starts_with(i, _AREA_OUTSIDE)
    if inside is None and outside is None:
        return None
    names = _name_words(doc, taken, i, backwards=True)
    if not names or (names[0] and doc.keys[names[0] - 1] in _RELATIONS):
        return None  # `पुत्र रामलाल निवासी`: a person's name
    if doc.keys[i] in _RESIDENCE_WORDS and not _person_follows(doc, taken, i + 1):
        return None
    if inside is not None:
        return _area(doc, names, inside[0] - 1, inside[1])
    return _area(doc, names, names[-1], "")


def _person_follows(doc: _Text, taken: list[bool], j: int) -> bool:
    """In `X निवासी Y`, whether Y is a person's name (so X is a place): not a place, a
    label (`ग्राम`, `मोहल्ला`) or a function word."""
    return j < doc.n and not taken[j] and not doc.breaks(j) and _looks_named(doc, j)


def _looks_named(doc: _Text, j: int) -> bool:
    """Whether word j may be a name: no stop word, label, digit or single letter."""
    key = doc.keys[j]
    return key not in _AREA_STOP and len(key) > 1 and not key.isdigit()


def _area_after_label(doc: _Text, taken: list[bool], i: int) -> _Found | None:
    """`PS Naubasta`, `मोहल्ला X`, `थाना क्षेत्र के X`, `r/o X`: the name after a label."""
    label = doc.starts_with(i, _AREA_BEFORE)
    if label is None:
        return None
    j = label[0]
    if j >= doc.n or taken[j] or doc.breaks(j):
        return None
    names = _name_words(doc, taken, j, backwards=False)
    if not names:
        return None
    last = names[-1]
    if last + 1 < doc.n and not taken[last + 1] and not doc.breaks(last + 1):
        inside = doc.starts_with(last + 1, _AREA_INSIDE)
        if inside is not None:
            return _area(doc, names, inside[0] - 1, inside[1])
    return _area(doc, names, last, "")


def _name_words(doc: _Text, taken: list[bool], i: int, backwards: bool) -> list[int]:
    """The words of a locality's name before word i (backwards) or from word i on.

    English: a run of up to three capitalised words; Hindi: one word, or two when the one
    nearer the label is itself a name part (`शास्त्री नगर`).
    """
    out: list[int] = []
    j = i - 1 if backwards else i
    latin = doc.words[j].isascii()
    while 0 <= j < doc.n and len(out) < (3 if latin else 2):
        key = doc.keys[j]
        if taken[j] or key in _AREA_STOP or len(key) < 2 or key.isdigit():
            break
        if doc.words[j].isascii() != latin:
            break
        if latin:
            raw = doc.raw(j)
            if not raw[0].isupper():
                break
        elif out and doc.keys[out[-1]] not in _HINDI_NAME_PARTS and key not in _HINDI_HEADS:
            break
        if out and doc.gap(j + 1 if backwards else j) != " ":
            break
        out.append(j)
        j += -1 if backwards else 1
    out.sort()
    if not latin and len(out) == 1 and doc.keys[out[0]] in _HINDI_NAME_PARTS:
        return []
    return out


def _area(doc: _Text, names: list[int], last: int, label_latin: str) -> _Found | None:
    """A locality mention from its name words and its last word (the label's, when the label
    is part of the name)."""
    first = names[0]
    start, end = doc.bounds(first, last)
    if _in_link(doc.lower, start, end):
        return None
    raw = doc.text[start:end]
    name = doc.raw(first, names[-1])
    latin = None
    if name.isascii():
        value = " ".join(raw.split())
    else:
        value = _romanise(name)
        if last > names[-1]:
            value = f"{value} {label_latin}" if label_latin else _romanise(raw)
        latin = value
    return _Found(first, last, value, "area", None, None, latin, 0.7, "area_label")


def _suffix_area(doc: _Text, i: int) -> _Found | None:
    """An unknown name with a place-name ending, after a preposition (`in Hanspuram`) or
    before a postposition (`हंसपुरम में`)."""
    key = doc.keys[i]
    if key in _AREA_STOP:
        return None
    if doc.words[i].isascii():
        raw = doc.raw(i)
        if not raw.isalpha() or not raw[0].isupper() or raw.isupper() or i == 0:
            return None
        if doc.keys[i - 1] not in _PREPOSITIONS or doc.breaks(i) or _person_after(doc, i + 1):
            return None
        if i + 1 < doc.n and doc.gap(i + 1) == " " and doc.raw(i + 1)[:1].isupper():
            return None  # part of a longer name, maybe a person's
    else:
        if i + 1 >= doc.n or doc.keys[i + 1] not in _POSTPOSITIONS or doc.breaks(i + 1):
            return None
        if _after_title(doc, i):
            return None
    f = _area(doc, [i], i, "")
    if f is not None:
        f.confidence, f.rule = 0.5, "area_suffix"
    return f


@lru_cache(maxsize=4096)
def _romanise(devanagari: str) -> str:
    """A Devanagari locality in Latin letters (`नौबस्ता` Naubasta)."""
    from kadiyan.extract.romanise import romanise

    return romanise(devanagari)


# --- route roles --------------------------------------------------------------------------


def _own_role(doc: _Text, f: _Found) -> None:
    """A place's role from the cues around it; None where none speaks. A specific cue beats
    a generic one (`from`, `to`, a police station); between two alike, English reads the
    words before, Hindi the words after."""
    if _plain_before(doc, f.first) and _plain_after(doc, f.last + 1):
        return  # most places in ads: no word beside them that a cue may hold
    before = _cue_before(doc, f)
    after = _cue_after(doc, f)
    chosen = before
    if after is not None and (
        before is None or (before[2] and not after[2])
        or (before[2] == after[2] and f.latin is not None)
    ):
        chosen = after
    if chosen is not None:
        f.role, f.cue, f.weak_cue = chosen


def _plain_before(doc: _Text, first: int) -> bool:
    """Whether the word before word `first` can be no part of a cue before a place: then
    `_cue_before` finds none, as it would after looking."""
    return first == 0 or doc.keys[first - 1] not in _BEFORE_WORDS


def _plain_after(doc: _Text, stop: int) -> bool:
    """Whether word `stop`, right after a place, can be no part of a cue after it, with no
    bracketed gloss between: then `_cue_after` finds none, as it would after looking."""
    return stop >= doc.n or ("(" not in doc.gap(stop) and doc.keys[stop] not in _AFTER_WORDS)


def _category_role(doc: _Text, category: str, f: _Found, cue_first: int) -> str:
    """The route role of a cue's category."""
    if category == "residence":
        return "source" if _victim_resident(doc, f, cue_first) else "unknown"
    if category == "jurisdiction":
        return "destination"
    return category


def _cue_before(doc: _Text, f: _Found) -> tuple[str, str, bool] | None:
    """The role given by the words before a place: (role, cue words, weak)."""
    j = _skip_back(doc, f.first)  # the cue ends before word j
    noun = doc.ends_with(j - 1, _PLACE_NOUNS) if j >= 2 and doc.keys[j - 1] in (
        _VENUE_PREPOSITIONS) and not doc.breaks(j - 1) else None
    if noun is not None:
        j = _skip_back(doc, noun[0])
    if j > 0 and not doc.breaks(j):
        cue = doc.ends_with(j, _BEFORE)
        if cue is not None:
            start, category = cue
            role = _category_role(doc, category, f, start)
            if role == "source" and noun is not None and noun[1] == "venue":
                role = "destination"  # `rescued minors from a lodge near X`
            weak = doc.phrase(start, j) in _WEAK_CUES or category == "jurisdiction"
            return role, doc.said(start, j), weak
        # `थाना कोतवाली, जनपद वाराणसी`: the district of a police station.
        if j >= 3 and j < f.first and "," in doc.gap(j) and doc.keys[j - 2] in (
                _STATION_WORDS) and not _home_before(doc, j - 2):
            return "destination", doc.said(j - 2, j - 1), True
    if noun is not None and noun[1] == "venue":
        return "destination", doc.said(noun[0], f.first), False
    return None




def _home_before(doc: _Text, j: int) -> bool:
    """Whether a home address (`r/o`, `निवासी`, `village`) runs up to word j: then a police
    station after it is part of the address, not the case's."""
    for k in range(j - 1, max(-1, j - 9), -1):
        if doc.keys[k] in _HOME_WORDS:
            return True
        if doc.breaks(k + 1):
            return False
    return False


_HOME_WORDS: Final = frozenset(w for p in _AREA_WORDS["before"] for w in _words(p)) - _STATION_WORDS


# Every word a cue before a place may end with, or be passed over on the way to one
# (`_cue_before`), and every word one after it may start with (`_cue_after`).
_BEFORE_WORDS: Final = (_FILLERS | _DISTRICT_WORDS | _VILLAGE_WORDS | _VENUE_PREPOSITIONS
                 | _BEFORE.parts)
_AFTER_WORDS: Final = (_PLACE_WORDS.parts | _AFTER.parts | _FROM_WORDS | _IN_WORDS | _BEFORE_VENUE
                | _VENUES_AFTER.parts | _GENITIVES)


def _skip_back(doc: _Text, j: int) -> int:
    """Back over filler words and district words before word j, within the clause."""
    while j > 0 and not doc.breaks(j) and (
            doc.keys[j - 1] in _FILLERS or doc.keys[j - 1] in _DISTRICT_WORDS
            or doc.keys[j - 1] in _VILLAGE_WORDS):
        j -= 1
    return j


def _cue_after(doc: _Text, f: _Found) -> tuple[str, str, bool] | None:
    """The role given by the words after a place: (role, cue words, weak)."""
    j = _after_gloss(doc, f.last + 1)
    while j < doc.n and not doc.breaks(j):
        word = doc.starts_with(j, _PLACE_WORDS)
        if word is None:
            break
        j = word[0]
    if j >= doc.n or doc.breaks(j) or "," in doc.gap(j):
        return None  # `Rampur, PS Sadar`: an address goes on, it says nothing of Rampur
    cue = doc.starts_with(j, _AFTER)
    if cue is not None:
        stop, category = cue
        role = _category_role(doc, category, f, j)
        return role, doc.said(j, stop), category == "jurisdiction"
    key = doc.keys[j]
    if key in _FROM_WORDS and _clause_has(doc, j + 1, _MOVEMENT):
        return "source", doc.said(j, j + 1), False
    if key in _IN_WORDS and _clause_has(doc, j + 1, _EXPLOITATION):
        return "destination", doc.said(j, j + 1), False
    k = j
    while k < min(doc.n, j + 3) and doc.keys[k] in _BEFORE_VENUE and not doc.breaks(k + 1):
        k += 1  # `X के एक होटल`, `X में एक होटल`
    venue = doc.starts_with(k, _VENUES_AFTER)
    if venue is not None:
        return "destination", doc.said(j, venue[0]), False
    if key in _GENITIVES and _victims_follow(doc, j + 1):
        return "source", doc.said(j, j + 1), False
    return None


def _after_gloss(doc: _Text, j: int) -> int:
    """Past a bracketed gloss right after a place: `रूपन्देही (नेपाल) से`, `कानपुर (Kanpur)`."""
    if j >= doc.n or "(" not in doc.gap(j):
        return j
    for k in range(j + 1, min(doc.n, j + 6)):
        if ")" in doc.gap(k):
            return k
    return j


def _clause_has(doc: _Text, j: int, words: frozenset[str], span: int = 14) -> bool:
    """Whether one of the words (or two-word phrases) comes before the clause ends."""
    for k in range(j, min(doc.n, j + span)):
        if k > j and doc.breaks(k):
            return False
        if doc.keys[k] in words:
            return True
        if k + 1 < doc.n and f"{doc.keys[k]} {doc.keys[k + 1]}" in words:
            return True
    return False


def _victims_follow(doc: _Text, j: int) -> bool:
    """`नेपाल की तीन युवतियों`: victims, maybe after a count, right after `की`."""
    for k in range(j, min(doc.n, j + 3)):
        if doc.breaks(k):
            return False
        if doc.keys[k] in _VICTIMS:
            return True
    return False


def _victim_resident(doc: _Text, f: _Found, cue_first: int) -> bool:
    """A home is a source when a victim is the one living there or the sentence tells of
    luring: `the victim, a resident of X`, `पीड़िता निवासी X`, `... r/o X, was lured`."""
    for k in range(max(0, cue_first - 4), cue_first):
        if doc.keys[k] in _VICTIMS:
            return True
    at = doc.bounds(f.first, f.first)[0]
    lower = doc.lower
    start = max(lower.rfind(c, 0, at) for c in ".।!?\n") + 1
    ends = [i for i in (lower.find(c, at) for c in "।!?\n") if i >= 0]
    sentence = lower[start : min(ends) if ends else len(lower)]
    return any(lure in sentence for lure in _LURES)


def _gap_joins(doc: _Text, a: _Found, b: _Found, allowed: frozenset[str] = _JOINING) -> bool:
    """Whether two places are joined as one list or address chain: only punctuation,
    `and`/`और`, counts and address labels stand between them."""
    if b.first <= a.last or b.first - a.last > 5:
        return False
    for k in range(a.last + 1, b.first + 1):
        gap = doc.gap(k)
        if len(gap) > 6 or ":" in gap or doc.breaks(k) or gap.strip(" ,.()-–/&#\u00a0'\""):
            return False
        if k < b.first and doc.keys[k] not in allowed:
            return False
    return True


def _then_between(doc: _Text, a: _Found, b: _Found) -> bool:
    """`A और फिर B`, `A and then B`, `A और फिर वहां से B`: A is a stopover on the way to B."""
    j = _after_gloss(doc, a.last + 1)
    seen = False
    while j < b.first:
        if doc.breaks(j) and j > a.last + 1:
            return False
        then = doc.starts_with(j, _THEN)
        if then is not None:
            j, seen = then[0], True
        elif doc.keys[j] in _CONNECTORS:
            j += 1
        else:
            return False
    return seen and j == b.first and not doc.breaks(b.first)


def _share(doc: _Text, found: list[_Found]) -> None:
    """Roles shared along lists and address chains; stopovers before `then`; the rest
    unknown. An area takes the state of the place it is chained to."""
    if len(found) == 1:  # most texts that name a place: nothing to share
        if found[0].role is None:
            found[0].role = "unknown"
        return
    groups: list[list[_Found]] = [[found[0]]]
    for a, b in pairwise(found):
        if _then_between(doc, a, b):
            if a.role in (None, "destination"):
                a.role, a.cue = "transit", "then"  # a stop before the destination
            groups.append([b])
        elif _gap_joins(doc, a, b):
            groups[-1].append(b)
        else:
            groups.append([b])
    for group in groups:
        if len(group) > 1:
            _fill(group)
    for f in found:
        if f.role is None:
            f.role = "unknown"


def _fill(group: list[_Found]) -> None:
    """Members with no role of their own take the nearest earlier member's, else a later's;
    an area takes the state of the places it is chained to."""
    for members in (group, group[::-1]):
        known = None
        for f in members:
            if f.role is not None:
                known = f
            elif known is not None:
                f.role, f.cue = known.role, known.cue
    state = next((f.state for f in group if f.state), None)
    for f in group:
        if f.kind == "area" and f.state is None:
            f.state = state


def _mention(doc: _Text, f: _Found) -> Mention:
    """The mention of a resolved place."""
    ends = doc.ends()
    start, end = ends[2 * f.first], ends[2 * f.last + 1]
    role = f.role or "unknown"
    extra: dict[str, Any] = {
        "place_kind": f.kind,
        "state": f.state,
        "country": f.country,
        "latin": f.latin,
        "route_role": role,
        "route_cue": f.cue,
    }
    return mention_of((_PLACE, f.value, start, end, f.confidence, f.rule, doc.text[start:end],
                       "text", None if role == "unknown" else role, extra))
