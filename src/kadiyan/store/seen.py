"""Which records a read may show, as a condition with parameters (built once per shape).

A `Visibility` becomes `agency IN (...) OR id IN (...)` on a records table; statements are
built once per shape (which of the two lists there are) and given the lists as parameters,
since building and checking a statement with hundreds of values costs more than running it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, false, or_, true

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
        conditions.append(records.c.agency.in_(bindparam("seen_agencies", expanding=True)))
    if ids:
        conditions.append(records.c.id.in_(bindparam("seen_records", expanding=True)))
    return or_(*conditions) if conditions else false()
