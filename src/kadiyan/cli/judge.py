"""`kadiyan judge`: an analyst's "same" or "different" on two persons, and its undoing."""

from __future__ import annotations

import getpass

import typer
from rich.table import Table

from kadiyan.access.trail import audit
from kadiyan.cli.access import operator
from kadiyan.cli.output import console, fail
from kadiyan.model import Verdict
from kadiyan.store import open_store
from kadiyan.store.resolution import add_judgement, judgements, redirect, undo_judgement


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command()(judge)
    app.command("judgements")(judgements_)


def judge(
    a: str = typer.Argument(None, help="a person id (person:...) or mention (RECORD_ID#SEQ)"),
    b: str = typer.Argument(None, help="the other person or mention"),
    verdict: Verdict = typer.Argument(None, help="same or different"),
    why: str = typer.Option("", help="the reason, kept with the judgement"),
    who: str = typer.Option(None, help="who judges (default: the login name)"),
    undo: int = typer.Option(None, help="withdraw the judgement with this id instead"),
) -> None:
    """Judge two persons the same or different; the next `kadiyan link` respects it.

    `kadiyan judge --undo ID` withdraws a judgement; its record stays, marked undone.
    """
    if undo is not None:
        store = open_store()
        if not undo_judgement(store, undo, who or getpass.getuser()):
            fail(f"no active judgement {undo}")
        audit(store, operator(), "judgement_undo", str(undo))
        console.print(f"judgement {undo} undone (takes effect on the next `kadiyan link`)")
        return
    if not (a and b and verdict):
        fail("give two persons and a verdict: kadiyan judge A B same|different")
    store = open_store()
    refs = [redirect(store, ref) for ref in (a, b)]
    if refs[0] == refs[1] and verdict is Verdict.DIFFERENT:
        fail(f"{a} and {b} are one person now; judge two of its mentions (RECORD_ID#SEQ) "
             "to split it")
    judgement_id = add_judgement(store, "person", refs[0], refs[1], verdict,
                                 who or getpass.getuser(), why)
    audit(store, operator(), "judgement", f"{refs[0]} {refs[1]}",
          {"verdict": str(verdict), "id": judgement_id, "who": who or getpass.getuser()})
    console.print(f"judgement {judgement_id}: {refs[0]} {verdict} {refs[1]} "
                  "(takes effect on the next `kadiyan link`)")


def judgements_(
    all_: bool = typer.Option(False, "--all", help="include undone judgements"),
) -> None:
    """Analysts' judgements on persons, in the order they were made."""
    table = Table("id", "a", "verdict", "b", "who", "when", "why", "undone")
    for j in judgements(open_store(), "person", active_only=not all_):
        table.add_row(str(j.id), j.a, str(j.verdict), j.b, j.who, j.at, j.why,
                      f"{j.undone_at} by {j.undone_by}" if j.undone_at else "")
    console.print(table)
