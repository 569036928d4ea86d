"""Mentions of a whole record: its text plus the identifiers in its structured fields.

Structured fields (a booking's guest phone, a CDR's B party, an FIR's accused) are read
with the same normalisers as free text, so a number is the same entity wherever it is
written.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from kadiyan.extract.identifiers import find_emails
from kadiyan.extract.images import ImageHash, hash_image
from kadiyan.extract.keys import case_key, hotel_key
from kadiyan.extract.phones import normalise_phone
from kadiyan.extract.romanise import romanise
from kadiyan.model import Mention, MentionKind, Record, RecordKind

if TYPE_CHECKING:
    from kadiyan.extract import Profile


# How a record's text is read: ads as short posts, reports in full. Bookings and missing
# reports carry text built from their own fields, which the field readers read better.
PROFILE_FOR: dict[RecordKind, Profile] = {
    RecordKind.AD: "ad",
    RecordKind.CASE_REPORT: "narrative",
    RecordKind.EVENT: "narrative",
}


def extract_record(
    record: Record, profile: str | None = None, text_mentions: list[Mention] | None = None
) -> list[Mention]:
    """All mentions of a record: from its text, then from its fields in a fixed order.

    The text is read with `profile` (see `kadiyan.extract.PROFILES`), by default the one
    that suits the record's kind; `text_mentions`, when given, are what that reading gave
    (`extract_records` reads many texts together).
    """
    from kadiyan.extract import extract_text

    if text_mentions is not None:
        mentions = list(text_mentions)
    else:
        chosen = _profile(record, profile)
        mentions = extract_text(record.text, chosen) if record.text else []  # type: ignore[arg-type]
    reader = FIELD_READERS.get(record.kind)
    if reader is not None:
        mentions += reader(record.fields)
    if record.kind is RecordKind.AD and record.fields.get("images"):
        mentions += _ad(record.fields, os.path.dirname(record.source_file))
    return mentions


def text_mentions(records: Sequence[Record], profile: str | None = None) -> list[list[Mention]]:
    """The mentions of each record's text, as `extract_record` reads it, the texts of one
    profile read together (`kadiyan.extract.extract_texts`: faster than one by one)."""
    from kadiyan.extract import extract_texts

    result: list[list[Mention]] = [[] for _ in records]
    by_profile: dict[str, list[int]] = {}
    for i, record in enumerate(records):
        if record.text:
            by_profile.setdefault(_profile(record, profile), []).append(i)
    for chosen, indices in by_profile.items():
        found = extract_texts([records[i].text for i in indices], chosen)  # type: ignore[arg-type]
        for i, mentions in zip(indices, found, strict=True):
            result[i] = mentions
    return result


def _profile(record: Record, profile: str | None) -> str:
    """The profile a record's text is read with: the one given, else its kind's."""
    return profile or PROFILE_FOR.get(record.kind, "identifiers")


def phone_field(value: Any, field: str, role: str | None = None) -> list[Mention]:
    """A phone mention for a structured field, if it holds a valid number."""
    if not isinstance(value, str) or not value.strip():
        return []
    e164 = normalise_phone(value)
    if e164 is None:
        return []
    return [Mention(MentionKind.PHONE, e164, 0, len(value), 1.0, "field", value, field, role)]


def email_field(value: Any, field: str, role: str | None = None) -> list[Mention]:
    """An e-mail mention for a structured field, if it holds an address."""
    if not isinstance(value, str) or not value.strip():
        return []
    return [
        Mention(m.kind, m.value, m.start, m.end, 1.0, "field", m.raw, field, role)
        for m in find_emails(value)
    ]


def person_field(
    value: Any, field: str, role: str, **details: Any
) -> list[Mention]:
    """A person mention for a structured name field, romanised when written in Devanagari.

    `details` (aliases, age, father) go into the mention's extra fields when given.
    """
    if not isinstance(value, str) or not value.strip():
        return []
    name = " ".join(value.split())
    aliases = [a for a in details.pop("aliases", None) or [] if isinstance(a, str) and a]
    # Registers write a name in both scripts, `अनीता सिंह (Aneeta Singh)`: one person, whose
    # second spelling is kept beside the first like an alias.
    both = _BOTH_SCRIPTS.match(name)
    if both:
        name = both.group(1)
        aliases.insert(0, both.group(2))
    latin = name if name.isascii() else romanise(name)
    extra: dict[str, Any] = {
        "latin": latin,
        "aliases": aliases,
        "aliases_latin": [a if a.isascii() else romanise(a) for a in aliases],
        "role": role,
        **{k: v for k, v in details.items() if v not in (None, "")},
    }
    return [Mention(MentionKind.PERSON, name, 0, len(value), 1.0, "field", value, field, role,
                    extra)]


_BOTH_SCRIPTS = re.compile(r"^(.+?)\s*\(([^()]+)\)$")


def key_field(kind: MentionKind, key: str, raw: str, field: str) -> Mention:
    """A mention of a named thing (a case, a hotel) identified by a natural key."""
    return Mention(kind, key, 0, len(raw), 1.0, "field", raw, field)


def _booking(fields: dict[str, Any]) -> list[Mention]:
    hotel = fields.get("hotel") or ""
    key = hotel_key(hotel, fields.get("hotel_city") or "")
    return [
        *person_field(fields.get("guest_name"), "guest_name", "guest"),
        *person_field(fields.get("payer_name"), "payer_name", "payer"),
        *phone_field(fields.get("guest_phone"), "guest_phone", "contact"),
        *email_field(fields.get("guest_email"), "guest_email", "contact"),
        key_field(MentionKind.HOTEL, key, hotel, "hotel"),
    ]


def _ad(fields: dict[str, Any], base: str) -> list[Mention]:
    """The photos an ad carries, by PDQ hash, with the hashes of their crops in `extra`;
    paths are relative to the ads file (in folder `base`).

    Paths stay strings: `pathlib` would cost more than the look-up of a photo hashed before.
    """
    mentions = []
    for index, name in enumerate(fields.get("images") or []):
        image = image_hash(os.path.join(base, name))
        if image is None:
            continue  # an attachment that is missing or no image: the ad stands without it
        extra = {"quality": image.quality, "width": image.width, "height": image.height,
                 "path": name, "crops": list(image.crops)}
        mentions.append(Mention(MentionKind.IMAGE, image.hash, 0, len(name), 1.0, "pdq", name,
                                f"images[{index}]", extra=extra))
    return mentions


def image_hash(path: str | Path) -> ImageHash | None:
    """The PDQ hash of an image file with its crops', or None when it cannot be read as an
    image.

    Ads reuse photos: each file is hashed once per process, and again only if it changes.
    """
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return _cached_hash(os.fspath(path), stat.st_mtime_ns, stat.st_size)


class HashShelf(Protocol):
    """Where processes that read the same photos leave their hashes for one another."""

    def get(self, key: str) -> ImageHash | None: ...  # noqa: D102

    def put(self, key: str, image: ImageHash) -> None: ...  # noqa: D102


_shelf: HashShelf | None = None


def share_photo_hashes(shelf: HashShelf | None) -> None:
    """Look photos up on `shelf` before hashing them, and leave there the hashes this
    process works out; None: hash alone."""
    global _shelf
    _shelf = shelf


@lru_cache(maxsize=100_000)
def _cached_hash(path: str, mtime_ns: int, size: int) -> ImageHash | None:
    key = f"{path}\0{mtime_ns}\0{size}"
    if _shelf is not None and (shared := _shelf.get(key)) is not None:
        return shared
    try:
        image = hash_image(Path(path), crops=True)
    except (OSError, ValueError):
        return None
    if _shelf is not None:
        _shelf.put(key, image)
    return image


def _call(fields: dict[str, Any]) -> list[Mention]:
    return [
        *phone_field(fields.get("a_party"), "a_party", "a_party"),
        *phone_field(fields.get("b_party"), "b_party", "b_party"),
    ]


def _case(fields: dict[str, Any]) -> list[Mention]:
    mentions = [key_field(MentionKind.CASE, case_key(fields), fields["fir_no"], "fir_no")]
    for role in ("accused", "victims"):
        for index, person in enumerate(fields.get(role) or []):
            if not isinstance(person, dict):
                continue
            where = f"{role}[{index}]"
            mentions += person_field(
                person.get("name"), f"{where}.name", role.rstrip("s"),
                aliases=[person.get("alias")], age=person.get("age"),
                father=person.get("father"), home=person.get("from_district"),
            )
            mentions += phone_field(person.get("phone"), f"{where}.phone", role.rstrip("s"))
    return mentions


def _missing(fields: dict[str, Any]) -> list[Mention]:
    return [
        *person_field(fields.get("name"), "name", "missing", age=fields.get("age"),
                      father=fields.get("father_name"), home=fields.get("district")),
        *person_field(fields.get("father_name"), "father_name", "relative",
                      home=fields.get("district")),
        *phone_field(fields.get("contact_phone"), "contact_phone", "family"),
    ]


FIELD_READERS = {
    RecordKind.BOOKING: _booking,
    RecordKind.CALL: _call,
    RecordKind.CASE_REPORT: _case,
    RecordKind.MISSING_REPORT: _missing,
}
