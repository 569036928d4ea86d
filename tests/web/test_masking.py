"""A victim's name is shown to those who act for her and masked for everyone else;
every unmasked view is audited."""

from __future__ import annotations

import httpx

from kadiyan.store.access import audit_entries
from tests.api.conftest import Served, sign_in
from tests.api.world import VICTIM


def fetch_as(served: Served, role: str, *requests: tuple[str, dict]) -> list[httpx.Response]:
    with httpx.Client(base_url=served.base_url, timeout=15) as http:
        assert sign_in(http, role).status_code == 303
        return [http.get(path, params=params) for path, params in requests]


def test_an_investigator_sees_the_victim_and_the_view_is_audited(served: Served) -> None:
    case = served.records["fir-301"]
    page, api = fetch_as(served, "investigator", ("/record", {"id": case}),
                         ("/api/record", {"id": case}))

    assert VICTIM in page.text and VICTIM in api.text
    views = [e for e in audit_entries(served.store, actor="investigator")
             if e.action == "victim_view" and e.target == case]
    assert len(views) >= 2


def test_an_analyst_gets_the_record_with_the_victim_masked_everywhere(served: Served) -> None:
    case = served.records["fir-301"]
    responses = fetch_as(
        served, "analyst", ("/record", {"id": case}), ("/api/record", {"id": case}),
        ("/search", {"q": "Lata"}), ("/api/search", {"q": "Verma"}),
        ("/api/search", {"q": "मुक्त"}),
    )
    page, api, search_page, search_api, by_other_word = responses

    assert all(response.status_code == 200 for response in responses)
    for response in (page, api, by_other_word):
        assert "Lata" not in response.text and "Verma" not in response.text
    assert "[protected]" in page.text
    assert case not in search_page.text  # the page repeats the query, but finds nothing
    assert api.json()["fields"]["victims"][0]["age"] == 17  # age stays for the analysis
    assert search_api.json()["records"] == []  # a masked name finds nothing, not a count
    assert [r["id"] for r in by_other_word.json()["records"]] == [case]
    assert not [e for e in audit_entries(served.store, actor="analyst")
                if e.action == "victim_view"]


def test_the_mentions_stay_in_step_with_the_masked_text(served: Served) -> None:
    (api,) = fetch_as(served, "analyst", ("/api/record", {"id": served.records["fir-301"]}))
    record = api.json()
    for mention in record["mentions"]:
        if mention["field"] == "text" and mention["value"] != "[protected]":
            assert record["text"][mention["start"]:mention["end"]] == mention["raw"]
