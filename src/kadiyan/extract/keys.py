"""Natural keys of named things (a case, a hotel), the same however they were typed."""

from __future__ import annotations

from typing import Any


def normal(text: str) -> str:
    """Lower case with runs of white space made one space."""
    return " ".join(str(text).lower().split())


def case_key(fields: dict[str, Any]) -> str:
    """State, district, police station and FIR number: `uttar pradesh/kanpur nagar/...`."""
    parts = (fields["state"], fields["district"], fields["police_station"], fields["fir_no"])
    return "/".join(normal(p) for p in parts)


def hotel_key(name: str, city: str) -> str:
    """A hotel by its name and city: `hotel sagar|pune`."""
    return f"{normal(name)}|{normal(city)}"
