"""A first load builds the mentions' entity indexes after its rows are in, on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from kadiyan.model import Record, RecordKind
from kadiyan.store import Store, open_store
from kadiyan.store.schema import BUILT_AFTER_LOADING
from tests.store.test_store import _batch


def _indexes(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        names = {index["name"] for index in inspect(conn).get_indexes("mentions")}
    return names & set(BUILT_AFTER_LOADING)


def _ad(source_id: str, text: str) -> Record:
    return Record.build(RecordKind.AD, source_id, text, {"city": "Pune"})


def test_a_first_load_writes_without_the_indexes_and_builds_them_after(store: Store) -> None:
    assert _indexes(store) == set(BUILT_AFTER_LOADING)

    with store.loading() as first:
        assert first
        assert _indexes(store) == set()
        store.write(_batch(_ad("a1", "call 9811122334"), _ad("a2", "whatsapp 9811122334")))

    assert _indexes(store) == set(BUILT_AFTER_LOADING)
    evidence = {r for link in store.links_of("phone:+919811122334") for r in link.evidence}
    assert evidence == {_ad("a1", "call 9811122334").id, _ad("a2", "whatsapp 9811122334").id}


def test_a_store_with_mentions_keeps_its_indexes_while_loading(store: Store) -> None:
    store.write(_batch(_ad("a1", "call 9811122334")))

    with store.loading() as first:
        assert not first
        assert _indexes(store) == set(BUILT_AFTER_LOADING)
        store.write(_batch(_ad("a2", "call 9811122335")))

    assert _indexes(store) == set(BUILT_AFTER_LOADING)


def test_a_load_that_fails_still_builds_the_indexes(store: Store) -> None:
    with pytest.raises(RuntimeError), store.loading():
        store.write(_batch(_ad("a1", "call 9811122334")))
        raise RuntimeError("the input ended badly")

    assert _indexes(store) == set(BUILT_AFTER_LOADING)


def test_opening_a_store_builds_what_a_killed_load_left_out(store_url: str) -> None:
    store = open_store(store_url)
    loading = store.loading()
    assert loading.__enter__()  # a load starts, and its process dies before the end
    store.write(_batch(_ad("a1", "call 9811122334")))
    assert _indexes(store) == set()
    store.engine.dispose()

    reopened = open_store(store_url)

    assert _indexes(reopened) == set(BUILT_AFTER_LOADING)
    assert reopened.stats()["links"] == 1
    reopened.engine.dispose()
