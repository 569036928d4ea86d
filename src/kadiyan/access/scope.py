"""Scope: which records a principal sees, and in which of them the victims' identity.

`scope_for` is a pure function of the principal, the agencies and the sharing rules, so the
rules can be read, tested and audited in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kadiyan.access.agencies import descendants
from kadiyan.access.principal import Principal
from kadiyan.access.roles import Permission
from kadiyan.model.access import ALL_RECORDS, Agency, Purpose, Share, Visibility


@dataclass(frozen=True, slots=True)
class Scope:
    """The records a viewer sees: whole agencies and single records, identity likewise."""

    everything: bool = False
    agencies: frozenset[str] = frozenset()
    records: frozenset[str] = frozenset()
    identity_agencies: frozenset[str] = frozenset()
    identity_records: frozenset[str] = frozenset()
    identity_everywhere: bool = False
    own: frozenset[str] = frozenset()  # the viewer's agency and those below it

    def sees(self, agency: str, record_id: str) -> bool:
        """Whether a record of `agency` with id `record_id` is visible."""
        return self.everything or agency in self.agencies or record_id in self.records

    def visibility(self) -> Visibility | None:
        """The filter the store applies for this scope (None: everything)."""
        return None if self.everything else Visibility(self.agencies, self.records)

    def sees_identity(self, agency: str, record_id: str) -> bool:
        """Whether the victims' identity in that record is visible (it must be visible too)."""
        if self.identity_everywhere:
            return True
        return agency in self.identity_agencies or record_id in self.identity_records


NOTHING = Scope()


def scope_for(
    principal: Principal, agencies: Mapping[str, Agency], shares: Iterable[Share]
) -> Scope:
    """What `principal` may read: its agency's records, those below it, and what is shared.

    A record seen is not yet a victim seen: identity needs the VIEW_VICTIMS permission and
    either the record's agency being the principal's own (or below it) or a share that
    carries the victims' identity.
    """
    if principal.system:
        return Scope(everything=True, identity_everywhere=True)
    if principal.agency not in agencies:
        return NOTHING
    if not principal.can(Permission.VIEW_RECORDS):
        return Scope(own=frozenset({principal.agency}))
    own = {principal.agency} | descendants(principal.agency, agencies)
    seen, records = set(own), set()
    identity, identity_records = set(own), set()
    for share in shares:
        if not share.active or share.target != principal.agency:
            continue
        carries_identity = share.victims or share.purpose == Purpose.AFTERCARE
        if share.scope == ALL_RECORDS:
            seen.add(share.source)
            if carries_identity:
                identity.add(share.source)
        else:
            records.add(share.scope)
            if carries_identity:
                identity_records.add(share.scope)
    if not principal.can(Permission.VIEW_VICTIMS):
        identity, identity_records = set(), set()
    return Scope(
        agencies=frozenset(seen), records=frozenset(records),
        identity_agencies=frozenset(identity), identity_records=frozenset(identity_records),
        own=frozenset(own),
    )


@dataclass(frozen=True, slots=True)
class Viewer:
    """A principal with its scope: what every read for a person is given."""

    principal: Principal
    scope: Scope

    def can(self, permission: Permission) -> bool:
        """Whether the principal holds `permission`."""
        return self.principal.can(permission)

    def sees(self, agency: str, record_id: str) -> bool:
        """Whether the record is in scope."""
        return self.scope.sees(agency, record_id)

    def sees_identity(self, agency: str, record_id: str) -> bool:
        """Whether the victims in the record may be shown unmasked to this viewer."""
        return self.scope.sees(agency, record_id) and self.scope.sees_identity(agency, record_id)
