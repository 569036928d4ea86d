"""Which records a read may show, as a condition with parameters (built once per shape).

A `Visibility` becomes `agency IN (...) OR id IN (...)` on a records table; statements are
built once per shape (which of the two lists there are) and given the lists as parameters,
since building and checking a statement with hundreds of values costs more than running it.

The condition only ever filters records that a read reached by id or arrival number. On
SQLite it is written so that no index can serve it: without statistics, SQLite weighs a
few agencies against a couple of hundred ids and may read every record of the agencies
(half a million ads of a cyber cell) to keep the few asked for.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, bindparam, false, or_, true
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from kadiyan.model.access import Visibility

CHUNK = 500  # ids in one statement
Shape = tuple[bool, bool] | None  # a visibility's form: (has agencies, has records), None: all


def shape(visible: Visibility | None) -> Shape:
    """The form of `visible`, which selects the statement built for it."""
    return None if visible is None else (bool(visible.agencies), bool(visible.records))


def seen_values(visible: Visibility | None) -> dict[str, list[str]]:
    """The parameters of `seen_bound` for `visible`."""
    if visible is None:
        return {}
    values = {}
    if visible.agencies:
        values["seen_agencies"] = sorted(visible.agencies)
    if visible.records:
        values["seen_records"] = sorted(visible.records)
    return values


def seen_bound(records: Any, form: Shape) -> Any:
    """The condition on a records table keeping visible rows, its lists as parameters."""
    if form is None:
        return true()
    agencies, ids = form
    conditions = []
    if agencies:
        agency = Unindexed(records.c.agency)
        conditions.append(agency.in_(bindparam("seen_agencies", expanding=True)))
    if ids:
        record = Unindexed(records.c.id)
        conditions.append(record.in_(bindparam("seen_records", expanding=True)))
    return or_(*conditions) if conditions else false()


class Unindexed(FunctionElement[str]):
    """A text column that the database may test but not look up by index (SQLite's `+x`)."""

    type = String()
    inherit_cache = True


@compiles(Unindexed)
def _column(element: Unindexed, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(Unindexed, "sqlite")
def _unindexed_on_sqlite(element: Unindexed, compiler: Any, **kw: Any) -> str:
    return "+" + str(compiler.process(element.clauses, **kw))
