"""Stable ids: a cluster keeps its id as it grows, merges and splits are recorded."""

from __future__ import annotations

from kadiyan.resolve.identities import assign_ids


def test_a_rebuild_of_the_same_clusters_gives_the_same_ids() -> None:
    first = assign_ids("person", [["m1", "m2"], ["m3"]], {})
    again = assign_ids("person", [["m1", "m2"], ["m3"]], {})

    assert first.ids == again.ids
    assert {e.event for e in first.events} == {"new"}


def test_a_cluster_that_grows_keeps_its_id() -> None:
    first = assign_ids("person", [["m1", "m2"]], {})
    grown = assign_ids("person", [["m1", "m2", "m9"]], first.ids)

    assert grown.ids["m9"] == first.ids["m1"]
    assert grown.events == []


def test_a_merge_keeps_the_larger_id_and_records_the_other() -> None:
    before = assign_ids("person", [["m1", "m2"], ["m3"]], {}).ids
    big, small = before["m1"], before["m3"]

    merged = assign_ids("person", [["m1", "m2", "m3"]], before,
                        cause=lambda kept, other, members: f"{other} into {kept}")

    assert set(merged.ids.values()) == {big}
    [event] = merged.events
    assert (event.event, event.entity_id, event.other_id) == ("merge", big, small)
    assert event.cause == f"{small} into {big}"


def test_a_split_leaves_the_id_with_the_larger_part() -> None:
    before = assign_ids("person", [["m1", "m2", "m3"]], {}).ids
    old = before["m1"]

    split = assign_ids("person", [["m1", "m2"], ["m3"]], before)

    assert split.ids["m1"] == split.ids["m2"] == old
    assert split.ids["m3"] != old
    [event] = split.events
    assert (event.event, event.entity_id, event.other_id) == ("split", split.ids["m3"], old)


def test_a_tie_goes_to_the_older_id_so_an_undone_split_gives_the_original_back() -> None:
    previous = {"m1": "person:old", "m2": "person:new"}

    merged = assign_ids("person", [["m1", "m2"]], previous,
                        born={"person:old": "2026-01-01", "person:new": "2026-02-01"})

    assert set(merged.ids.values()) == {"person:old"}
