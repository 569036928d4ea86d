"""`bookings.csv`: hotel bookings, mostly ordinary guests, some made by operation members.

Operation bookings carry the hospitality indicators of DOMAIN.md: several rooms booked by one
person for others, a third party paying in cash, short or same-day stays, the operation's
phone or e-mail (the same ones as in its ads), a victim's name on the booking.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from kadiyan.scenario.names import name_bank, write_latin
from kadiyan.scenario.parts import Part, PartFiles, PartResult, chunks
from kadiyan.scenario.phones import draw_mobile, field_form, make_email
from kadiyan.scenario.places import Place
from kadiyan.scenario.rng import LAST_DAY, Weighted, iso_day, rchoice, rint, substream
from kadiyan.scenario.world import Operation, World

FILE = "bookings.csv"
HEADER = (
    "booking_id",
    "hotel",
    "hotel_city",
    "booked_at",
    "checkin",
    "checkout",
    "guest_name",
    "guest_phone",
    "guest_email",
    "rooms",
    "guests",
    "payer_name",
    "payment_mode",
    "channel",
)
NOISE_PERSON_BASE = 10_000_000  # ordinary guests and payers: P10000001..., 200,000 per part
PART_SIZE = 50_000
CHANNELS = ("Walk-in", "Phone", "Hotel Website", "RoomKhoj", "StayBazaar", "SafarStay")
PAYMENTS = (
    "UPI",
    "Credit Card",
    "Debit Card",
    "Net Banking",
    "Wallet",
    "Cash",
    "Prepaid Card",
    "Pay at Hotel",
)
_HOTEL_A = (
    "Sai",
    "Shree",
    "Royal",
    "Blue Moon",
    "Green Park",
    "Golden",
    "City",
    "Grand",
    "Silver Oak",
    "New",
    "Krishna",
    "Raj",
    "Star",
    "Sun",
    "Lotus",
    "Ganga",
    "Metro",
    "Comfort",
    "Kohinoor",
    "Maharaja",
)
_HOTEL_B = (
    "Palace",
    "Residency",
    "Inn",
    "Regency",
    "Plaza",
    "International",
    "Continental",
    "Guest House",
    "Lodge",
    "Towers",
    "Stay",
    "Heritage",
    "Comforts",
    "Suites",
)
_COMPANY = (
    "Traders",
    "Enterprises",
    "Tech Solutions Pvt Ltd",
    "Logistics",
    "Pharma Pvt Ltd",
    "Builders",
)
_REGIONS = ("hindi", "hindi", "hindi", "muslim", "bengali", "marathi", "south", "assamese", "odia")
_ROOMS = Weighted((1, 2, 3), (0.85, 0.12, 0.03))
_NIGHTS = Weighted((1, 2, 3, 4, 5), (0.4, 0.3, 0.15, 0.1, 0.05))
_PAYMENT = Weighted(PAYMENTS, (0.35, 0.2, 0.15, 0.08, 0.07, 0.08, 0.02, 0.05))
_CHANNEL = Weighted(CHANNELS, (0.1, 0.08, 0.12, 0.3, 0.25, 0.15))
# Operations pay cash or with prepaid cards and walk in or call: the hospitality indicators.
_OP_PAYMENT = Weighted(("Cash", "Prepaid Card", "UPI", "Pay at Hotel"), (0.6, 0.15, 0.15, 0.1))
_OP_CHANNEL = Weighted(("Walk-in", "Phone", "RoomKhoj", "StayBazaar"), (0.5, 0.3, 0.1, 0.1))


def hotels_of(seed: int, city: str) -> list[str]:
    """The hotels of a city: a stable list so bookings (and operations) repeat hotels."""
    rng = substream(seed, f"hotels:{city}")
    names: list[str] = []
    target = rng.randint(8, 30)
    while len(names) < target:
        name = f"Hotel {rng.choice(_HOTEL_A)} {rng.choice(_HOTEL_B)}"
        if name not in names:
            names.append(name)
    return names


class _BookingWriter:
    """Draws bookings of one part; ordinary guests get fresh person ids."""

    def __init__(self, world: World, part: Part) -> None:
        self.world = world
        self.rng = substream(world.seed, f"bookings:{part.index}")
        gaz = world.gaz
        cities: list[Place] = [*gaz.destinations, *gaz.transits, *gaz.other_cities]
        weights = (
            [4.0] * len(gaz.destinations)
            + [2.0] * len(gaz.transits)
            + [1.0] * len(gaz.other_cities)
        )
        self.city_picker = Weighted(cities, weights)
        self.hotels = {p.city[0]: hotels_of(world.seed, p.city[0]) for p in cities}
        self.op_picker = (
            Weighted(world.operations, [op.weight for op in world.operations])
            if world.operations
            else None
        )
        self.person_base = NOISE_PERSON_BASE + part.index * 200_000
        self.noise_persons = 0

    def noise_id(self) -> str:
        self.noise_persons += 1
        return f"P{self.person_base + self.noise_persons}"

    def dates(self, day: int, nights: int) -> tuple[str, str, str]:
        rng = self.rng
        booked = max(0, day - rchoice(rng, (0, 0, 1, 2, 5, 10, 20, 45)))
        return (
            f"{iso_day(booked)}T{rint(rng, 0, 23):02d}:{rint(rng, 0, 59):02d}:00+05:30",
            iso_day(day),
            iso_day(day + nights),
        )

    def benign(self, n: int) -> tuple[list, dict]:
        """An ordinary guest's booking."""
        rng = self.rng
        place = self.city_picker.pick(rng)
        name = name_bank().draw(rng, rchoice(rng, _REGIONS), rchoice(rng, "mmmf"), middle_p=0.2)
        guest = write_latin(name, rng, variant_p=0.2, typo_p=0.03)
        gid = self.noise_id()
        phone = draw_mobile(rng, self.world.phones)
        email = (
            make_email(rng, name.given.latin, name.surname.latin if name.surname else "", "")
            if rng.random() < 0.6
            else ""
        )
        rooms = _ROOMS.pick(rng)
        guests = rooms + rint(rng, 0, rooms + 1)
        nights = _NIGHTS.pick(rng)
        booked, checkin, checkout = self.dates(rint(rng, 0, LAST_DAY - 5), nights)
        person_ids = [gid]
        names = [{"person_id": gid, "name": guest}]
        r = rng.random()
        if r < 0.8:
            payer = guest
        elif r < 0.9:
            payer = f"{(name.surname or name.given).latin} {rchoice(rng, _COMPANY)}"
        else:
            other = name_bank().draw(rng, rchoice(rng, _REGIONS), "m")
            payer = write_latin(other, rng, variant_p=0.2, typo_p=0.0)
            pid = self.noise_id()
            person_ids.append(pid)
            names.append({"person_id": pid, "name": payer})
        payment = _PAYMENT.pick(rng)
        channel = _CHANNEL.pick(rng)
        row = [
            f"BK-{n:07d}",
            rchoice(rng, self.hotels[place.city[0]]),
            place.city[0],
            booked,
            checkin,
            checkout,
            guest,
            field_form(phone, rng),
            email,
            rooms,
            guests,
            payer,
            payment,
            channel,
        ]
        truth = {
            "person_ids": person_ids,
            "phones": [phone],
            "emails": [email] if email else [],
            "names": names,
        }
        return row, truth

    def operation(self, n: int, op: Operation) -> tuple[list, dict]:
        """A booking by a member: several rooms, a third party paying cash, a short stay."""
        rng = self.rng
        member = rchoice(rng, op.members)
        at_transit = member.role in ("transporter", "recruiter") and op.route.transits
        place = (
            rchoice(rng, op.route.transits) if at_transit else rchoice(rng, op.route.destinations)
        )
        hotels = self.hotels[place.city[0]]
        # An operation keeps going back to the same two or three hotels in a city.
        favourites = random.Random(f"{self.world.seed}:{op.id}:{place.city[0]}").sample(
            hotels, min(3, len(hotels))
        )
        written = write_latin(member.name, rng, variant_p=0.4, typo_p=0.08)
        names = [{"person_id": member.id, "name": written}]
        person_ids = [member.id]
        victim_ids: list[str] = []
        guest, payer = written, written
        victims = [v for v in op.victims if v.recruited_day is not None]
        if victims and rng.random() < 0.3:
            victim = rchoice(rng, victims)
            guest = write_latin(victim.name, rng, variant_p=0.3, typo_p=0.05)
            names.insert(0, {"person_id": victim.id, "name": guest})
            person_ids.insert(0, victim.id)
            victim_ids.append(victim.id)
        elif rng.random() < 0.4:
            other = rchoice(rng, [m for m in op.members if m is not member] or [member])
            guest = write_latin(other.name, rng, variant_p=0.4, typo_p=0.08)
            names.insert(0, {"person_id": other.id, "name": guest})
            person_ids.insert(0, other.id)
        phone = rchoice(rng, op.phones) if rng.random() < 0.5 or not member.phone else member.phone
        email = op.email if op.email and rng.random() < 0.5 else ""
        rooms = rint(rng, 2, 4)
        guests = rooms + rint(rng, 1, rooms + 2)
        nights = rchoice(rng, (0, 1, 1, 1, 2))
        booked, checkin, checkout = self.dates(rint(rng, op.start_day, op.end_day), nights)
        payment = _OP_PAYMENT.pick(rng)
        channel = _OP_CHANNEL.pick(rng)
        row = [
            f"BK-{n:07d}",
            rchoice(rng, favourites),
            place.city[0],
            booked,
            checkin,
            checkout,
            guest,
            field_form(phone, rng),
            email,
            rooms,
            guests,
            payer,
            payment,
            channel,
        ]
        truth = {
            "operation_id": op.id,
            "person_ids": person_ids,
            "victim_ids": victim_ids,
            "phones": [phone],
            "emails": [email] if email else [],
            "names": names,
        }
        return row, truth


def booking_parts(world: World) -> list[Part]:
    """Parts of `bookings.csv`."""
    return [
        Part("bookings", i, start, count)
        for i, (start, count) in enumerate(chunks(world.size.bookings, PART_SIZE))
    ]


def write_bookings_part(world: World, part: Part, out: Path) -> PartResult:
    """Write bookings `part.start ..` of `bookings.csv` and their truth."""
    w = _BookingWriter(world, part)
    rng = w.rng
    with PartFiles(out, part) as files:
        writer = csv.writer(files.text(FILE), lineterminator="\n")
        for n in range(part.start, part.start + part.count):
            if w.op_picker is not None and rng.random() < 0.07:
                row, t = w.operation(n, w.op_picker.pick(rng))
            else:
                row, t = w.benign(n)
            writer.writerow(row)
            files.truth.add(row[0], FILE, **t)
    return PartResult("bookings", part.index, {FILE: part.count})
