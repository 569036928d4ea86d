"""Person names: the name bank, and how one person is written differently across records.

A person has one true name (given, optional middle, surname, optional alias). Records write it
in Latin or Devanagari, with spelling variants (Ashish/Aashish, Singh/Sing), an optional
middle name, an occasional typo, and aliases joined as "X alias Y", "X @ Y", "X urf Y" or
"X उर्फ Y". Resolution has to see through all of these; the truth file says who is who.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kadiyan.scenario.rng import rchoice

# Full names of the real people in the project's source articles, hashed so the repository
# does not repeat them. A generated person whose written forms hash to one of these is
# redrawn.
_RESERVED = frozenset(
    {
        "b919425529a009d2", "369ce9319720d39a", "a2d01621a9fe6be2", "5eded7c70a70a330",
        "914a8babb2ebba82", "50053b0a6959d154", "97211fb58a61ce99", "80bfbb8b3b544dd7",
        "0bbe139946acffcf", "3a154b1955476afb", "dd8a97846ec4b096", "349067cfad0f5175",
        "996e9d30c863ae47", "a55e8a85a36dd4bf", "0b268bc96cafbb2a",
    }
)  # fmt: skip

LATIN_ALIAS_JOINS = (" alias ", " @ ", " urf ", " alias ", " @ ")
DEVA_ALIAS_JOINS = (" उर्फ ", " उर्फ ", " @ ", " उर्फ़ ")

_VOWELS = "aeiou"


@dataclass(frozen=True, slots=True, eq=False)
class NameEntry:
    """One name part with its Devanagari form and spelling variants.

    Entries are compared and hashed by identity: each is one row of the name bank.
    """

    latin: str
    deva: str
    latin_variants: tuple[str, ...] = ()
    deva_variants: tuple[str, ...] = ()

    @classmethod
    def from_row(cls, row: list) -> NameEntry:
        """Build from a names.json row `[latin, deva, [variants], [deva variants]]`."""
        latin, deva = row[0], row[1]
        lv = tuple(row[2]) if len(row) > 2 else ()
        dv = tuple(row[3]) if len(row) > 3 else ()
        return cls(latin, deva, lv, dv)

    def latin_form(self, rng: random.Random, variant_p: float) -> str:
        """The Latin spelling, sometimes a variant."""
        if self.latin_variants and rng.random() < variant_p:
            return rchoice(rng, self.latin_variants)
        return self.latin

    def deva_form(self, rng: random.Random, variant_p: float) -> str:
        """The Devanagari spelling, sometimes a variant."""
        if self.deva_variants and rng.random() < variant_p:
            return rchoice(rng, self.deva_variants)
        return self.deva


@dataclass(frozen=True, slots=True)
class FullName:
    """A person's true name: what every written form is a variant of."""

    given: NameEntry
    surname: NameEntry | None
    middle: NameEntry | None = None
    alias: NameEntry | None = None

    @property
    def canonical(self) -> str:
        """The standard Latin form, e.g. `Manoj Kumar Tiwari`."""
        parts = [self.given.latin]
        if self.middle:
            parts.append(self.middle.latin)
        if self.surname:
            parts.append(self.surname.latin)
        return " ".join(parts)

    @property
    def canonical_deva(self) -> str:
        """The standard Devanagari form."""
        parts = [self.given.deva]
        if self.middle:
            parts.append(self.middle.deva)
        if self.surname:
            parts.append(self.surname.deva)
        return " ".join(parts)


class NameBank:
    """The name lists of `data/names.json`, by region and gender."""

    def __init__(self, data: dict) -> None:
        self.given = {
            region: {g: [NameEntry.from_row(r) for r in rows] for g, rows in by_gender.items()}
            for region, by_gender in data["given"].items()
        }
        self.surnames = {
            region: [NameEntry.from_row(r) for r in rows]
            for region, rows in data["surnames"].items()
        }
        self.female_surnames = {
            region: [NameEntry.from_row(r) for r in rows]
            for region, rows in data["female_surnames"].items()
        }
        self._female_only = {e.latin for rows in self.female_surnames.values() for e in rows}
        self.middles = [NameEntry(r[0], r[1]) for r in data["middle"]]
        self.aliases = {
            g: [NameEntry.from_row(r) for r in rows] for g, rows in data["aliases"].items()
        }
        self.stage_names: list[str] = list(data["stage_names"])

    def draw(
        self,
        rng: random.Random,
        region: str,
        gender: str,
        *,
        alias_p: float = 0.0,
        middle_p: float = 0.0,
    ) -> FullName:
        """A fresh name typical of a region, never one of the reserved real names."""
        while True:
            given = rchoice(rng, self.given[region][gender])
            surname = self._surname(rng, region, gender)
            middle = None
            if gender == "m" and region == "hindi" and rng.random() < middle_p:
                middle = rchoice(rng, self.middles)
            alias = rchoice(rng, self.aliases[gender]) if rng.random() < alias_p else None
            name = FullName(given, surname, middle, alias)
            if not is_reserved(name):
                return name

    def father_of(self, rng: random.Random, child: FullName, region: str) -> FullName:
        """A father's name: the child's family surname, a different given name."""
        surname = child.surname
        if surname is None or surname.latin in self._female_only:
            surname = rng.choice(self.surnames[region])
        while True:
            given = rng.choice(self.given[region]["m"])
            name = FullName(given, surname)
            if given is not child.given and not is_reserved(name):
                return name

    def _surname(self, rng: random.Random, region: str, gender: str) -> NameEntry:
        # Women in the north are often recorded as "Devi"/"Kumari", Muslim women as
        # "Begum"/"Khatun": a real source of ambiguity for resolution.
        extra = self.female_surnames.get(region)
        if gender == "f" and extra and rng.random() < 0.3:
            return rchoice(rng, extra)
        return rchoice(rng, self.surnames[region])


@cache
def name_bank() -> NameBank:
    """The packaged name bank, loaded once."""
    text = resources.files("kadiyan.scenario").joinpath("data/names.json").read_text("utf-8")
    return NameBank(json.loads(text))


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def is_reserved(name: FullName) -> bool:
    """True when any Latin spelling of the name's first two or three parts is reserved."""
    return _reserved(name.given, name.surname, name.middle)


@cache
def _reserved(given: NameEntry, surname: NameEntry | None, middle: NameEntry | None) -> bool:
    givens = (given.latin, *given.latin_variants)
    surnames = (surname.latin, *surname.latin_variants) if surname else ("",)
    middles = (middle.latin,) if middle else ()
    for g in givens:
        for tail in (*surnames, *middles):
            full = re.sub(r"[^a-z ]", "", f"{g} {tail}".lower()).strip()
            if _key(full) in _RESERVED:
                return True
    return False


def typo(word: str, rng: random.Random) -> str:
    """A plausible typing slip: a dropped, doubled, swapped or changed letter."""
    if len(word) < 4:
        return word + word[-1]
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    if kind == 2 and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if word[i] in _VOWELS:
        return word[:i] + rng.choice(_VOWELS.replace(word[i], "")) + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def write_latin(
    name: FullName,
    rng: random.Random,
    *,
    variant_p: float = 0.3,
    typo_p: float = 0.05,
    middle_p: float = 0.5,
) -> str:
    """One Latin written form of a name (without alias)."""
    parts = [name.given.latin_form(rng, variant_p)]
    if name.middle and rng.random() < middle_p:
        parts.append(name.middle.latin)
    if name.surname:
        parts.append(name.surname.latin_form(rng, variant_p))
    if rng.random() < typo_p:
        j = rng.randrange(len(parts))
        parts[j] = typo(parts[j], rng)
    return " ".join(parts)


def write_deva(
    name: FullName, rng: random.Random, *, variant_p: float = 0.3, middle_p: float = 0.5
) -> str:
    """One Devanagari written form of a name (without alias)."""
    parts = [name.given.deva_form(rng, variant_p)]
    if name.middle and rng.random() < middle_p:
        parts.append(name.middle.deva)
    if name.surname:
        parts.append(name.surname.deva_form(rng, variant_p))
    return " ".join(parts)


def write_alias(alias: NameEntry, rng: random.Random, script: str, variant_p: float = 0.3) -> str:
    """The alias alone, as written in one record."""
    if script == "deva":
        return alias.deva_form(rng, variant_p)
    return alias.latin_form(rng, variant_p)


def join_alias(written: str, alias: str, rng: random.Random, script: str) -> str:
    """`Manoj Tiwari alias Munna`, `Manoj @ Munna`, `मनोज उर्फ मुन्ना`."""
    joins = DEVA_ALIAS_JOINS if script == "deva" else LATIN_ALIAS_JOINS
    return f"{written}{rng.choice(joins)}{alias}"
