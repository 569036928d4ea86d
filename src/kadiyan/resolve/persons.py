"""Persons across sources: the features of a person mention and the Splink model over them.

A person is named in an FIR (accused, victim), a booking (guest, payer), a missing-person
report (the missing, a parent). The same person comes back under other spellings, in the
other script, with an alias, a typo or an initial. Each mention becomes one row of
comparable features; Splink (Fellegi-Sunter, trained by EM without labels) scores pairs
of rows, and every score keeps the comparisons that made it, in words.

Names are compared on `name_key`, on which `Ashish`/`Aashish`, `Singh`/`Sing` and
`आशीष`/`Ashish` meet. Nothing here reads gender, religion, caste or nationality, nor
whether someone was accused or rescued; the one role compared is being named as an
investigating official. A victim's mention is matched to find the same survivor again (a
missing-person report, a second rescue), never scored as a suspect.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any

import splink.comparison_level_library as cll
from splink import SettingsCreator, block_on
from splink.comparison_library import CustomComparison

from kadiyan.extract.romanise import name_key, romanise

MEMBER_KIND = "person"


@dataclass(frozen=True, slots=True)
class PersonRow:
    """The comparable features of one person as one record names them.

    `uid` is `RECORD_ID#SEQ` of the first mention; `members` are all the record's mentions
    of that person (an FIR names its accused in the table and again in the narrative).
    Keys are `name_key`s; a missing value is None, never empty, so Splink's null level
    sees it.
    """

    uid: str
    members: tuple[str, ...]
    record_id: str
    record_kind: str
    role: str
    label: str  # the name as written, romanised when in Devanagari
    name: str
    name_sorted: str  # the key's words in order, for `Singh Vikas` / `Vikas Singh`
    name_compact: str  # without spaces, for `Om Prakash` / `Omprakash`
    name_sound: str  # the consonants, for `Kambale` / `Kamble` and `Bandana` / `Vandana`
    first: str
    last: str | None
    aliases: list[str] | None
    father: str | None
    birth_year: int | None
    home: str | None  # the district someone comes from, lower case
    district: str | None  # the district of the record (the FIR's, the hotel's city)
    phones: list[str] | None  # phones given for this person in the same record
    # The part of the identifier graph the record sits in (shared phones, accounts, photos,
    # calls): two records of one network name the same people far more often than chance.
    network: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The row as Splink reads it, with `all_names`: the name and its aliases."""
        row = {f.name: getattr(self, f.name) for f in _ROW_FIELDS if f.name != "members"}
        row["all_names"] = sorted({self.name, *(self.aliases or ())})
        # EM cannot block on an exploded array; most persons have one phone at most.
        row["phone"] = self.phones[0] if self.phones else None
        return row


_ROW_FIELDS = fields(PersonRow)


def person_rows(
    record_id: str,
    record_kind: str,
    occurred_at: str | None,
    mentions: Iterable[Mapping[str, Any]],
    district: str | None = None,
    network: str | None = None,
) -> list[PersonRow]:
    """Rows for the persons one record names: one row per name key, merging repeats.

    `mentions` are the record's stored mentions as mappings with `seq`, `kind`, `value`,
    `field`, `role` and, for persons, `extra` (a dict). A phone whose field sits beside a
    person's (`accused[0].phone` beside `accused[0].name`), or a booking's guest phone, is
    that person's. Mentions of one name key in one record are one person (a booking's
    guest who also pays, an accused in the table and in the narrative): their details
    are pooled.
    """
    mentions = list(mentions)
    phones_by_owner: dict[str, list[str]] = {}
    for m in mentions:
        if m["kind"] == "phone" and m.get("field") not in (None, "text"):
            phones_by_owner.setdefault(_owner(m["field"]), []).append(m["value"])
    year = _year(occurred_at)
    pooled: dict[str, dict[str, Any]] = {}
    for m in mentions:
        if m["kind"] != "person":
            continue
        key = name_key(m["value"])
        if not key:
            continue
        extra = m.get("extra") or {}
        field = m.get("field") or "text"
        uid = f"{record_id}#{m['seq']}"
        age = extra.get("age")
        person = pooled.setdefault(key, {
            "uid": uid, "members": [], "role": None, "label": extra.get("latin") or m["value"],
            "aliases": set(), "father": None, "birth_year": None, "home": None,
            "phones": set(),
        })
        person["members"].append(uid)
        # The structured field's role (accused, victim) is surer than the narrative's.
        if person["role"] is None or field != "text":
            person["role"] = m.get("role") or extra.get("role") or "other"
        person["aliases"].update(k for a in extra.get("aliases") or [] if (k := name_key(a)))
        person["father"] = person["father"] or name_key(extra.get("father") or "") or None
        if person["birth_year"] is None and year and isinstance(age, int) and 0 < age < 100:
            person["birth_year"] = year - age
        person["home"] = person["home"] or (extra.get("home") or "").strip().lower() or None
        if field != "text":
            person["phones"].update(phones_by_owner.get(_owner(field), ()))
    place = (district or "").strip().lower() or None
    rows = []
    for key, p in pooled.items():
        words = key.split()
        rows.append(PersonRow(
            uid=p["uid"], members=tuple(p["members"]), record_id=record_id,
            record_kind=record_kind, role=p["role"], label=p["label"], name=key,
            name_sorted=" ".join(sorted(words)), name_compact=key.replace(" ", ""),
            name_sound=name_sound(key),
            first=words[0], last=words[-1] if len(words) > 1 else None,
            aliases=sorted(p["aliases"] - {key}) or None, father=p["father"],
            birth_year=p["birth_year"], home=p["home"], district=place,
            phones=sorted(p["phones"]) or None, network=network,
        ))
    return rows


_SOUNDLESS = re.compile("[aeiouhwy ]+")
_REPEATS = re.compile(r"(.)\1+")


def name_sound(key: str) -> str:
    """The consonants of a name key's first and last words: `mskmvl` for `mahes kambale`.

    Middle words are left out (`Vinod Kumar Tiwari` is written `Vinod Tiwari` as often);
    `b` counts as `v` and a repeated consonant once.

    Vowels, `h`, `w` and `y` are where spellings of one name differ most (`Kamble`,
    `Kambale`; `Jonali`, `Jonaly`), and eastern spellings write `b` where others write
    `v` (`Bandana`, `Vandana`). Unlike names can share a sound (`Samir`, `Syam`): a
    weaker level than a spelling, and a way to compare pairs at all.
    """
    words = key.split()
    ends = f"{words[0]} {words[-1]}" if len(words) > 2 else key
    return _REPEATS.sub(r"\1", _SOUNDLESS.sub("", ends.replace("b", "v"))) or ends


def _owner(field: str) -> str:
    """The person a structured field belongs to: `accused[0].phone` → `accused[0]`."""
    if field in ("guest_phone", "guest_name", "guest_email"):
        return "guest"
    if field in ("name", "father_name", "contact_phone"):
        return "family"  # a missing-person report gives the family's phone to reach
    return field.rsplit(".", 1)[0]


def _year(occurred_at: str | None) -> int | None:
    if occurred_at and len(occurred_at) >= 4 and occurred_at[:4].isdigit():
        return int(occurred_at[:4])
    return None


# -- the model ------------------------------------------------------------------------------

# Each comparison's levels in Splink's order (most alike first, after the null level) and
# how an investigator reads them. Splink numbers the non-null levels from the bottom up
# (else = 0), so the label of gamma g is LEVELS[c][len - 1 - g].
LEVELS: dict[str, tuple[str, ...]] = {
    "name": (
        "same name",
        "same names in another order",
        "same name but for spaces",
        "same first name and surname",
        "names spelled alike",
        "an initial for the first name, same surname",
        "names sound alike",
        "one named by the other's alias",
        "an alias in common",
        "names loosely alike",
        "different names",
    ),
    "father": ("same father's name", "father's names alike", "different fathers"),
    "birth_year": (
        "born within a year of each other",
        "born within 3 years",
        "born within 6 years",
        "ages far apart",
    ),
    "phones": ("a phone in common and names alike", "a phone in common but names unlike",
               "no phone in common"),
    "place": ("same home district", "different home districts",
              "named in the same district", "named in different districts"),
    "network": ("records joined by shared phones, accounts or calls", "records not joined"),
    "official": ("both named as officials", "an official and someone who is not",
                 "neither named as an official"),
}


# Starting values of m, the chance of each level when two mentions are one person. EM
# refines those it sees; a level it never sees in training (a phone shared by people with
# unlike names, in small data) keeps this judgement instead of Splink's generic default.
PRIOR_M: dict[str, tuple[float, ...]] = {
    "name": (0.55, 0.02, 0.02, 0.03, 0.18, 0.03, 0.04, 0.02, 0.01, 0.05, 0.05),
    "father": (0.7, 0.2, 0.1),
    "birth_year": (0.85, 0.1, 0.03, 0.02),
    "phones": (0.3, 0.0002, 0.6998),
    "place": (0.6, 0.1, 0.15, 0.15),
    "network": (0.85, 0.15),
    "official": (0.2, 0.001, 0.799),
}


def _labelled(level: Any, label: str) -> Any:
    comparison = next(c for c, labels in LEVELS.items() if label in labels)
    m = PRIOR_M[comparison][LEVELS[comparison].index(label)]
    return level.configure(label_for_charts=label, m_probability=m)


def _spelled_alike(similarity: float) -> Any:
    """First names alike and surnames alike, each word on its own.

    Jaro-Winkler over a whole name rewards a long common start, so `Sanjita Shrestha`
    and `Sanjita Sherpa` would pass as one spelling; word by word they do not. A name of
    one word is compared whole.
    """
    return cll.Or(
        cll.And(cll.JaroWinklerLevel("first", similarity),
                cll.JaroWinklerLevel("last", similarity)),
        cll.And(cll.CustomLevel("last_l IS NULL OR last_r IS NULL"),
                cll.JaroWinklerLevel("name", 0.92)),
    )


def comparisons() -> list[CustomComparison]:
    """The comparisons of the person model, with levels labelled as in `LEVELS`."""
    name = LEVELS["name"]
    father = LEVELS["father"]
    born = LEVELS["birth_year"]
    return [
        CustomComparison(
            output_column_name="name",
            comparison_levels=[
                cll.NullLevel("name"),
                _labelled(cll.ExactMatchLevel("name").configure(tf_adjustment_column="name"),
                          name[0]),
                _labelled(cll.ExactMatchLevel("name_sorted"), name[1]),
                _labelled(cll.ExactMatchLevel("name_compact"), name[2]),
                _labelled(cll.And(cll.ExactMatchLevel("first"), cll.ExactMatchLevel("last")),
                          name[3]),
                _labelled(_spelled_alike(0.88), name[4]),
                # `V. Singh` and `Vikas Singh`; not `Sameer Alam` and `Shakeel Alam`, who are
                # often brothers in one operation.
                _labelled(cll.CustomLevel(
                    "last_l = last_r AND substr(first_l, 1, 1) = substr(first_r, 1, 1) "
                    "AND (length(first_l) = 1 OR length(first_r) = 1)"), name[5]),
                _labelled(cll.ExactMatchLevel("name_sound"), name[6]),
                # `Rinku` and `Pramod Sonkar alias Rinku`. Two people who share only an
                # alias (`Munni`, `Pappu`: a handful of nicknames name thousands) are not
                # alike by name, only less unlike.
                _labelled(cll.CustomLevel("array_contains(all_names_r, name_l) "
                                          "OR array_contains(all_names_l, name_r)"), name[7]),
                _labelled(cll.ArrayIntersectLevel("all_names", 1), name[8]),
                _labelled(cll.JaroWinklerLevel("name", 0.8), name[9]),
                # Fixed: an operation's phone is given beside many people's names, so EM,
                # trained on pairs sharing a phone, learns that one person often goes by
                # wholly unlike names. Aliases have a level of their own above.
                _labelled(cll.ElseLevel(), name[10]).configure(fix_m_probability=True),
            ],
        ),
        CustomComparison(
            output_column_name="father",
            comparison_levels=[
                cll.NullLevel("father"),
                _labelled(cll.ExactMatchLevel("father"), father[0]),
                _labelled(cll.JaroWinklerLevel("father", 0.88), father[1]),
                _labelled(cll.ElseLevel(), father[2]),
            ],
        ),
        CustomComparison(
            output_column_name="birth_year",
            comparison_levels=[
                cll.NullLevel("birth_year"),
                _labelled(cll.AbsoluteDifferenceLevel("birth_year", 1), born[0]),
                _labelled(cll.AbsoluteDifferenceLevel("birth_year", 3), born[1]),
                _labelled(cll.AbsoluteDifferenceLevel("birth_year", 6), born[2]),
                _labelled(cll.ElseLevel(), born[3]),
            ],
        ),
        CustomComparison(
            output_column_name="phones",
            comparison_levels=[
                cll.NullLevel("phones"),
                # A business phone passes between members of one operation, and a booking
                # gives the booker's phone beside a guest's name: a shared phone says much
                # about one person only when the names agree too.
                _labelled(cll.And(cll.ArrayIntersectLevel("phones", 1),
                                  cll.Or(_spelled_alike(0.8),
                                         cll.ExactMatchLevel("name_sound"),
                                         cll.ArrayIntersectLevel("all_names", 1))),
                          LEVELS["phones"][0]),
                # Fixed: siblings share their family's phone and a father's name, so EM,
                # left to it, learns that unlike names on one phone are one person.
                _labelled(cll.ArrayIntersectLevel("phones", 1), LEVELS["phones"][1])
                .configure(fix_m_probability=True),
                # Fixed: one person gives different phones in different records (their own,
                # the operation's, the family's), so no phone in common says little; EM,
                # seeing namesakes with phones of their own, learns it says everything.
                _labelled(cll.ElseLevel(), LEVELS["phones"][2]).configure(fix_m_probability=True),
            ],
        ),
        # Where someone lives and where a record names them are one piece of evidence,
        # not two: a missing-person report is filed in the family's home district, so
        # counting both would count one fact twice for every family of a district.
        CustomComparison(
            output_column_name="place",
            comparison_levels=[
                cll.CustomLevel("(home_l IS NULL OR home_r IS NULL) "
                                "AND (district_l IS NULL OR district_r IS NULL)")
                .configure(is_null_level=True),
                _labelled(cll.ExactMatchLevel("home"), LEVELS["place"][0]),
                _labelled(cll.CustomLevel("home_l <> home_r"), LEVELS["place"][1]),
                _labelled(cll.ExactMatchLevel("district"), LEVELS["place"][2]),
                _labelled(cll.ElseLevel(), LEVELS["place"][3]),
            ],
        ),
        CustomComparison(
            output_column_name="network",
            comparison_levels=[
                cll.NullLevel("network"),
                _labelled(cll.ExactMatchLevel("network"), LEVELS["network"][0]),
                _labelled(cll.ElseLevel(), LEVELS["network"][1]),
            ],
        ),
        # The police officers who investigate are named in every FIR of their district;
        # an officer and the accused or a survivor of the same name are not one person.
        CustomComparison(
            output_column_name="official",
            comparison_levels=[
                _labelled(cll.CustomLevel("role_l = 'official' AND role_r = 'official'"),
                          LEVELS["official"][0]),
                _labelled(cll.CustomLevel("role_l = 'official' OR role_r = 'official'"),
                          LEVELS["official"][1]),
                _labelled(cll.ElseLevel(), LEVELS["official"][2]),
            ],
        ),
    ]


def settings() -> SettingsCreator:
    """The Splink settings of the person model (back-end neutral: DuckDB or Spark)."""
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="uid",
        comparisons=comparisons(),
        blocking_rules_to_generate_predictions=blocking_rules(),
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=True,  # for `gamma_name`, which `MERGE_SQL` reads
        additional_columns_to_retain=["record_id"],
    )


def blocking_rules() -> list[Any]:
    """Which pairs are compared at all: those sharing one of these, never all pairs."""
    return [
        block_on("name"),
        block_on("all_names", arrays_to_explode=["all_names"]),
        block_on("name_compact"),
        block_on("name_sound"),
        block_on("first", "last"),
        block_on("last", "birth_year"),
        block_on("first", "birth_year"),
        block_on("first", "father"),
        block_on("phones", arrays_to_explode=["phones"]),
    ]


# Training: EM learns each comparison's m from pairs blocked on something else. Pairs with
# one name key train the rest; pairs sharing a phone, or a father's name, are mostly one
# person and train the name comparisons, spelling variants included.
TRAINING_BLOCKS: tuple[Any, ...] = (
    block_on("name"),
    block_on("phone"),
    block_on("father"),
)
# Pairs sharing a name key and a birth year are almost always one person: how many such
# there are estimates the chance that two random mentions are one person.
DETERMINISTIC_RULES: tuple[str, ...] = (
    "l.name = r.name AND l.birth_year = r.birth_year",
    "l.name = r.name AND l.father = r.father",
)
DETERMINISTIC_RECALL = 0.2
# Match probability from which a pair is a candidate merge: more likely one person than two.
THRESHOLD = 0.5
# Match weight (bits) at or below which a compared pair is two people (a namesake of
# another age, another father): such pairs are never put in one cluster.
APART_WEIGHT = -5.0
# A pair is a candidate merge only when its names agree at least as far as sounding alike
# or one is the other's alias:
# an operation's phone, network and district are shared by everyone in it, so context
# alone never makes two names one person. Splink numbers a comparison's levels from the
# bottom (different names 0), hence the arithmetic.
JOINING_NAME_GAMMA = (len(LEVELS["name"]) - 1
                      - LEVELS["name"].index("one named by the other's alias"))
# What an engine keeps of Splink's predictions: candidate merges, and pairs whose evidence
# says they are two people.
MERGE_SQL = f"match_probability >= {THRESHOLD} AND gamma_name >= {JOINING_NAME_GAMMA}"
APART_SQL = f"match_weight <= {APART_WEIGHT}"


def level_label(comparison: str, gamma: int) -> str | None:
    """The words for the level Splink chose (its gamma) of one comparison; None when null.

    Splink numbers a comparison's non-null levels from the bottom up (else = 0, the null
    level -1), so gamma g is the level `LEVELS[comparison][len - 1 - g]`.
    """
    labels = LEVELS[comparison]
    if gamma < 0 or gamma >= len(labels):
        return None
    return labels[len(labels) - 1 - gamma]


def reasons_of(row: Mapping[str, Any]) -> list[tuple[str, str, float]]:
    """The reasons of one predicted pair: (comparison, level in words, weight in bits).

    `row` is one row of Splink's predictions: the level each comparison chose in
    `gamma_<comparison>` and its weight in `mw_<comparison>` (plus `mw_tf_adj_<comparison>`
    where how common the value is adjusts it). The words are those of the chosen level,
    so they always agree with the score, even where two levels weigh the same. A
    comparison with a missing value (the null level) says nothing and is left out.
    """
    found = []
    for comparison in LEVELS:
        gamma = row.get(f"gamma_{comparison}")
        label = None if gamma is None else level_label(comparison, int(gamma))
        if label is None:
            continue
        weight = (row.get(f"mw_{comparison}") or 0.0) + (row.get(f"mw_tf_adj_{comparison}") or 0.0)
        found.append((comparison, label, float(weight)))
    return found


def normalised_name(name: str) -> str:
    """A name as people usually normalise it: Devanagari romanised, case and spacing folded.

    The baseline that person resolution is measured against joins mentions whose
    normalised names are equal; no phonetic key, no other field.
    """
    if not name.isascii():
        name = romanise(name)
    return " ".join(name.lower().split())
