"""Call detail records of phones seized in cases, in three operator formats.

Police receive CDRs from each operator in its own layout; ingestion keeps one column mapping
per operator. The formats written here, as data (copy `FORMATS` into a mapping table):

- `airtel` → `calls.csv`: numbers as 10 digits; `Date` dd/mm/yyyy and `Time` HH:MM:SS;
  `Call Type` OUTGOING / INCOMING / SMS-OUT / SMS-IN; cells `404-10-LAC-CID`;
  `Roaming Circle` the telecom circle the phone was in.
- `jio` → `calls_jio.csv`: numbers as 12 digits with the 91 prefix; one
  `CALL_START_DT` `yyyy-mm-dd HH:MM:SS`; `CALL_TYPE` MOC / MTC / SMS-MO / SMS-MT; cells as
  15-digit CGIs (MCC 405, MNC 861, LAC 5 digits, cell 4 digits); `ROAMING_STATUS` HOME / ROAMING.
- `vi` → `calls_vi.csv`: numbers as `+91` and 10 digits; `Call Date` dd-Mon-yyyy and
  `Call Time` HH:MM:SS; `Call Type` CALL_OUT / CALL_IN / SMS_OUT / SMS_IN; cells `LAC-CID`;
  `Circle` the telecom circle.

In every format the first column is a row id unique across all call files (`AT-0000001`,
`JIO-0000001`, `VI-0000001`), the A party is the seized phone, durations are seconds (0 for
SMS). Truth lines list the A and B parties as phones.
"""

from __future__ import annotations

import csv
import math
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kadiyan.scenario.parts import Part, PartFiles, PartResult
from kadiyan.scenario.phones import draw_mobile
from kadiyan.scenario.rng import LAST_DAY, allocate, day_to_date, substream
from kadiyan.scenario.world import CasePlan, Operation, Person, World

# operator → file, row id prefix, ordered header, and the meaning of each column.
FORMATS: dict[str, dict] = {
    "airtel": {
        "file": "calls.csv",
        "row_id_prefix": "AT-",
        "header": (
            "Sl No",
            "Target No",
            "Call Type",
            "B Party No",
            "Date",
            "Time",
            "Duration(sec)",
            "First Cell ID",
            "Last Cell ID",
            "IMEI",
            "IMSI",
            "Roaming Circle",
        ),
        "columns": {
            "row_id": "Sl No",
            "a_party": "Target No",
            "b_party": "B Party No",
            "date": "Date",
            "time": "Time",
            "duration": "Duration(sec)",
            "call_type": "Call Type",
            "first_cell": "First Cell ID",
            "last_cell": "Last Cell ID",
            "imei": "IMEI",
            "imsi": "IMSI",
        },
        "date_format": "%d/%m/%Y",
        "time_format": "%H:%M:%S",
        "number_format": "10 digits",
        "call_types": {
            "OUTGOING": "voice_out",
            "INCOMING": "voice_in",
            "SMS-OUT": "sms_out",
            "SMS-IN": "sms_in",
        },
    },
    "jio": {
        "file": "calls_jio.csv",
        "row_id_prefix": "JIO-",
        "header": (
            "RECORD_ID",
            "MSISDN",
            "OTHER_PARTY_NO",
            "CALL_TYPE",
            "CALL_START_DT",
            "CALL_DURATION_SEC",
            "FIRST_CGI",
            "LAST_CGI",
            "IMSI",
            "IMEI",
            "ROAMING_STATUS",
        ),
        "columns": {
            "row_id": "RECORD_ID",
            "a_party": "MSISDN",
            "b_party": "OTHER_PARTY_NO",
            "datetime": "CALL_START_DT",
            "duration": "CALL_DURATION_SEC",
            "call_type": "CALL_TYPE",
            "first_cell": "FIRST_CGI",
            "last_cell": "LAST_CGI",
            "imei": "IMEI",
            "imsi": "IMSI",
        },
        "datetime_format": "%Y-%m-%d %H:%M:%S",
        "number_format": "91 + 10 digits",
        "call_types": {
            "MOC": "voice_out",
            "MTC": "voice_in",
            "SMS-MO": "sms_out",
            "SMS-MT": "sms_in",
        },
    },
    "vi": {
        "file": "calls_vi.csv",
        "row_id_prefix": "VI-",
        "header": (
            "Record No",
            "A Number",
            "B Number",
            "Call Date",
            "Call Time",
            "Dur(s)",
            "Call Type",
            "First Cell",
            "Last Cell",
            "IMEI No",
            "IMSI No",
            "Circle",
        ),
        "columns": {
            "row_id": "Record No",
            "a_party": "A Number",
            "b_party": "B Number",
            "date": "Call Date",
            "time": "Call Time",
            "duration": "Dur(s)",
            "call_type": "Call Type",
            "first_cell": "First Cell",
            "last_cell": "Last Cell",
            "imei": "IMEI No",
            "imsi": "IMSI No",
        },
        "date_format": "%d-%b-%Y",
        "time_format": "%H:%M:%S",
        "number_format": "+91 + 10 digits",
        "call_types": {
            "CALL_OUT": "voice_out",
            "CALL_IN": "voice_in",
            "SMS_OUT": "sms_out",
            "SMS_IN": "sms_in",
        },
    },
}
PART_ROWS = 200_000
KINDS = ("voice_out", "voice_in", "sms_out", "sms_in")
_KIND_WEIGHTS = (0.38, 0.37, 0.1, 0.15)
_MCC_MNC = {"airtel": ("404", "10"), "jio": ("405", "861"), "vi": ("404", "20")}
_CIRCLES = {
    "Delhi": "Delhi",
    "Haryana": "Delhi",
    "Uttar Pradesh": "UP East",
    "Maharashtra": "Maharashtra",
    "West Bengal": "Kolkata",
    "Telangana": "Andhra Pradesh",
    "Karnataka": "Karnataka",
    "Rajasthan": "Rajasthan",
    "Bihar": "Bihar",
    "Jharkhand": "Bihar",
    "Assam": "Assam",
    "Odisha": "Odisha",
    "Nepal": "Bihar",
}
# Hour-of-day weights: business phones are busiest in the evening and at night.
_HOURS = tuple(range(24))
_HOUR_W = (3, 2, 2, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 6, 6, 6, 7, 8, 9, 10, 10, 9, 7, 5)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def luhn_digit(digits: str) -> str:
    """The Luhn check digit that completes an IMEI."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def make_imei(rng: random.Random) -> str:
    """A 15-digit IMEI with a valid check digit."""
    body = f"{rng.choice(('35', '86', '35', '01'))}{rng.randrange(10**12):012d}"
    return body + luhn_digit(body)


@dataclass(slots=True)
class Sim:
    """A seized phone as the operator knows it."""

    number: str
    operator: str
    imsi: str
    imeis: list[str]  # handsets the SIM was used in, the first most often
    cells: list[tuple[int, int, str]]  # (lac, cid, circle)
    holder: Person | None
    operation: Operation | None


def operator_of(seed: int, number: str) -> str:
    """The operator a seized number belongs to (drawn once per number)."""
    return substream(seed, f"sim:{number}").choices(("airtel", "jio", "vi"), (0.35, 0.45, 0.2))[0]


def _sim(world: World, number: str, plan: CasePlan) -> Sim:
    rng = substream(world.seed, f"sim:{number}")
    operator = rng.choices(("airtel", "jio", "vi"), (0.35, 0.45, 0.2))[0]
    mcc, mnc = _MCC_MNC[operator]
    imsi = (
        f"{mcc}{mnc}{rng.randrange(10 ** (15 - len(mcc) - len(mnc))):0{15 - len(mcc) - len(mnc)}d}"
    )
    holder = world.phone_owner.get(number)
    # One handset often carries several of a person's SIMs: the shared IMEI links them.
    if holder is not None and rng.random() < 0.6:
        imeis = [make_imei(substream(world.seed, f"handset:{holder.id}"))]
    else:
        imeis = [make_imei(rng)]
    if rng.random() < 0.15:
        imeis.append(make_imei(rng))
    home = holder.home if holder else plan.place
    places = [home, plan.place]
    if holder is not None and holder.role == "transporter" and plan.operation:
        places += list(plan.operation.route.transits)
    cells = []
    for place in places:
        circle = _CIRCLES.get(place.state, "UP East")
        prng = substream(world.seed, f"cells:{operator}:{place.district[0]}")
        lacs = [prng.randrange(1000, 60000) for _ in range(3)]
        pool = [(lacs[i % 3], prng.randrange(1, 10000)) for i in range(40)]
        cells += [(lac, cid, circle) for lac, cid in rng.sample(pool, rng.randint(2, 6))]
    return Sim(number, operator, imsi, imeis, cells, holder, plan.operation)


def _contacts(
    world: World, sim: Sim, plan: CasePlan, rng: random.Random
) -> tuple[list[str], list[float]]:
    """Who this phone talks to, weighted: its network, customers, families, the public."""
    contacts: list[str] = []
    weights: list[float] = []

    def add(numbers: list[str], share: float) -> None:
        numbers = [n for n in dict.fromkeys(numbers) if n != sim.number]
        for n in numbers:
            contacts.append(n)
            weights.append(share / len(numbers))

    op = sim.operation
    if op is not None:
        add([m.phone for m in op.members if m.phone] + op.phones, 0.3)
        add([c.phone for c in op.customers if c.phone], 0.2 if sim.number in op.phones else 0.05)
        add([v.father.phone for v in op.victims if v.father and v.father.phone][:20], 0.02)
        linked = [o for o in world.operations if o.id in op.linked]
        add([p for o in linked for p in o.phones], 0.01)
    else:
        add([p.phone for p in plan.arrested + plan.absconding if p.phone], 0.2)
    public = []
    for _ in range(rng.randint(15, 80)):
        public.append(_public_number(world, rng))
    zipf = [1.0 / (i + 1) for i in range(len(public))]
    s = sum(zipf)
    share = 1.0 - sum(weights)
    contacts += public
    weights += [share * z / s for z in zipf]
    return contacts, weights


def _public_number(world: World, rng: random.Random) -> str:
    return draw_mobile(rng, world.phones)


def _cell_text(operator: str, cell: tuple[int, int, str]) -> str:
    lac, cid, _circle = cell
    if operator == "airtel":
        return f"404-10-{lac}-{cid}"
    if operator == "jio":
        return f"405861{lac:05d}{cid:04d}"
    return f"{lac}-{cid}"


@cache
def _day_texts(operator: str) -> tuple[str, ...]:
    """Each world day written as the operator writes dates (a table: rows are many)."""
    out = []
    for day in range(LAST_DAY + 1):
        d = day_to_date(day)
        if operator == "airtel":
            out.append(f"{d.day:02d}/{d.month:02d}/{d.year}")
        elif operator == "jio":
            out.append(d.isoformat())
        else:
            out.append(f"{d.day:02d}-{_MONTHS[d.month - 1]}-{d.year}")
    return tuple(out)


_KIND_TEXT = {op: tuple(fmt["call_types"]) for op, fmt in FORMATS.items()}
_NUMBER_PREFIX = {"airtel": "", "jio": "91", "vi": "+91"}


def _rows(sim: Sim, events: list[tuple], first_row: int) -> list[list]:
    """CDR rows of one phone in its operator's layout, numbered from `first_row`."""
    operator = sim.operator
    days = _day_texts(operator)
    kinds = _KIND_TEXT[operator]
    pre = _NUMBER_PREFIX[operator]
    prefix = FORMATS[operator]["row_id_prefix"]
    cells = [_cell_text(operator, c) for c in sim.cells]
    circles = [c[2] for c in sim.cells]
    home = circles[0]
    a = pre + sim.number
    rows = []
    for i, (day, secs, b, kind, duration, c1, c2, imei) in enumerate(events):
        row_id = f"{prefix}{first_row + i:07d}"
        time = f"{secs // 3600:02d}:{secs // 60 % 60:02d}:{secs % 60:02d}"
        if operator == "airtel":
            rows.append(
                [
                    row_id,
                    a,
                    kinds[kind],
                    b,
                    days[day],
                    time,
                    duration,
                    cells[c1],
                    cells[c2],
                    imei,
                    sim.imsi,
                    circles[c1],
                ]
            )
        elif operator == "jio":
            roaming = "HOME" if circles[c1] == home else "ROAMING"
            rows.append(
                [
                    row_id,
                    a,
                    pre + b,
                    kinds[kind],
                    f"{days[day]} {time}",
                    duration,
                    cells[c1],
                    cells[c2],
                    sim.imsi,
                    imei,
                    roaming,
                ]
            )
        else:
            rows.append(
                [
                    row_id,
                    a,
                    pre + b,
                    days[day],
                    time,
                    duration,
                    kinds[kind],
                    cells[c1],
                    cells[c2],
                    imei,
                    sim.imsi,
                    circles[c1],
                ]
            )
    return rows


def _events(world: World, sim: Sim, plan: CasePlan, n: int) -> list[tuple]:
    """The n calls of one phone over the months before the case, in time order.

    Each is (day, seconds into the day, B number, kind index, duration, first cell index,
    last cell index, IMEI); kinds index `KINDS`.
    """
    rng = substream(world.seed, f"cdr:{sim.number}")
    contacts, weights = _contacts(world, sim, plan, rng)
    first_day = max(0, plan.day - rng.randint(60, 180))
    span = max(1, plan.day - first_day)
    n_cells = len(sim.cells)
    n_home = max(1, n_cells // 2)  # the first cells are where the phone usually is
    imeis = sim.imeis
    rand = rng.random
    gauss = rng.gauss
    events = []
    bs = rng.choices(contacts, weights, k=n)
    kinds = rng.choices(range(4), _KIND_WEIGHTS, k=n)
    hours = rng.choices(_HOURS, _HOUR_W, k=n)
    for b, kind, hour in zip(bs, kinds, hours, strict=True):
        day = first_day + int(rand() * span)
        secs = hour * 3600 + int(rand() * 3600)
        duration = 0 if kind >= 2 else max(1, min(5400, int(math.exp(gauss(3.8, 1.1)))))
        c1 = int(rand() * (n_home if rand() < 0.75 else n_cells))
        c2 = c1 if duration < 120 or rand() < 0.8 else int(rand() * n_cells)
        imei = imeis[0] if len(imeis) == 1 or rand() < 0.8 else imeis[1]
        events.append((day, secs, b, kind, duration, c1, c2, imei))
    events.sort(key=lambda e: (e[0], e[1]))
    return events


def cdr_requests(world: World) -> list[tuple[CasePlan, str]]:
    """Every (case, seized phone) whose CDR was obtained, in case order."""
    return [(plan, number) for plan in world.cases for number in plan.cdr_phones]


def call_parts(world: World) -> list[Part]:
    """Parts of the call files: consecutive CDRs, with each operator's first row number.

    Rows per CDR are fixed up front (they add up to the size's call count), so every part
    knows where its row ids start without waiting for the parts before it.
    """
    requests = cdr_requests(world)
    if not requests:
        return [Part("calls", 0, 0, 0, ((), (), {op: 1 for op in FORMATS}))]
    rng = substream(world.seed, "calls")
    weights = [
        (2.0 if plan.operation and number in plan.operation.phones else 1.0) * rng.uniform(0.3, 1.7)
        for plan, number in requests
    ]
    rows = allocate(world.size.calls, weights)
    operators = [operator_of(world.seed, number) for _, number in requests]
    parts: list[Part] = []
    next_row = {op: 1 for op in FORMATS}
    i = 0
    while i < len(requests):
        j, n = i, 0
        while j < len(requests) and (n < PART_ROWS or j == i):
            n += rows[j]
            j += 1
        parts.append(
            Part(
                "calls",
                len(parts),
                i,
                j - i,
                (tuple(rows[i:j]), tuple(operators[i:j]), dict(next_row)),
            )
        )
        for k in range(i, j):
            next_row[operators[k]] += rows[k]
        i = j
    return parts


def write_calls_part(world: World, part: Part, out: Path) -> PartResult:
    """Write the rows of `part`'s CDRs into the three operator files, and their truth."""
    requests = cdr_requests(world)[part.start : part.start + part.count]
    rows_per_request, _operators, first_row = part.extra
    counters = {op: first_row[op] - 1 for op in FORMATS}
    owner = world.phone_owner
    with PartFiles(out, part) as files:
        writers = {
            op: csv.writer(files.text(fmt["file"]), lineterminator="\n")
            for op, fmt in FORMATS.items()
        }
        truth = files.truth
        for (plan, number), n in zip(requests, rows_per_request, strict=True):
            sim = _sim(world, number, plan)
            file = FORMATS[sim.operator]["file"]
            events = _events(world, sim, plan, n)
            rows = _rows(sim, events, counters[sim.operator] + 1)
            counters[sim.operator] += len(rows)
            writers[sim.operator].writerows(rows)
            a_ids = [sim.holder.id] if sim.holder else []
            op_id = sim.operation.id if sim.operation else None
            a164 = "+91" + number
            for row, event in zip(rows, events, strict=True):
                b = event[2]
                b_owner = owner.get(b)
                ids = (
                    a_ids + [b_owner.id]
                    if b_owner is not None and b_owner is not sim.holder
                    else a_ids
                )
                # Written directly (not via `add`): two million rows, nothing to de-duplicate.
                truth.line(
                    {
                        "record_id": row[0],
                        "file": file,
                        "operation_id": op_id,
                        "person_ids": ids,
                        "victim_ids": [],
                        "phones": [a164, "+91" + b],
                        "emails": [],
                        "handles": [],
                        "images": [],
                    }
                )
    counts = {fmt["file"]: counters[op] - first_row[op] + 1 for op, fmt in FORMATS.items()}
    return PartResult("calls", part.index, counts)
