"""Writing to and checking the audit trail.

What is audited: log-ins (and failed ones), log-outs, searches, views of records and
entities, every view of an unmasked victim, exports, judgements, ingestion, and every
change to users, agencies and sharing rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kadiyan.access.audit import GENESIS, Break, entry_hash, verify
from kadiyan.access.principal import Principal
from kadiyan.model.access import AuditEntry
from kadiyan.store import Store, now_iso
from kadiyan.store.access import appending_audit, audit_entries, insert_audit


def audit(
    store: Store, actor: Principal | str, action: str, target: str = "",
    detail: dict[str, Any] | None = None, agency: str | None = None,
) -> AuditEntry:
    """Append one entry for `actor` (a principal, or a name such as a failed log-in's)."""
    if isinstance(actor, Principal):
        name, agency = actor.username, actor.agency if agency is None else agency
    else:
        name = actor
    detail = detail or {}
    with appending_audit(store) as (conn, seq, last):
        prev = last or GENESIS
        at = now_iso()
        entry = AuditEntry(
            seq, at, name, agency or "", action, target, detail, prev,
            entry_hash(seq, at, name, agency or "", action, target, detail, prev),
        )
        insert_audit(conn, entry)
    return entry


def audit_many(
    store: Store, actor: Principal, action: str, targets: Iterable[str],
    detail: dict[str, Any] | None = None,
) -> None:
    """One entry per target (each view of a victim is its own entry), in one transaction."""
    audit_all(store, actor, [(action, target, detail or {}) for target in targets])


def audit_all(
    store: Store, actor: Principal, entries: Iterable[tuple[str, str, dict[str, Any]]]
) -> None:
    """One entry per (action, target, detail), in order, in one transaction: all of them
    are written or none is."""
    entries = list(entries)
    if not entries:
        return
    with appending_audit(store) as (conn, seq, last):
        prev, at = last or GENESIS, now_iso()
        for action, target, detail in entries:
            fields = (seq, at, actor.username, actor.agency, action, target, detail, prev)
            entry = AuditEntry(*fields, entry_hash(*fields))
            insert_audit(conn, entry)
            seq, prev = seq + 1, entry.hash


def verify_trail(store: Store) -> tuple[int, Break | None]:
    """Walk the whole trail; how many entries were checked and the first break, if any."""
    return verify(audit_entries(store))
