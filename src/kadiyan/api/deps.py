"""Dependencies of the routes: the store the app was built over."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from kadiyan.store import Store


def get_store(request: Request) -> Store:
    """The store of the app serving this request."""
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]
