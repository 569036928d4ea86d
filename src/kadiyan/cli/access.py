"""`kadiyan agency`, `kadiyan user`, `kadiyan share`, `kadiyan audit`: who may see what.

The command line acts as the local operator (it runs where the database is); each change
is audited under the operator's login name.
"""

from __future__ import annotations

import getpass
import os

import typer
from rich.table import Table

from kadiyan.access import directory
from kadiyan.access.login import issue_api_token
from kadiyan.access.principal import Principal, system_principal
from kadiyan.access.roles import parse_roles
from kadiyan.access.trail import audit, verify_trail
from kadiyan.cli.output import console, fail
from kadiyan.model.access import ALL_RECORDS, AgencyKind, Purpose
from kadiyan.store import access as db
from kadiyan.store import open_store
from kadiyan.store.access import audit_entries

agency_app = typer.Typer(help="Agencies that own records.", no_args_is_help=True)
user_app = typer.Typer(help="Users: add, list, disable, enable, API tokens.", no_args_is_help=True)
share_app = typer.Typer(help="Sharing rules between agencies.", no_args_is_help=True)
audit_app = typer.Typer(help="The audit trail: verify its chain, list entries.",
                        no_args_is_help=True)

PASSWORD_ENV = "KADIYAN_PASSWORD"


def register(app: typer.Typer) -> None:
    """Add this module's command groups to the main app."""
    app.add_typer(agency_app, name="agency")
    app.add_typer(user_app, name="user")
    app.add_typer(share_app, name="share")
    app.add_typer(audit_app, name="audit")


def operator() -> Principal:
    """The local operator, audited under the login name."""
    return system_principal(f"cli:{getpass.getuser()}")


@agency_app.command("add")
def agency_add(
    name: str = typer.Argument(..., help="the agency's name, e.g. 'AHTU Kanpur Nagar'"),
    kind: AgencyKind = typer.Option(..., help="what sort of agency it is"),
    state: str = typer.Option("", help="the state it works in"),
    parent: str = typer.Option(None, help="the id of the agency above it (sees its records)"),
    id: str = typer.Option(None, help="an id of your choice (default: from the name)"),
) -> None:
    """Register an agency; records ingested with `--agency ID` belong to it."""
    try:
        agency = directory.create_agency(open_store(), operator(), name, kind, state, parent, id)
    except ValueError as error:
        fail(str(error))
    console.print(f"agency [bold]{agency.id}[/] added")


@agency_app.command("list")
def agency_list() -> None:
    """Every agency, with the agency above it and how many records it holds."""
    store = open_store()
    counts = db.record_agencies(store)
    table = Table("id", "name", "kind", "state", "parent", "records")
    for agency in db.agencies(store).values():
        table.add_row(agency.id, agency.name, agency.kind, agency.state, agency.parent or "",
                      f"{counts.get(agency.id, 0):,}")
    console.print(table)


@user_app.command("add")
def user_add(
    username: str = typer.Argument(..., help="the name to sign in with"),
    agency: str = typer.Option(..., help="the id of the user's agency"),
    roles: str = typer.Option(..., help="comma-separated: investigator, analyst, supervisor, "
                                        "prosecutor, ngo_partner, hotel, admin"),
    name: str = typer.Option("", help="the person's full name"),
) -> None:
    """Add a user; the password is asked for (or read from $KADIYAN_PASSWORD)."""
    password = os.environ.get(PASSWORD_ENV) or typer.prompt(
        "password", hide_input=True, confirmation_prompt=True)
    try:
        directory.create_user(open_store(), operator(), username, password, agency,
                              parse_roles(roles), name)
    except ValueError as error:
        fail(str(error))
    console.print(f"user [bold]{username}[/] added to {agency}")


@user_app.command("list")
def user_list() -> None:
    """Every user with agency, roles and state."""
    table = Table("user", "name", "agency", "roles", "state")
    for user in db.users(open_store()):
        state = "disabled" if user.disabled else (
            f"locked until {user.locked_until}" if user.locked_until else "active")
        table.add_row(user.username, user.display_name, user.agency, ", ".join(user.roles),
                      state)
    console.print(table)


@user_app.command("disable")
def user_disable(username: str) -> None:
    """Disable a user; their sessions end at once."""
    _set_disabled(username, True)


@user_app.command("enable")
def user_enable(username: str) -> None:
    """Enable a disabled user again."""
    _set_disabled(username, False)


def _set_disabled(username: str, disabled: bool) -> None:
    try:
        directory.set_disabled(open_store(), operator(), username, disabled)
    except ValueError as error:
        fail(str(error))
    console.print(f"user [bold]{username}[/] {'disabled' if disabled else 'enabled'}")


@user_app.command("token")
def user_token(
    username: str, label: str = typer.Option("", help="what the token is for"),
) -> None:
    """Issue an API token for a user (printed once; only its digest is stored)."""
    store = open_store()
    user = db.user_by_name(store, username)
    if user is None:
        fail(f"there is no user called {username!r}")
    token = issue_api_token(store, user.id, label)
    audit(store, operator(), "token_issue", username, {"label": label})
    console.print(token, highlight=False)


@share_app.command("add")
def share_add(
    source: str = typer.Argument(..., help="the agency that shares"),
    target: str = typer.Argument(..., help="the agency that receives"),
    record: str = typer.Option(None, help="share this one record (a case) instead of all"),
    purpose: Purpose = typer.Option(Purpose.INVESTIGATION, help="why it is shared"),
    victims: bool = typer.Option(False, help="share the victims' identity too "
                                             "(always so for aftercare)"),
) -> None:
    """Share an agency's records, or one case, with another agency."""
    try:
        share_id = directory.create_share(open_store(), operator(), source, target,
                                          record or ALL_RECORDS, purpose, victims)
    except ValueError as error:
        fail(str(error))
    console.print(f"sharing rule {share_id}: {source} → {target} ({record or 'all records'}, "
                  f"{purpose})")


@share_app.command("list")
def share_list(all_: bool = typer.Option(False, "--all", help="revoked rules too")) -> None:
    """Sharing rules in force (or all of them)."""
    table = Table("id", "from", "to", "scope", "purpose", "victims", "since", "revoked")
    for share in db.shares(open_store()):
        if share.active or all_:
            table.add_row(str(share.id), share.source, share.target, share.scope, share.purpose,
                          "yes" if share.victims else "no", share.created_at,
                          share.revoked_at or "")
    console.print(table)


@share_app.command("revoke")
def share_revoke(share_id: int) -> None:
    """Withdraw a sharing rule."""
    try:
        directory.revoke(open_store(), operator(), share_id)
    except ValueError as error:
        fail(str(error))
    console.print(f"sharing rule {share_id} revoked")


@audit_app.command("verify")
def audit_verify() -> None:
    """Check the whole chain; exits with status 1 at the first entry that does not hold."""
    checked, broken = verify_trail(open_store())
    if broken is not None:
        fail(f"the audit trail is broken at entry {broken.seq}: {broken.reason} "
             f"({checked:,} entries read)", code=1)
    console.print(f"the audit trail holds: {checked:,} entries, each following the one before")


@audit_app.command("list")
def audit_list(
    limit: int = typer.Option(50, help="how many, newest first"),
    actor: str = typer.Option(None, help="only this user's entries"),
) -> None:
    """The latest audit entries."""
    table = Table("seq", "at", "who", "agency", "action", "target")
    for entry in audit_entries(open_store(), newest_first=True, limit=limit, actor=actor):
        table.add_row(str(entry.seq), entry.at, entry.actor, entry.agency, entry.action,
                      entry.target)
    console.print(table)
