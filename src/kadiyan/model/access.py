"""Agencies, users, sharing rules and audit entries: the data of who may see what."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class AgencyKind(StrEnum):
    """What sort of body an agency is."""

    DISTRICT_AHTU = "district_ahtu"
    STATE_CRIME_BRANCH = "state_crime_branch"
    CYBER_CELL = "cyber_cell"
    PROSECUTION = "prosecution"
    NGO = "ngo"
    HOTEL = "hotel"


class Purpose(StrEnum):
    """Why records are shared; aftercare shares always carry the victims' identity."""

    INVESTIGATION = "investigation"
    PROSECUTION = "prosecution"
    AFTERCARE = "aftercare"


ALL_RECORDS = "all"  # a share's scope: every record of the sharing agency


@dataclass(frozen=True, slots=True)
class Agency:
    """A unit that owns records; `parent` is the agency above it, if any."""

    id: str
    name: str
    kind: AgencyKind
    state: str = ""
    parent: str | None = None
    created_at: str = ""


@dataclass(frozen=True, slots=True)
class Share:
    """A sharing rule: `source` shares `scope` (ALL_RECORDS or a record id) with `target`."""

    id: int
    source: str
    target: str
    scope: str
    purpose: Purpose
    victims: bool  # whether the victims' identity in those records is shared too
    created_by: str = ""
    created_at: str = ""
    revoked_at: str | None = None

    @property
    def active(self) -> bool:
        """Not revoked."""
        return self.revoked_at is None


@dataclass(frozen=True, slots=True)
class User:
    """A person who signs in: one agency, one or more roles (role names as stored)."""

    id: int
    username: str
    display_name: str
    agency: str
    roles: tuple[str, ...]
    password_hash: str
    disabled: bool = False
    failed_logins: int = 0
    locked_until: str | None = None
    created_at: str = ""


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One thing that happened: who (`actor`, of `agency`) did `action` to `target`."""

    seq: int
    at: str
    actor: str
    agency: str
    action: str
    target: str
    detail: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class Visibility:
    """The records a reader may see: every record of `agencies`, and `records` one by one."""

    agencies: frozenset[str]
    records: frozenset[str] = frozenset()

    def admits(self, agency: str, record_id: str) -> bool:
        """Whether a record of `agency` with id `record_id` is visible."""
        return agency in self.agencies or record_id in self.records


def agency_id(name: str) -> str:
    """The id of an agency from its name: `AHTU Kanpur Nagar` → `ahtu-kanpur-nagar`.

    Records carry the name of the unit that registered them; the id makes that name a key
    that survives case, spacing and punctuation. Devanagari letters are kept as they are.
    """
    text = unicodedata.normalize("NFC", name).casefold()
    slug = re.sub(r"[^\w\u0900-\u097f]+", "-", text).strip("-")
    if not slug:
        raise ValueError(f"an agency needs a name with letters or digits, not {name!r}")
    return slug
