"""Hot reads on the driver's cursor give what SQLAlchemy gives, on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import bindparam, exc, insert, select, text

from kadiyan.model import Record, RecordKind
from kadiyan.model.access import Visibility
from kadiyan.store import Store, schema
from kadiyan.store.driver import fetch, fetch_dicts, prepared, raw_transaction
from kadiyan.store.seen import seen_values, shape
from kadiyan.store.store import _links_at, _records_by_id
from tests.store.test_store import _batch

ADS = [Record.build(RecordKind.AD, f"a{n}", f"call 98111223{n:02} in Pune", {"city": "Pune"},
                    agency="ahtu-pune" if n % 2 else "cyber-cell")
       for n in range(12)]


@pytest.fixture
def filled(store: Store) -> Store:
    store.write(_batch(*ADS))
    return store


def test_rows_are_those_sqlalchemy_reads_whatever_the_lengths_of_the_lists(filled: Store) -> None:
    ids = [ad.id for ad in ADS]
    with filled.connection() as conn:
        for asked in (ids[:1], ids[:5], ids, [*ids, "unknown"]):
            through_sqlalchemy = [tuple(row) for row in conn.execute(_records_by_id(),
                                                                     {"ids": asked})]
            assert sorted(fetch(conn, _records_by_id(), {"ids": asked})) == sorted(
                through_sqlalchemy)


def test_a_statement_s_own_values_and_the_viewer_s_lists_are_bound(filled: Store) -> None:
    visible = Visibility(agencies=frozenset({"ahtu-pune"}))
    statement = _links_at("src", shape(visible))
    params = {**seen_values(visible), "node": ADS[1].id, "limit": 10}
    with filled.connection() as conn:
        rows = fetch_dicts(conn, statement, params)
        hidden = fetch_dicts(conn, statement, {**params, "node": ADS[0].id})

    assert [(row["src"], row["dst"]) for row in rows] == [(ADS[1].id, "phone:+919811122301")]
    assert hidden == []  # the record of the cyber cell is not visible


def test_an_empty_list_reads_nothing(filled: Store) -> None:
    with filled.connection() as conn:
        assert fetch(conn, _records_by_id(), {"ids": []}) == []


def test_a_statement_is_compiled_once_per_power_of_two_of_its_lists(filled: Store) -> None:
    dialect = filled.engine.dialect
    three = prepared(dialect, _records_by_id(), {"ids": ["a", "b", "c"]})

    assert prepared(dialect, _records_by_id(), {"ids": ["w", "x", "y", "z"]}) is three
    assert prepared(dialect, _records_by_id(), {"ids": ["a", "b"]}) is not three
    assert prepared(dialect, _records_by_id(), {"ids": list("abcde")}) is not three


def test_a_read_shares_the_transaction_of_the_connection(filled: Store) -> None:
    with filled.engine.connect() as conn:
        fetch(conn, _records_by_id(), {"ids": [ADS[0].id]})
        assert conn.in_transaction()
        # Written by another connection after the read began: not in this snapshot on
        # SQLite; PostgreSQL reads committed rows (each statement sees what was committed).
        filled.write(_batch(Record.build(RecordKind.AD, "late", "call 9811122399", {})))
        late = Record.build(RecordKind.AD, "late", "call 9811122399", {}).id
        seen = fetch(conn, _records_by_id(), {"ids": [late]})

    assert (seen == []) == (filled.dialect == "sqlite")


def test_errors_are_sqlalchemy_s(filled: Store) -> None:
    broken = select(schema.records.c.id).where(
        text("no_such_column = 1"), schema.records.c.id.in_(bindparam("ids", expanding=True)))
    with filled.connection() as conn, pytest.raises(exc.DBAPIError):
        fetch(conn, broken, {"ids": ["a"]})


def _agencies(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(schema.agencies.c.id).order_by("id")).scalars())


def _agency(agency_id: str) -> dict[str, str]:
    return {"id": agency_id, "name": agency_id, "kind": "district_ahtu", "state": "",
            "parent": None, "created_at": "2026-01-01T00:00:00+00:00"}


def test_a_raw_transaction_commits_what_it_wrote_or_nothing(store: Store) -> None:
    add = insert(schema.agencies)
    with raw_transaction(store.engine) as tx:
        tx.execute(add, _agency("ahtu-pune"))
        assert tx.fetch(select(schema.agencies.c.id), {}) == [("ahtu-pune",)]

    with pytest.raises(RuntimeError), raw_transaction(store.engine) as tx:
        tx.execute(add, _agency("ahtu-agra"))
        raise RuntimeError("the caller failed half-way")
    # A failing statement is SQLAlchemy's error, and what came before it is undone too.
    with pytest.raises(exc.IntegrityError), raw_transaction(store.engine) as tx:
        tx.execute(add, _agency("ahtu-delhi"))
        tx.execute(add, _agency("ahtu-pune"))

    assert _agencies(store) == ["ahtu-pune"]
    with raw_transaction(store.engine) as tx:  # the pool's connections still work
        tx.execute(add, _agency("ahtu-agra"))
    assert _agencies(store) == ["ahtu-agra", "ahtu-pune"]
