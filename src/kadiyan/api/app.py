"""The app factory: the JSON API, the web pages and their static files over one store."""

from __future__ import annotations

import gc
import os
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles

from kadiyan import __version__
from kadiyan.access.directory import ViewerCache
from kadiyan.api.routes import health_router, router, schema_router
from kadiyan.api.services.ingestion import Uploads
from kadiyan.api.shared_reads import SharedReads
from kadiyan.config import load_settings
from kadiyan.store import Store, open_store
from kadiyan.store.engine import tune_for_reading
from kadiyan.web import admin, docs, login, pages
from kadiyan.web.errors import install_error_handlers
from kadiyan.web.rendering import STATIC
from kadiyan.web.security import SecurityHeaders

DESCRIPTION = (
    "Search, entities with their evidence, records with their mentions, neighbourhoods "
    "and evidence paths over the Kadiyan link graph."
)


ROUTERS: tuple[APIRouter, ...] = (
    health_router, schema_router, router, docs.router, login.router, pages.router,
    admin.router,
)


def route_table() -> list[APIRoute]:
    """Every route the app serves (besides `/static`), as its routers define them."""
    return [route for included in ROUTERS for route in included.routes
            if isinstance(route, APIRoute)]


def create_app(
    store: Store, *, secure_cookies: bool = True, uploads: Path | None = None
) -> FastAPI:
    """The whole app over `store`: `/api/…`, `/health`, the pages and `/static/…`.

    `secure_cookies=False` only for the demo on loopback, served over plain HTTP.
    """
    app = FastAPI(
        title="Kadiyan",
        version=__version__,
        description=DESCRIPTION,
        # Served below by a route that declares its permission, like every other route.
        openapi_url=None,
        # Swagger UI and ReDoc load script from a CDN; `/api/docs` is served by web.docs.
        docs_url=None,
        redoc_url=None,
    )
    tune_for_reading(store.engine)
    app.state.store = store
    app.state.secure_cookies = secure_cookies
    app.state.uploads = Uploads(uploads or load_settings().home / "uploads")
    app.state.viewers = ViewerCache()
    for included in ROUTERS:
        app.include_router(included)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    install_error_handlers(app)
    # Around every route: a reading request's reads (its guard's too) share one connection.
    app.add_middleware(SharedReads, store=store)
    app.add_middleware(SecurityHeaders, https=secure_cookies)
    return app


INSECURE_COOKIES = "KADIYAN_INSECURE_COOKIES"  # "1": cookies without Secure (loopback only)


def served_app() -> FastAPI:
    """The app over the configured store, for uvicorn's worker processes (`--factory`).

    The store is `KADIYAN_DATABASE_URL`'s, else the SQLite file in `KADIYAN_HOME`, as for
    every command; cookies are `Secure` unless `KADIYAN_INSECURE_COOKIES` is `1`.
    """
    app = create_app(open_store(), secure_cookies=os.environ.get(INSECURE_COOKIES) != "1")
    settle_heap()
    return app


def settle_heap() -> None:
    """Leave what a serving process holds at its start out of garbage collection.

    The app, its lexicons and the gazetteer live as long as the process; left where they
    are, each full collection walks them again. Frozen, the collector's work during the
    read mix falls to about a third (about 5% of a request's CPU before, under 2% after).
    """
    gc.collect()
    gc.freeze()
