"""The hidden truth: operations, their members, customers and victims, and the rescues.

Everything here is small (at most a few hundred thousand persons for the largest world) and
built before any file is written; the file writers then stream records that mention it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from kadiyan.scenario.names import FullName, name_bank
from kadiyan.scenario.phones import PLATFORMS, draw_mobile, make_email, make_handle
from kadiyan.scenario.places import Gazetteer, Pair, Place, Route, gazetteer
from kadiyan.scenario.rng import BNS_DAY, LAST_DAY, Weighted, iso_day, substream
from kadiyan.scenario.sizes import Size

ROLES = ("recruiter", "transporter", "harbourer", "exploiter")
SITES = (
    "PostKaro",
    "BazaarBoard",
    "CityPinboard",
    "Khoj24",
    "AdKatta",
    "ListLelo",
    "MandiAds",
    "NightDiary Classifieds",
    "RaatRani Ads",
    "LocalKhazana",
)
OPERATORS = ("airtel", "jio", "vi")
RANKS = ("SI", "SI", "SI", "Inspector", "ASI", "Inspector")
_FIRST_YEAR = 2023  # the world's day 0 is 2023-01-01


@dataclass(slots=True, eq=False)
class Person:
    """Someone in the world with a stable true id."""

    id: str
    name: FullName
    gender: str
    birth_year: int
    # recruiter, transporter, harbourer, exploiter, customer, victim, family, father,
    # official, or accused (in a case outside every operation)
    role: str
    home: Place
    region: str  # the name region of the family (hindi, muslim, nepali...)
    spot: Pair | None = None  # village or locality of residence
    operation_id: str | None = None
    phone: str | None = None  # 10-digit national number
    father: Person | None = None
    rank: str | None = None  # officials only
    recruited_day: int | None = None  # victims only
    case_id: str | None = None  # victims: the case that rescued them
    rescued_day: int | None = None  # victims: the day of that case

    def age_on(self, day: int) -> int:
        """Age in whole years on a world day (birthdays fall on 1 January here)."""
        return _FIRST_YEAR + day // 365 - self.birth_year


@dataclass(slots=True, eq=False)
class Operation:
    """A trafficking network: members with roles, phones, handles, a route, a style of ads."""

    id: str
    route: Route
    members: list[Person]
    customers: list[Person]
    victims: list[Person]
    phones: list[str]  # business phones used in ads
    phone_holders: dict[str, Person]
    email: str | None
    handles: list[tuple[str, str]]  # (platform, handle)
    start_day: int
    end_day: int
    weight: float  # share of the world's operation ads
    language: str  # en | hinglish | hi: the language of its ads
    styles: list[str]  # phone obfuscation styles it habitually uses
    sites: list[str]
    stage_names: list[str]
    base_photos: list[str] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)  # operations it trades victims with

    def by_role(self, role: str) -> list[Person]:
        """Members with one role."""
        return [m for m in self.members if m.role == role]


@dataclass(slots=True, eq=False)
class CasePlan:
    """One rescue or interception and what its report will say."""

    id: str
    operation: Operation | None
    day: int
    place: Place
    police_station: Pair
    spot: Pair
    kind: str  # raid | decoy | transit
    language: str  # en | hi
    fir_no: str
    victims: list[Person]
    arrested: list[Person]
    absconding: list[Person]
    customers: list[Person]
    officials: list[Person]
    cdr_phones: list[str]
    phones_seized: int
    cash: int
    vehicle: str | None

    @property
    def bns(self) -> bool:
        """Registered on or after 2024-07-01, so under the new criminal codes."""
        return self.day >= BNS_DAY


@dataclass(slots=True, eq=False)
class World:
    """All hidden truth needed to write the files."""

    size: Size
    seed: int
    operations: list[Operation]
    persons: list[Person]
    cases: list[CasePlan]
    phones: set[str]  # every phone of a world person or operation; noise must avoid these
    phone_owner: dict[str, Person]
    officials: dict[str, list[Person]]  # by district
    gaz: Gazetteer

    @property
    def victims(self) -> list[Person]:
        """All victims, rescued or not."""
        return [p for p in self.persons if p.role == "victim"]


class _Builder:
    """Mutable state while the world is being drawn."""

    def __init__(self, size: Size, seed: int) -> None:
        self.size = size
        self.seed = seed
        self.rng = substream(seed, "world")
        self.gaz = gazetteer()
        self.names = name_bank()
        self.persons: list[Person] = []
        self.phones: set[str] = set()
        self.phone_owner: dict[str, Person] = {}
        self.officials: dict[str, list[Person]] = {}
        self.cdr_done: set[str] = set()
        self.fir_used: set[tuple[str, str]] = set()

    def person(
        self,
        role: str,
        home: Place,
        gender: str,
        age: tuple[int, int],
        *,
        region: str | None = None,
        alias_p: float = 0.0,
        phone_p: float = 1.0,
        operation_id: str | None = None,
    ) -> Person:
        rng = self.rng
        region = region or home.region(rng)
        name = self.names.draw(rng, region, gender, alias_p=alias_p, middle_p=0.25)
        birth = _FIRST_YEAR + 1 - rng.randint(*age)
        p = Person(
            id=f"P{len(self.persons) + 1:06d}",
            name=name,
            gender=gender,
            birth_year=birth,
            role=role,
            home=home,
            region=region,
            # Transit places list stations, not where anyone lives.
            spot=rng.choice(home.spots) if home.spots and home.kind != "transit" else None,
            operation_id=operation_id,
        )
        if rng.random() < phone_p:
            p.phone = self.new_phone(p)
        self.persons.append(p)
        return p

    def new_phone(self, owner: Person | None) -> str:
        phone = draw_mobile(self.rng, self.phones)
        self.phones.add(phone)
        if owner is not None:
            self.phone_owner[phone] = owner
        return phone

    def with_father(self, child: Person, role: str, phone_p: float) -> Person:
        """A father sharing the child's surname and home (names in records say "s/o X")."""
        rng = self.rng
        region = child.region
        father = Person(
            id=f"P{len(self.persons) + 1:06d}",
            name=self.names.father_of(rng, child.name, region),
            gender="m",
            birth_year=child.birth_year - rng.randint(20, 32),
            role=role,
            home=child.home,
            region=region,
            spot=child.spot,
            operation_id=None,
        )
        if rng.random() < phone_p:
            father.phone = self.new_phone(father)
        self.persons.append(father)
        child.father = father
        return father

    def officials_of(self, place: Place) -> list[Person]:
        key = place.district[0]
        if key not in self.officials:
            team = []
            for _ in range(self.rng.randint(3, 6)):
                gender = "f" if self.rng.random() < 0.2 else "m"
                off = self.person("official", place, gender, (28, 55), phone_p=0.0)
                off.rank = self.rng.choice(RANKS)
                team.append(off)
            self.officials[key] = team
        return self.officials[key]


def build_world(size: Size, seed: int) -> World:
    """Draw the operations, persons and rescues of a world, deterministically from the seed."""
    b = _Builder(size, seed)
    ops = [_operation(b, i + 1) for i in range(size.operations)]
    _link_operations(b, ops)
    _assign_photos(ops)
    cases = _plan_cases(b, ops)
    _unrescued_victims(b, ops)
    return World(size, seed, ops, b.persons, cases, b.phones, b.phone_owner, b.officials, b.gaz)


def _operation(b: _Builder, n: int) -> Operation:
    rng = b.rng
    op_id = f"OP{n:04d}"
    route = b.gaz.route(rng)
    main_dest = route.destinations[0]
    members: list[Person] = []

    def add(
        role: str, home: Place, gender: str, age: tuple[int, int], region: str | None = None
    ) -> Person:
        m = b.person(role, home, gender, age, region=region, alias_p=0.6, operation_id=op_id)
        b.with_father(m, "father", phone_p=0.0)
        members.append(m)
        return m

    for _ in range(rng.choices((1, 2, 3), (0.5, 0.35, 0.15))[0]):
        # Recruiters come from the victims' own area: they are trusted locally.
        add("recruiter", rng.choice(route.sources), rng.choice("mmmf"), (22, 50))
    for _ in range(rng.choices((1, 2), (0.7, 0.3))[0]):
        home = rng.choice((*route.sources, *route.transits))
        add("transporter", home, "m", (20, 45))
    for _ in range(rng.choices((1, 2), (0.75, 0.25))[0]):
        add("harbourer", rng.choice(route.destinations), rng.choice("mf"), (28, 58))
    for _ in range(rng.choices((1, 2), (0.7, 0.3))[0]):
        add("exploiter", main_dest, rng.choice("mmmf"), (25, 52))

    customers = [
        b.person("customer", rng.choice(route.destinations), "m", (20, 60), operation_id=op_id)
        for _ in range(rng.randint(4, 15))
    ]

    holders = [m for m in members if m.role in ("exploiter", "harbourer")] or members
    phones: list[str] = []
    phone_holders: dict[str, Person] = {}
    for _ in range(rng.choices((1, 2, 3, 4), (0.3, 0.35, 0.2, 0.15))[0]):
        holder = rng.choice(holders)
        phone = b.new_phone(holder)
        phones.append(phone)
        phone_holders[phone] = holder

    stage_names = rng.sample(b.names.stage_names, rng.randint(3, 8))
    city = main_dest.city[0]
    platforms = rng.sample(PLATFORMS, rng.choices((1, 2, 3), (0.45, 0.4, 0.15))[0])
    handles = [(p, make_handle(rng, p, city, rng.choice(stage_names))) for p in platforms]
    email = (
        make_email(rng, city, rng.choice(("vip", "models", "escorts", "bookings")), "")
        if rng.random() < 0.4
        else None
    )

    start = rng.randint(0, LAST_DAY - 240)
    end = min(LAST_DAY, start + rng.randint(180, 900))
    if main_dest.hindi_belt:
        language = rng.choices(("en", "hinglish", "hi"), (0.4, 0.35, 0.25))[0]
    else:
        language = rng.choices(("en", "hinglish", "hi"), (0.65, 0.25, 0.1))[0]
    style_pool = (
        "plain",
        "grouped",
        "grouped_433",
        "pairs",
        "dotted",
        "spaced",
        "plus91",
        "intl_zero",
        "trunk_zero",
        "letters",
        "words_en",
        "mixed",
        "double_triple",
        "words_hi",
        "deva_digits",
        "keycap",
        "wa_link",
    )
    styles = rng.sample(style_pool, rng.randint(2, 4))
    if language == "hi" and not {"words_hi", "deva_digits"} & set(styles):
        styles.append(rng.choice(("words_hi", "deva_digits")))
    return Operation(
        id=op_id,
        route=route,
        members=members,
        customers=customers,
        victims=[],
        phones=phones,
        phone_holders=phone_holders,
        email=email,
        handles=handles,
        start_day=start,
        end_day=end,
        weight=rng.lognormvariate(0, 0.8),
        language=language,
        styles=styles,
        sites=rng.sample(SITES, rng.randint(1, 3)),
        stage_names=stage_names,
    )


def _link_operations(b: _Builder, ops: list[Operation]) -> None:
    """A few operations trade victims with another serving the same destination."""
    by_dest: dict[str, list[Operation]] = {}
    for op in ops:
        by_dest.setdefault(op.route.destinations[0].district[0], []).append(op)
    for op in ops:
        peers = [o for o in by_dest[op.route.destinations[0].district[0]] if o is not op]
        if peers and b.rng.random() < 0.12:
            other = b.rng.choice(peers)
            op.linked.append(other.id)
            other.linked.append(op.id)


def _assign_photos(ops: list[Operation]) -> None:
    """Each operation owns two or three base photos, reused across its ads."""
    n = 0
    for op in ops:
        rng = random.Random(f"photos:{op.id}")
        for _ in range(rng.randint(2, 3)):
            n += 1
            op.base_photos.append(f"B{n:06d}")


def _plan_cases(b: _Builder, ops: list[Operation]) -> list[CasePlan]:
    rng = b.rng
    total = b.size.cases
    n_op = round(total * 0.85) if ops else 0
    picker = Weighted(ops, [op.weight**0.5 for op in ops]) if ops else None
    drafts: list[tuple[int, Operation | None]] = []
    for _ in range(n_op):
        op = picker.pick(rng)  # type: ignore[union-attr]
        day = rng.randint(min(op.start_day + 30, op.end_day), op.end_day)
        drafts.append((day, op))
    for _ in range(total - n_op):
        drafts.append((rng.randint(60, LAST_DAY), None))
    drafts.sort(key=lambda d: (d[0], d[1].id if d[1] else ""))
    return [_case(b, f"case-{i + 1:06d}", day, op) for i, (day, op) in enumerate(drafts)]


def _case(b: _Builder, case_id: str, day: int, op: Operation | None) -> CasePlan:
    rng = b.rng
    if op is not None:
        at_transit = rng.random() < 0.22
        place = rng.choice(op.route.transits if at_transit else op.route.destinations)
        kind = "transit" if at_transit else rng.choice(("raid", "raid", "decoy"))
    else:
        at_transit = rng.random() < 0.15
        place = rng.choice(b.gaz.transits if at_transit else b.gaz.destinations)
        kind = "transit" if at_transit else rng.choice(("raid", "decoy"))
    n_victims = (
        rng.choices((1, 2, 3, 4), (0.3, 0.35, 0.2, 0.15))[0]
        if at_transit
        else rng.choices(range(1, 9), (0.1, 0.15, 0.18, 0.17, 0.14, 0.12, 0.08, 0.06))[0]
    )

    victims = [_victim(b, op, day, case_id) for _ in range(n_victims)]
    if op is not None:
        arrested, absconding = _accused(rng, op, at_transit)
        customers = (
            rng.sample(op.customers, min(len(op.customers), rng.choice((0, 0, 1, 2, 3))))
            if kind == "raid"
            else []
        )
    else:
        arrested = [_noise_accused(b, place) for _ in range(rng.randint(1, 3))]
        absconding = [_noise_accused(b, place)] if rng.random() < 0.2 else []
        customers = []

    cdr_phones: list[str] = []
    if rng.random() < 0.75:
        candidates = [m.phone for m in arrested if m.phone]
        if op is not None:
            candidates += [p for p, h in op.phone_holders.items() if h in arrested]
        fresh = [p for p in dict.fromkeys(candidates) if p not in b.cdr_done]
        cdr_phones = rng.sample(fresh, min(len(fresh), rng.randint(1, 3)))
        b.cdr_done.update(cdr_phones)
    phones_seized = max(len(cdr_phones), len(arrested) + len(customers) + rng.randint(0, 3))

    year = 2023 + day // 365
    station = rng.choice(place.police_stations)
    while True:
        fir = f"{rng.randint(1, 900)}/{year}"
        if (station[0] + place.district[0], fir) not in b.fir_used:
            b.fir_used.add((station[0] + place.district[0], fir))
            break
    language = "hi" if place.hindi_belt and rng.random() < 0.65 else "en"
    officials = rng.sample(b.officials_of(place), rng.choice((1, 1, 2)))
    vehicle = None
    if rng.random() < 0.3:
        series = rng.choice(_SERIES) + rng.choice(_SERIES)
        vehicle = (
            f"{_state_code(place.state)}{rng.randint(1, 95):02d} {series} {rng.randint(1000, 9999)}"
        )
    return CasePlan(
        id=case_id,
        operation=op,
        day=day,
        place=place,
        police_station=station,
        spot=rng.choice(place.spots) if place.spots else place.name,
        kind=kind,
        language=language,
        fir_no=fir,
        victims=victims,
        arrested=arrested,
        absconding=absconding,
        customers=customers,
        officials=officials,
        cdr_phones=cdr_phones,
        phones_seized=phones_seized,
        cash=rng.randint(2, 400) * 100 if rng.random() < 0.8 else 0,
        vehicle=vehicle,
    )


def _accused(
    rng: random.Random, op: Operation, at_transit: bool
) -> tuple[list[Person], list[Person]]:
    """Who is caught and who got away; a member may be arrested again in a later case."""
    if at_transit:
        caught = rng.sample(op.by_role("transporter"), 1)
        if rng.random() < 0.3:
            caught += rng.sample(op.by_role("recruiter"), 1)
    else:
        caught = rng.sample(op.by_role("harbourer"), 1)
        if rng.random() < 0.5:
            caught += rng.sample(op.by_role("exploiter"), 1)
    rest = [m for m in op.members if m not in caught]
    away = rng.sample(rest, min(len(rest), rng.choice((0, 0, 1, 2))))
    return caught, away


def _noise_accused(b: _Builder, place: Place) -> Person:
    return b.person("accused", place, b.rng.choice("mmf"), (20, 55), alias_p=0.4)


def _victim(b: _Builder, op: Operation | None, day: int, case_id: str | None) -> Person:
    rng = b.rng
    home = rng.choice(op.route.sources if op else b.gaz.sources)
    age = rng.randint(14, 17) if rng.random() < 0.25 else rng.randint(18, 25)
    v = b.person("victim", home, "f", (age, age), phone_p=0.0, operation_id=op.id if op else None)
    v.birth_year = _FIRST_YEAR + day // 365 - age  # exactly `age` on the day of the rescue
    v.recruited_day = max(0, day - rng.randint(10, 240))
    v.case_id = case_id
    v.rescued_day = day if case_id else None
    b.with_father(v, "family", phone_p=0.85)
    if op is not None:
        op.victims.append(v)
    return v


def _unrescued_victims(b: _Builder, ops: list[Operation]) -> None:
    """Victims never found: they exist only in missing reports and in calls to families."""
    for op in ops:
        for _ in range(round(len(op.victims) * b.rng.uniform(0.1, 0.5)) + 1):
            _victim(b, op, b.rng.randint(op.start_day, op.end_day), None)


_SERIES = "ABCDEFGHJKMNPRSTUVWXYZ"  # letters used in registration series
_STATE_CODES = {
    "Delhi": "DL",
    "Haryana": "HR",
    "Uttar Pradesh": "UP",
    "Maharashtra": "MH",
    "West Bengal": "WB",
    "Telangana": "TS",
    "Karnataka": "KA",
    "Rajasthan": "RJ",
    "Bihar": "BR",
}


def _state_code(state: str) -> str:
    return _STATE_CODES.get(state, "UP")


def world_json(world: World) -> dict:
    """The operations and persons as a JSON-ready dict for `world.json` (benchmarks only)."""
    ops = []
    for op in world.operations:
        ops.append(
            {
                "id": op.id,
                "members": [{"person_id": m.id, "role": m.role} for m in op.members],
                "member_ids": [m.id for m in op.members],
                "customer_ids": [c.id for c in op.customers],
                "victim_ids": [v.id for v in op.victims],
                "phones": ["+91" + p for p in op.phones],
                "phone_holders": {"+91" + p: h.id for p, h in op.phone_holders.items()},
                "member_phones": {m.id: "+91" + m.phone for m in op.members if m.phone},
                "emails": [op.email] if op.email else [],
                "handles": [f"{p}:{h}" for p, h in op.handles],
                "states": op.route.states,
                "route": {
                    "source": [
                        {"district": p.district[0], "state": p.state} for p in op.route.sources
                    ],
                    "transit": [
                        {"place": p.name[0], "district": p.district[0], "state": p.state}
                        for p in op.route.transits
                    ],
                    "destination": [
                        {"district": p.district[0], "city": p.city[0], "state": p.state}
                        for p in op.route.destinations
                    ],
                },
                "active": {"from": iso_day(op.start_day), "to": iso_day(op.end_day)},
                "ad_language": op.language,
                "phone_styles": op.styles,
                "base_photos": op.base_photos,
                "linked_operations": op.linked,
            }
        )
    persons = [
        {
            "id": p.id,
            "name": p.name.canonical,
            "name_deva": p.name.canonical_deva,
            "alias": p.name.alias.latin if p.name.alias else None,
            "gender": p.gender,
            "birth_year": p.birth_year,
            "role": p.role,
            "operation_id": p.operation_id,
            "home_district": p.home.district[0],
            "home_state": p.home.state,
            "phone": "+91" + p.phone if p.phone else None,
            "father_id": p.father.id if p.father else None,
            "case_id": p.case_id,
        }
        for p in world.persons
    ]
    return {"size": world.size.name, "seed": world.seed, "operations": ops, "persons": persons}
