"""Paths on this app, as pages and fragments link to them."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote_plus

# What form encoding leaves as it is: most values a page links with (record ids, kinds).
_AS_IS = re.compile(r"[A-Za-z0-9_.~-]*")


def link(path: str, **params: Any) -> str:
    """A path on this app with query parameters, e.g. `/entity?id=phone%3A%2B91…`.

    Parameters that are None are left out; values are encoded as a form would encode them.
    """
    query = "&".join(f"{_encoded(k)}={_encoded(str(v))}"
                     for k, v in params.items() if v is not None)
    return f"{path}?{query}" if query else path


def _encoded(value: str) -> str:
    return value if _AS_IS.fullmatch(value) else quote_plus(value)


def facet_link(q: str, chosen: dict[str, str], facet: str, value: str | None) -> str:
    """The search with one facet set to `value` (None: cleared), the others kept.

    A year is a date range: `since` its first day, `until` its last.
    """
    params = {k: v for k, v in chosen.items() if v}
    if facet == "year":
        params.pop("since", None)
        params.pop("until", None)
        if value:
            params.update(since=f"{value}-01-01", until=f"{value}-12-31")
    elif value:
        params[facet] = value
    else:
        params.pop(facet, None)
    return link("/search", q=q, **params)


def static(name: str) -> str:
    """The path of a file served from the app's static folder."""
    return f"/static/{name}"
