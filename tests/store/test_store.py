"""The store on both databases: idempotent writes, search, stats."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event, select

from kadiyan.extract.fields import extract_record
from kadiyan.model import Entity, EntityKind, Link, LinkKind, Record, RecordKind
from kadiyan.model.access import Visibility
from kadiyan.resolve import resolve_record
from kadiyan.store import Batch, Store, schema
from kadiyan.store.rows import entity_row, link_rows, mention_row, record_row
from tests.graph.hub_world import load_hub_world, phone


def _batch(*records: Record) -> Batch:
    """Records with what they mention, as ingestion would write them."""
    batch = Batch(records=[record_row(r, None) for r in records])
    for r in records:
        mentions = extract_record(r)
        resolved = resolve_record(r, mentions)
        rows = zip(mentions, resolved.entity_ids, resolved.link_kinds, strict=True)
        batch.mentions += [mention_row(r.id, i, *row) for i, row in enumerate(rows)]
        batch.entities += [entity_row(e) for e in resolved.entities]
    return batch


def _ad(source_id: str, text: str) -> Record:
    return Record.build(RecordKind.AD, source_id, text, {"city": "Pune"}, occurred_at="2025-01-01")


def test_writing_the_same_batch_twice_changes_nothing(store: Store) -> None:
    batch = _batch(_ad("a1", "call 9811122334"), _ad("a2", "new girls 9811122334"))

    assert store.write(batch) == 2
    first = store.stats()
    assert store.write(batch) == 0
    assert store.stats() == first == {
        "records": {"ad": 2}, "entities": {"phone": 1}, "links": 2, "quarantined": 0,
    }


def test_records_keep_their_fields_and_provenance(store: Store) -> None:
    ad = _ad("a1", "कानपुर में सर्विस, कॉल करें")
    store.write(_batch(ad))

    loaded = store.record(ad.id)

    assert loaded == ad


def test_full_text_search_finds_words_in_either_script(store: Store) -> None:
    english = _ad("a1", "Fresh models in Koregaon Park tonight")
    hindi = _ad("a2", "कानपुर में नई लड़कियाँ उपलब्ध")
    store.write(_batch(english, hindi))

    assert [r.id for r in store.search_records("koregaon park")] == [english.id]
    assert [r.id for r in store.search_records("कानपुर")] == [hindi.id]
    assert store.search_records("Lucknow") == []
    assert store.search_records('"; DROP TABLE records; --') == []


def test_links_of_a_node_group_their_evidence(store: Store) -> None:
    a1, a2 = _ad("a1", "x 9811122334"), _ad("a2", "y 9811122334")
    store.write(_batch(a1, a2))

    links = store.links_of("phone:+919811122334")

    assert sorted((link.source, link.evidence) for link in links) == sorted(
        [(a1.id, (a1.id,)), (a2.id, (a2.id,))]
    )


def test_links_of_are_the_edges_view_s_rows_in_scope_oldest_first(
    store: Store, tmp_path: Path
) -> None:
    ads = load_hub_world(store, tmp_path)
    template = Entity("template:rooms-call", EntityKind.TEMPLATE, "rooms-call", "rooms, call …")
    uses = [Link(LinkKind.USES_TEMPLATE, ads[f"hub-{i}"], template.id, (ads[f"hub-{i}"],), 0.9)
            for i in (1, 2)]
    store.write_derived(Batch(entities=[entity_row(template)],
                              links=[row for link in uses for row in link_rows(link)]))
    nodes = [phone("H"), phone("A"), ads["hub-1"], ads["c-d"], template.id]
    scopes = [None, Visibility(frozenset({"ahtu-pune"})),
              Visibility(frozenset(), frozenset({ads["hub-2"], ads["a-h"]}))]

    for node in nodes:
        for visible in scopes:
            for limit in (1, 3, 100):
                expected = _view_rows(store, node, visible)[:limit]
                links = store.links_of(node, limit, visible)
                assert sorted((x.source, x.kind.value, x.target, r) for x in links
                              for r in x.evidence) == sorted(r[:4] for r in expected)
    # A record's links: the phones it names and the template it uses.
    assert {x.target for x in store.links_of(ads["hub-1"])} == {
        phone("H"), "phone:+919700000001", template.id}
    assert store.links_of(ads["hub-1"], visible=scopes[1]) == []


def _view_rows(store: Store, node: str, visible: Visibility | None) -> list[tuple]:
    """The `edges` view's rows at a node with visible evidence, oldest first."""
    edges, records = schema.edges, schema.records
    with store.engine.connect() as conn:
        at_node = (edges.c.src == node) | (edges.c.dst == node)
        rows = conn.execute(select(edges).where(at_node)).all()
        agency = dict(conn.execute(select(records.c.id, records.c.agency)).all())
    kept = [tuple(r) for r in rows if visible is None or visible.admits(agency[r[3]], r[3])]
    return sorted(kept, key=lambda r: (r[5] or "", r[3], r[1], r[0], r[2]))


def test_search_indexes_each_new_record_once_across_batches(store: Store) -> None:
    first, second = _ad("a1", "Koregaon Park tonight"), _ad("a2", "Koregaon Park tomorrow")
    store.write(_batch(first))
    store.write(_batch(first, second))  # `first` is known: only `second` is new

    found = store.search_records("koregaon")

    assert sorted(r.id for r in found) == sorted([first.id, second.id])


def test_a_record_repeated_within_a_batch_is_stored_once_with_its_mentions(store: Store) -> None:
    ad = _ad("a1", "call 9811122334 or 9811122335")
    twice = _batch(ad)
    twice.extend(_batch(ad))  # the same line twice in one file lands in one batch

    assert store.write(twice) == 1
    assert [m["value"] for m in store.mentions_of(ad.id)] == ["+919811122334", "+919811122335"]


def test_new_records_take_arrival_numbers_after_the_stored_ones(store: Store) -> None:
    first, second = _ad("a1", "call 9811122334"), _ad("a2", "call 9811122334 now")
    store.write(_batch(first))
    store.write(_batch(first, second))

    with store.engine.connect() as conn:
        arrived = conn.exec_driver_sql("SELECT id, seq FROM records ORDER BY seq").all()

    assert [tuple(row) for row in arrived] == [(first.id, 1), (second.id, 2)]
    links = store.links_of("phone:+919811122334")
    assert sorted(link.source for link in links) == sorted([first.id, second.id])


def test_reads_inside_reading_share_one_connection(store: Store) -> None:
    with store.connection() as first, store.connection() as second:
        apart = first is not second
    with store.reading():
        with store.connection() as first, store.connection() as second:
            shared = first is second
        with store.reading(), store.connection() as nested:
            still = nested is first
        counts = store.record_counts()

    assert apart and shared and still
    assert counts == {}


def test_a_reading_takes_its_connection_at_the_first_read_and_can_give_it_back_early(
    store: Store,
) -> None:
    taken: list[object] = []
    event.listen(store.engine, "checkout", lambda *_: taken.append(None))
    with store.reading() as shared:
        before_any_read = len(taken)
        store.record_counts()
        store.record_counts()
        after_two_reads = len(taken)
        shared.release()  # as a response starts: what is read after takes its own
        with store.connection() as own:
            assert own is not None
        after_release = len(taken)

    assert (before_any_read, after_two_reads, after_release) == (0, 1, 2)


def test_links_counted_unordered_are_the_same_links_below_the_cap(
    store: Store, tmp_path: Path
) -> None:
    load_hub_world(store, tmp_path)
    hub = phone("H")  # named in six ads
    ordered = store.links_of(hub, limit=10_000)
    unordered = store.links_of(hub, limit=10_000, ordered=False)
    capped = store.links_of(hub, limit=3, ordered=False)

    assert len(ordered) == 6
    assert {(x.source, x.kind, x.target) for x in unordered} == {
        (x.source, x.kind, x.target) for x in ordered}
    assert sum(len(link.evidence) for link in capped) == 3
