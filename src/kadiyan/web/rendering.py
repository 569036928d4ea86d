"""Templates, rendered with the links and fragments they use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.responses import HTMLResponse

from kadiyan import __version__
from kadiyan.web import fragments
from kadiyan.web.links import facet_link, link, static

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    env.globals.update(link=link, static=static, version=__version__, facet_link=facet_link,
                       badge=fragments.badge, lang_attr=fragments.lang_attr,
                       relations=fragments.relations,
                       snippet=fragments.snippet, marked=fragments.marked,
                       when_where=fragments.when_where)
    env.filters["humanise"] = fragments.humanise
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
