"""The app factory: the JSON API, the web pages and their static files over one store."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from kadiyan import __version__
from kadiyan.api.routes import health_router, router
from kadiyan.store import Store
from kadiyan.web import docs, pages
from kadiyan.web.errors import install_error_handlers
from kadiyan.web.rendering import STATIC
from kadiyan.web.security import SecurityHeaders

DESCRIPTION = (
    "Search, entities with their evidence, records with their mentions, neighbourhoods "
    "and evidence paths over the Kadiyan link graph."
)


def create_app(store: Store) -> FastAPI:
    """The whole app over `store`: `/api/…`, `/health`, the pages and `/static/…`."""
    app = FastAPI(
        title="Kadiyan",
        version=__version__,
        description=DESCRIPTION,
        openapi_url="/api/openapi.json",
        # Swagger UI and ReDoc load script from a CDN; `/api/docs` is served by web.docs.
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.include_router(health_router)
    app.include_router(router)
    app.include_router(docs.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    install_error_handlers(app)
    app.add_middleware(SecurityHeaders)
    return app
