"""Templates and the helpers they use: links, static paths, script detection."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.responses import HTMLResponse

from kadiyan import __version__

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
_DEVANAGARI = re.compile(r"[\u0900-\u097f\ua8e0-\ua8ff]")


def link(path: str, **params: Any) -> str:
    """A path on this app with query parameters, e.g. `/entity?id=phone%3A%2B91…`."""
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return f"{path}?{query}" if query else path


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


def lang_of(text: str | None) -> str | None:
    """`hi` for text in Devanagari, so browsers pick the right font and shaping."""
    return "hi" if text and _DEVANAGARI.search(text) else None


def humanise(key: str) -> str:
    """`case_report` to `case report`, `accused[0].phone` to `accused 1 phone`."""
    words = re.sub(r"\[(\d+)\]", lambda m: f" {int(m[1]) + 1}", key)
    return words.replace("_", " ").replace(".", " ")


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    env.globals.update(link=link, static=static, lang_of=lang_of, version=__version__,
                       facet_link=facet_link)
    env.filters["humanise"] = humanise
    return env


templates = Jinja2Templates(env=_environment())


def render(
    request: Request, name: str, status_code: int = 200,
    headers: dict[str, str] | None = None, **context: Any,
) -> HTMLResponse:
    """A template rendered to an HTML response."""
    signed_in = {"principal": getattr(request.state, "principal", None),
                 "csrf": getattr(request.state, "csrf", "")}
    return templates.TemplateResponse(
        request, name, {"q": "", **signed_in, **context}, status_code=status_code,
        headers=headers,
    )
