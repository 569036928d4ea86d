"""Agencies, users and sharing rules as an administrator changes them; every change audited.

Also `viewer_for`: the scope a principal has now, from the stored agencies and shares, and
`ViewerCache`, which keeps it between requests while those are unchanged.
"""

from __future__ import annotations

import threading
from typing import Any

from kadiyan.access.agencies import agency_id
from kadiyan.access.credentials import hash_password
from kadiyan.access.principal import Principal
from kadiyan.access.roles import Role
from kadiyan.access.scope import Viewer, scope_for
from kadiyan.access.trail import audit
from kadiyan.model.access import ALL_RECORDS, Agency, AgencyKind, Purpose
from kadiyan.store import Store
from kadiyan.store import access as db


def viewer_for(store: Store, principal: Principal) -> Viewer:
    """The principal with the scope the stored agencies and sharing rules give it now."""
    if principal.system:
        return Viewer(principal, scope_for(principal, {}, []))
    return Viewer(principal, scope_for(principal, db.agencies(store), db.shares(store)))


def create_agency(
    store: Store, actor: Principal, name: str, kind: AgencyKind, state: str = "",
    parent: str | None = None, id: str | None = None,
) -> Agency:
    """Register an agency (its id from its name unless given); audited."""
    agency = Agency(id or agency_id(name), name.strip(), kind, state.strip(), parent or None)
    db.add_agency(store, agency)
    audit(store, actor, "agency_add", agency.id,
          {"name": agency.name, "kind": str(kind), "state": agency.state, "parent": parent})
    return agency


def create_user(
    store: Store, actor: Principal, username: str, password: str, agency: str,
    roles: frozenset[Role], display_name: str = "",
) -> int:
    """Register a user of a known agency with at least one role; audited (never the password)."""
    if not username.strip() or any(c.isspace() for c in username):
        raise ValueError("a user name needs letters and no spaces")
    if agency not in db.agencies(store):
        raise ValueError(f"there is no agency with the id {agency!r}; add it first")
    if not roles:
        raise ValueError("a user needs at least one role")
    user_id = db.add_user(store, username, display_name or username, agency,
                          sorted(str(r) for r in roles), hash_password(password))
    audit(store, actor, "user_add", username,
          {"agency": agency, "roles": sorted(str(r) for r in roles)})
    return user_id


def set_disabled(store: Store, actor: Principal, username: str, disabled: bool = True) -> None:
    """Disable (or enable again) a user; a disabled user's sessions end at once."""
    user = db.user_by_name(store, username)
    if user is None:
        raise ValueError(f"there is no user called {username!r}")
    db.update_user(store, user.id, disabled=int(disabled))
    if disabled:
        db.end_sessions(store, user_id=user.id)
    audit(store, actor, "user_disable" if disabled else "user_enable", username)


def create_share(
    store: Store, actor: Principal, source: str, target: str, scope: str = ALL_RECORDS,
    purpose: Purpose = Purpose.INVESTIGATION, victims: bool = False,
) -> int:
    """Share `source`'s records (all, or one record) with `target`; audited.

    An aftercare share always carries the victims' identity: looking after a survivor
    needs her name.
    """
    known = db.agencies(store)
    for agency in (source, target):
        if agency not in known:
            raise ValueError(f"there is no agency with the id {agency!r}")
    if source == target:
        raise ValueError("an agency already sees its own records")
    victims = victims or purpose == Purpose.AFTERCARE
    share_id = db.add_share(store, source, target, scope, purpose, victims, actor.username)
    audit(store, actor, "share_add", f"share:{share_id}",
          {"source": source, "target": target, "scope": scope, "purpose": str(purpose),
           "victims": victims})
    return share_id


def revoke(store: Store, actor: Principal, share_id: int) -> None:
    """Withdraw a sharing rule; audited."""
    if not db.revoke_share(store, share_id):
        raise ValueError(f"there is no sharing rule {share_id} in force")
    audit(store, actor, "share_revoke", f"share:{share_id}")


class ViewerCache:
    """Viewers by principal, kept while the stored agencies and sharing rules are unchanged.

    Each request then costs one small query (`access_version`) instead of reading every
    agency and sharing rule and working out the scope again. A change made anywhere (by
    another worker process or the command line) changes the version, and the very next
    request works the scope out afresh: nothing is served from a stale scope.
    """

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._version: tuple[Any, ...] | None = None
        self._viewers: dict[Principal, Viewer] = {}
        self._lock = threading.Lock()

    def viewer_for(self, store: Store, principal: Principal) -> Viewer:
        """What `viewer_for` would answer now."""
        if principal.system:
            return viewer_for(store, principal)
        version = db.access_version(store)
        with self._lock:
            if version != self._version:
                self._viewers.clear()
                self._version = version
            found = self._viewers.get(principal)
        if found is not None:
            return found
        viewer = viewer_for(store, principal)
        with self._lock:
            # Read after `version` was, the viewer is at least as new; it is kept only
            # while no newer version has been seen, so no request can pick up an old one.
            if self._version == version and len(self._viewers) < self.size:
                self._viewers[principal] = viewer
        return viewer
