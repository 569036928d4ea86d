"""The demo's agencies, sharing rules and one user per role, made from a linked demo world.

Each case report belongs to its district's AHTU, under a crime branch for its state; ads and
call records to a cyber cell, bookings to a hotel partners' network and missing-person
reports to a bureau, each of which shares with every police agency. The investigator works
where the largest operation was booked; an NGO looks after the survivors of one of its cases.
Everyone here is invented: the demo world is synthetic.
"""

from __future__ import annotations

from dataclasses import dataclass

import orjson
from sqlalchemy import select

from kadiyan.access.directory import create_agency, create_share, create_user
from kadiyan.access.principal import system_principal
from kadiyan.access.roles import Role
from kadiyan.model.access import ALL_RECORDS, AgencyKind, Purpose, agency_id
from kadiyan.store import Store, schema
from kadiyan.store import access as db
from kadiyan.store.resolution import members_of, operations

DEMO_PASSWORD = "kadiyan-demo"
# Who brings which of the world's files; case reports name their own AHTU.
FILE_AGENCIES = {
    "ads": "Cyber Crime Coordination Cell",
    "calls": "Cyber Crime Coordination Cell",
    "bookings": "Hospitality Partners Network",
    "missing": "Missing Persons Bureau",
    "cases": "Missing Persons Bureau",  # only for a report that names no agency
}
FILE_AGENCY_KINDS = {
    "Cyber Crime Coordination Cell": AgencyKind.CYBER_CELL,
    "Hospitality Partners Network": AgencyKind.HOTEL,
    "Missing Persons Bureau": AgencyKind.STATE_CRIME_BRANCH,
}
NGO = "Asha Shelter Trust"


@dataclass(frozen=True)
class DemoPeople:
    """Who can sign in to the demo (one user per role, all with DEMO_PASSWORD)."""

    users: dict[str, str]  # username -> agency id
    investigator_agency: str


def set_up_demo_people(store: Store) -> DemoPeople:
    """Agencies, sharing rules and users for a linked demo world (once; a rerun reuses them)."""
    if db.user_by_name(store, "investigator") is not None:
        users = {u.username: u.agency for u in db.users(store)}
        return DemoPeople(users, users["investigator"])
    me = system_principal("demo-setup")
    states = _case_agencies(store)
    police = []
    for state in sorted(set(states.values())):
        branch = create_agency(store, me, f"Crime Branch {state}",
                               AgencyKind.STATE_CRIME_BRANCH, state)
        police.append(branch.id)
    for ahtu, state in sorted(states.items()):
        create_agency(store, me, ahtu_name(ahtu), AgencyKind.DISTRICT_AHTU, state,
                      parent=agency_id(f"Crime Branch {state}"), id=ahtu)
        police.append(ahtu)
    for name, kind in FILE_AGENCY_KINDS.items():
        create_agency(store, me, name, kind)
        for target in police:
            # Missing persons are matched to rescued victims by name: that share names them.
            create_share(store, me, agency_id(name), target, ALL_RECORDS,
                         Purpose.INVESTIGATION, victims=kind == AgencyKind.STATE_CRIME_BRANCH)
    create_agency(store, me, NGO, AgencyKind.NGO)
    case, home = _largest_operations_case(store, states)
    state = states[home]
    create_agency(store, me, f"Public Prosecutor {state}", AgencyKind.PROSECUTION, state)
    prosecution = agency_id(f"Public Prosecutor {state}")
    create_share(store, me, home, prosecution, ALL_RECORDS, Purpose.PROSECUTION, victims=True)
    create_share(store, me, home, agency_id(NGO), case, Purpose.AFTERCARE)
    branch = agency_id(f"Crime Branch {state}")
    users = {
        "investigator": home, "analyst": branch, "supervisor": branch,
        "prosecutor": prosecution, "ngo": agency_id(NGO),
        "hotel": agency_id("Hospitality Partners Network"), "admin": branch,
    }
    for username, agency in users.items():
        role = Role.NGO_PARTNER if username == "ngo" else Role(username)
        create_user(store, me, username, DEMO_PASSWORD, agency, frozenset({role}),
                    f"Demo {role.value.replace('_', ' ')}")
    return DemoPeople(users, home)


def ahtu_name(agency: str) -> str:
    """`ahtu-south-24-parganas` → `AHTU South 24 Parganas`."""
    return "AHTU " + " ".join(w.capitalize() for w in agency.split("-")[1:])


def _case_agencies(store: Store) -> dict[str, str]:
    """The agency of each case report and its state."""
    r = schema.records
    with store.engine.connect() as conn:
        rows = conn.execute(select(r.c.agency, r.c.fields).where(r.c.kind == "case_report"))
        return {agency: orjson.loads(fields).get("state", "") for agency, fields in rows
                if agency}


def _largest_operations_case(store: Store, states: dict[str, str]) -> tuple[str, str]:
    """A case report of the largest operation that has one, and its agency."""
    r = schema.records
    for op in operations(store, limit=1000):
        members = [m for m in members_of(store, op["id"]) if m.startswith("r")]
        with store.engine.connect() as conn:
            found = conn.execute(
                select(r.c.id, r.c.agency).where(r.c.id.in_(members),
                                                 r.c.kind == "case_report")
                .order_by(r.c.id).limit(1)
            ).first()
        if found is not None and found.agency in states:
            return found.id, found.agency
    with store.engine.connect() as conn:
        found = conn.execute(select(r.c.id, r.c.agency).where(r.c.kind == "case_report")
                             .order_by(r.c.seq).limit(1)).one()
    return found.id, found.agency
