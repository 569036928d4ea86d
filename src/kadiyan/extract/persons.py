"""Persons named in case texts and ads, in Latin or Devanagari, with what the text says of them.

FIRs and press notes name people in a few set shapes:
`Ramesh Kumar alias Pappu (age about 38, s/o Shyam Lal, r/o Rampur, Bareilly)`,
`अभियुक्त सुरेश यादव उर्फ पप्पू पुत्र रामसेवक निवासी सीतापुर (उम्र 29 वर्ष)`, `SI Harish Chandra`,
`एसपी अनिल शर्मा (Anil Sharma)`, `लंका निवासी दीपक गुप्ता`, `Neelam Saxena, director of`.

A candidate name is a run of capitalised Latin words, or of Devanagari words that are not
function words. It is believed when a cue stands beside it (an honorific, a rank, a role
word, an alias, a relation, an age, a residence, a Latin gloss after a Devanagari name) or
when the lexicon knows its parts (a known given name first, a known surname last). Devanagari
has no capitals, so there cues and the lexicon decide alone. A relative's name (`s/o X`) is
part of the person, not a person of its own; a name inside a place (`Indira Nagar`, `Hotel
Raj`) is no person.

A person's role is that of a word labelling it (`accused`, `SI`, `पीड़िता`, `, director of`),
else that of the nearest role word in its sentence (`arrested`, `गिरफ्तार`, `rescued`,
`मुक्त कराया`), else `other`. Mentions of one person in one text (`Ramesh Kumar`, `Ramesh Kumar
@ Pappu`, `Bhosale` after `Dattatray Bhosale`) share what the text says of that person: the
strongest role, age, relation, residence and aliases.

Vocabularies are data: `data/person_cues.toml` (cues, function words, place words) and
`data/person_names.toml` (the lexicon). Speed: one C-level tokenising pass; Python then
works on tokens, and texts without a capital letter or Devanagari return at once.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any

from kadiyan.extract.romanise import name_key, romanise
from kadiyan.model import Mention, MentionKind

__all__ = ["find_persons"]


def _load(name: str) -> dict[str, Any]:
    return tomllib.loads(files("kadiyan.extract").joinpath(f"data/{name}").read_text("utf-8"))


_CUES = _load("person_cues.toml")
_NAMES = _load("person_names.toml")

# What a token is, as bits: cue words of each kind and words that are never names.
HONORIFIC, SUFFIX, TITLE, ACCUSED, VICTIM, OTHER, NEUTRAL = (1 << n for n in range(7))
ACCUSED_CUE, VICTIM_CUE, SPEECH, WEAK, ALIAS, RELATION, LATE = (1 << n for n in range(7, 14))
AGE, AGE_FILLER, AGE_UNIT, RESIDENCE, RES_LINK, RES_WORD = (1 << n for n in range(14, 20))
NOT_NAME, PLACE_HEAD, PLACE_PREFIX, ABBREVIATION, STOP = (1 << n for n in range(20, 25))
PLACE_NAME = 1 << 25  # a place: never a name, but part of an address
NAMEY = 1 << 26  # the token may be part of a name
CUES = NAMEY - 1  # every bit but NAMEY and LEXICAL
LEXICAL = 1 << 27  # a function word that is also a given name (`सीमा`, border)
SURNAME_TITLE = 1 << 28  # a rank that is also a surname (`अधिकारी`, Adhikari)
LABELS = TITLE | ACCUSED | VICTIM | OTHER | NEUTRAL
# Where a chain of attributes after a name may go on.
ATTRIBUTE_START = ALIAS | RELATION | AGE | RESIDENCE

# Token kinds: the number of the group of _TOKEN that matched.
REL, INIT, LAT, DEV, NUM, PUNCT = range(1, 7)

_NUKTA = "\u093c"
_HALF_NASAL = re.compile("[नमणङञ]\u094d(?=[\u0915-\u0939])")


def _dev_norm(word: str) -> str:
    """A Devanagari word as looked up: no nukta, nasal consonants before others as `ं`, and
    an abbreviation's dots or Devanagari zeros as `0` (`उ.नि.`, `उ०नि०` are `उ0नि0`)."""
    word = word.replace(_NUKTA, "").replace("\u0901", "\u0902")
    if "." in word or "०" in word:
        word = word.replace(".", "0").replace("०", "0")
    return _HALF_NASAL.sub("\u0902", word) if "\u094d" in word else word


def _vocabulary(section: dict[str, Any], norm: Any) -> dict[str, int]:
    """Word to category bits for one script's cue lists."""
    lists = {
        HONORIFIC: section["honorifics"], SUFFIX: section["honorific_suffixes"],
        TITLE: section["titles"], ACCUSED: section["accused_labels"],
        VICTIM: section["victim_labels"], OTHER: section["other_labels"],
        NEUTRAL: section["neutral_labels"], ACCUSED_CUE: section["accused_cues"],
        VICTIM_CUE: section["victim_cues"], SPEECH: section["speech"],
        WEAK: section.get("weak_cues", []), ALIAS: section["alias"],
        RELATION: [r for r in section["relations"] if " " not in r],
        LATE: section["attributes"]["late"], AGE: section["attributes"]["age"],
        AGE_FILLER: section["attributes"]["age_fillers"],
        AGE_UNIT: section["attributes"]["age_units"],
        RESIDENCE: section["attributes"]["residence"],
        RES_LINK: section["attributes"].get("residence_links", []),
        RES_WORD: section["attributes"]["residence_words"],
        NOT_NAME: section["words"].get("not_names", []),
        PLACE_HEAD: section["words"]["place_heads"],
        PLACE_PREFIX: section["words"]["place_prefixes"],
        ABBREVIATION: section["words"].get("abbreviations", []),
        STOP: section["words"].get("stop", []),
        PLACE_NAME: section["words"].get("places", []),
    }
    vocabulary: dict[str, int] = {}
    for bit, words in lists.items():
        for word in words:
            key = norm(word)
            vocabulary[key] = vocabulary.get(key, 0) | bit
    return vocabulary


_LATIN = _CUES["latin"]
_HINDI = _CUES["devanagari"]
_LAT_WORDS = _vocabulary(_LATIN, str.lower)
_DEV_WORDS = _vocabulary(_HINDI, _dev_norm)
_ACRONYMS = {word: TITLE for word in _LATIN["title_acronyms"]}
_TITLE_INITIALS = frozenset(w.lower() for w in _LATIN["title_acronyms"]) | frozenset(
    w for w in _LATIN["titles"] if len(w) <= 4 and w.isalpha()
)
_NOT_INITIALS = frozenset(_LATIN["words"]["not_initials"])
_RELATION_KIND = {_dev_norm(k): v for k, v in _HINDI["relations"].items()} | {
    k: v for k, v in _LATIN["relations"].items() if " " not in k
}
# `son of`, `wife of`: the first word and the kind.
_RELATION_WORDS = {k.split()[0]: v for k, v in _LATIN["relations"].items() if " " in k}
_FATHER_KINDS = frozenset(("s/o", "d/o"))
_PUNCT_WORDS = {"@": ALIAS}

_GIVEN, _SURNAME = 1, 2
_LAT_GIVEN = frozenset(name_key(w) for w in _NAMES["latin"]["given"])
_LAT_SURNAME = frozenset(name_key(w) for w in _NAMES["latin"]["surname"])
_SURNAME_ENDINGS = tuple(_NAMES["latin"]["surname_endings"])
_NOT_NAME_ENDINGS = tuple(_LATIN["words"]["not_name_endings"])
_DEV_GIVEN = frozenset(_dev_norm(w) for w in _NAMES["devanagari"]["given"])
_DEV_SURNAME = frozenset(_dev_norm(w) for w in _NAMES["devanagari"]["surname"])
_COMMON_SURNAMES = frozenset(name_key(w) for w in _NAMES["latin"]["common_surnames"])
_SHARED = _CUES["shared"]
_JOINERS = frozenset(_SHARED["joiners"])
_NAME_HONORIFICS = frozenset(_SHARED["name_honorifics"])
_NAME_ABBREVIATIONS = frozenset(_SHARED["name_abbreviations"])
_LABEL_FILLERS = frozenset(_SHARED["label_fillers"])
_AFTER_AGE = frozenset(_SHARED["after_age"])
_OFFICE_LINKS = frozenset(_SHARED["office_links"])
_ADDRESS_ENDS = frozenset(_dev_norm(w) for w in _HINDI["attributes"]["address_ends"])
# Cue words that end an address wherever they stand.
_NOT_IN_ADDRESS = LABELS | ACCUSED_CUE | VICTIM_CUE | SPEECH | HONORIFIC | ATTRIBUTE_START
# Words that are never a nickname: the joints of a sentence.
_FUNCTION_WORDS = NOT_NAME | SPEECH | ACCUSED_CUE | VICTIM_CUE

# Groups, in the order of the kinds: `s/o`, initials (`S.J.M.`, `R. K.`, only before a
# capitalised word), a Latin word (not taking a possessive `'s`), a Devanagari word or
# abbreviation (`नि0`, `उ0नि0`, `उ.नि.`), digits of either script, any other character.
_TOKEN = re.compile(
    r"([SsDdWwRrHhCc] ?/ ?[Oo](?![A-Za-z]))"
    r"|([A-Z]\.(?: ?[A-Z]\.){0,3}(?= ?[A-Z][a-z]))"
    r"|([A-Za-z\u00c0-\u024f]+(?:['’](?!s(?![A-Za-z]))[A-Za-z\u00c0-\u024f]+)*)"
    r"|((?:[\u0900-\u0963\u0971-\u097f]{1,3}\.(?=[\u0900-\u0963\u0971-\u097f]))+"
    r"[\u0900-\u0963\u0971-\u097f]{1,3}\."
    r"|[\u0900-\u0963\u0971-\u097f\u200c\u200d]+(?:[0०](?![0-9\u0966-\u096f])"
    r"(?:[\u0900-\u0963\u0971-\u097f\u200c\u200d]+[0०](?![0-9\u0966-\u096f]))*)?)"
    r"|([0-9\u0966-\u096f]+)"
    r"|(\S)"
)
# What each token is, by its text (a text is one kind of token only): words recur across
# texts, so this spares a lookup per word and category. Cleared when it grows large.
_TOKEN_CACHE: dict[str, int] = {}
_TOKEN_CACHE_SIZE = 200_000
# A text with neither a capital letter nor Devanagari names nobody this module can find.
_WORTH_READING = re.compile("[A-Z\u0900-\u097f]")
_DIGITS = str.maketrans({chr(0x0966 + i): str(i) for i in range(10)})
_SENTENCE_ENDS = frozenset(".?!।॥|")
_BOUNDARY = re.compile(r"[.?!।॥|](?=\s)|\n")
_BULLETS = frozenset("-•*–")
_SPEECH_BREAKS = frozenset((".", "।", ";", "(", ")", '"', "“", "”", "'", "‘", "’"))
_CLAUSE_ENDS = frozenset((".", ";", ":", "।", "!", "?", "\n"))
_LABEL_PUNCTUATION = frozenset((":", "-", "–", "'", '"', "‘", "“", "(", ")"))
_VOWELS_AND_SPACES = re.compile("[aeiouyh ]")
_MAX_NAME = 4  # words in a name
_MAX_ROLE_DISTANCE = 20  # tokens between a name and the role word of its sentence
_CONFIDENCE = {
    "attributes": 0.9, "honorific": 0.9, "title": 0.9, "gloss": 0.85, "label": 0.85,
    "list": 0.75, "lexicon": 0.8, "lexicon_partial": 0.7, "initials": 0.7, "cue": 0.6,
    "repeat": 0.6,
}
_ROLES = {TITLE: "official", ACCUSED: "accused", VICTIM: "victim", OTHER: "other"}


@lru_cache(maxsize=16384)
def _lat_lexicon(word: str) -> int:
    """Whether a Latin word is a known given name, surname, both or neither."""
    key = name_key(word)
    found = (_GIVEN if key in _LAT_GIVEN else 0) | (_SURNAME if key in _LAT_SURNAME else 0)
    if not found and len(word) >= 6 and word.lower().endswith(_SURNAME_ENDINGS):
        found = _SURNAME
    return found


def _dev_lexicon(norm: str) -> int:
    """Whether a Devanagari word (normalised) is in the Devanagari lexicon."""
    return (_GIVEN if norm in _DEV_GIVEN else 0) | (_SURNAME if norm in _DEV_SURNAME else 0)


@lru_cache(maxsize=8192)
def _dev_lexicon_deep(word: str) -> int:
    """The Devanagari lexicon, else the Latin one through romanisation (slower)."""
    found = _dev_lexicon(_dev_norm(word))
    if found:
        return found
    key = name_key(romanise(word))
    return (_GIVEN if key in _LAT_GIVEN else 0) | (_SURNAME if key in _LAT_SURNAME else 0)


def _token_category(word: str, kind: int) -> int:
    """The category bits of a token, NAMEY included, remembered for the next text."""
    cat = _category(word, kind)
    if not cat & ~RES_WORD and _may_be_name(word, kind):
        cat |= NAMEY  # an address word may be a surname too: `Mandal`
    elif kind == DEV and cat & STOP and _dev_lexicon(_dev_norm(word)) & _GIVEN:
        cat |= LEXICAL
    elif kind == DEV and cat & TITLE and _dev_lexicon_deep(word) & _SURNAME:
        cat |= SURNAME_TITLE
    if len(_TOKEN_CACHE) >= _TOKEN_CACHE_SIZE:
        _TOKEN_CACHE.clear()
    _TOKEN_CACHE[word] = cat
    return cat


def _category(word: str, kind: int) -> int:
    if kind == LAT:
        return _LAT_WORDS.get(word.lower(), 0) | _ACRONYMS.get(word, 0)
    if kind == DEV:
        return _DEV_WORDS.get(_dev_norm(word), 0)
    if kind == REL:
        short = word.lower().replace(" ", "")
        if short == "r/o":
            return RESIDENCE | ABBREVIATION
        return RELATION | ABBREVIATION if short in _RELATION_KIND else ABBREVIATION
    if kind == INIT:
        letters = word.replace(".", "").replace(" ", "").lower()
        if letters in _TITLE_INITIALS:
            return TITLE
        return NOT_NAME if letters in _NOT_INITIALS else 0
    return _PUNCT_WORDS.get(word, 0)


def _may_be_name(word: str, kind: int) -> bool:
    """Whether a token with no cue category may be part of a name."""
    if kind == DEV or kind == INIT:
        return True
    if kind != LAT or not word[0].isupper() or len(word) == 1:
        return False
    if word.isupper():
        return len(word) >= 3 and bool(_lat_lexicon(word))
    return not word.lower().endswith(_NOT_NAME_ENDINGS) or bool(_lat_lexicon(word))


@dataclass(slots=True)
class _Person:
    """A name found, with the token span of the name and what follows it."""

    i: int
    j: int
    rule: str
    honorific: str | None = None
    aliases: list[tuple[str, int]] = field(default_factory=list)  # (alias, kind of script)
    relation: tuple[str, str] | None = None
    age: int | None = None
    residence: str | None = None
    gloss: str | None = None
    suffix: str | None = None
    label: int = 0  # the label bit that gives the role, 0 for none
    chain_end: int = 0  # first token after the name and its attributes
    speaker: bool = False
    inherited: str | None = None  # role taken from the list this name continues
    item: bool = False  # the name starts an item of a numbered list
    role: str = "other"
    strength: int = 0


@dataclass(slots=True)
class _Chain:
    """Attributes read after a name."""

    end: int
    aliases: list[tuple[str, int]] = field(default_factory=list)
    relation: tuple[str, str] | None = None
    age: int | None = None
    residence: str | None = None
    gloss: str | None = None
    gloss_known: bool = False
    suffix: str | None = None

    @property
    def strong(self) -> bool:
        """Whether the chain holds an attribute only a person has."""
        return bool(self.aliases or self.relation or self.age is not None or self.residence)


def find_persons(text: str) -> list[Mention]:
    """Every person named in `text`, as PERSON mentions in text order.

    `value` is the name as written (white space made single, honorific left out), `role`
    and `extra["role"]` are accused, victim, official or other; `extra` also holds `latin`,
    `aliases`, `aliases_latin`, `relation`, `father`, `age`, `residence`, `honorific` and
    `full_name` (the longest form of this person's name in the text).
    """
    if not isinstance(text, str) or not _WORTH_READING.search(text):
        return []
    return _Text(text).persons()


class _Text:
    """One text as tokens, with what each token is, and the persons found in it."""

    def __init__(self, text: str) -> None:
        self.text = text
        matches = list(_TOKEN.finditer(text))
        self.words = words = [m.group() for m in matches]
        self.kinds = kinds = [m.lastindex or PUNCT for m in matches]
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.n = len(words)
        get = _TOKEN_CACHE.get
        self.cats = [
            cat if (cat := get(word)) is not None else _token_category(word, kind)
            for word, kind in zip(words, kinds, strict=True)
        ]
        self._sentences: list[int] | None = None

    # Tokens.

    def namey(self, i: int) -> bool:
        """Whether token i may be part of a name."""
        return 0 <= i < self.n and bool(self.cats[i] & NAMEY)

    def gap(self, i: int) -> str:
        """The text between token i-1 and token i."""
        return self.text[self.ends[i - 1] : self.starts[i]] if 0 < i < self.n else ""

    def spaced(self, i: int) -> bool:
        """Whether token i follows token i-1 after blanks only, on the same line."""
        if i <= 0 or i >= self.n:
            return False
        gap = self.text[self.ends[i - 1] : self.starts[i]]
        return gap == " " or (bool(gap) and not gap.strip() and "\n" not in gap)

    def lexicon(self, i: int, deep: bool = False) -> int:
        """Whether token i is a known given name, surname, both or neither; `deep` also
        looks Devanagari words up in the Latin lexicon, through romanisation."""
        word = self.words[i]
        if self.kinds[i] == LAT:
            return _lat_lexicon(word)
        if self.kinds[i] == DEV:
            return _dev_lexicon_deep(word) if deep else _dev_lexicon(_dev_norm(word))
        return 0

    def lower(self, i: int) -> str:
        return self.words[i].lower() if 0 <= i < self.n else ""

    def span_text(self, i: int, j: int) -> str:
        """Tokens i to j-1 as written, white space made single."""
        return " ".join(self.text[self.starts[i] : self.ends[j - 1]].split())

    # Runs of name words.

    def runs(self) -> list[tuple[int, int]]:
        """Maximal runs of name-like tokens of one script, on one line, initials first."""
        runs: list[tuple[int, int]] = []
        cats, kinds = self.cats, self.kinds
        end = 0
        for i in [k for k, cat in enumerate(cats) if cat & (NAMEY | LEXICAL)]:
            if i < end or not cats[i] & NAMEY and not self.labelled_name(i):
                continue
            end = self.run_end(i, 8)
            if not (kinds[i] == INIT and end == i + 1):
                runs.append((i, end))
        return runs

    def name_run(self, i: int, limit: int = _MAX_NAME) -> int:
        """The end of the run of name words starting at token i (i itself if none)."""
        if i >= self.n or not (self.namey(i) or self.labelled_name(i)):
            return i
        return self.run_end(i, limit)

    def run_end(self, i: int, limit: int) -> int:
        """The end of a run of name words that starts at token i."""
        cats, kinds, words, n = self.cats, self.kinds, self.words, self.n
        script = DEV if kinds[i] == DEV else LAT
        j = i + 1
        while j < n and j - i < limit:
            if words[j] == "." and words[j - 1].lower() in _NAME_ABBREVIATIONS and (
                j + 1 < n and cats[j + 1] & NAMEY and self.spaced(j + 1)
            ):
                j += 2  # `Mohd. Salim`
                continue
            if cats[j] & SURNAME_TITLE and self.spaced(j) and self.lexicon(j - 1) & _GIVEN:
                j += 1  # `विष्णु अधिकारी`: after a given name, Adhikari is a surname
                continue
            if not (
                cats[j] & NAMEY and kinds[j] != INIT
                and (DEV if kinds[j] == DEV else LAT) == script and self.spaced(j)
            ):
                break
            j += 1
        return j

    def labelled_name(self, i: int) -> bool:
        """A Devanagari given name that is also a common word (`सीमा`, border), right after
        a label or honorific (`पीड़िता सीमा`)."""
        if not self.cats[i] & LEXICAL or not i:
            return False
        if not self.cats[i - 1] & (HONORIFIC | TITLE | ACCUSED | VICTIM | OTHER):
            return False
        return bool(_dev_lexicon(_dev_norm(self.words[i])) & _GIVEN)

    # The persons.

    def persons(self) -> list[Mention]:
        found: list[_Person] = []
        consumed = 0
        for i, j in self.runs():
            if i < consumed:
                if j <= consumed:
                    continue
                i = consumed
                if not self.namey(i) or self.kinds[i] == INIT and j == i + 1:
                    continue
            person = self.evaluate(i, j, found[-1] if found else None)
            if person is not None:
                found.append(person)
                consumed = person.chain_end
        if not found:
            return []
        return self.mentions(found)

    def evaluate(self, i: int, j: int, previous: _Person | None) -> _Person | None:
        """A person for the run i..j, or None when nothing says it is one."""
        script = DEV if self.kinds[i] == DEV else LAT
        run_start = i
        i = self.trim(i, j)
        if j - i > _MAX_NAME:
            return None
        words = self.words
        # What stands before: an honorific, a label (`SI`, `accused`), a list joiner.
        p = i - 1
        if run_start == i and 0 <= p and self.cats[p] & PLACE_PREFIX and self.spaced(i):
            if script == DEV or words[p][0].isupper():
                return None  # `Hotel Raj`, `ग्राम रामपुर`
        honorific = None
        if j - i >= 2 and words[i].lower() in _NAME_HONORIFICS:
            honorific, i = words[i], i + 1  # `Kumari Anjali`; but `Puja Kumari` is a name
        if p >= 1 and words[p] == "." and self.cats[p - 1] & HONORIFIC:
            honorific, p = words[p - 1], p - 2
        elif p >= 0 and self.cats[p] & HONORIFIC and self.kinds[p] in (LAT, DEV):
            honorific, p = words[p], p - 1
        label, weak = self.label_before(p, run_start)
        chain = self.chain(j, script)
        # What stands after: a place word makes the run a place (`Indira Nagar`).
        if chain.end == j and j < self.n and self.spaced(j) and self.cats[j] & PLACE_HEAD:
            return None
        n = j - i
        inherited = None
        item = self.list_item(p)
        continued = previous is not None and self.continues(previous, p)
        if previous is not None and continued:
            inherited = self.role_of(previous)
        elif previous is not None and item and previous.item and previous.strength:
            if self.sentence(previous.i) == self.sentence(i):
                inherited = previous.role  # `1. A s/o ... 2. B s/o ...` under one heading
        first_lex = self.lexicon(i)
        last_lex = self.lexicon(j - 1) if n > 1 else first_lex
        if chain.gloss_known or (chain.gloss and script == DEV and self.gloss_matches(i, j, chain)):
            rule = "gloss"
        elif chain.strong and not self.age_only(chain, i, j, script) or chain.suffix:
            rule = "attributes"
        elif honorific:
            rule = "honorific"
        elif label & TITLE:
            rule = "title"
        elif label & (ACCUSED | VICTIM | OTHER):
            rule = "label"
        elif continued and (n > 1 and script == LAT or first_lex or last_lex):
            rule = "list"  # `accused A, B and C`, `A, B व C`
        else:
            rule = ""
        if rule and script == DEV and rule in ("label", "list", "attributes"):
            # `अभियुक्त ग्राहकों` is a label before common words; `लंका निवासी दीपक` a place,
            # `resident`, then the name: without the lexicon, only an alias or a relation
            # makes a person of Devanagari words.
            person_only = chain.aliases or chain.relation
            if not person_only and not any(self.lexicon(k, deep=True) for k in range(i, j)):
                rule = ""
        if not rule:
            rule = self.lexicon_rule(i, j, script, first_lex, last_lex, weak or bool(label))
            if rule and script == LAT and self.institution_follows(j):
                return None  # `Rajiv Gandhi International Airport`
        if not rule:
            return None
        speaker = self.speaks(chain.end) or self.speaks_before(p)
        if not label:
            label = self.apposition(chain.end)
        person = _Person(i, j, rule, honorific=honorific, label=label, chain_end=chain.end,
                         speaker=speaker, inherited=inherited, item=item)
        person.aliases, person.relation, person.age = chain.aliases, chain.relation, chain.age
        person.residence, person.gloss, person.suffix = chain.residence, chain.gloss, chain.suffix
        if person.age is None:
            person.age = self.age_before(p)
        if person.residence is None:
            person.residence = self.residence_before(p)
        self.assign_role(person)
        return person

    def assign_role(self, person: _Person) -> None:
        """The role and how sure: a label 3, a list it continues 2, its sentence 1, none 0."""
        label_role = _ROLES.get(person.label) if person.label else None
        if label_role:
            person.role, person.strength = label_role, 3
        elif person.inherited:
            person.role, person.strength = person.inherited, 2
        else:
            sentence_role = self.sentence_role(person)
            if sentence_role:
                person.role, person.strength = sentence_role, 1

    def list_item(self, p: int) -> bool:
        """Whether token p ends a list number (`2.`, `2)`, `2-`) at the start of an item."""
        if not 0 < p < len(self.words) or self.words[p] not in (".", ")", "-") or (
                self.kinds[p - 1] != NUM):
            return False
        return len(self.words[p - 1]) <= 2

    def institution_follows(self, j: int) -> bool:
        """Whether a capitalised word that is never a name follows a run on its line, as
        in the names of institutions and places that begin with a person's name."""
        if j >= self.n or not self.spaced(j) or self.kinds[j] != LAT:
            return False
        cat = self.cats[j]
        return self.words[j][0].isupper() and bool(cat & (NOT_NAME | PLACE_HEAD)) and not (
            cat & (TITLE | SPEECH | ACCUSED_CUE | VICTIM_CUE | LABELS)
        )

    def age_only(self, chain: _Chain, i: int, j: int, script: int) -> bool:
        """Whether an age is all that says a run is a name, and too little for it: ads give
        ages after anything (`Available - Age 28`, `उपलब्ध - उम्र 27 साल`)."""
        if chain.aliases or chain.relation or chain.residence:
            return False
        if script == LAT and j - i >= 2:
            return False  # `Jagat Narayan, 45,`: capitalised words and an age
        return not any(self.lexicon(k, deep=script == DEV) for k in range(i, j))

    def trim(self, i: int, j: int) -> int:
        """Drop leading words the lexicon does not know when a known given name follows."""
        if j - i < 2 or self.kinds[i] == INIT or self.lexicon(i):
            return i
        for k in range(i + 1, j):
            found = self.lexicon(k)
            if found & _GIVEN and (k < j - 1 or not found & _SURNAME):
                return k  # `Yesterday Manoj Kumar`; but `Saurabh Gautam` stays whole
        return i

    def lexicon_rule(
        self, i: int, j: int, script: int, first: int, last: int, cued: bool
    ) -> str:
        """The rule that believes a run with no strong cue, or "" for none."""
        n = j - i
        if script == LAT:
            if self.kinds[i] == INIT:
                return "initials" if not self.cats[j - 1] & CUES else ""
            if n >= 2 and first & _GIVEN and last & _SURNAME:
                return "lexicon"
            if n >= 2 and (first & _GIVEN or last & _SURNAME):
                return "lexicon_partial"
            if n == 1 and first & _GIVEN and (cued or self.role_near(i, j, 4)):
                return "cue"
            if n >= 2 and (cued or self.speaks(j)):
                return "cue"
            return ""
        if n >= 2 and first & _GIVEN and last & (_SURNAME | _GIVEN):
            return "lexicon"
        if n == 2 and last & _SURNAME and not (first & _SURNAME and not first & _GIVEN):
            return "lexicon_partial"
        if n == 1 and first & _GIVEN and (cued or self.role_near(i, j, 4) or self.named(j)):
            return "cue"
        return ""

    def named(self, j: int) -> bool:
        """`राजू नामक युवक`: a word saying the one before it is a name."""
        return j < self.n and bool(self.cats[j] & WEAK)

    def label_before(self, p: int, run_start: int) -> tuple[int, bool]:
        """The label bit just before a name (past its unit: `IGP Crime X`, or a list number:
        `Accused: 1. X`), and whether a weak cue (`call`, `named`, `driver`) stands there."""
        steps = 0
        q = p
        while q >= 0 and steps < 5:
            cat, kind, word = self.cats[q], self.kinds[q], self.words[q]
            if cat & LABELS:
                for bit in (TITLE, ACCUSED, VICTIM, OTHER):
                    if cat & bit:
                        return bit, False
                return 0, True  # a neutral label: `driver`, `मैनेजर`
            if cat & (WEAK | SPEECH):
                return 0, True
            if word == "," and steps == 0 and kind == PUNCT:
                return self.office_before(q), False  # `Convenor, Child Rights Forum, X`
            if word in (".", ")", "-") and q >= 1 and self.kinds[q - 1] == NUM:
                q -= 1  # a list number
            elif word in _LABEL_PUNCTUATION and steps <= 3 or self.lower(q) in _LABEL_FILLERS:
                pass
            elif q >= run_start or kind == INIT or kind == DEV and cat & HONORIFIC:
                pass  # words trimmed off the front of the run, initials, `श्री`
            elif kind == LAT and word[0].isupper() and cat & NOT_NAME and steps < 3:
                pass  # the unit or place of a rank: `IGP Crime`, `SHO Kotwali`
            else:
                break
            q -= 1
            steps += 1
        return 0, False

    def office_before(self, comma: int) -> int:
        """TITLE when an office and its unit stand before the comma before a name."""
        for q in range(comma - 1, max(comma - 14, -1), -1):
            cat, word = self.cats[q], self.words[q]
            if cat & TITLE:
                return TITLE
            if cat & NAMEY and self.lexicon(q) or self.kinds[q] == NUM or word in _CLAUSE_ENDS:
                return 0  # another person's name (`SI Harish Chandra, X`) or another clause
            if self.kinds[q] == DEV:
                return 0  # an English construction
            if self.kinds[q] == LAT and not (word[0].isupper() or word in _OFFICE_LINKS):
                return 0
        return 0

    def continues(self, previous: _Person, p: int) -> bool:
        """Whether a name right after token p continues the list `previous` is in."""
        if p < 0 or previous.chain_end > p + 1 or p - previous.chain_end > 1:
            return False
        joiner = self.lower(p)
        if joiner not in _JOINERS:
            return False
        if p - 1 >= previous.chain_end and self.lower(p - 1) not in _JOINERS:
            return False
        return True

    def role_of(self, person: _Person) -> str | None:
        return person.role if person.strength else None

    # Attributes after a name.

    def chain(self, j: int, script: int) -> _Chain:
        """Aliases, relation, age, residence and gloss written right after a name."""
        chain = _Chain(j)
        pos, depth = j, 0
        n, words, cats = self.n, self.words, self.cats
        for _ in range(12):
            if pos >= n:
                break
            word, cat = words[pos], cats[pos]
            if pos == j and cat & SUFFIX and self.spaced(pos):
                chain.suffix = word  # `Sonu bhai`, `रमेश जी`
                pos += 1
                continue
            if word == "(":
                after = self.paren(pos, chain, script, j)
                if after > pos:
                    pos = after
                    continue
                if pos + 1 < n and self.attribute_starts(pos + 1):
                    depth += 1
                    pos += 1
                    continue
                break
            if word == ")" and depth:
                depth -= 1
                pos += 1
                continue
            if word in (",", "-", ":", "–") and pos + 1 < n:
                if self.attribute_starts(pos + 1):
                    pos += 1
                    continue
                age_end = self.bare_age(pos + 1, chain)
                if age_end:
                    pos = age_end
                    continue
                break
            if word.lower() == "a" and self.lower(pos + 1) == "resident":
                pos += 1
                continue
            step = self.attribute(pos, chain)
            if step <= pos:
                break
            pos = step
        chain.end = pos
        return chain

    def attribute_starts(self, pos: int) -> bool:
        """Whether an attribute (alias, relation, age, residence) begins at token pos."""
        if self.lower(pos) == "a" and self.lower(pos + 1) == "resident":
            return True
        cat = self.cats[pos]
        if cat & ATTRIBUTE_START:
            return not (self.words[pos] == "@" and not self.spaced(pos + 1))
        return self.lower(pos) in _RELATION_WORDS and self.lower(pos + 1) == "of"

    def attribute(self, pos: int, chain: _Chain) -> int:
        """Read one attribute at pos; the position after it, or pos if there is none."""
        word, cat = self.words[pos], self.cats[pos]
        low = word.lower()
        if cat & ALIAS:
            if word == "@" and not (pos + 1 < self.n and self.spaced(pos + 1)):
                return pos  # `@handle` is an account, not an alias
            start = self.skip(pos + 1, (":", "-", "'", '"', "‘", "“"))
            end = self.alias_run(start)
            if end == start:
                return pos
            chain.aliases.append((self.span_text(start, end), self.kinds[start]))
            return self.skip(end, ("'", '"', "’", "”"))
        if cat & RELATION or (low in _RELATION_WORDS and self.lower(pos + 1) == "of"):
            kind = _RELATION_KIND.get(_dev_norm(word) if self.kinds[pos] == DEV else
                                      low.replace(" ", ""))
            if kind is None:
                kind = _RELATION_WORDS.get(low)
                if kind is None:
                    return pos
                pos += 1  # `son of`
            start = self.skip_relation_prefix(pos + 1)
            end = self.name_run(start)
            if end == start:
                return pos
            if chain.relation is None:
                chain.relation = (kind, self.span_text(start, end))
            return end
        if cat & AGE:
            return self.age_after(pos + 1, chain) or pos
        if cat & RESIDENCE:
            return self.residence_after(pos + 1, chain) or pos
        if self.kinds[pos] == NUM:
            return self.bare_age(pos, chain) or pos
        return pos

    def skip(self, pos: int, words: tuple[str, ...]) -> int:
        while pos < self.n and self.words[pos] in words:
            pos += 1
        return pos

    def skip_relation_prefix(self, pos: int) -> int:
        """Past `late`, `Sh.`, `स्व.`, `(late)` and punctuation before a relative's name."""
        for _ in range(6):
            if pos >= self.n:
                break
            word, cat = self.words[pos], self.cats[pos]
            if word in (".", ":", "-", "(", ")") or cat & (LATE | HONORIFIC):
                pos += 1
            else:
                break
        return pos

    def alias_run(self, start: int) -> int:
        """The end of an alias at start: name words, or one plain word (`alias pappu`)."""
        end = self.name_run(start, 3)
        if end > start:
            return end
        if start < self.n and self.kinds[start] in (LAT, DEV):
            if not self.cats[start] & (ATTRIBUTE_START | LABELS | _FUNCTION_WORDS):
                return start + 1  # a nickname that is also a word: `उर्फ दीदी`, `alias Boss`
        return start

    def paren(self, pos: int, chain: _Chain, script: int, j: int) -> int:
        """Read `(45)`, `(45 yrs)` or a Latin gloss `(Anil Sharma)`; pos if none of these."""
        words, kinds, n = self.words, self.kinds, self.n
        number = pos + 1
        while number < n and number - pos <= 3 and self.cats[number] & (AGE | AGE_FILLER):
            number += 1  # `(about 40 years)`, `(उम्र 29 वर्ष)` read here as well
        if number + 1 < n and kinds[number] == NUM:
            close = number + 1
            if close < n and self.cats[close] & AGE_UNIT:
                close += 1
            if close < n and words[close] == ")":
                age = _age(words[number])
                if age is not None and chain.age is None:
                    chain.age = age
                    return close + 1
            return pos
        if script == DEV and pos + 1 < n and kinds[pos + 1] == LAT:
            end = self.name_run(pos + 1)
            if end > pos + 1 and end < n and words[end] == ")":
                if pos == j:  # the gloss of the name itself; later, of a relative or alias
                    chain.gloss = self.span_text(pos + 1, end)
                    chain.gloss_known = _lat_lexicon(words[pos + 1]) & _GIVEN != 0 or (
                        _lat_lexicon(words[end - 1]) & _SURNAME != 0 and end - pos > 2
                    )
                return end + 1
            close = pos + 1
            while close < n and close - pos < 6 and kinds[close] == LAT:
                close += 1
            if close < n and words[close] == ")":
                return close + 1  # a gloss of a place or a thing: `(Uttar Pradesh Police)`
        return pos

    def gloss_matches(self, i: int, j: int, chain: _Chain) -> bool:
        """Whether a Latin gloss spells the Devanagari name before it (same consonants)."""
        own = _skeleton(name_key(romanise(self.span_text(i, j))))
        return bool(own) and own == _skeleton(name_key(chain.gloss or ""))

    def age_after(self, pos: int, chain: _Chain) -> int:
        """Read `[about] 38 [years]` after an age word; 0 when no number follows."""
        for _ in range(3):
            if pos < self.n and (self.cats[pos] & AGE_FILLER or self.words[pos] in ":-~"):
                pos += 1
        if pos >= self.n or self.kinds[pos] != NUM:
            return 0
        age = _age(self.words[pos])
        if age is None:
            return 0
        if chain.age is None:
            chain.age = age
        pos += 1
        while pos < self.n and (self.cats[pos] & AGE_UNIT or self.words[pos] in ("-", "/")):
            pos += 1
        return pos

    def bare_age(self, pos: int, chain: _Chain) -> int:
        """Read `38 yrs` or `, 38,` (news style) at pos; 0 when it is not an age."""
        if pos >= self.n or self.kinds[pos] != NUM:
            return 0
        age = _age(self.words[pos])
        if age is None:
            return 0
        after = pos + 1
        if after < self.n and self.cats[after] & AGE_UNIT:
            after += 1
            while after < self.n and (self.cats[after] & AGE_UNIT or self.words[after] == "-"):
                after += 1
        elif not (
            pos >= 1 and self.words[pos - 1] == ","
            and (after >= self.n or self.lower(after) in _AFTER_AGE)
        ):
            return 0
        if chain.age is None:
            chain.age = age
        return after

    def residence_after(self, pos: int, chain: _Chain) -> int:
        """Read an address after `r/o`, `resident of`, `निवासी`; 0 when none follows."""
        words, cats, kinds, n = self.words, self.cats, self.kinds, self.n
        for _ in range(2):
            if pos < n and cats[pos] & RES_LINK:
                pos += 1
        start, last = pos, -1
        while pos < n and pos - start < 16:
            word, cat, kind = words[pos], cats[pos], kinds[pos]
            if pos > start and not self.spaced(pos) and "\n" in self.gap(pos):
                break
            if cat & (ALIAS | RELATION | AGE | RESIDENCE) or kind == REL:
                break
            if kind == LAT:
                ok = word[0].isupper() and not cat & (LABELS | SPEECH) or bool(cat & RES_WORD)
            elif kind == DEV:
                ok = not cat & _NOT_IN_ADDRESS and _dev_norm(word) not in _ADDRESS_ENDS
            elif kind == NUM:
                ok = not self.list_item(pos + 1)  # `... वाराणसी 2. श्रीमती ...`
            elif kind == INIT:
                ok = True
            else:
                ok = word in (",", "-", "/") or (
                    word == "." and pos + 1 < n and self.spaced(pos + 1) is False
                )
            if not ok:
                break
            if kind != PUNCT:
                last = pos
            pos += 1
        if last < start:
            return 0
        if chain.residence is None:
            chain.residence = self.span_text(start, last + 1)
        return last + 1

    def age_before(self, p: int) -> int | None:
        """`35-year-old Ramesh`, `29 वर्षीय सुरेश`, `28 वर्षीय आरोपी सलमान`."""
        words = self.words
        if p >= 0 and self.cats[p] & LABELS:
            p -= 1
        if p >= 1 and self.cats[p] & AGE_UNIT and self.kinds[p - 1] == NUM:
            return _age(words[p - 1])
        if p >= 4 and self.lower(p) == "old" and self.lower(p - 2) in ("year", "years"):
            if self.kinds[p - 4] == NUM:
                return _age(words[p - 4])
        return None

    def residence_before(self, p: int) -> str | None:
        """`लंका निवासी दीपक गुप्ता`: the place before a residence word before a name."""
        if p < 1 or not self.cats[p] & RESIDENCE or self.kinds[p] != DEV:
            return None
        q = p - 1
        while q >= 0 and p - q <= 4 and self.kinds[q] == DEV and (
            not self.cats[q] & CUES or self.cats[q] & (RES_WORD | PLACE_NAME)
        ):
            q -= 1
        return self.span_text(q + 1, p) if q + 1 < p else None

    # Roles.

    def apposition(self, pos: int) -> int:
        """A label in `, <office>` after a name: `Neelam X, the NGO's director`."""
        if pos >= self.n or self.words[pos] != ",":
            return 0
        for q in range(pos + 1, min(pos + 8, self.n)):
            word, cat = self.words[q], self.cats[q]
            if word in (",", ".", ";", ")", "(", "।") or self.namey(q) and self.kinds[q] == DEV:
                break
            for bit in (TITLE, ACCUSED, VICTIM, OTHER):
                if cat & bit:
                    return bit
        return 0

    def speaks(self, pos: int) -> bool:
        """Whether a speech verb follows within three tokens (`X said`, `X ने बताया`)."""
        for q in range(pos, min(pos + 4, self.n)):
            if self.cats[q] & SPEECH:
                return True
            if self.words[q] in _SPEECH_BREAKS or self.cats[q] & NAMEY:
                return False  # `"...Bhaijaan," Patil said`: Patil speaks
        return False

    def speaks_before(self, p: int) -> bool:
        """`said Arvind Mehta`, `says Neelam X`."""
        return 0 <= p < self.n and bool(self.cats[p] & SPEECH)

    def role_near(self, i: int, j: int, limit: int) -> bool:
        """Whether a role word stands within `limit` tokens of the run, in its sentence."""
        lo, hi = self.sentence(i)
        for q in range(max(lo, i - limit), min(hi, j + limit)):
            if (q < i or q >= j) and self.cats[q] & (ACCUSED_CUE | VICTIM_CUE):
                return True
        return False

    def sentence(self, i: int) -> tuple[int, int]:
        """The token range of the sentence holding token i."""
        if self._sentences is None:
            self._sentences = self._sentence_starts()
        starts = self._sentences
        k = bisect_right(starts, i) - 1
        return starts[k], starts[k + 1] if k + 1 < len(starts) else self.n

    def _sentence_starts(self) -> list[int]:
        starts = [0]
        words, kinds, cats = self.words, self.kinds, self.cats
        for match in _BOUNDARY.finditer(self.text):
            i = bisect_left(self.starts, match.end())
            if i <= starts[-1] or i >= self.n:
                continue
            gap = self.text[self.ends[i - 1] : self.starts[i]]
            prev = words[i - 1]
            if "\n" in gap:
                if prev in (":", ",", ";", "-", "–") or words[i] in _BULLETS:
                    continue
                if kinds[i] == NUM and i + 1 < self.n and words[i + 1] in (".", ")"):
                    continue
                starts.append(i)
            elif prev in _SENTENCE_ENDS and gap and i >= 2:
                before = i - 2
                if kinds[before] == NUM and len(words[before]) <= 2:
                    continue  # `1. Ramesh`, a list item
                if cats[before] & ABBREVIATION or kinds[before] == INIT:
                    continue
                if kinds[before] == LAT and len(words[before]) == 1:
                    continue
                starts.append(i)
        return starts

    def sentence_role(self, person: _Person) -> str | None:
        """The role of the nearest role word in the person's sentence, if any."""
        if person.speaker:
            return None
        lo, hi = self.sentence(person.i)
        best, best_distance = None, _MAX_ROLE_DISTANCE + 1
        cats = self.cats
        for q in range(max(lo, person.i - _MAX_ROLE_DISTANCE), person.i):
            if cats[q] & (ACCUSED_CUE | VICTIM_CUE):
                distance = person.i - q
                if distance < best_distance:
                    best, best_distance = q, distance
        for q in range(person.chain_end, min(hi, person.chain_end + _MAX_ROLE_DISTANCE)):
            if cats[q] & (ACCUSED_CUE | VICTIM_CUE):
                distance = q - person.chain_end + 1
                if distance < best_distance:
                    best = q
                break
        if best is None:
            return None
        return "accused" if cats[best] & ACCUSED_CUE else "victim"

    # Mentions.

    def mentions(self, found: list[_Person]) -> list[Mention]:
        records = [self.record(person) for person in found]
        records += self.repeats(records)
        records.sort(key=lambda r: r["start"])
        _share(records)
        return [
            Mention(
                MentionKind.PERSON, r["value"], r["start"], r["end"], r["confidence"],
                r["rule"], self.text[r["start"] : r["end"]], role=r["extra"]["role"],
                extra=r["extra"],
            )
            for r in records
        ]

    def record(self, person: _Person) -> dict[str, Any]:
        """What is known of one found name, before mentions of one person are joined."""
        start, end = self.starts[person.i], self.ends[person.j - 1]
        value = " ".join(self.text[start:end].split())
        dev = self.kinds[person.i] == DEV
        role, strength = person.role, person.strength
        aliases = [alias for alias, _ in person.aliases]
        relation = (
            {"kind": person.relation[0], "name": person.relation[1]} if person.relation else None
        )
        honorific = person.honorific or person.suffix
        extra = {
            "latin": person.gloss or (romanise(value) if dev else value),
            "aliases": aliases,
            "aliases_latin": [
                romanise(alias) if kind == DEV else alias for alias, kind in person.aliases
            ],
            "relation": relation,
            "father": relation["name"] if relation and relation["kind"] in _FATHER_KINDS
            else None,
            "age": person.age,
            "residence": person.residence,
            "role": role,
            "honorific": honorific.rstrip(".") if honorific else None,
            "full_name": value,
        }
        return {
            "start": start, "end": end, "value": value, "rule": person.rule,
            "confidence": _CONFIDENCE.get(person.rule, 0.6), "extra": extra,
            "strength": strength, "words": person.j - person.i, "gloss": person.gloss,
            "chain_end": max(end, self.ends[person.chain_end - 1]),
        }

    def repeats(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Other places the text writes a found name: whole, or by a part that stands alone
        and belongs to one person only (`Bhosale said`, `संजीव ने बताया`)."""
        # Names inside a person's attributes (`d/o Dil Bahadur`) are that person's relatives.
        taken = [(r["start"], r["chain_end"]) for r in records]
        found: list[dict[str, Any]] = []
        names = sorted({r["value"] for r in records if " " in r["value"]})
        for name in names:
            at = self.text.find(name)
            while at != -1:
                end = at + len(name)
                if _free(taken, at, end) and self.whole_words(at, end):
                    found.append(self.repeat_record(at, end, name, name))
                    taken.append((at, end))
                at = self.text.find(name, end)
        owners: dict[str, set[str]] = {}
        for name in names:
            first, *_, last = name.split()
            if len(last) >= 3 and name_key(last) not in _COMMON_SURNAMES:
                owners.setdefault(last, set()).add(name)
            if _is_given(first):
                owners.setdefault(first, set()).add(name)
        for word, names_of in owners.items():
            if len(names_of) != 1:
                continue
            at = self.text.find(word)
            while at != -1:
                k = bisect_left(self.starts, at)
                end = at + len(word)
                if k < self.n and self.starts[k] == at and self.words[k] == word:
                    if self.stands_alone(k) and _free(taken, at, end):
                        found.append(self.repeat_record(at, end, word, next(iter(names_of))))
                        taken.append((at, end))
                at = self.text.find(word, end)
        return found

    def stands_alone(self, k: int) -> bool:
        """Whether token k is a one-word name: a name word with no name word beside it."""
        if not self.cats[k] & NAMEY or self.name_run(k) != k + 1:
            return False
        return not (self.namey(k - 1) and self.spaced(k))

    def whole_words(self, start: int, end: int) -> bool:
        text = self.text
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        return not (_word_char(before) or _word_char(after))

    def repeat_record(self, start: int, end: int, value: str, full: str) -> dict[str, Any]:
        dev = not value.isascii()
        extra = {
            "latin": romanise(value) if dev else value, "aliases": [], "aliases_latin": [],
            "relation": None, "father": None, "age": None, "residence": None,
            "role": "other", "honorific": None, "full_name": full,
        }
        return {
            "start": start, "end": end, "value": value, "rule": "repeat",
            "confidence": _CONFIDENCE["repeat"], "extra": extra, "strength": 0,
            "words": len(value.split()), "gloss": None, "chain_end": end,
        }


def _is_given(word: str) -> bool:
    """Whether a word of either script is a given name the lexicon knows."""
    if word.isascii():
        return word.isalpha() and bool(_lat_lexicon(word) & _GIVEN)
    return bool(_dev_lexicon(_dev_norm(word)) & _GIVEN)


def _age(digits: str) -> int | None:
    """An age in years from digits of any script, None when it cannot be one."""
    if len(digits) > 3:
        return None
    age = int(digits.translate(_DIGITS))
    return age if 1 <= age <= 110 else None


def _skeleton(key: str) -> str:
    """A name key's consonants but h, spaces dropped and v as b: `Subrata Naskar` and
    `Subroto Noskar` meet, so do `Salunkhe` and `Salunke`, `Vishnu` and `Bishnu`."""
    return _VOWELS_AND_SPACES.sub("", key).replace("v", "b")


def _word_char(char: str) -> bool:
    return char.isalnum() or "\u0900" <= char <= "\u097f" or char == "_"


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e in taken)


def _share(records: list[dict[str, Any]]) -> None:
    """Give every mention of one person what the text says of that person anywhere."""
    parent = list(range(len(records)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    keys = [name_key(r["value"]) for r in records]
    by_key: dict[str, int] = {}
    for index, key in enumerate(keys):
        if key in by_key:
            union(by_key[key], index)
        else:
            by_key[key] = index
    for index, r in enumerate(records):
        for alias in r["extra"]["aliases"]:
            other = by_key.get(name_key(alias))
            if other is not None:
                union(index, other)
        full = r["extra"]["full_name"]
        if full != r["value"] and name_key(full) in by_key:
            union(index, by_key[name_key(full)])
    # Spellings of one name that differ in vowels only (`Subrata Naskar`, `Subroto Noskar`;
    # `Om Parkash`, `Omprakash`): one person, when the name has two words or more.
    by_skeleton: dict[str, int] = {}
    for index, key in enumerate(keys):
        skeleton = _skeleton(key)
        if " " not in key or len(skeleton) < 3:
            continue
        first, *_, last = key.split()
        # `Mahesh Thakur` and `Mahesh Chand Thakur`: the same first and last names
        for mark in (skeleton, "|" + _skeleton(first) + "|" + _skeleton(last)):
            if mark in by_skeleton:
                union(by_skeleton[mark], index)
            else:
                by_skeleton[mark] = index
    # A one-word mention is the person whose name ends (or starts) with it, if only one does.
    for index, key in enumerate(keys):
        if " " in key or not key:
            continue
        owners = {find(o) for o, other in enumerate(keys) if " " in other and (
            other.endswith(" " + key) or other.startswith(key + " "))}
        if len(owners) == 1:
            union(index, owners.pop())
    groups: dict[int, list[int]] = {}
    for index in range(len(records)):
        groups.setdefault(find(index), []).append(index)
    for members in groups.values():
        if len(members) > 1:
            _join([records[m] for m in members])


def _join(group: list[dict[str, Any]]) -> None:
    """One person's mentions: the strongest role, the first age, relation and residence."""
    best = max(group, key=lambda r: r["strength"])  # max keeps the first of equals
    full = max(group, key=lambda r: r["words"])
    glossed = next((r for r in group if r["gloss"]), None)
    aliases: list[str] = []
    aliases_latin: list[str] = []
    seen: set[str] = set()
    for r in group:
        for alias, latin in zip(r["extra"]["aliases"], r["extra"]["aliases_latin"], strict=True):
            if name_key(alias) not in seen:
                seen.add(name_key(alias))
                aliases.append(alias)
                aliases_latin.append(latin)
    shared: dict[str, Any] = {"role": best["extra"]["role"], "full_name": full["value"]}
    for name in ("age", "relation", "father", "residence"):
        shared[name] = next((r["extra"][name] for r in group if r["extra"][name]), None)
    for r in group:
        extra = r["extra"]
        extra.update(shared)
        extra["aliases"], extra["aliases_latin"] = list(aliases), list(aliases_latin)
        if glossed is not None and r["value"] == glossed["value"]:
            extra["latin"] = glossed["gloss"]
