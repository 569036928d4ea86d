"""The JSON API, over HTTP against the real app and a real store."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import Served
from tests.api.world import (
    HANDLE,
    HINDI_B,
    OBFUSCATED_A,
    PHONE_A,
    PHONE_B,
    PHONE_C,
    PHONE_E,
)


def _group(page: dict, key: str) -> dict[str, dict]:
    """The items of one group of an entity page, by their label."""
    groups = {g["key"]: g for g in page["groups"]}
    assert key in groups, f"no group {key!r} in {list(groups)}"
    return {item["label"]: item for item in groups[key]["items"]}


def test_health_answers_anyone_ok_and_tells_nothing_about_the_data(
    anonymous: httpx.Client,
) -> None:
    response = anonymous.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_stats_count_the_records_in_the_users_scope_and_nothing_more(
    client: httpx.Client,
) -> None:
    body = client.get("/api/stats").json()

    assert body["records"] == {"ad": 4, "booking": 2, "call": 2, "case_report": 1}
    assert body["entities"] == {} and body["links"] is None and body["quarantined"] is None


@pytest.mark.parametrize(
    "written", [OBFUSCATED_A, "+91 98775-55432", "९८७७५ ५५४३२", "98775 55432", PHONE_A]
)
def test_search_finds_a_phone_however_it_is_written(client: httpx.Client, written: str) -> None:
    body = client.get("/api/search", params={"q": written}).json()

    assert PHONE_A in [e["id"] for e in body["entities"]]
    hit = next(e for e in body["entities"] if e["id"] == PHONE_A)
    assert hit["kind"] == "phone"
    assert hit["links"] == 2  # ad-101 and bk-201


def test_a_phone_search_lists_the_records_that_name_the_phone_newest_first(
    client: httpx.Client,
) -> None:
    body = client.get("/api/search", params={"q": "98775 55432"}).json()

    # The booking (2 January) and the ad (3 January) name it; nothing else shares its digits.
    assert [r["source_id"] for r in body["records"]] == ["ad-101", "bk-201"]
    assert body["facets"]["kind"] == [["ad", 1], ["booking", 1]]


def test_a_phone_among_other_words_is_searched_as_words(client: httpx.Client) -> None:
    body = client.get("/api/search", params={"q": "Tuition 7011223344"}).json()

    assert [e["id"] for e in body["entities"]] == [PHONE_C]
    assert [r["source_id"] for r in body["records"]] == ["ad-103"]


def test_search_marks_the_obfuscated_phone_in_the_ad(client: httpx.Client) -> None:
    body = client.get("/api/search", params={"q": OBFUSCATED_A}).json()

    ad = next(r for r in body["records"] if r["source_id"] == "ad-101")
    assert ad["snippet"]["mark"] == OBFUSCATED_A
    assert ad["snippet"]["kind"] == "phone"
    assert ad["place"] == "Pune"


@pytest.mark.parametrize("handle", [f"@{HANDLE}", HANDLE])
def test_search_finds_a_handle_with_or_without_at(client: httpx.Client, handle: str) -> None:
    body = client.get("/api/search", params={"q": handle}).json()

    assert [e["id"] for e in body["entities"]] == [f"account:instagram:{HANDLE}"]


def test_search_by_words_returns_records_with_the_word_marked(client: httpx.Client) -> None:
    body = client.get("/api/search", params={"q": "tuition maths"}).json()

    assert body["entities"] == []
    [hit] = body["records"]
    assert hit["source_id"] == "ad-103"
    assert hit["snippet"]["mark"].lower() in ("tuition", "maths")


def test_search_limit_caps_the_records(client: httpx.Client) -> None:
    body = client.get("/api/search", params={"q": "call", "limit": 1}).json()

    assert len(body["records"]) == 1


def test_entity_lists_the_ad_and_the_booking_that_share_a_phone(
    client: httpx.Client, served: Served
) -> None:
    response = client.get("/api/entity", params={"id": PHONE_A})

    assert response.status_code == 200
    page = response.json()
    assert page["entity"] == {"id": PHONE_A, "kind": "phone", "key": "+919877555432",
                              "label": "+919877555432"}
    ad = _group(page, "ad")["ad ad-101"]
    assert ad["id"] == served.records["ad-101"]
    [evidence] = ad["evidence"]
    assert evidence["record_id"] == served.records["ad-101"]
    assert (evidence["kind"], evidence["source_id"], evidence["place"]) == ("ad", "ad-101", "Pune")
    assert evidence["date"].startswith("2025-01-03")
    assert evidence["snippet"]["mark"] == OBFUSCATED_A
    booking = _group(page, "booking")["booking bk-201"]
    assert booking["relations"] == ["contact"]
    snippet = booking["evidence"][0]["snippet"]
    assert (snippet["field"], snippet["mark"]) == ("guest_phone", "+91 98775 55432")


def test_entity_lists_entities_named_in_the_same_records(client: httpx.Client) -> None:
    page = client.get("/api/entity", params={"id": PHONE_A}).json()

    others = {item["id"]: item for item in _group(page, "entity").values()}
    assert {PHONE_B, "hotel:hotel sagar|pune", "email:kavita.rao@example.in"} <= set(others)
    phone_b = others[PHONE_B]
    assert phone_b["relations"] == ["shares_record"]
    assert phone_b["direct"] is False
    assert phone_b["evidence"][0]["snippet"]["mark"] == "91234 56780"


def test_entity_groups_case_reports_and_marks_a_nested_field(client: httpx.Client) -> None:
    page = client.get("/api/entity", params={"id": PHONE_B}).json()

    [case] = _group(page, "case_report").values()
    snippet = case["evidence"][0]["snippet"]
    assert (snippet["field"], snippet["mark"]) == ("accused[0].phone", "9123456780")
    hindi = _group(page, "ad")["ad ad-102"]["evidence"][0]["snippet"]
    assert hindi["mark"] == HINDI_B


def test_entity_lists_calls_and_who_called_whom(client: httpx.Client) -> None:
    caller = client.get("/api/entity", params={"id": PHONE_B}).json()
    called = client.get("/api/entity", params={"id": PHONE_E}).json()

    calls = _group(caller, "call")
    assert sorted(calls) == ["call 1", "call 2"]
    assert calls["call 1"]["evidence"][0]["snippet"]["field"] == "a_party"
    e = next(i for i in _group(caller, "entity").values() if i["id"] == PHONE_E)
    assert "called" in e["relations"] and e["direct"] is True
    assert e["evidence_count"] == 2
    assert [x["snippet"]["mark"] for x in e["evidence"]] == ["9822233445", "9822233445"]
    b = next(i for i in _group(called, "entity").values() if i["id"] == PHONE_B)
    assert "called_by" in b["relations"]


def test_record_gives_its_mentions_with_spans_and_entities(
    client: httpx.Client, served: Served
) -> None:
    record = client.get("/api/record", params={"id": served.records["ad-101"]}).json()

    assert record["kind"] == "ad"
    assert record["fields"]["city"] == "Pune"
    spans = [(m["field"], record["text"][m["start"]:m["end"]], m["entity_id"])
             for m in record["mentions"] if m["kind"] == "phone"]
    assert spans == [("text", OBFUSCATED_A, PHONE_A), ("text", "91234 56780", PHONE_B)]
    assert {m["kind"] for m in record["mentions"]} >= {"phone", "place", "indicator"}


def test_record_mentions_in_fields_index_the_field(client: httpx.Client, served: Served) -> None:
    record = client.get("/api/record", params={"id": served.records["bk-201"]}).json()

    phone = next(m for m in record["mentions"] if m["kind"] == "phone")
    assert phone["field"] == "guest_phone"
    assert record["fields"]["guest_phone"][phone["start"]:phone["end"]] == "+91 98775 55432"


def test_neighbourhood_gives_each_node_its_hop_distance(
    client: httpx.Client, served: Served
) -> None:
    body = client.get("/api/neighbourhood", params={"id": PHONE_A, "hops": 2}).json()

    hops = {n["id"]: n["hops"] for n in body["nodes"]}
    assert hops[PHONE_A] == 0
    assert hops[served.records["ad-101"]] == 1
    assert hops[served.records["bk-201"]] == 1
    assert hops[PHONE_B] == 2
    assert hops["hotel:hotel sagar|pune"] == 2
    labels = {n["id"]: n["label"] for n in body["nodes"]}
    assert labels[served.records["bk-201"]] == "booking bk-201"
    assert all(e["source"] in hops and e["target"] in hops for e in body["edges"])
    assert body["truncated"] is False


def test_neighbourhood_of_a_record_reaches_what_it_names(
    client: httpx.Client, served: Served
) -> None:
    body = client.get("/api/neighbourhood", params={"id": served.records["ad-101"]}).json()

    assert {n["id"]: n["hops"] for n in body["nodes"]} == {
        served.records["ad-101"]: 0, PHONE_A: 1, PHONE_B: 1,
    }
    assert len(body["edges"]) == 2


def test_neighbourhood_stops_at_the_limit(client: httpx.Client) -> None:
    body = client.get("/api/neighbourhood", params={"id": PHONE_A, "hops": 3, "limit": 2}).json()

    assert len(body["nodes"]) == 2
    assert body["truncated"] is True


def test_path_between_two_phones_goes_through_the_ad_they_share(
    client: httpx.Client, served: Served
) -> None:
    response = client.get("/api/path", params={"a": PHONE_A, "b": PHONE_B})

    assert response.status_code == 200
    body = response.json()
    ad = served.records["ad-101"]
    assert [n["id"] for n in body["nodes"]] == [PHONE_A, ad, PHONE_B]
    assert [n["label"] for n in body["nodes"]][1] == "ad ad-101"
    assert [step["evidence"] for step in body["steps"]] == [[ad], [ad]]


def test_no_path_is_a_404_that_says_so(client: httpx.Client) -> None:
    response = client.get("/api/path", params={"a": PHONE_A, "b": PHONE_C})

    assert response.status_code == 404
    assert "no path" in response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/entity", {"id": "phone:+910000000000"}),
        ("/api/entity", {"id": "case:uttar pradesh/kanpur nagar/naubasta/214/2025"}),
        ("/api/record", {"id": "r00000000000000000000"}),
        ("/api/neighbourhood", {"id": "account:instagram:nobody"}),
        ("/api/path", {"a": PHONE_A, "b": "phone:+910000000000"}),
        ("/api/path", {"a": "r00000000000000000000", "b": PHONE_A}),
    ],
)
def test_unknown_ids_are_404(client: httpx.Client, path: str, params: dict) -> None:
    response = client.get(path, params=params)

    assert response.status_code == 404
    assert "no " in response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/search", {}),
        ("/api/search", {"q": ""}),
        ("/api/search", {"q": "x" * 301}),
        ("/api/search", {"q": "call", "limit": 0}),
        ("/api/search", {"q": "call", "limit": "many"}),
        ("/api/entity", {}),
        ("/api/entity", {"id": ""}),
        ("/api/entity", {"id": "phone:\x00"}),
        ("/api/record", {"id": "r1\n"}),
        ("/api/neighbourhood", {"id": PHONE_A, "hops": 0}),
        ("/api/neighbourhood", {"id": PHONE_A, "hops": 4}),
        ("/api/neighbourhood", {"id": PHONE_A, "limit": 0}),
        ("/api/path", {"a": PHONE_A}),
        ("/api/path", {"a": PHONE_A, "b": PHONE_B, "max_hops": 0}),
        ("/api/path", {"a": PHONE_A, "b": PHONE_B, "max_hops": 99}),
    ],
)
def test_bad_parameters_are_422(client: httpx.Client, path: str, params: dict) -> None:
    assert client.get(path, params=params).status_code == 422


ODD_TEXT = [
    "'", '"', "%", "_", "*", "NEAR(a b)", "a:b", "::::", "phone:", "@", "@@@", "🙂", "ठ", " ",
    "AND OR NOT", "-", "\t\n", "r" + "0" * 20, "x" * 300, "१२३", "9" * 40, "+", "\\", "<>&",
    "double double triple", "SELECT * FROM records", "ज़ीरो ज़ीरो", "wa.me/", "%00", "..",
]


@pytest.mark.parametrize("text", ODD_TEXT)
def test_odd_input_never_fails_the_server(client: httpx.Client, text: str) -> None:
    for path, params in (
        ("/api/search", {"q": text}),
        ("/api/entity", {"id": text}),
        ("/api/record", {"id": text}),
        ("/api/neighbourhood", {"id": text, "hops": 3}),
        ("/api/path", {"a": PHONE_A, "b": text}),
        ("/search", {"q": text}),
        ("/entity", {"id": text}),
        ("/record", {"id": text}),
    ):
        response = client.get(path, params=params)
        assert response.status_code in (200, 404, 422), (path, text, response.text[:300])


def test_openapi_describes_every_route(client: httpx.Client) -> None:
    spec = client.get("/api/openapi.json").json()

    assert {"/health", "/api/search", "/api/entity", "/api/record", "/api/neighbourhood",
            "/api/path", "/api/stats"} <= set(spec["paths"])
    assert "/entity" not in spec["paths"]  # pages are not part of the API


def test_api_docs_are_served_without_script_or_other_hosts(client: httpx.Client) -> None:
    response = client.get("/api/docs")

    assert response.status_code == 200
    assert "/api/search" in response.text
    assert "<script" not in response.text
    assert "//" not in response.text.replace("<!doctype html>", "")



def test_path_and_neighbourhood_take_a_phone_as_written_and_a_source_id(
    client: httpx.Client, served: Served
) -> None:
    path = client.get("/api/path", params={"a": OBFUSCATED_A, "b": "91234 56780"})
    near = client.get("/api/neighbourhood", params={"id": "ad-101"})

    assert path.status_code == 200, path.text
    assert [n["id"] for n in path.json()["nodes"]] == [
        PHONE_A, served.records["ad-101"], PHONE_B,
    ]
    assert near.status_code == 200, near.text
    assert PHONE_A in {n["id"] for n in near.json()["nodes"]}
