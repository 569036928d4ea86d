"""Reads and writes of access data: agencies, users, shares, sessions, tokens, the audit trail.

Functions over a `Store`. The rules (who sees what, how the chain is hashed) live in
`kadiyan.access`; this module only stores and fetches.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from typing import Any

import orjson
from sqlalchemy import and_, bindparam, func, insert, select, text, update

from kadiyan.model.access import Agency, AgencyKind, AuditEntry, Purpose, Share, User
from kadiyan.store import schema
from kadiyan.store.driver import RawTransaction, fetch, fetch_dicts, raw_transaction
from kadiyan.store.store import Store, now_iso

AUDIT_LOCK = 0x61756474  # PostgreSQL advisory lock of audit appends ("audt")


# -- agencies ------------------------------------------------------------------------------


def add_agency(store: Store, agency: Agency) -> None:
    """Store a new agency; ValueError when its id is taken or its parent unknown."""
    with store.engine.begin() as conn:
        if conn.execute(select(schema.agencies.c.id).where(schema.agencies.c.id == agency.id)
                        ).first():
            raise ValueError(f"there is already an agency with the id {agency.id!r}")
        if agency.parent and not conn.execute(
            select(schema.agencies.c.id).where(schema.agencies.c.id == agency.parent)
        ).first():
            raise ValueError(f"the parent agency {agency.parent!r} is unknown")
        conn.execute(insert(schema.agencies).values(
            id=agency.id, name=agency.name, kind=str(agency.kind), state=agency.state,
            parent=agency.parent, created_at=agency.created_at or now_iso(),
        ))


def agencies(store: Store) -> dict[str, Agency]:
    """Every agency by id."""
    with store.connection() as conn:
        rows = conn.execute(select(schema.agencies).order_by(schema.agencies.c.id)).all()
    return {
        row.id: Agency(row.id, row.name, AgencyKind(row.kind), row.state, row.parent,
                       row.created_at)
        for row in rows
    }


def record_agencies(store: Store) -> dict[str, int]:
    """How many records each agency id holds (records of no agency under "")."""
    r = schema.records
    with store.connection() as conn:
        return dict(conn.execute(select(r.c.agency, func.count()).group_by(r.c.agency)).all())


# -- users ---------------------------------------------------------------------------------


def add_user(
    store: Store, username: str, display_name: str, agency: str, roles: list[str],
    password_hash: str,
) -> int:
    """Store a new user; returns its id. ValueError when the name is taken."""
    with store.engine.begin() as conn:
        if conn.execute(select(schema.users.c.id).where(schema.users.c.username == username)
                        ).first():
            raise ValueError(f"there is already a user called {username!r}")
        result = conn.execute(insert(schema.users).values(
            username=username, display_name=display_name, agency=agency,
            roles=",".join(roles), password_hash=password_hash, disabled=0, failed_logins=0,
            created_at=now_iso(),
        ))
        return int(result.inserted_primary_key[0])  # type: ignore[index]


def user_by_name(store: Store, username: str) -> User | None:
    """The user called `username`, or None."""
    return _one_user(store, schema.users.c.username == username)


def user_by_id(store: Store, user_id: int) -> User | None:
    """The user with this id, or None."""
    return _one_user(store, schema.users.c.id == user_id)


def users(store: Store) -> list[User]:
    """Every user, by name."""
    with store.connection() as conn:
        rows = conn.execute(select(schema.users).order_by(schema.users.c.username)).all()
    return [_user(row._mapping) for row in rows]


def update_user(store: Store, user_id: int, **values: Any) -> None:
    """Set columns of one user (disabled, failed_logins, locked_until, password_hash, ...)."""
    with store.engine.begin() as conn:
        conn.execute(update(schema.users).where(schema.users.c.id == user_id).values(**values))


def _one_user(store: Store, condition: Any) -> User | None:
    with store.connection() as conn:
        row = conn.execute(select(schema.users).where(condition)).first()
    return None if row is None else _user(row._mapping)


def _user(row: Mapping[str, Any]) -> User:
    return User(
        id=row["id"], username=row["username"], display_name=row["display_name"],
        agency=row["agency"], roles=tuple(r for r in row["roles"].split(",") if r),
        password_hash=row["password_hash"], disabled=bool(row["disabled"]),
        failed_logins=row["failed_logins"], locked_until=row["locked_until"],
        created_at=row["created_at"],
    )


# -- sharing -------------------------------------------------------------------------------


def add_share(
    store: Store, source: str, target: str, scope: str, purpose: Purpose, victims: bool,
    created_by: str,
) -> int:
    """Store a sharing rule; returns its id."""
    with store.engine.begin() as conn:
        result = conn.execute(insert(schema.shares).values(
            source=source, target=target, scope=scope, purpose=str(purpose),
            victims=int(victims), created_by=created_by, created_at=now_iso(),
        ))
        return int(result.inserted_primary_key[0])  # type: ignore[index]


def revoke_share(store: Store, share_id: int) -> bool:
    """Revoke a sharing rule; False when there is no such rule in force."""
    s = schema.shares
    with store.engine.begin() as conn:
        done = conn.execute(update(s).where(s.c.id == share_id, s.c.revoked_at.is_(None))
                            .values(revoked_at=now_iso()))
        return done.rowcount > 0


def shares(store: Store) -> list[Share]:
    """Every sharing rule, revoked ones too, oldest first."""
    with store.connection() as conn:
        rows = conn.execute(select(schema.shares).order_by(schema.shares.c.id)).all()
    return [
        Share(row.id, row.source, row.target, row.scope, Purpose(row.purpose), bool(row.victims),
              row.created_by, row.created_at, row.revoked_at)
        for row in rows
    ]


# -- sessions and API tokens ---------------------------------------------------------------


def add_session(store: Store, digest: str, user_id: int, csrf: str, expires_at: str) -> None:
    """Store a session under the digest of its id."""
    with store.engine.begin() as conn:
        conn.execute(insert(schema.sessions).values(
            digest=digest, user_id=user_id, csrf=csrf, created_at=now_iso(),
            expires_at=expires_at,
        ))


# The queries every request makes are built once: building one costs more than running it.
_SESSION = (
    select(schema.users, schema.sessions.c.csrf.label("session_csrf"),
           schema.sessions.c.expires_at.label("session_expires"))
    .join_from(schema.sessions, schema.users, schema.users.c.id == schema.sessions.c.user_id)
    .where(schema.sessions.c.digest == bindparam("digest"))
)
_TOKEN_USER = (
    select(schema.users)
    .join_from(schema.api_tokens, schema.users, schema.users.c.id == schema.api_tokens.c.user_id)
    .where(schema.api_tokens.c.digest == bindparam("digest"),
           schema.api_tokens.c.revoked_at.is_(None))
)
_ACCESS_VERSION = select(*(query.scalar_subquery() for query in (
    select(func.count()).select_from(schema.agencies),
    select(func.max(schema.agencies.c.id)),
    select(func.max(schema.agencies.c.created_at)),
    select(func.count()).select_from(schema.shares),
    select(func.max(schema.shares.c.id)),
    select(func.count(schema.shares.c.revoked_at)),
    select(func.max(schema.shares.c.revoked_at)),
)))


def session(store: Store, digest: str) -> tuple[User, str, str] | None:
    """(user, CSRF token, expiry) of the session with this digest, or None; one query."""
    with store.connection() as conn:
        rows = fetch_dicts(conn, _SESSION, {"digest": digest})
    return (_user(rows[0]), rows[0]["session_csrf"], rows[0]["session_expires"]) if rows else None


def end_sessions(store: Store, *, digest: str | None = None, user_id: int | None = None) -> None:
    """Delete one session, or every session of a user."""
    s = schema.sessions
    condition = s.c.digest == digest if digest is not None else s.c.user_id == user_id
    with store.engine.begin() as conn:
        conn.execute(s.delete().where(condition))


def add_api_token(store: Store, digest: str, user_id: int, label: str) -> int:
    """Store an API token's digest for a user; returns the token's id."""
    with store.engine.begin() as conn:
        result = conn.execute(insert(schema.api_tokens).values(
            digest=digest, user_id=user_id, label=label, created_at=now_iso(),
        ))
        return int(result.inserted_primary_key[0])  # type: ignore[index]


def api_token_user(store: Store, digest: str) -> User | None:
    """The user of the token in force with this digest, or None; one query."""
    with store.connection() as conn:
        rows = fetch_dicts(conn, _TOKEN_USER, {"digest": digest})
    return _user(rows[0]) if rows else None


def access_version(store: Store) -> tuple[Any, ...]:
    """A fingerprint of the agencies and sharing rules that changes whenever they do.

    Agencies are only ever added and sharing rules only added or revoked (the directory
    changes them in no other way), so their counts, newest ids and latest revocation
    cover every change. One small query: the scope of a request is cached against it.
    """
    with store.connection() as conn:
        return tuple(fetch(conn, _ACCESS_VERSION, {})[0])


# -- the audit trail -----------------------------------------------------------------------

# Built once, like the session's and the token's queries: every request appends.
_LAST_AUDIT = (select(schema.audit.c.seq, schema.audit.c.hash)
               .order_by(schema.audit.c.seq.desc()).limit(1))
_INSERT_AUDIT = insert(schema.audit)


@contextmanager
def appending_audit(store: Store) -> Iterator[tuple[RawTransaction, int, str]]:
    """A transaction that alone appends to the audit trail: (transaction, next seq, last hash).

    Appends are serialised so that no two entries follow the same one; a lock of their own
    keeps them from waiting behind a long ingestion batch on PostgreSQL. Every request
    appends, so the transaction runs on the driver alone (`raw_transaction`).
    """
    with raw_transaction(store.audit_engine) as tx:
        if tx.dialect.name == "postgresql":
            tx.execute_sql(f"SELECT pg_advisory_xact_lock({AUDIT_LOCK})")
        last = tx.fetch(_LAST_AUDIT, {})
        yield tx, (last[0][0] + 1 if last else 1), (last[0][1] if last else "")


def insert_audit(tx: RawTransaction, entry: AuditEntry) -> None:
    """Write one entry inside `appending_audit`."""
    tx.execute(_INSERT_AUDIT, audit_row(entry))


def audit_row(entry: AuditEntry) -> dict[str, Any]:
    """An entry as a row of the `audit` table."""
    return {
        "seq": entry.seq, "at": entry.at, "actor": entry.actor, "agency": entry.agency,
        "action": entry.action, "target": entry.target,
        "detail": orjson.dumps(entry.detail, option=orjson.OPT_SORT_KEYS).decode(),
        "prev_hash": entry.prev_hash, "hash": entry.hash,
    }


def audit_entries(
    store: Store, *, newest_first: bool = False, limit: int | None = None,
    actor: str | None = None, agencies: frozenset[str] | None = None, batch: int = 10_000,
) -> Iterator[AuditEntry]:
    """Audit entries (of one actor, of some agencies) in order of `seq` (or newest first)."""
    a = schema.audit
    query = select(a)
    if actor is not None:
        query = query.where(a.c.actor == actor)
    if agencies is not None:
        query = query.where(a.c.agency.in_(sorted(agencies)))
    query = query.order_by(a.c.seq.desc() if newest_first else a.c.seq)
    if limit is not None:
        query = query.limit(limit)
    with store.audit_engine.connect() as conn:
        result = conn.execution_options(yield_per=batch).execute(query)
        for row in result:
            yield AuditEntry(row.seq, row.at, row.actor, row.agency, row.action, row.target,
                             orjson.loads(row.detail), row.prev_hash, row.hash)


# -- what masking needs --------------------------------------------------------------------


def role_mentions(
    store: Store, entity_ids: list[str], roles: frozenset[str]
) -> list[tuple[str, str, str]]:
    """(entity id, record agency, record id) for each record that names one of the entities
    in one of `roles` (by the mention that carries the record's link to it)."""
    protected = set(roles) == set(schema.PROTECTED_ROLES)
    query = _role_mentions(protected)
    found: list[tuple[str, str, str]] = []
    with store.connection() as conn:
        for start in range(0, len(entity_ids), 500):
            params: dict[str, Any] = {"ids": entity_ids[start:start + 500]}
            if not protected:
                params["roles"] = sorted(roles)
            found += fetch(conn, query, params)
    return found


@cache
def _role_mentions(protected: bool) -> Any:
    m, r = schema.mentions, schema.records
    # The protected roles are written as the index's own condition, so the database knows
    # it may use it.
    condition: Any = text(schema.PROTECTED_MENTIONS) if protected else and_(
        m.c.link.is_not(None), m.c.role.in_(bindparam("roles", expanding=True)))
    return (select(m.c.entity_id, r.c.agency, r.c.id)
            .join_from(m, r, r.c.seq == m.c.record_seq)
            .where(m.c.entity_id.in_(bindparam("ids", expanding=True)), condition))
