"""Dependencies of the routes: the store, the signed-in viewer, and its scoped reader.

Every route declares the permission it needs with `needs(...)` (a test walks the app's
route table and fails on a route without one). The guard finds the principal from the
session cookie or an `Authorization: Bearer` API token, refuses what its roles do not
allow, checks the CSRF token of any state-changing request made with the cookie, and
leaves the viewer (principal and scope) on the request for `get_reader`.

Routes and these dependencies are `async def` although they read the database: a request's
work is Python holding the GIL, so handing it to a thread only adds the trips there and
back (about a millisecond a request, measured by `kadiyan bench api`). A worker process
therefore serves one request at a time, and a server serves as many at once as it has
worker processes (`kadiyan serve --workers`). Only password hashing, which runs outside
the GIL, goes to a thread.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request

from kadiyan.access.credentials import same
from kadiyan.access.directory import ViewerCache, viewer_for
from kadiyan.access.login import session_principal, token_principal
from kadiyan.access.principal import Principal
from kadiyan.access.reader import ScopedReader
from kadiyan.access.roles import Permission
from kadiyan.access.scope import Viewer
from kadiyan.access.trail import audit_all
from kadiyan.api.shared_reads import SAFE_METHODS
from kadiyan.store import Store

SESSION_COOKIE = "kadiyan_session"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"


class SignInRequired(Exception):
    """No valid session or token: pages send the person to the log-in page, the API 401."""


async def get_store(request: Request) -> Store:
    """The store of the app serving this request."""
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]


@dataclass(frozen=True)
class Guard:
    """The permission a route needs; called by FastAPI before the route."""

    permission: Permission

    async def __call__(self, request: Request) -> Viewer | None:
        principal, csrf, by_cookie, viewer = self._admit(request)
        request.state.principal, request.state.csrf = principal, csrf
        if self.permission == Permission.PUBLIC and principal is None:
            return None
        if principal is None:
            raise SignInRequired()
        if not principal.can(self.permission):
            raise HTTPException(403, "Your role does not allow this.")
        if by_cookie and request.method not in SAFE_METHODS:
            await _check_csrf(request, csrf)
        request.state.viewer = viewer
        return viewer

    def _admit(self, request: Request) -> tuple[Principal | None, str, bool, Viewer | None]:
        """The principal and, when its role allows the route, its viewer: the database
        work of the guard."""
        store: Store = request.app.state.store
        principal, csrf, by_cookie = _principal(request, store)
        if principal is None or not principal.can(self.permission):
            return principal, csrf, by_cookie, None
        viewers: ViewerCache | None = getattr(request.app.state, "viewers", None)
        viewer = (viewers.viewer_for(store, principal) if viewers is not None
                  else viewer_for(store, principal))
        return principal, csrf, by_cookie, viewer


def needs(permission: Permission) -> Any:
    """The dependency that guards a route with `permission`: `dependencies=[needs(...)]`."""
    return Depends(Guard(permission))


def guard_of(dependency: Any) -> Permission | None:
    """The permission a route dependency stands for, if it is a guard (for the route test)."""
    return dependency.permission if isinstance(dependency, Guard) else None


def _principal(request: Request, store: Store) -> tuple[Principal | None, str, bool]:
    """(principal, CSRF token of its session, whether it came by cookie)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return token_principal(store, header[7:].strip()), "", False
    session_id = request.cookies.get(SESSION_COOKIE)
    if session_id:
        found = session_principal(store, session_id)
        if found is not None:
            return found[0], found[1], True
    return None, "", False


async def _check_csrf(request: Request, expected: str) -> None:
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        given = str((await request.form()).get(CSRF_FIELD) or "")
    if not given or not expected or not same(given, expected):
        raise HTTPException(403, "This form has expired or did not come from this app: "
                                 "reload the page and try again.")


async def get_viewer(request: Request) -> Viewer:
    """The viewer the route's guard admitted (a route without a guard has none: 500)."""
    viewer = getattr(request.state, "viewer", None)
    if viewer is None:
        raise RuntimeError(f"the route {request.url.path} reads data but declares no guard")
    return viewer


ViewerDep = Annotated[Viewer, Depends(get_viewer)]


async def get_reader(request: Request) -> AsyncIterator[ScopedReader]:
    """The store as the viewer may read it; afterwards the views it made are audited.

    What the route noted (`reader.note`) is audited, and each record shown with its
    victims unmasked gets an entry of its own. (The store and the viewer are taken from
    the request, not through dependencies of their own: each costs FastAPI more to solve
    than it does.)
    """
    store: Store = request.app.state.store
    viewer = await get_viewer(request)
    reader = ScopedReader(store, viewer)
    yield reader
    # One transaction for the request's entries: one wait for the trail's lock, not one
    # per entry, and the request's views are written together or not at all.
    path = {"path": request.url.path}
    audit_all(store, viewer.principal, [
        *reader.notes, *(("victim_view", record, path) for record in reader.revealed)])


# Views are audited before the response leaves: what cannot be audited is not shown.
ReaderDep = Annotated[ScopedReader, Depends(get_reader, scope="function")]
