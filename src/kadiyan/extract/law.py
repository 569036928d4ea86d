"""Sections of law in case texts, one mention per section: `BNS 143(4)`, `ITPA 3`, `IPC 370A`.

FIRs and press notes cite sections in lists, with the act after or before them:
`Sections 143(4), 144(2) BNS and 3, 4, 5 ITPA`, `u/s 370, 370A IPC`, `IPC 366-A`,
`धारा 143 बीएनएस व 3/4/5 अनैतिक देह व्यापार (निवारण) अधिनियम`, `s. 5(1)(a)`. A list of
numbers is read as sections only when a section word (`Section`, `u/s`, `धारा`) stands
before it or an act stands right beside it; a list with a section word and no act beside it
takes the act named nearest in the text (with a lower confidence), and is dropped if the text
names none. An act's year (`Act, 1956`) is never a section.

Acts, their aliases in English and Hindi, the section words, and the old-to-new table
(IPC to BNS, CrPC to BNSS) are data, in `data/law.toml`.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from kadiyan.extract.casing import lowered
from kadiyan.extract.numbers import spelling_pattern, word_pattern
from kadiyan.model import Mention, MentionKind

__all__ = ["alias_regex", "equivalent_section", "find_sections", "starts_word"]


def _load() -> dict[str, Any]:
    return tomllib.loads(files("kadiyan.extract").joinpath("data/law.toml").read_text("utf-8"))


_DATA = _load()
_ACT_NAMES: tuple[str, ...] = tuple(_DATA["acts"])
_LATIN_END = r"(?![a-z0-9])"
_HINDI_END = r"(?![\u0900-\u097f])"


def _alias_end(alias: str) -> str:
    """The end of an alias's pattern: not followed by a letter of the script it ends in."""
    if alias.endswith("."):
        return ""
    return _LATIN_END if alias.rstrip("].)")[-1:].isascii() else _HINDI_END


def _alias_pieces(alias: str) -> list[str]:
    """An alias as a list of patterns, one per character or optional part, to build tries."""
    out: list[str] = []
    text = alias.lower()
    i = 0
    while i < len(text):
        char = text[i]
        if char == "[":
            close = text.index("]", i)
            inner = "".join(_alias_pieces(text[i + 1 : close]))
            # A space before an optional part belongs to it: `A [B] C` is `A C` without it.
            if out and out[-1] == r"\s+":
                out[-1] = r"(?:\s+" + inner + ")?"
            else:
                out.append("(?:" + inner + ")?")
            i = close + 1
            continue
        if char == " ":
            out.append(r"\s+")
        elif char == ".":
            out.append(r"(?:[.0\u0966]\s*)?")  # `I.P.C.`, `भा0द0वि0`, `भा०द०वि०`
        elif char == "(":
            out.append(r"\(?\s*")
        elif char == ")":
            out.append(r"\s*\)?")
        elif char == "-":
            out.append(r"[-\s]?")
        elif text[i + 1 : i + 2] == "\u093c":  # a letter with its nukta is one piece
            out.append(spelling_pattern(text[i : i + 2]))
            i += 1
        else:
            out.append(spelling_pattern(re.escape(char)))
        i += 1
    return out


def _word_char(char: str) -> bool:
    """True for a character an act's name cannot follow: a letter, digit or vowel sign."""
    return char.isalnum() or "\u0900" <= char <= "\u097f"


def alias_regex(aliases: Sequence[str], tags: Sequence[str] | None = None) -> str:
    """Aliases as one trie pattern for lower-cased text: few branches to try at each position.

    Each alias is bounded at its end but not at its start (a look-behind there would keep
    `re` from skipping ahead in C; check with `starts_word`), and ends in an empty group
    named `{tag}_{k}` (`a_{k}` without tags), `k` its index, so that a match's `lastgroup`
    tells which alias it is.
    """
    trie: dict[str, Any] = {}
    for k, alias in enumerate(aliases):
        node = trie
        tag = tags[k] if tags is not None else "a"
        for piece in [*_alias_pieces(alias), _alias_end(alias), f"(?P<{tag}_{k}>)"]:
            node = node.setdefault(piece, {})
    return _trie_pattern(trie)


def starts_word(lower: str, start: int) -> bool:
    """True when a match at `start` does not begin inside a word (nor after a vowel sign)."""
    return not start or not _word_char(lower[start - 1])


def _act_regex() -> re.Pattern[str]:
    """All acts' aliases as one trie; a match's group (`ITPA_3`) names its act.

    An act's year goes with it: `Act, 1956`, `BNS 2023`, `अधिनियम 1956`.
    """
    pairs = [(alias, act) for act in _ACT_NAMES for alias in _DATA["acts"][act]["aliases"]]
    year = r"(?:\s*,?\s*(?:of\s+)?(?:18[5-9]\d|19\d\d|20\d\d)(?!\d))?"
    return re.compile(alias_regex([a for a, _ in pairs], [t for _, t in pairs]) + year)


def _trie_pattern(node: dict[str, Any]) -> str:
    # Longer aliases first, so that `POCSO Act` wins over `POCSO`; ends (`(?!`, `(?P`) last.
    branches = sorted(
        node.items(), key=lambda kv: (kv[0].startswith(("(?!", "(?P")), -_depth(kv[1]), kv[0])
    )
    parts = [piece + _trie_pattern(child) for piece, child in branches]
    if not parts:
        return ""
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _depth(node: dict[str, Any]) -> int:
    return 1 + max((_depth(child) for child in node.values()), default=0)


def _words(words: list[str]) -> str:
    """Alternation of phrases, longest first, spaces free, each bounded on both sides."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        body = r"\s+".join(spelling_pattern(re.escape(w)) for w in word.split())
        first, last = word[0], word[-1]
        start = r"(?<![\w.])" if first.isascii() else r"(?<![\u0900-\u097f])"
        if not last.isalnum():
            end = ""
        else:
            end = _LATIN_END if last.isascii() else _HINDI_END
        parts.append(start + body + end)
    return "(?:" + "|".join(parts) + ")"


_ACT = _act_regex()
_KEYWORD = _words(_DATA["keywords"]["section"])
_JOINER = _words(_DATA["keywords"]["joiners"])
_LINK = _words(_DATA["keywords"]["links"])

# One section: `370`, `370A`, `366-A`, `120-बी`, `5(1)(a)`, `143 (4)`; digits of any script.
_ATOM = (
    r"(?P<num>\d{1,3})(?![\d])(?:-?(?P<letter>[a-z]|ए|बी|सी|डी)(?![a-z\u0900-\u097f]))?"
    r"(?P<sub>(?:\s?\(\s?[0-9a-z]{1,4}\s?\))*)(?![\d.,:]\d|\s*%)"
)
_ATOM_RE = re.compile(_ATOM)
_SEPARATOR = r"(?:\s*[,/]\s*(?:" + _JOINER + r"\s*)?|\s*,?\s+" + _JOINER + r"\s*)"
_BARE_ATOM = re.sub(r"\(\?P<\w+>", "(?:", _ATOM)
# Lists and section words are found without look-behinds, which would keep `re` from
# skipping ahead in C; what stands before them is checked after.
_LIST = re.compile(_BARE_ATOM + "(?:" + _SEPARATOR + _BARE_ATOM + ")*")
_KEYWORD_FIND = re.compile(word_pattern(_DATA["keywords"]["section"]))
_KEYWORD_GAP = re.compile(r"\s*[-:.]?\s*")
_DIGIT = re.compile(r"\d")
# The first letters of the section words: most texts have none, and skip the full search.
_KEYWORD_HINT = re.compile(
    "|".join(sorted({re.escape(k.lower()[:2]) for k in _DATA["keywords"]["section"]}))
)
_AFTER_LIST = re.compile(r"\s*,?\s*(?:(?P<link>" + _LINK + r")\s+)?")
# Without a section word before the list, only these may join it to an act after it:
# `3, 4 and 5 of ITPA`, but not `arrested 11 under IPC`.
_OWNING_LINKS = frozenset({"of", "of the", "की", "के", "का"})
# Between an act and its list: `IPC 370`, `IPC Section 370`, `ITPA की धारा 3`, `IPC: 370`.
_ACT_THEN_LIST = re.compile(
    r"\s*(?:,\s*)?(?:(?:की|के|का)\s+)?(?:" + _KEYWORD + r")?\s*[-:.]?\s*$"
)
# After a list tied only to the act before it, a word like `women` means a count
# (`under ITPA 3 women were rescued`), not a section.
_NEXT_WORD = re.compile(r"\s*([a-z\u0900-\u097f]+)")
_MAY_FOLLOW = frozenset(_DATA["keywords"]["may_follow"])
_SENTENCE_END = re.compile(r"[.!?।]\s|\n")
_CONTEXT_CONFIDENCE = 0.6
# Section letters written in Devanagari (`370ए`, `120बी`).
_LETTERS = {"ए": "A", "बी": "B", "सी": "C", "डी": "D"}


@dataclass(frozen=True, slots=True)
class _Act:
    name: str
    start: int
    end: int


def find_sections(text: str) -> list[Mention]:
    """Every section of law cited in `text`, one mention per section, in text order.

    `value` is `ACT N` or `ACT N(sub)` (`BNS 143(4)`, `IPC 370A`); `extra` holds `act`,
    `section` (`370A`), `sub` (`(4)` or None) and `equivalent`, the other code's section
    (`IPC 370(4)`) where the old-to-new table knows it, else None.
    """
    if not text or _DIGIT.search(text) is None:
        return []
    lower = lowered(text)
    lists = [m for m in _LIST.finditer(lower) if _list_may_start(lower, m.start())]
    if not lists:
        return []
    acts = _acts_near(lower, lists)
    keywords = _keyword_ends(lower)
    found: list[Mention] = []
    for match in lists:
        if _inside_act(match.start(), acts):
            continue
        act, confidence, rule = _act_for(lower, match, acts, match.start() in keywords)
        if rule == "context":
            act = _act_in_context(lower, match.start(), _acts(lower, 0, len(lower)))
        if act is None:
            continue
        for atom in _ATOM_RE.finditer(lower, match.start(), match.end()):
            found.append(_mention(text, atom, act, confidence, rule))
    return found


def equivalent_section(act: str, section: str, sub: str | None = None) -> str | None:
    """The other code's section for an old or new one: IPC 370 is BNS 143, and back.

    `section` is the number with its letter (`370A`), `sub` the subsections as written
    normalised (`(2)`); None when the table does not know it.
    """
    table, same = _EQUIVALENTS
    sub = sub or ""
    exact = table.get(f"{act} {section}{sub}")
    if exact is not None:
        return exact
    whole = table.get(f"{act} {section}")
    if whole is None or not sub:
        return whole
    return whole + sub if f"{act} {section}" in same and "(" not in whole else whole


def _equivalents() -> tuple[dict[str, str], frozenset[str]]:
    table: dict[str, str] = {}
    same: set[str] = set()
    for row in _DATA["map"]:
        table[row["old"]] = row["new"]
        table[row["new"]] = row["old"]
        if row.get("same_subsections"):
            same.update((row["old"], row["new"]))
    return table, frozenset(same)


_EQUIVALENTS = _equivalents()


def _acts(lower: str, start: int, end: int) -> list[_Act]:
    """The acts named in `lower[start:end]`."""
    return [
        _Act(_act_of(m), m.start(), m.end())
        for m in _ACT.finditer(lower, start, end)
        if starts_word(lower, m.start())
    ]


def _acts_near(lower: str, lists: list[re.Match[str]]) -> list[_Act]:
    """The acts named close enough to a list of numbers to be its act.

    Only the text around the lists is scanned: most numbers in ads and reports are no
    sections, and the act pattern is the costly one. A window reaches past its end so that
    an act's name is never cut there (`BNS` of `BNSS`).
    """
    windows: list[list[int]] = []
    for match in lists:
        start, end = max(0, match.start() - _REACH), min(len(lower), match.end() + _REACH)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    acts: list[_Act] = []
    for start, end in windows:
        for act in _acts(lower, start, min(len(lower), end + 40)):
            if not acts or act.start >= acts[-1].end:
                acts.append(act)
    return acts


_REACH = 80  # characters between a list and an act that can be its act


def _act_of(match: re.Match[str]) -> str:
    return (match.lastgroup or "").rsplit("_", 1)[0]


def _inside_act(position: int, acts: list[_Act]) -> bool:
    """True for digits inside an act's own match (its year, `IT(P) Act`)."""
    return any(a.start <= position < a.end for a in acts)


def _list_may_start(lower: str, start: int) -> bool:
    """False for digits inside a word or a number (`UP78`, `2.5`, `3/4` of `1/3/4`)."""
    return not start or not (_word_char(lower[start - 1]) or lower[start - 1] in ".,/-")


def _keyword_ends(lower: str) -> set[int]:
    """Where a list right after a section word would start (`Section 3`, `u/s: 370`)."""
    ends = set()
    if not _KEYWORD_HINT.search(lower):
        return ends
    for match in _KEYWORD_FIND.finditer(lower):
        start, end = match.span()
        if start and (_word_char(lower[start - 1]) or lower[start - 1] == "."):
            continue
        if lower[end - 1].isalnum() and end < len(lower) and _word_char(lower[end]):
            continue
        ends.add(_KEYWORD_GAP.match(lower, end).end())  # type: ignore[union-attr]
    return ends


def _act_for(
    lower: str, match: re.Match[str], acts: list[_Act], keyword: bool
) -> tuple[str | None, float, str]:
    """The act a list of numbers belongs to, how sure, and by which rule."""
    start, end = match.span()
    gap = _AFTER_LIST.match(lower, end)  # all optional: always a match
    link = gap.group("link") if gap else None
    if keyword or link is None or " ".join(link.split()) in _OWNING_LINKS:
        for act in acts:
            if gap is not None and act.start == gap.end():
                return act.name, 0.95, "act_after"
    before = [a for a in acts if a.end <= start]
    if before:
        last = before[-1]
        if _ACT_THEN_LIST.match(lower[last.end : start]) and start - last.end <= 40:
            if keyword or _may_follow(lower, end):
                return last.name, 0.9 if keyword else 0.8, "act_before"
    if not keyword:
        return None, 0.0, ""
    return None, _CONTEXT_CONFIDENCE, "context"


def _may_follow(lower: str, end: int) -> bool:
    """True when the word after a list leaves it a list of sections."""
    word = _NEXT_WORD.match(lower, end)
    return word is None or word.group(1) in _MAY_FOLLOW


def _act_in_context(lower: str, start: int, acts: list[_Act]) -> str | None:
    """The act named next in the same sentence, else the last one before, else the next."""
    if not acts:
        return None
    later = bisect_left([a.start for a in acts], start)
    if later < len(acts):
        sentence_end = _SENTENCE_END.search(lower, start)
        if sentence_end is None or acts[later].start < sentence_end.start():
            return acts[later].name
    if later:
        return acts[later - 1].name
    return acts[later].name


def _mention(
    text: str, atom: re.Match[str], act: str, confidence: float, rule: str
) -> Mention:
    number = str(int(atom.group("num")))
    letter = _LETTERS.get(atom.group("letter") or "", (atom.group("letter") or "").upper())
    sub = "".join(atom.group("sub").split()) or None
    section = number + letter
    value = f"{act} {section}{sub or ''}"
    start, end = atom.span()
    extra = {
        "act": act,
        "section": section,
        "sub": sub,
        "equivalent": equivalent_section(act, section, sub),
    }
    return Mention(
        MentionKind.SECTION, value, start, end, confidence, rule, text[start:end], extra=extra
    )


