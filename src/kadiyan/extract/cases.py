"""Case identity: the natural key an FIR is known by across agencies."""

from __future__ import annotations

from typing import Any


def case_key(fields: dict[str, Any]) -> str:
    """State, district, police station and FIR number, lower-cased: `up/kanpur nagar/...`."""
    parts = (fields["state"], fields["district"], fields["police_station"], fields["fir_no"])
    return "/".join(" ".join(str(p).lower().split()) for p in parts)
