"""Uploading a file through the app: ingested for the uploader's agency, bad rows kept in
quarantine and shown to that agency only."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.api.conftest import Served, sign_in


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None
    return found[1]


def wait_done(http: httpx.Client, upload_id: str) -> dict:
    for _ in range(300):
        status = http.get(f"/api/ingest/{upload_id}").json()
        if status["status"] in ("done", "failed"):
            return status
        time.sleep(0.1)
    raise AssertionError("the upload did not finish")


@pytest.fixture
def uploader(scratch: Served) -> Iterator[httpx.Client]:
    """An investigator of the world's agency, on an app whose store may be added to."""
    with httpx.Client(base_url=scratch.base_url, timeout=30) as http:
        assert sign_in(http, "investigator").status_code == 303
        yield http


def test_an_upload_is_ingested_for_the_uploaders_agency_with_its_bad_rows_quarantined(
    uploader: httpx.Client, scratch: Served,
) -> None:
    client, served = uploader, scratch
    rows = [{"id": "ad-up-1", "text": "Pune call 98765 11111 new girls", "city": "Pune",
             "posted_at": "2025-03-01T10:00:00+05:30", "images": []},
            {"id": "ad-up-2"}]  # no text: quarantined
    body = "".join(json.dumps(r) + "\n" for r in rows).encode()
    page = client.get("/ingest")
    response = client.post("/ingest", data={"csrf": csrf_of(page.text), "kind": "ads"},
                           files={"file": ("new-ads.jsonl", body, "application/json")})
    assert response.status_code == 303
    upload_id = response.headers["location"].split("upload=")[1]

    status = wait_done(client, upload_id)
    assert (status["status"], status["stored"], status["quarantined"]) == ("done", 1, 1)
    shown = client.get("/ingest", params={"upload": upload_id}).text
    assert "new-ads.jsonl" in shown and "missing required field" in shown
    stored = served.store.records(served.store.record_ids_by_source("ad-up-1"))
    assert [r.agency for r in stored] == ["ahtu-pune"]


def test_an_upload_form_without_its_token_is_refused(uploader: httpx.Client) -> None:
    response = uploader.post("/ingest", data={"csrf": "forged", "kind": "ads"},
                           files={"file": ("x.jsonl", b'{"id": "a"}\n', "application/json")})
    assert response.status_code == 403


def test_an_analyst_may_not_ingest(served: Served) -> None:
    with httpx.Client(base_url=served.base_url) as http:
        sign_in(http, "analyst")
        assert http.get("/ingest").status_code == 403
        assert http.get("/api/quarantine").status_code == 403
