"""`missing.csv`: missing-person reports; some are victims later rescued, most are unrelated.

A report about a victim is filed by her family at the police station of her home district
soon after she was recruited, with her name as the family spells it, her age give or take a
year, and the father's phone: the thread that joins a rescue to a family.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from kadiyan.scenario.names import FullName, name_bank, write_deva, write_latin
from kadiyan.scenario.parts import Part, PartFiles, PartResult
from kadiyan.scenario.phones import draw_mobile, field_form
from kadiyan.scenario.places import Place
from kadiyan.scenario.rng import LAST_DAY, iso_day, substream
from kadiyan.scenario.world import Person, World

FILE = "missing.csv"
HEADER = (
    "report_id",
    "reported_on",
    "police_station",
    "district",
    "state",
    "name",
    "age",
    "gender",
    "father_name",
    "address",
    "contact_phone",
    "description",
    "last_seen",
)
NOISE_PERSON_BASE = 20_000_000  # unrelated missing persons and their fathers: P20000001...
SEEN_AT = ("home", "bus stand", "railway station", "market", "school", "hospital")
COMPLEXIONS = ("fair", "wheatish", "dark", "wheatish")
CLOTHES = (
    "red salwar suit",
    "blue kurta and jeans",
    "yellow saree",
    "green frock",
    "black jeans and white top",
    "pink suit",
    "school uniform",
    "grey shirt and trousers",
)
LANGS = {
    "Assam": "Assamese and Bengali",
    "West Bengal": "Bengali",
    "Jharkhand": "Hindi and Sadri",
    "Bihar": "Hindi and Maithili",
    "Nepal": "Nepali and some Hindi",
    "Odisha": "Odia",
}
LEFT_WITH = (
    "left home saying she had got work in {city}",
    "went with a woman from the next village who promised a job in {city}",
    "was taken by a man who said he would arrange housework in {city}",
    "left for the market and did not return",
    "went to meet a friend she knew from the phone",
)


def _description(rng: random.Random, age: int, gender: str, state: str, city: str) -> str:
    height = f"{rng.randint(4, 5)}'{rng.randint(0, 11)}\""
    text = (
        f"Height about {height}, {rng.choice(COMPLEXIONS)} complexion, wearing "
        f"{rng.choice(CLOTHES)}"
    )
    if state in LANGS:
        text += f"; speaks {LANGS[state]}"
    if gender == "F" and 13 <= age <= 30:
        text += "; " + rng.choice(LEFT_WITH).format(city=city)
    return text


def _address(place: Place, spot: tuple[str, str] | None, station: tuple[str, str]) -> str:
    village = f"Village {spot[0]}, " if spot else ""
    return f"{village}PS {station[0]}, District {place.district[0]}, {place.state}"


def _script(rng: random.Random, place: Place) -> str:
    """The script a report is typed in: families in the Hindi belt often use Devanagari."""
    return "deva" if place.hindi_belt and rng.random() < 0.35 else "latin"


def _written(rng: random.Random, name: FullName, script: str) -> str:
    if script == "deva":
        return write_deva(name, rng, variant_p=0.4)
    return write_latin(name, rng, variant_p=0.4, typo_p=0.08)


def victim_report(rng: random.Random, v: Person, n: int, city: str) -> tuple[list, dict]:
    """A family's report about a recruited victim."""
    assert v.recruited_day is not None
    last_day = v.recruited_day
    # Families report within a month, and always before the rescue.
    limit = LAST_DAY if v.rescued_day is None else max(last_day, v.rescued_day - 1)
    day = min(limit, last_day + rng.randint(1, 30))
    place = v.home
    station = rng.choice(place.police_stations)
    age = v.age_on(day) + rng.choice((0, 0, 0, 1, -1))
    script = _script(rng, place)
    name = _written(rng, v.name, script)
    names = [{"person_id": v.id, "name": name}]
    person_ids = [v.id]
    father = ""
    phones: list[str] = []
    if v.father is not None:
        father = _written(rng, v.father.name, script)
        names.append({"person_id": v.father.id, "name": father})
        person_ids.append(v.father.id)
        if v.father.phone:
            phones.append(v.father.phone)
    row = [
        f"MPR-{n:06d}",
        iso_day(day),
        station[0],
        place.district[0],
        place.state,
        name,
        age,
        "F",
        father,
        _address(place, v.spot, station),
        field_form(phones[0], rng) if phones else "",
        _description(rng, age, "F", place.state, city),
        f"{iso_day(last_day)}, "
        f"{rng.choice(('home', 'bus stand', 'railway station', 'weekly market', 'school'))}",
    ]
    truth = {
        "operation_id": v.operation_id,
        "person_ids": person_ids,
        "victim_ids": [v.id],
        "phones": phones,
        "names": names,
    }
    return row, truth


class _Unrelated:
    """Reports about people who are not part of any operation."""

    def __init__(self, world: World, rng: random.Random) -> None:
        self.world = world
        self.rng = rng
        gaz = world.gaz
        self.places = [*gaz.sources, *gaz.sources, *gaz.destinations, *gaz.transits]
        self.count = 0

    def person_id(self) -> str:
        self.count += 1
        return f"P{NOISE_PERSON_BASE + self.count}"

    def report(self, n: int) -> tuple[list, dict]:
        rng = self.rng
        place = rng.choice(self.places)
        region = place.region(rng)
        gender = rng.choice("MF")
        age = rng.choice((rng.randint(3, 17), rng.randint(13, 30), rng.randint(18, 80)))
        name = name_bank().draw(rng, region, gender.lower())
        father = name_bank().father_of(rng, name, region)
        pid, fid = self.person_id(), self.person_id()
        script = _script(rng, place)
        written, father_written = _written(rng, name, script), _written(rng, father, script)
        phone = draw_mobile(rng, self.world.phones)
        station = rng.choice(place.police_stations or self.world.gaz.generic_police_stations)
        day = rng.randint(0, LAST_DAY)
        spot = rng.choice(place.spots) if place.spots and place.kind == "source" else None
        row = [
            f"MPR-{n:06d}",
            iso_day(day),
            station[0],
            place.district[0],
            place.state,
            written,
            age,
            gender,
            father_written,
            _address(place, spot, station),
            field_form(phone, rng),
            _description(
                rng, age, gender, place.state, rng.choice(("Delhi", "Mumbai", "Kolkata", "Pune"))
            ),
            f"{iso_day(max(0, day - rng.randint(0, 5)))}, {rng.choice(SEEN_AT)}",
        ]
        truth = {
            "person_ids": [pid, fid],
            "phones": [phone],
            "names": [
                {"person_id": pid, "name": written},
                {"person_id": fid, "name": father_written},
            ],
        }
        return row, truth


def write_missing_part(world: World, part: Part, out: Path) -> PartResult:
    """Write `missing.csv` (one part), in order of the date reported, and its truth."""
    rng = substream(world.seed, "missing")
    total = world.size.missing
    victims = [v for v in world.victims if v.recruited_day is not None]
    chosen = rng.sample(victims, min(len(victims), round(total * 0.35)))
    kinds: list[Person | None] = [*chosen, *([None] * (total - len(chosen)))]
    rng.shuffle(kinds)
    unrelated = _Unrelated(world, rng)
    ops = {op.id: op for op in world.operations}
    drafts = []
    for v in kinds:
        if v is not None:
            op = ops.get(v.operation_id or "")
            city = (
                rng.choice(op.route.destinations).city[0]
                if op
                else rng.choice(("Delhi", "Mumbai", "Kolkata"))
            )
            drafts.append(victim_report(rng, v, 0, city))
        else:
            drafts.append(unrelated.report(0))
    drafts.sort(key=lambda d: d[0][1])
    with PartFiles(out, part) as files:
        writer = csv.writer(files.text(FILE), lineterminator="\n")
        for n, (row, t) in enumerate(drafts, 1):
            row[0] = f"MPR-{n:06d}"
            writer.writerow(row)
            files.truth.add(row[0], FILE, **t)
    return PartResult("missing", part.index, {FILE: total})
