"""`cases.jsonl`: FIR and rescue reports in English or Hindi, with structured fields.

The narrative names the accused with aliases and spelling variants, the operation's phones
(plainly written) and handles, where the victims were brought from and through, and the
counts. Victims are never named in the narrative, only in the structured `victims` field.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import orjson

from kadiyan.scenario.names import join_alias, write_alias, write_deva, write_latin
from kadiyan.scenario.parts import Part, PartFiles, PartResult
from kadiyan.scenario.phones import field_form, narrative_form
from kadiyan.scenario.places import Place
from kadiyan.scenario.rng import day_to_date, iso_day, substream
from kadiyan.scenario.world import CasePlan, Person, World

FILE = "cases.jsonl"
EN_NUM = (
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)
HI_NUM = ("शून्य", "एक", "दो", "तीन", "चार", "पाँच", "छह", "सात", "आठ", "नौ", "दस", "ग्यारह", "बारह")
RANK_HI = {"SI": "उपनिरीक्षक", "Inspector": "निरीक्षक", "ASI": "सहायक उपनिरीक्षक"}
PLATFORM_EN = {
    "instagram": "Instagram",
    "twitter": "X",
    "telegram": "Telegram",
    "facebook": "Facebook",
}
PLATFORM_HI = {
    "instagram": "इंस्टाग्राम",
    "twitter": "एक्स (ट्विटर)",
    "telegram": "टेलीग्राम",
    "facebook": "फेसबुक",
}
PREMISES = (
    ("rented house", "किराए के मकान"),
    ("flat", "फ्लैट"),
    ("hotel", "होटल"),
    ("spa centre", "स्पा सेंटर"),
    ("guest house", "गेस्ट हाउस"),
)
ROLE_EN = {
    "recruiter": "who recruited the women",
    "transporter": "who brought the women",
    "exploiter": "the main operator of the racket",
    "harbourer": "who ran the house",
    "accused": "an associate",
}
ROLE_HI = {
    "recruiter": "जो युवतियों को बहला-फुसलाकर लाता था",
    "transporter": "जो युवतियों को लेकर आता था",
    "exploiter": "गिरोह का सरगना",
    "harbourer": "जो मकान चलाता था",
    "accused": "सहयोगी",
}


def sections(plan: CasePlan) -> list[str]:
    """Charges as `ACT N(sub)`: IPC before 2024-07-01, BNS after; ITPA always."""
    minors = any(v.age_on(plan.day) < 18 for v in plan.victims)
    foreign = any(v.home.state == "Nepal" for v in plan.victims)
    if plan.bns:
        out = ["BNS 143(5)" if minors else "BNS 143(4)" if len(plan.victims) > 1 else "BNS 143(3)"]
        if plan.kind != "transit":
            out.append("BNS 144(2)")
        if minors:
            out += ["BNS 96", "BNS 98"]
        if foreign:
            out.append("BNS 141")
    else:
        out = ["IPC 370"]
        if plan.kind != "transit":
            out.append("IPC 370A")
        if minors:
            out += ["IPC 366A", "IPC 372"]
        if foreign:
            out.append("IPC 366B")
    itpa = ["ITPA 5"] if plan.kind == "transit" else ["ITPA 3", "ITPA 4", "ITPA 5"]
    if minors and plan.kind != "transit":
        itpa.append("ITPA 6")
    return out + itpa


def sections_text(secs: list[str], hindi: bool) -> str:
    """`143(4), 144(2) BNS and 3, 4, 5 ITPA` or its Hindi form."""
    code = [s.split()[1] for s in secs if not s.startswith("ITPA")]
    act = secs[0].split()[0]
    itpa = [s.split()[1] for s in secs if s.startswith("ITPA")]
    if hindi:
        act_hi = "बीएनएस" if act == "BNS" else "भादवि"
        return f"{', '.join(code)} {act_hi} व {'/'.join(itpa)} अनैतिक देह व्यापार (निवारण) अधिनियम"
    return f"{', '.join(code)} {act} and {', '.join(itpa)} ITPA"


class _Case:
    """Builds one report; collects every written name, phone and handle for the truth."""

    def __init__(
        self, rng: random.Random, plan: CasePlan, gaz_state_deva: Callable[[str], str]
    ) -> None:
        self.rng = rng
        self.plan = plan
        self.hi = plan.language == "hi"
        self.script = "deva" if self.hi else "latin"
        self.state_deva = gaz_state_deva
        self.names: list[dict[str, str]] = []
        self.person_ids: list[str] = []
        self.phones: list[str] = []
        self.handles: list[str] = []
        self.emails: list[str] = []

    def name(self, p: Person, *, alias: bool = False, variant_p: float = 0.35) -> str:
        """A written name of a person, noted for the truth."""
        rng = self.rng
        if self.hi:
            written = write_deva(p.name, rng, variant_p=variant_p)
            if rng.random() < 0.12:
                latin = write_latin(p.name, rng, variant_p=variant_p, typo_p=0.0)
                self._note(p, latin)
                self._note(p, written)
                written = f"{written} ({latin})"
            else:
                self._note(p, written)
        else:
            written = write_latin(p.name, rng, variant_p=variant_p, typo_p=0.06)
            self._note(p, written)
        if alias and p.name.alias:
            a = write_alias(p.name.alias, rng, self.script)
            self._note(p, a)
            written = join_alias(written, a, rng, self.script)
        return written

    def _note(self, p: Person, written: str) -> None:
        self.person_ids.append(p.id)
        self.names.append({"person_id": p.id, "name": written})

    def phone(self, national: str) -> str:
        self.phones.append(national)
        return narrative_form(national, self.rng, self.script)

    def place(self, pair: tuple[str, str]) -> str:
        return pair[1] if self.hi else pair[0]

    def num(self, n: int, start: bool = False) -> str:
        table = HI_NUM if self.hi else EN_NUM
        if n < len(table) and self.rng.random() < 0.8:
            word = table[n]
            return word.capitalize() if start and not self.hi else word
        return str(n)


def accused_entry(c: _Case, p: Person, day: int) -> dict:
    """The structured record of one accused person."""
    rng = c.rng
    alias = None
    if p.name.alias and rng.random() < 0.8:
        alias = write_alias(p.name.alias, rng, c.script)
        c._note(p, alias)
    father = None
    if p.father is not None and rng.random() < 0.6:
        father = c.name(p.father, variant_p=0.3)
    phone = None
    if p.phone and rng.random() < 0.5:
        c.phones.append(p.phone)
        phone = field_form(p.phone, rng)
    address = None
    if rng.random() < 0.6:
        address = _address(c, p)
    age = p.age_on(day) + rng.choice((0, 0, 0, 1, -1)) if rng.random() < 0.75 else None
    return {
        "name": c.name(p, variant_p=0.3),
        "alias": alias,
        "father": father,
        "age": age,
        "phone": phone,
        "address": address,
    }


def _address(c: _Case, p: Person) -> str:
    spot = c.place(p.spot) if p.spot else ""
    district = c.place(p.home.district)
    if c.hi:
        return f"{spot}, {district}" if spot else district
    return f"{spot}, {district}, {p.home.state}" if spot else f"{district}, {p.home.state}"


def victim_entry(c: _Case, v: Person, day: int) -> dict:
    """The structured record of one rescued victim (names never go in the narrative)."""
    age = v.age_on(day)
    if c.rng.random() < 0.15:
        age += c.rng.choice((-1, 1))  # age as estimated at rescue, before age determination
    c.person_ids.append(v.id)
    written = write_deva(v.name, c.rng) if c.hi else write_latin(v.name, c.rng, typo_p=0.04)
    c.names.append({"person_id": v.id, "name": written})
    return {
        "name": written,
        "age": age,
        "from_district": v.home.district[0],
        "from_state": v.home.state,
    }


def _list(c: _Case, items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    last = " व " if c.hi else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def _sources(c: _Case, victims: list[Person]) -> str:
    by_state: dict[str, list[str]] = {}
    for v in victims:
        names = by_state.setdefault(v.home.state, [])
        d = c.place(v.home.district)
        if d not in names:
            names.append(d)
    parts = []
    for state, districts in by_state.items():
        st = c.state_deva(state) if c.hi else state
        parts.append(f"{_list(c, districts)} ({st})")
    return _list(c, parts)


def _transits(c: _Case, plan: CasePlan) -> list[str]:
    """Transit points passed before the place of rescue."""
    if plan.operation is None:
        return []
    out = []
    for t in plan.operation.route.transits:
        if t is plan.place:
            break
        out.append(c.place(t.name))
    return out


def _handle_mention(c: _Case, platform: str, handle: str) -> str:
    c.handles.append(f"{platform}:{handle}")
    if platform == "telegram":
        return f"t.me/{handle}"
    if platform == "facebook":
        return f"facebook.com/{handle}"
    return f"@{handle}"


def narrative_en(c: _Case, plan: CasePlan, secs: list[str]) -> str:
    """English FIR prose."""
    rng = c.rng
    d = day_to_date(plan.day)
    ps, district = plan.police_station[0], plan.place.district[0]
    head = rng.choice(
        (
            f"FIR No. {plan.fir_no}, PS {ps}, District {district}, {plan.place.state}. Date of "
            f"report {d:%d.%m.%Y}. Sections {sections_text(secs, False)}.",
            f"Case Crime No. {plan.fir_no} u/s {sections_text(secs, False)} registered at PS "
            f"{ps}, {district} ({plan.place.state}) on {d:%d.%m.%Y}.",
            f"P.S. {ps}, Distt. {district}, {plan.place.state}: FIR {plan.fir_no} dated "
            f"{d:%d/%m/%Y} under sections {sections_text(secs, False)}.",
        )
    )
    out = [head]
    op = plan.operation
    ad_phones = rng.sample(op.phones, min(len(op.phones), rng.choice((1, 1, 2)))) if op else []
    official = plan.officials[0]
    lead = f"{official.rank} {c.name(official, variant_p=0.1)}"
    premise = rng.choice(PREMISES)[0]
    spot = plan.spot[0]
    if plan.kind == "transit":
        out.append(
            f"On information that girls were being taken out of state, a team led by {lead} "
            f"checked passengers at {spot} and stopped the men travelling with them."
        )
    elif op and op.handles and rng.random() < 0.6:
        platform, handle = rng.choice(op.handles)
        phones = " and ".join(c.phone(p) for p in ad_phones)
        out.append(
            "On a complaint received through the cyber cell about a post on "
            f"{PLATFORM_EN[platform]} ({_handle_mention(c, platform, handle)}) advertising girls "
            f"with mobile number {phones}, a team led by {lead} conducted a "
            f"{'decoy operation' if plan.kind == 'decoy' else 'raid'} at a {premise} in {spot}."
        )
    elif ad_phones:
        out.append(
            f"Acting on an online advertisement carrying mobile number {c.phone(ad_phones[0])}, a "
            f"team led by {lead} sent a decoy customer and raided a {premise} in {spot}."
        )
    else:
        out.append(
            f"On secret information that girls were being kept for prostitution at a {premise} in "
            f"{spot}, a team led by {lead} conducted a raid."
        )
    if len(plan.officials) > 1:
        second = plan.officials[1]
        out.append(
            f"{second.rank} {c.name(second, variant_p=0.1)} accompanied the team with women "
            "constables."
        )
    out.append(_rescue_en(c, plan))
    out.append(_route_en(c, plan))
    out.append(_arrests_en(c, plan))
    for p in plan.absconding:
        out.append(
            f"{c.name(p, alias=True)}, {ROLE_EN.get(p.role, 'an associate')}, is absconding."
        )
    if op and op.email and rng.random() < 0.3:
        c.emails.append(op.email)
        out.append(f"Bookings were also taken on the e-mail ID {op.email}.")
    out.append(_seized_en(c, plan))
    if plan.cdr_phones:
        out.append(
            f"CDRs of mobile numbers {_list(c, [c.phone(p) for p in plan.cdr_phones])} have been "
            "requested."
        )
    return " ".join(s for s in out if s)


def _rescue_en(c: _Case, plan: CasePlan) -> str:
    minors = sorted(v.age_on(plan.day) for v in plan.victims if v.age_on(plan.day) < 18)
    n = len(plan.victims)
    noun = "woman was" if n == 1 else "women were"
    text = f"{c.num(n, start=True)} {noun} rescued"
    if minors:
        ages = _list(c, [str(a) for a in minors])
        text += (
            f", {c.num(len(minors))} of whom appear to be minors (aged about {ages}) and were "
            "produced before the CWC"
            if len(minors) > 1
            else (
                f", one of whom appears to be a minor (aged about {ages}) and was produced before "
                "the CWC"
            )
        )
    return text + "."


def _route_en(c: _Case, plan: CasePlan) -> str:
    transits = _transits(c, plan)
    via = f" via {_list(c, transits)}" if transits else ""
    dest = f" to {plan.place.city[0]}" if plan.kind != "transit" else ""
    bringer = next(
        (p for p in plan.arrested + plan.absconding if p.role in ("recruiter", "transporter")), None
    )
    if plan.operation is None and plan.arrested:
        bringer = plan.arrested[0]
    who = "The woman said she was" if len(plan.victims) == 1 else "The women said they were"
    text = f"{who} brought from {_sources(c, plan.victims)}{via}{dest}"
    if bringer is not None:
        desc = [f"age about {bringer.age_on(plan.day)}"]
        if bringer.father:
            desc.append(
                f"{'d/o' if bringer.gender == 'f' else 's/o'} "
                f"{c.name(bringer.father, variant_p=0.3)}"
            )
        desc.append(
            f"r/o {bringer.spot[0]}, {bringer.home.district[0]}"
            if bringer.spot
            else f"r/o {bringer.home.district[0]}"
        )
        text += (
            f" by {'a woman' if bringer.gender == 'f' else 'a man'} called "
            f"{c.name(bringer, alias=True)} ({', '.join(desc)})"
        )
        if bringer.phone and c.rng.random() < 0.7:
            text += f", who used the number {c.phone(bringer.phone)}"
    return text + "."


def _arrests_en(c: _Case, plan: CasePlan) -> str:
    parts = []
    for p in plan.arrested:
        text = c.name(p, alias=c.rng.random() < 0.7)
        if p.role == "harbourer":
            text += f" ({p.age_on(plan.day)}), who kept the house"
        elif p.role in ROLE_EN and c.rng.random() < 0.5:
            text += f", {ROLE_EN[p.role]}"
        parts.append(text)
    if plan.customers:
        if c.rng.random() < 0.5:
            parts.append(
                f"{c.num(len(plan.customers))} customer{'s' if len(plan.customers) > 1 else ''}"
            )
        else:
            parts += [f"customer {c.name(p, variant_p=0.2)}" for p in plan.customers]
    return f"Arrested: {'; '.join(parts)}." if parts else ""


def _seized_en(c: _Case, plan: CasePlan) -> str:
    items = [f"{c.num(plan.phones_seized)} mobile phone{'s' if plan.phones_seized != 1 else ''}"]
    if plan.cash:
        items.append(f"Rs {plan.cash:,} in cash")
    if plan.vehicle:
        items.append(
            "one "
            f"{c.rng.choice(('Maruti Swift', 'Hyundai i10', 'Mahindra Bolero', 'Honda City'))} "
            f"{plan.vehicle}"
        )
    return f"Seized: {', '.join(items)}."


def narrative_hi(c: _Case, plan: CasePlan, secs: list[str]) -> str:
    """Hindi FIR prose in Devanagari."""
    rng = c.rng
    d = day_to_date(plan.day)
    ps, district = plan.police_station[1], plan.place.district[1]
    state = c.state_deva(plan.place.state)
    head = rng.choice(
        (
            f"थाना {ps}, जनपद {district}। मु.अ.सं. {plan.fir_no} धारा {sections_text(secs, True)}।",
            f"मुकदमा अपराध संख्या {plan.fir_no} धारा {sections_text(secs, True)}, थाना {ps}, "
            f"जिला {district} ({state})।",
        )
    )
    out = [head]
    op = plan.operation
    ad_phones = rng.sample(op.phones, min(len(op.phones), rng.choice((1, 1, 2)))) if op else []
    official = plan.officials[0]
    lead = f"{RANK_HI.get(official.rank or 'SI', 'उपनिरीक्षक')} {c.name(official, variant_p=0.1)}"
    premise = rng.choice(PREMISES)[1]
    spot = plan.spot[1]
    n = len(plan.victims)
    girls = "युवती" if n == 1 else "युवतियों"
    if plan.kind == "transit":
        out.append(
            f"दिनांक {d:%d.%m.%Y} को सूचना मिली कि कुछ लड़कियों को बाहर ले जाया जा रहा है, जिस पर "
            f"{lead} के नेतृत्व में टीम ने {spot} पर चेकिंग के दौरान {c.num(n)} {girls} को मुक्त "
            "कराया।"
        )
    elif op and op.handles and rng.random() < 0.6:
        platform, handle = rng.choice(op.handles)
        phones = " व ".join(c.phone(p) for p in ad_phones)
        out.append(
            f"दिनांक {d:%d.%m.%Y} को साइबर सेल को {PLATFORM_HI[platform]} "
            f"({_handle_mention(c, platform, handle)}) पर मोबाइल नंबर {phones} के साथ लड़कियों का "
            f"विज्ञापन मिला, जिस पर {lead} के नेतृत्व में टीम ने {spot} स्थित एक {premise} पर "
            f"छापा मारकर {c.num(n)} {girls} को मुक्त कराया।"
        )
    else:
        out.append(
            f"दिनांक {d:%d.%m.%Y} को मुखबिर की सूचना पर {lead} के नेतृत्व में टीम ने {spot} स्थित "
            f"एक {premise} से {c.num(n)} {girls} को मुक्त कराया।"
        )
    minors = sorted(v.age_on(plan.day) for v in plan.victims if v.age_on(plan.day) < 18)
    if minors:
        ages = _list(c, [str(a) for a in minors])
        if len(minors) == 1:
            out.append(
                f"इनमें एक नाबालिग (उम्र लगभग {ages} वर्ष) है, जिसे बाल कल्याण समिति के समक्ष "
                "प्रस्तुत किया गया।"
            )
        else:
            out.append(
                f"इनमें {c.num(len(minors))} नाबालिग (उम्र लगभग {ages} वर्ष) हैं, जिन्हें बाल "
                "कल्याण समिति के समक्ष प्रस्तुत किया गया।"
            )
    transits = _transits(c, plan)
    via = f" {_list(c, transits)} होते हुए" if transits else ""
    dest = f" {plan.place.city[1]}" if plan.kind != "transit" else " यहाँ"
    out.append(
        f"{'युवती' if n == 1 else 'युवतियों'} को {_sources(c, plan.victims)} से{via}{dest} लाया गया था।"
    )
    out.append(_arrests_hi(c, plan))
    if ad_phones and rng.random() < 0.7:
        out.append(
            f"अभियुक्त ग्राहकों से व्हाट्सएप नंबर {_list(c, [c.phone(p) for p in ad_phones])} के "
            "माध्यम से संपर्क करते थे।"
        )
    for p in plan.absconding:
        role = ROLE_HI.get(p.role, "सहयोगी")
        if p.gender == "f":
            role = role.replace("ता था", "ती थी")
        out.append(f"अभियुक्त {c.name(p, alias=True)}, {role}, फरार है, जिसकी तलाश की जा रही है।")
    if plan.cdr_phones:
        out.append(
            f"अभियुक्तों के मोबाइल नंबर {_list(c, [c.phone(p) for p in plan.cdr_phones])} की "
            "सीडीआर निकाली जा रही है।"
        )
    items = [f"{c.num(plan.phones_seized)} मोबाइल फोन"]
    if plan.cash:
        items.append(f"{plan.cash:,} रुपये नकद")
    if plan.vehicle:
        items.append(f"एक वाहन {plan.vehicle}")
    out.append(f"कब्जे से {_list(c, items)} बरामद हुए।")
    return " ".join(s for s in out if s)


def _arrests_hi(c: _Case, plan: CasePlan) -> str:
    parts = []
    for p in plan.arrested:
        text = c.name(p, alias=c.rng.random() < 0.7)
        if p.father and c.rng.random() < 0.6:
            text += f" पुत्र{'ी' if p.gender == 'f' else ''} {c.name(p.father, variant_p=0.3)}"
        if p.spot:
            text += f" निवासी {p.spot[1]}, {p.home.district[1]}"
        text += f" (उम्र {p.age_on(plan.day)} वर्ष)"
        parts.append(text)
    if not parts:
        return ""
    text = f"मौके से अभियुक्त {_list(c, parts)} को गिरफ्तार किया गया।"
    if plan.customers:
        if c.rng.random() < 0.5:
            text += f" {c.num(len(plan.customers))} ग्राहकों को भी गिरफ्तार किया गया।"
        else:
            text += (
                f" ग्राहक {_list(c, [c.name(p, variant_p=0.2) for p in plan.customers])} को भी "
                "गिरफ्तार किया गया।"
            )
    return text


def agency(place: Place) -> str:
    """The unit that registers the case: the district's anti-human-trafficking unit."""
    return f"AHTU {place.district[0]}"


def case_record(rng: random.Random, plan: CasePlan, world: World) -> tuple[dict, dict]:
    """One case report and its truth."""
    c = _Case(rng, plan, world.gaz.state_deva)
    secs = sections(plan)
    accused = [
        accused_entry(c, p, plan.day) for p in (*plan.arrested, *plan.absconding, *plan.customers)
    ]
    victims = [victim_entry(c, v, plan.day) for v in plan.victims]
    narrative = narrative_hi(c, plan, secs) if c.hi else narrative_en(c, plan, secs)
    record = {
        "id": plan.id,
        "fir_no": plan.fir_no,
        "police_station": plan.police_station[0],
        "district": plan.place.district[0],
        "state": plan.place.state,
        "registered_on": iso_day(plan.day),
        "agency": agency(plan.place),
        "language": plan.language,
        "sections": secs,
        "accused": accused,
        "victims": victims,
        "rescued": len(plan.victims),
        "arrested": len(plan.arrested) + len(plan.customers),
        "minors": sum(1 for v in plan.victims if v.age_on(plan.day) < 18),
        "phones_seized": plan.phones_seized,
        "narrative": narrative,
    }
    truth = {
        "operation_id": plan.operation.id if plan.operation else None,
        "person_ids": c.person_ids,
        "victim_ids": [v.id for v in plan.victims],
        "phones": c.phones,
        "emails": c.emails,
        "handles": c.handles,
        "names": [dict(t) for t in dict.fromkeys(tuple(n.items()) for n in c.names)],
    }
    return record, truth


def write_cases_part(world: World, part: Part, out: Path) -> PartResult:
    """Write `cases.jsonl` (one part: case reports are few) and its truth."""
    rng = substream(world.seed, "cases")
    with PartFiles(out, part) as files:
        fh = files.data(FILE)
        for plan in world.cases:
            record, t = case_record(rng, plan, world)
            fh.write(orjson.dumps(record))
            fh.write(b"\n")
            files.truth.add(record["id"], FILE, **t)
    return PartResult("cases", part.index, {FILE: len(world.cases)})
