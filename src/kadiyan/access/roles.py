"""Roles and the permissions each one carries.

A role is what a person does (an investigator builds case files, an NGO partner looks after
survivors); a permission is one thing the system lets them do. Where a permission reaches
(which agencies' records) is the business of `scope`, not of roles.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Role(StrEnum):
    """The roles of DOMAIN.md's users."""

    INVESTIGATOR = "investigator"
    ANALYST = "analyst"
    SUPERVISOR = "supervisor"
    PROSECUTOR = "prosecutor"
    NGO_PARTNER = "ngo_partner"
    HOTEL = "hotel"
    ADMIN = "admin"


class Permission(StrEnum):
    """One thing a route or a command may need."""

    PUBLIC = "public"  # no log-in: the log-in page itself, health, static files
    SIGNED_IN = "signed_in"  # any user: home page, log-out, own account
    SEARCH = "search"
    VIEW_RECORDS = "view_records"
    VIEW_GRAPH = "view_graph"  # entities, their links, neighbourhoods, paths
    VIEW_OPERATIONS = "view_operations"
    VIEW_VICTIMS = "view_victims"  # victims' names, photos, addresses, family, contacts
    JUDGE = "judge"
    INGEST = "ingest"
    EXPORT = "export"
    MANAGE_USERS = "manage_users"
    MANAGE_AGENCIES = "manage_agencies"
    MANAGE_SHARING = "manage_sharing"
    VIEW_AUDIT = "view_audit"


P = Permission
_READ = {P.SIGNED_IN, P.SEARCH, P.VIEW_RECORDS}
_INTELLIGENCE = _READ | {P.VIEW_GRAPH, P.VIEW_OPERATIONS}

# Victims' identity goes to those who act for a victim by name: the investigator and the
# supervisor of the case, the prosecutor in court, the NGO looking after the survivor.
# Analysts work on patterns and get none of it; hotels and administrators get no case data.
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.INVESTIGATOR: frozenset(_INTELLIGENCE | {P.VIEW_VICTIMS, P.JUDGE, P.INGEST, P.EXPORT}),
    Role.ANALYST: frozenset(_INTELLIGENCE | {P.JUDGE, P.EXPORT}),
    Role.SUPERVISOR: frozenset(
        _INTELLIGENCE | {P.VIEW_VICTIMS, P.JUDGE, P.INGEST, P.EXPORT, P.VIEW_AUDIT}
    ),
    Role.PROSECUTOR: frozenset(_READ | {P.VIEW_GRAPH, P.VIEW_VICTIMS}),
    Role.NGO_PARTNER: frozenset(_READ | {P.VIEW_VICTIMS}),
    Role.HOTEL: frozenset(_READ | {P.INGEST}),
    Role.ADMIN: frozenset(
        {P.SIGNED_IN, P.MANAGE_USERS, P.MANAGE_AGENCIES, P.MANAGE_SHARING, P.VIEW_AUDIT}
    ),
}


def permissions_of(roles: Iterable[Role]) -> frozenset[Permission]:
    """Everything the union of `roles` allows, and PUBLIC."""
    granted = {Permission.PUBLIC}
    for role in roles:
        granted |= ROLE_PERMISSIONS[role]
    return frozenset(granted)


def parse_roles(text: str) -> frozenset[Role]:
    """Roles from `investigator,analyst`; ValueError naming an unknown one."""
    roles = set()
    for name in (part.strip() for part in text.split(",")):
        if not name:
            continue
        try:
            roles.add(Role(name))
        except ValueError:
            known = ", ".join(r.value for r in Role)
            raise ValueError(f"unknown role {name!r}; roles are {known}") from None
    return frozenset(roles)
