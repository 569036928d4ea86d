"""Signing in and out: passwords with lock-out, sessions, API tokens.

After `MAX_FAILURES` wrong passwords in a row an account is locked for `LOCKOUT`; every
attempt is audited. A session lasts `SESSION_TTL`; its id and CSRF token are random and
only the id's digest is stored.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kadiyan.access.credentials import (
    check_password,
    decoy_hash,
    digest,
    new_api_token,
    new_token,
)
from kadiyan.access.principal import Principal
from kadiyan.access.roles import Role
from kadiyan.access.trail import audit
from kadiyan.model.access import User
from kadiyan.store import Store
from kadiyan.store import access as db

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
SESSION_TTL = timedelta(hours=12)


class LoginRefused(Exception):
    """A log-in that did not succeed; the message is fit to show to the person."""


def principal_of(user: User) -> Principal:
    """The principal a user acts as."""
    return Principal(username=user.username, agency=user.agency,
                     roles=frozenset(Role(r) for r in user.roles), user_id=user.id)


def authenticate(store: Store, username: str, password: str,
                 now: datetime | None = None) -> Principal:
    """The principal for a right user name and password; LoginRefused otherwise."""
    now = now or datetime.now(UTC)
    user = db.user_by_name(store, username)
    if user is None or user.disabled:
        check_password(decoy_hash(), password)
        audit(store, username or "?", "login_failed", detail={"reason": "unknown or disabled"})
        raise LoginRefused("Wrong user name or password.")
    if user.locked_until and now < datetime.fromisoformat(user.locked_until):
        audit(store, username, "login_failed", agency=user.agency, detail={"reason": "locked"})
        raise LoginRefused("Too many failed attempts: this account is locked for a while. "
                           "Try again later or ask an administrator.")
    if not check_password(user.password_hash, password):
        failures = user.failed_logins + 1
        locked = failures >= MAX_FAILURES
        db.update_user(store, user.id, failed_logins=0 if locked else failures,
                       locked_until=(now + LOCKOUT).isoformat(timespec="seconds") if locked
                       else user.locked_until)
        audit(store, username, "login_failed", agency=user.agency,
              detail={"reason": "wrong password", "locked": locked})
        raise LoginRefused("Wrong user name or password.")
    db.update_user(store, user.id, failed_logins=0, locked_until=None)
    principal = principal_of(user)
    audit(store, principal, "login")
    return principal


def open_session(store: Store, principal: Principal,
                 now: datetime | None = None) -> tuple[str, str]:
    """A new session for a signed-in principal: (session id for the cookie, CSRF token)."""
    if principal.user_id is None:
        raise ValueError("only a user can hold a session")
    session_id, csrf = new_token(), new_token()
    expires = ((now or datetime.now(UTC)) + SESSION_TTL).isoformat(timespec="seconds")
    db.add_session(store, digest(session_id), principal.user_id, csrf, expires)
    return session_id, csrf


def session_principal(store: Store, session_id: str,
                      now: datetime | None = None) -> tuple[Principal, str] | None:
    """The principal and CSRF token of a live session, or None (unknown, expired, disabled)."""
    found = db.session(store, digest(session_id))
    if found is None:
        return None
    user, csrf, expires = found
    if (now or datetime.now(UTC)) >= datetime.fromisoformat(expires):
        db.end_sessions(store, digest=digest(session_id))
        return None
    if user.disabled:
        return None
    return principal_of(user), csrf


def close_session(store: Store, session_id: str) -> None:
    """End a session (log-out)."""
    db.end_sessions(store, digest=digest(session_id))


def issue_api_token(store: Store, user_id: int, label: str = "") -> str:
    """A new API token for a user, returned once; only its digest is kept."""
    token = new_api_token()
    db.add_api_token(store, digest(token), user_id, label)
    return token


def token_principal(store: Store, token: str) -> Principal | None:
    """The principal of an API token in force whose user is enabled, or None."""
    user = db.api_token_user(store, digest(token))
    if user is None or user.disabled:
        return None
    return principal_of(user)
