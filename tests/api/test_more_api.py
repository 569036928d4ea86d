"""Records by facet, links with evidence, judgements by API token, ingestion by API."""

from __future__ import annotations

import json
import time

import httpx

from kadiyan.access.login import issue_api_token
from kadiyan.store.access import user_by_name
from kadiyan.store.resolution import judgements
from tests.api.conftest import Served
from tests.api.world import PHONE_A
from tests.web.demo_app import DemoApp


def token_client(served: Served | DemoApp, username: str) -> httpx.Client:
    user = user_by_name(served.store, username)
    token = issue_api_token(served.store, user.id, "tests")
    return httpx.Client(base_url=served.base_url, timeout=30,
                        headers={"authorization": f"Bearer {token}"})


def test_records_are_listed_newest_first_by_facet(client: httpx.Client) -> None:
    ads = client.get("/api/records", params={"kind": "ad"}).json()["records"]
    in_2025 = client.get("/api/records", params={"since": "2025-01-04",
                                                 "until": "2025-01-05"}).json()["records"]
    assert len(ads) >= 4 and {r["kind"] for r in ads} == {"ad"}
    assert [r["date"][:10] for r in ads] == sorted((r["date"][:10] for r in ads), reverse=True)
    assert {r["source_id"] for r in in_2025} >= {"ad-102", "ad-103"}


def test_links_carry_their_evidence(client: httpx.Client, served: Served) -> None:
    body = client.get("/api/links", params={"id": PHONE_A}).json()
    evidence = {r for link in body["links"] for r in link["evidence"]}
    assert served.records["ad-101"] in evidence and served.records["bk-201"] in evidence


def test_search_facets_count_and_narrow(client: httpx.Client) -> None:
    body = client.get("/api/search", params={"q": "call"}).json()
    narrowed = client.get("/api/search", params={"q": "call", "kind": "ad"}).json()
    assert dict(body["facets"]["kind"]).get("ad", 0) >= 2
    assert {r["kind"] for r in narrowed["records"]} == {"ad"}


def test_a_judgement_by_api_token_is_stored_and_undone(demo_app: DemoApp) -> None:
    persons = [e.id for e in demo_app.store.find_entities("person", "", limit=50)]
    with token_client(demo_app, "analyst.owner") as http:
        people = [p for p in persons if http.get("/api/entity", params={"id": p}).status_code
                  == 200][:2]
        assert len(people) == 2
        made = http.post("/api/judgements", json={"a": people[0], "b": people[1],
                                                  "verdict": "different", "why": "tests"})
        assert made.status_code == 201, made.text
        undone = http.post(f"/api/judgements/{made.json()['id']}/undo")
    assert undone.json()["undone_at"] is not None
    assert not [j for j in judgements(demo_app.store, "person") if j.id == made.json()["id"]]


def test_a_cookie_session_needs_the_csrf_header_to_judge(client: httpx.Client) -> None:
    response = client.post("/api/judgements", json={"a": "person:x", "b": "person:y",
                                                    "verdict": "same"})
    assert response.status_code == 403


def test_a_file_is_ingested_through_the_api(scratch: Served) -> None:
    served = scratch
    row = {"id": "ad-api-1", "text": "Nagpur call 98111 22233", "city": "Nagpur",
           "posted_at": "2025-03-02T10:00:00+05:30", "images": []}
    with token_client(served, "investigator") as http:
        started = http.post("/api/ingest", data={"kind": "ads"},
                            files={"file": ("a.jsonl", json.dumps(row).encode() + b"\n")})
        assert started.status_code == 202, started.text
        for _ in range(300):
            status = http.get(f"/api/ingest/{started.json()['id']}").json()
            if status["status"] == "done":
                break
            time.sleep(0.1)
        runs = http.get("/api/runs").json()["runs"]
    assert status["stored"] == 1
    assert runs[0]["agency"] == "ahtu-pune"
