"""`ads.jsonl`: operation ads written from a few templates each, and plenty of noise.

An operation's ads are near-duplicates: one to three templates (fixed segments and phrasing)
whose slots change per ad (name, city, price, phone and how it is written) with occasional
word swaps and dropped segments. Noise is unrelated escort-style ads composed at random and
benign classifieds (tuition, bikes, rooms, jobs), each poster with phones of its own.
"""

from __future__ import annotations

import dataclasses
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import orjson

from kadiyan.scenario import phrases as ph
from kadiyan.scenario.images import NoiseQuota, render_single
from kadiyan.scenario.names import name_bank, write_alias
from kadiyan.scenario.parts import Part, PartFiles, PartResult, chunks
from kadiyan.scenario.phones import (
    BENIGN_STYLES,
    HINDI_STYLES,
    STYLES,
    draw_mobile,
    make_email,
    make_handle,
    obfuscate,
    write_handle,
)
from kadiyan.scenario.places import Place
from kadiyan.scenario.rng import (
    LAST_DAY,
    Weighted,
    allocate,
    iso_day,
    pick_weighted,
    rchoice,
    rint,
    substream,
)
from kadiyan.scenario.world import SITES, Operation, Person, World

FILE = "ads.jsonl"
NOISE_PERSON_BASE = 30_000_000  # noise posters: P30000001..., 100,000 ids per part
PART_SIZE = 50_000
_OPTIONAL = ("service", "safety", "availability", "payment", "profile", "extra")
_HONORIFIC_ALIASES = {"Aunty", "Didi", "Madam", "Bhabhi", "Mausi", "Chacha", "Dada", "Kaka", "Mamu"}
_SWAP_RE = re.compile(r"\b(" + "|".join(map(re.escape, ph.WORD_SWAPS)) + r")\b")
_ALL_STYLES = tuple(STYLES)


@dataclass(frozen=True, slots=True)
class Template:
    """An operation's ad skeleton: segment categories with their usual phrasing."""

    language: str
    segments: tuple[tuple[str, int], ...]  # (category, index of the usual phrase)
    sep: str
    decoration: str


@dataclass(slots=True)
class Poster:
    """Someone outside every operation who posts ads (an escort agency, a tutor)."""

    phones: list[str]
    handle: tuple[str, str] | None
    email: str | None
    language: str
    style: str
    stage: str
    person_id: str
    alias: str


def make_template(rng: random.Random, language: str) -> Template:
    """A skeleton: a headline, two to five optional segments, a contact, in a usual order."""
    bank = ph.ESCORT[language]
    optional = [c for c in _OPTIONAL if bank.get(c)]
    chosen = rng.sample(optional, rint(rng, 2, min(5, len(optional))))
    chosen.sort(key=ph.CATEGORIES.index)
    cats = ["headline", *chosen]
    cats.insert(len(cats) - (1 if rng.random() < 0.25 else 0), "contact")
    segments = tuple((c, int(rng.random() * len(bank[c]))) for c in cats)
    return Template(language, segments, rchoice(rng, ph.SEPARATORS), rchoice(rng, ph.DECORATIONS))


def render(
    rng: random.Random,
    tmpl: Template,
    slots: dict[str, str],
    *,
    swap_p: float = 0.12,
    drop_p: float = 0.1,
    word_p: float = 0.3,
) -> tuple[str, set[str], bool]:
    """Fill a template: usual phrasing mostly, sometimes another phrase or a dropped segment.

    Small word swaps apply to the phrases, never to slot values (handles, e-mails).
    Returns the text, its indicator codes, and whether the contact names the `{boss}`.
    """
    bank = ph.ESCORT[tmpl.language]
    parts: list[str] = []
    tags: set[str] = set()
    named = False
    # Most ads of a template keep its exact wording; some get a few spelling swaps.
    swaps = word_p > 0 and rng.random() < 0.4
    for category, usual in tmpl.segments:
        if category not in ("headline", "contact") and rng.random() < drop_p:
            continue
        options = bank[category]
        text, codes = options[usual if rng.random() >= swap_p else int(rng.random() * len(options))]
        if category == "contact":
            text, codes = _contact_phrase(rng, text, codes, slots)
            named = "{boss}" in text
        if swaps:
            text = swap_words(rng, text, word_p)
        parts.append(text.format_map(slots))
        tags.update(codes)
    return tmpl.decoration + tmpl.sep.join(parts), tags, named


def _contact_phrase(
    rng: random.Random, text: str, codes: tuple[str, ...], slots: dict[str, str]
) -> tuple[str, tuple[str, ...]]:
    """Links and handle-only contacts need phrasing of their own."""
    if not slots["phone"]:
        return "{handle}", ()
    if slots["phone"].startswith(("wa.me", "https://wa.me", "api.whatsapp")):
        return rchoice(rng, ("Book now: {phone}", "Chat: {phone}", "{phone}")), ()
    if "{boss}" in text and not slots["boss"]:
        return "Contact: {phone}", ()
    return text, codes


def swap_words(rng: random.Random, text: str, p: float = 0.15) -> str:
    """Small spelling swaps (available → avl) that make near-duplicates not exact."""
    return _SWAP_RE.sub(
        lambda m: rchoice(rng, ph.WORD_SWAPS[m.group(0)]) if rng.random() < p else m.group(0), text
    )


_PRICES = (1500, 2000, 2500, 3000, 3500, 4000, 5000, 6000, 7000, 8000, 10000)


class Slots(dict):
    """Slot values of one ad, drawn only when a template asks for them (most go unused)."""

    def __init__(self, rng: random.Random, place: Place) -> None:
        super().__init__(
            city=place.city[0],
            city_hi=place.city[1],
            name="",
            contact="",
            boss="",
            phone="",
            handle="",
            email="",
        )
        self.rng = rng
        self.place = place

    def __missing__(self, key: str) -> str:
        value = self[key] = _MAKERS[key](self.rng, self)
        return value


def _area(rng: random.Random, s: Slots) -> tuple[str, str]:
    spots = s.place.spots
    area = rchoice(rng, spots) if spots else s.place.city
    s["area"], s["area_hi"] = area
    return area


def _price2(rng: random.Random, s: Slots) -> str:
    return str(int(s["price"]) * rint(rng, 2, 4))


def _aadhaar_like(rng: random.Random) -> str:
    # Twelve digits in groups of four, first digit 2-5: never a mobile number.
    first = f"{rint(rng, 2, 5)}{rint(rng, 0, 999):03d}"
    return f"{first} {rint(rng, 0, 9999):04d} {rint(rng, 0, 9999):04d}"


def _rent(rng: random.Random, s: Slots) -> str:
    return str(rint(rng, 6, 50) * 500)


# Negatives on purpose: prices, ages, measurements, times, PIN codes, Aadhaar-like and order
# numbers. None of them may ever read as a phone number.
_MAKERS: dict[str, Callable[[random.Random, Slots], str]] = {
    "area": lambda rng, s: _area(rng, s)[0],
    "area_hi": lambda rng, s: _area(rng, s)[1],
    "days": lambda rng, s: str(rint(rng, 2, 7)),
    "n": lambda rng, s: str(rint(rng, 3, 12)),
    "price": lambda rng, s: str(rchoice(rng, _PRICES)),
    "price2": _price2,
    "age": lambda rng, s: str(rint(rng, 18, 29)),
    "m1": lambda rng, s: str(rchoice(rng, (32, 34, 36, 38))),
    "m2": lambda rng, s: str(rchoice(rng, (24, 26, 28, 30))),
    "m3": lambda rng, s: str(rchoice(rng, (32, 34, 36, 38))),
    "inch": lambda rng, s: str(rint(rng, 1, 8)),
    "t1": lambda rng, s: str(rint(rng, 9, 11)),
    "t2": lambda rng, s: str(rint(rng, 9, 11)),
    "pin": lambda rng, s: (s.place.pin or "110") + f"{rint(rng, 0, 99):03d}",
    "cls": lambda rng, s: str(rint(rng, 6, 12)),
    "subject": lambda rng, s: rchoice(rng, ph.SUBJECTS),
    "bike": lambda rng, s: rchoice(rng, ph.BIKES),
    "car": lambda rng, s: rchoice(rng, ph.CARS),
    "year": lambda rng, s: str(rint(rng, 2012, 2023)),
    "km": lambda rng, s: str(rint(rng, 5, 90) * 1000),
    "bhk": lambda rng, s: str(rint(rng, 1, 3)),
    "rent": _rent,
    "dep": lambda rng, s: str(int(s["rent"]) * rint(rng, 2, 3)),
    "job": lambda rng, s: rchoice(rng, ph.JOBS),
    "sal1": lambda rng, s: str(rint(rng, 10, 18) * 1000),
    "sal2": lambda rng, s: str(rint(rng, 19, 30) * 1000),
    "model": lambda rng, s: rchoice(rng, ph.PHONE_MODELS),
    "gb": lambda rng, s: str(rchoice(rng, (64, 128, 256))),
    "months": lambda rng, s: str(rint(rng, 2, 30)),
    "aadhaar": lambda rng, s: _aadhaar_like(rng),
    "order": lambda rng, s: str(rint(rng, 1_000_000_000, 5_999_999_999)),
}


def _phone_text(rng: random.Random, phones: list[str], styles: list[str], language: str) -> str:
    written = []
    for p in phones:
        if rng.random() < 0.85:
            style = rchoice(rng, styles)
        else:
            style = rchoice(rng, HINDI_STYLES if language == "hi" else _ALL_STYLES)
        written.append(obfuscate(p, style, rng))
    return rchoice(rng, (" or ", " / ", ", ")).join(written)


def _boss(rng: random.Random, bosses: list[Person], language: str) -> tuple[Person, str, str]:
    """The member named as contact: (person, written alias, slot text with bhai/didi)."""
    person = rchoice(rng, bosses)
    script = "deva" if language == "hi" else "latin"
    entry = person.name.alias or person.name.given
    written = write_alias(entry, rng, script)
    if entry.latin in _HONORIFIC_ALIASES:
        return person, written, written
    suffix = {"latin": (" bhai", " didi"), "deva": (" भाई", " दीदी")}[script][person.gender == "f"]
    return person, written, written + suffix


class _AdWriter:
    """Streams ads and their truth; holds the pools of noise posters."""

    def __init__(
        self,
        world: World,
        part: Part,
        by_operation: dict[str, list[tuple[str, str]]],
        quota: NoiseQuota,
        out: Path,
    ) -> None:
        self.world = world
        self.by_operation = by_operation
        self.quota = quota
        self.out = out
        self.rng = substream(world.seed, f"ads:{part.index}")
        self.gaz = world.gaz
        self.stage_names = name_bank().stage_names
        self.templates = {op.id: self._templates(op) for op in world.operations}
        # Ads name as contact the members who run the business.
        self.bosses = {
            op.id: op.by_role("exploiter") + op.by_role("harbourer") for op in world.operations
        }
        self.op_picker = (
            Weighted(world.operations, [op.weight for op in world.operations])
            if world.operations
            else None
        )
        self.escort_posters: list[Poster] = []
        self.benign_posters: list[Poster] = []
        self.person_base = NOISE_PERSON_BASE + part.index * 100_000
        self.noise_persons = 0
        self.images_written: list[str] = []
        # Noise ads are about half of all ads; spread the photo quota over them.
        self.noise_image_p = min(0.35, 1.2 * quota.count / max(1.0, part.count * 0.5))

    def _templates(self, op: Operation) -> list[Template]:
        rng = substream(self.world.seed, f"templates:{op.id}")
        return [
            make_template(rng, op.language)
            for _ in range(rng.choices((1, 2, 3), (0.5, 0.35, 0.15))[0])
        ]

    def ad(self, n: int) -> tuple[dict, dict]:
        """The n-th ad and its truth: half from operations, the rest noise."""
        r = self.rng.random()
        if self.op_picker is not None and r < 0.5:
            return self.operation_ad(n, self.op_picker.pick(self.rng))
        if r < 0.7:
            return self.escort_ad(n)
        return self.benign_ad(n)

    def _contact(
        self,
        phones_owned: list[str],
        handles_owned: list[tuple[str, str]],
        styles: list[str],
        language: str,
        slots: dict[str, str],
        handle_p: float,
    ) -> tuple[list[str], list[tuple[str, str]], set[str]]:
        """Choose the phones and handle an ad gives and fill the `phone`/`handle` slots.

        Returns phones, handles and the indicator codes of the handle's lead phrase.
        """
        rng = self.rng
        phones: list[str] = []
        handles: list[tuple[str, str]] = []
        if not handles_owned or rng.random() < 0.9:
            if len(phones_owned) > 1 and rng.random() < 0.15:
                phones = rng.sample(phones_owned, 2)
            else:
                phones = [rchoice(rng, phones_owned)]
            slots["phone"] = _phone_text(rng, phones, styles, language)
        codes: tuple[str, ...] = ()
        if handles_owned and (not phones or rng.random() < handle_p):
            handles = [rchoice(rng, handles_owned)]
            platform, handle = handles[0]
            lead, codes = rchoice(rng, ph.HANDLE_LEADS[platform])
            slots["handle"] = lead.format(h=write_handle(platform, handle, rng))
        return phones, handles, set(codes)

    def operation_ad(self, n: int, op: Operation) -> tuple[dict, dict]:
        """An ad of one operation, from one of its templates."""
        rng = self.rng
        tmpl = rchoice(rng, self.templates[op.id])
        place = (
            rchoice(rng, op.route.destinations)
            if rng.random() < 0.85
            else rchoice(rng, self.gaz.ad_cities)
        )
        slots = Slots(rng, place)
        slots["name"] = slots["contact"] = rchoice(rng, op.stage_names)
        boss, boss_written, slots["boss"] = _boss(rng, self.bosses[op.id], tmpl.language)
        phones, handles, lead_tags = self._contact(
            op.phones, op.handles, op.styles, tmpl.language, slots, handle_p=0.25
        )
        text, tags, named = render(rng, tmpl, slots)
        tags |= lead_tags
        if phones and handles:
            text += tmpl.sep + slots["handle"]
        emails = []
        if op.email and rng.random() < 0.15:
            text += tmpl.sep + rchoice(rng, ph.EMAIL_LEADS).format(email=op.email)
            emails = [op.email]
        images = []
        pool = self.by_operation[op.id]
        if pool and rng.random() < 0.7:
            images = rng.sample(pool, min(len(pool), rchoice(rng, (1, 1, 2, 3))))
        record = self._record(
            n,
            text,
            place,
            rint(rng, op.start_day, op.end_day),
            rchoice(rng, op.sites),
            [p for p, _ in images],
        )
        truth = {
            "operation_id": op.id,
            "person_ids": [boss.id] if named else [],
            "phones": phones,
            "emails": emails,
            "handles": [f"{p}:{h}" for p, h in handles],
            "images": [{"path": p, "base_photo_id": b} for p, b in images],
            "names": [{"person_id": boss.id, "name": boss_written}] if named else [],
            "indicators": sorted(tags),
        }
        return record, truth

    def _poster(self, pool: list[Poster], benign: bool) -> Poster:
        """A poster from the pool (people post again) or a new one; the pool stays bounded."""
        rng = self.rng
        # Most noise posters post more than once, with the same phone.
        if pool and rng.random() < 0.7:
            return rchoice(rng, pool)
        self.noise_persons += 1
        language = rng.choices(("en", "hinglish", "hi"), (0.6, 0.25, 0.15))[0]
        stage = rchoice(rng, self.stage_names)
        phones = [draw_mobile(rng, self.world.phones)]
        if rng.random() < 0.1:
            phones.append(draw_mobile(rng, self.world.phones))
        handle = None
        if not benign and rng.random() < 0.3:
            platform = rchoice(rng, ("instagram", "telegram", "twitter", "facebook"))
            handle = (
                platform,
                make_handle(rng, platform, rchoice(rng, self.gaz.ad_cities).city[0], stage),
            )
        email = None
        if benign:
            email = make_email(
                rng,
                rchoice(rng, ("hr", "jobs", "info", "careers")),
                rchoice(rng, ("sharma", "gupta", "tech", "services", "india")),
                "",
            )
        style = pick_weighted(rng, BENIGN_STYLES) if benign else rchoice(rng, _ALL_STYLES)
        alias = rchoice(rng, ("Raju", "Sonu", "Rocky", "Sam", "Vicky", "Johny", "Rahul"))
        poster = Poster(
            phones,
            handle,
            email,
            language,
            style,
            stage,
            f"P{self.person_base + self.noise_persons}",
            alias,
        )
        if len(pool) < 5000:
            pool.append(poster)
        else:
            pool[int(rng.random() * len(pool))] = poster
        return poster

    def escort_ad(self, n: int) -> tuple[dict, dict]:
        """An escort-style ad by someone outside every operation, composed at random."""
        rng = self.rng
        poster = self._poster(self.escort_posters, benign=False)
        tmpl = make_template(rng, poster.language)
        place = rchoice(rng, self.gaz.ad_cities)
        slots = Slots(rng, place)
        slots["name"] = slots["contact"] = poster.stage
        slots["boss"] = poster.alias + " bhai"
        handles_owned = [poster.handle] if poster.handle else []
        phones, handles, lead_tags = self._contact(
            poster.phones, handles_owned, [poster.style], poster.language, slots, handle_p=0.3
        )
        text, tags, named = render(rng, tmpl, slots, swap_p=0.0, drop_p=0.0, word_p=0.0)
        tags |= lead_tags
        if phones and handles:
            text += tmpl.sep + slots["handle"]
        images = self._single_image(self.noise_image_p)
        record = self._record(
            n, text, place, rint(rng, 0, LAST_DAY), rchoice(rng, SITES), [p for p, _ in images]
        )
        truth = {
            "person_ids": [poster.person_id] if named else [],
            "phones": phones,
            "handles": [f"{p}:{h}" for p, h in handles],
            "images": [{"path": p, "base_photo_id": b} for p, b in images],
            "names": [{"person_id": poster.person_id, "name": poster.alias}] if named else [],
            "indicators": sorted(tags),
        }
        return record, truth

    def benign_ad(self, n: int) -> tuple[dict, dict]:
        """A classified: tuition, a used bike, a room, a job."""
        rng = self.rng
        poster = self._poster(self.benign_posters, benign=True)
        place = rchoice(rng, self.gaz.ad_cities)
        template = rchoice(rng, ph.BENIGN[poster.language])
        slots = Slots(rng, place)
        slots["email"] = poster.email or ""
        phones = poster.phones[:1] if "{phone}" in template else []
        if phones:
            slots["phone"] = obfuscate(phones[0], poster.style, rng)
        text = template.format_map(slots)
        emails = [poster.email] if "{email}" in template and poster.email else []
        images = self._single_image(self.noise_image_p * 0.4)
        record = self._record(
            n, text, place, rint(rng, 0, LAST_DAY), rchoice(rng, SITES), [p for p, _ in images]
        )
        truth = {
            "phones": phones,
            "emails": emails,
            "images": [{"path": p, "base_photo_id": b} for p, b in images],
            "indicators": [],
        }
        return record, truth

    def _single_image(self, p: float) -> list[tuple[str, str]]:
        """Maybe give a noise ad a photo of its own, rendered right away."""
        if self.rng.random() >= p:
            return []
        got = self.quota.take()
        if got is None:
            return []
        path, base_id, seed = got
        render_single(path, seed, str(self.out))
        self.images_written.append(path)
        return [(path, base_id)]

    def _record(
        self, n: int, text: str, place: Place, day: int, site: str, images: list[str]
    ) -> dict:
        rng = self.rng
        posted = f"{iso_day(day)}T{rint(rng, 0, 23):02d}:{rint(rng, 0, 59):02d}:00+05:30"
        return {
            "id": f"ad-{n:07d}",
            "text": text,
            "city": place.city[0],
            "state": place.state,
            "posted_at": posted,
            "site": site,
            "images": images,
        }


def ad_parts(world: World, noise_budget: int, first_file: int, first_base: int) -> list[Part]:
    """Parts of `ads.jsonl`, each with its share of the noise photo budget."""
    slices = chunks(world.size.ads, PART_SIZE)
    quotas = allocate(noise_budget, [c for _, c in slices]) if slices else []
    parts = []
    for i, ((start, count), q) in enumerate(zip(slices, quotas, strict=True)):
        parts.append(
            Part("ads", i, start, count, (NoiseQuota(first_file, first_base, q, world.seed),))
        )
        first_file += q
        first_base += q
    return parts


def write_ads_part(
    world: World, part: Part, by_operation: dict[str, list[tuple[str, str]]], out: Path
) -> PartResult:
    """Write ads `part.start ..` of `ads.jsonl` and their truth."""
    writer = _AdWriter(world, part, by_operation, dataclasses.replace(part.extra[0], used=0), out)
    with PartFiles(out, part) as files:
        fh = files.data(FILE)
        for n in range(part.start, part.start + part.count):
            record, t = writer.ad(n)
            fh.write(orjson.dumps(record))
            fh.write(b"\n")
            files.truth.add(record["id"], FILE, **t)
    return PartResult("ads", part.index, {FILE: part.count}, writer.images_written)
