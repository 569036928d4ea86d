"""Administration pages: users, agencies, sharing rules and the audit trail.

Each page needs its own permission (an administrator manages users, agencies and sharing;
a supervisor reads the audit trail of their agency and those below it). Every change goes
through `kadiyan.access.directory`, which audits it; every form carries the session's CSRF
token, checked by the route guard.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kadiyan.access import directory
from kadiyan.access.roles import Permission as P
from kadiyan.access.roles import Role, parse_roles
from kadiyan.access.trail import verify_trail
from kadiyan.api.deps import StoreDep, ViewerDep, needs
from kadiyan.model.access import ALL_RECORDS, AgencyKind, Purpose
from kadiyan.store import access as db
from kadiyan.web.links import link
from kadiyan.web.rendering import render

router = APIRouter(include_in_schema=False, prefix="/admin")
Field = Annotated[str, Form(max_length=300)]
AUDIT_SHOWN = 200
QUERY_ACTIONS = frozenset({"search", "login_failed"})  # targets typed by a person
WITHHELD = "[withheld: may name a victim]"


@router.get("/users", response_class=HTMLResponse, dependencies=[needs(P.MANAGE_USERS)])
async def users(request: Request, store: StoreDep, error: str = "") -> HTMLResponse:
    """Users, with a form to add one and buttons to disable or enable."""
    return render(request, "admin_users.html", users=db.users(store),
                  agencies=db.agencies(store), roles=[r.value for r in Role], error=error[:300])


@router.post("/users", dependencies=[needs(P.MANAGE_USERS)])
async def add_user(
    request: Request, store: StoreDep, viewer: ViewerDep, username: Field, password: Field,
    agency: Field, roles: Annotated[list[str], Form()], name: Field = "",
) -> Response:
    """Add a user (audited; the password is never logged)."""
    try:
        # Hashing the password takes tens of milliseconds outside the GIL: in a thread, the
        # worker serves other requests meanwhile.
        await run_in_threadpool(
            directory.create_user, store, viewer.principal, username.strip(), password,
            agency, parse_roles(",".join(roles)), name.strip())
    except ValueError as error:
        return _back("/admin/users", str(error))
    return _back("/admin/users")


@router.post("/users/state", dependencies=[needs(P.MANAGE_USERS)])
async def set_state(
    request: Request, store: StoreDep, viewer: ViewerDep, username: Field, disabled: Field,
) -> Response:
    """Disable or enable a user; a disabled user's sessions end at once."""
    try:
        directory.set_disabled(store, viewer.principal, username, disabled == "1")
    except ValueError as error:
        return _back("/admin/users", str(error))
    return _back("/admin/users")


@router.get("/agencies", response_class=HTMLResponse,
            dependencies=[needs(P.MANAGE_AGENCIES)])
async def agencies(request: Request, store: StoreDep, error: str = "") -> HTMLResponse:
    """Agencies, the agency above each, and a form to add one."""
    return render(request, "admin_agencies.html", agencies=db.agencies(store),
                  kinds=[k.value for k in AgencyKind], counts=db.record_agencies(store),
                  error=error[:300])


@router.post("/agencies", dependencies=[needs(P.MANAGE_AGENCIES)])
async def add_agency(
    request: Request, store: StoreDep, viewer: ViewerDep, name: Field, kind: Field,
    state: Field = "", parent: Field = "",
) -> Response:
    """Register an agency (audited)."""
    try:
        directory.create_agency(store, viewer.principal, name, AgencyKind(kind), state,
                                parent or None)
    except ValueError as error:
        return _back("/admin/agencies", str(error))
    return _back("/admin/agencies")


@router.get("/sharing", response_class=HTMLResponse, dependencies=[needs(P.MANAGE_SHARING)])
async def sharing(request: Request, store: StoreDep, error: str = "") -> HTMLResponse:
    """Sharing rules in force and revoked, with forms to add and revoke."""
    return render(request, "admin_sharing.html", shares=db.shares(store),
                  agencies=db.agencies(store), purposes=[p.value for p in Purpose],
                  error=error[:300])


@router.post("/sharing", dependencies=[needs(P.MANAGE_SHARING)])
async def add_share(
    request: Request, store: StoreDep, viewer: ViewerDep, source: Field, target: Field,
    purpose: Field, record: Field = "", victims: Field = "",
) -> Response:
    """Share an agency's records, or one case, with another agency (audited)."""
    try:
        directory.create_share(store, viewer.principal, source, target,
                               record.strip() or ALL_RECORDS, Purpose(purpose), victims == "1")
    except ValueError as error:
        return _back("/admin/sharing", str(error))
    return _back("/admin/sharing")


@router.post("/sharing/revoke", dependencies=[needs(P.MANAGE_SHARING)])
async def revoke_share(
    request: Request, store: StoreDep, viewer: ViewerDep, share: Annotated[int, Form(ge=1)],
) -> Response:
    """Withdraw a sharing rule (audited)."""
    try:
        directory.revoke(store, viewer.principal, share)
    except ValueError as error:
        return _back("/admin/sharing", str(error))
    return _back("/admin/sharing")


@router.get("/audit", response_class=HTMLResponse, dependencies=[needs(P.VIEW_AUDIT)])
async def audit_trail(request: Request, store: StoreDep, viewer: ViewerDep) -> HTMLResponse:
    """The latest audit entries (an administrator's: all; a supervisor's: their agencies')
    and whether the whole chain holds."""
    everything = viewer.can(P.MANAGE_USERS) or viewer.scope.everything
    entries = list(db.audit_entries(store, newest_first=True, limit=AUDIT_SHOWN,
                                    agencies=None if everything else viewer.scope.own))
    # What someone typed (a search, a user name that failed to sign in) may be a victim's
    # name: the trail keeps it (`kadiyan audit list` shows it on the server), pages do not.
    entries = [replace(e, target=WITHHELD) if e.action in QUERY_ACTIONS else e
               for e in entries]
    checked, broken = verify_trail(store)
    return render(request, "admin_audit.html", entries=entries, checked=checked,
                  broken=broken, everything=everything, error="")


def _back(path: str, error: str = "") -> Any:
    return RedirectResponse(link(path, error=error or None), status_code=303)
