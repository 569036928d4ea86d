"""`kadiyan link` resolves persons across records and obeys analysts' judgements."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from kadiyan.engines import get_engine
from kadiyan.engines.link import run_link
from kadiyan.ingest.pipeline import ingest_file
from kadiyan.model import Verdict
from kadiyan.resolve import persons, resolve_record
from kadiyan.store import Store
from kadiyan.store.resolution import (
    add_judgement,
    identity_events,
    members_of,
    memberships,
    person_mentions,
    redirect,
    scored_pairs,
    undo_judgement,
)


def _merged_across_records(store: Store) -> tuple[str, list[str]]:
    """A person whose mentions come from at least two records."""
    by_person: dict[str, list[str]] = {}
    for member, person in sorted(memberships(store, "person").items()):
        by_person.setdefault(person, []).append(member)
    for person, members in sorted(by_person.items()):
        if len({m.split("#")[0] for m in members}) > 1:
            return person, members
    raise AssertionError("no person is named in two records")


def test_persons_named_in_several_records_become_one_entity_with_reasons(linked: Store) -> None:
    person, members = _merged_across_records(linked)

    assert linked.entity(person).kind == "person"
    pairs = scored_pairs(linked, "person", members)
    assert pairs and pairs[0].probability >= persons.THRESHOLD
    assert pairs[0].explain()  # in words: "same name (+9.5), ..."
    assert {link.source for link in linked.links_of(person)} >= {m.split("#")[0] for m in members}


def test_persons_are_joined_only_where_their_names_agree(linked: Store) -> None:
    # an operation's phone on bookings under four names, its network, its district: context
    unlike = {"names loosely alike", "an alias in common", "different names"}
    members = sorted(memberships(linked, "person"))

    pairs = scored_pairs(linked, "person", members)

    assert pairs
    for pair in pairs:
        [name] = [r for r in pair.reasons if r.comparison == "name"]
        assert name.level not in unlike, pair.explain()


def test_linking_again_keeps_every_id(linked: Store) -> None:
    before = memberships(linked, "person")

    report = run_link(linked, get_engine())["persons"]

    assert memberships(linked, "person") == before
    assert report["merges"] == report["splits"] == 0


def test_a_different_judgement_splits_a_merge_on_the_next_link_and_undo_restores_it(
    linked: Store,
) -> None:
    person, members = _merged_across_records(linked)
    first = members[0]
    other = next(m for m in members if m.split("#")[0] != first.split("#")[0])

    judgement = add_judgement(linked, "person", first, other, Verdict.DIFFERENT, "asha",
                              "different fathers on the FIR")
    run_link(linked, get_engine())

    after = memberships(linked, "person")
    assert after[first] != after[other]
    assert person in (after[first], after[other])  # the larger part keeps the id
    assert any(e["event"] == "split" for e in identity_events(linked, person))

    undo_judgement(linked, judgement, "asha")
    run_link(linked, get_engine())
    assert memberships(linked, "person")[first] == memberships(linked, "person")[other] == person


def test_a_same_judgement_merges_two_persons_and_the_retired_id_redirects(linked: Store) -> None:
    ids = Counter(memberships(linked, "person").values())
    a, b = sorted(p for p, n in ids.items() if n == 1)[:2]
    [member_a], [member_b] = members_of(linked, a), members_of(linked, b)

    add_judgement(linked, "person", a, b, Verdict.SAME, "asha", "same Aadhaar on both")
    run_link(linked, get_engine())

    after = memberships(linked, "person")
    survivor = after[member_a]
    assert after[member_b] == survivor
    retired = b if survivor == a else a
    assert redirect(linked, retired) == survivor
    assert any(e["event"] == "merge" and e["other_id"] == retired
               for e in identity_events(linked, survivor))


def test_a_store_of_bookings_alone_makes_no_matches(store: Store, demo_world: Path) -> None:
    # bookings give no age and no father: no pair is near-certain, so no chance to estimate
    ingest_file(store, "bookings", demo_world / "bookings.csv", resolver=resolve_record)

    report = run_link(store, get_engine(), ("persons",))["persons"]

    found = memberships(store, "person")
    assert report["mentions"] == len(found) > 100
    assert report["persons"] == report["rows"]
    assert report["pairs"] == report["merges"] == 0
    assert not scored_pairs(store, "person", sorted(found))
    # a guest who also pays is one mention's row: one person per row, none joined across
    assert len(set(found.values())) == report["rows"]


def test_every_reason_is_the_level_that_was_scored(linked: Store) -> None:
    # a pair's weight is the prior's plus its comparisons': the same prior for every pair
    pairs = scored_pairs(linked, "person", sorted(memberships(linked, "person")))
    priors = [p.weight - sum(r.weight for r in p.reasons) for p in pairs]

    assert len(pairs) > 20
    assert max(priors) - min(priors) < 0.05
    names = {row.uid: row.name for rid, kind, at, place, mentions in person_mentions(linked)
             for row in persons.person_rows(rid, kind, at, mentions, place)}
    for pair in pairs:
        [name] = [r for r in pair.reasons if r.comparison == "name"]
        assert (name.level == "same name") == (names[pair.a] == names[pair.b]), pair.explain()
        for reason in pair.reasons:
            assert reason.level in persons.LEVELS[reason.comparison]
