"""Operation pages: what holds an operation together, as far as the viewer may see."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from kadiyan.access.demo import DEMO_PASSWORD
from kadiyan.store.resolution import operations
from tests.api.conftest import sign_in
from tests.web.demo_app import DemoApp


@contextmanager
def signed_in(app: DemoApp, username: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=app.base_url, timeout=60) as http:
        assert sign_in(http, username, DEMO_PASSWORD).status_code == 303
        yield http


def test_the_demo_investigator_sees_the_largest_operation_from_the_home_page(
    demo_app: DemoApp,
) -> None:
    largest = operations(demo_app.store, limit=1)[0]
    with signed_in(demo_app, "investigator") as http:
        home = http.get("/").text
        page = http.get("/operation", params={"id": largest["id"]})

    assert re.search(r'class="op-link" href="/operation\?id=' + re.escape(
        largest["id"].replace(":", "%3A")), home)
    assert page.status_code == 200
    html = page.text
    assert "<svg" in html and html.count('class="bar"') >= 2  # activity by month
    assert "What holds it together" in html and 'href="/entity?id=phone%3A' in html
    assert "What the ads say" in html and "{" in html  # a template with its slots


def test_an_operation_shows_only_the_records_in_scope(demo_app: DemoApp) -> None:
    largest = operations(demo_app.store, limit=1)[0]
    with signed_in(demo_app, "investigator") as investigator, \
            signed_in(demo_app, "analyst.unrelated") as outsider:
        mine = investigator.get("/api/operation", params={"id": largest["id"]}).json()
        theirs = outsider.get("/api/operation", params={"id": largest["id"]})
    assert mine["size"] <= largest["size"]
    if theirs.status_code == 200:
        # The ads are shared with every police unit, the case reports are not.
        assert "case_report" not in theirs.json()["records"] or (
            theirs.json()["records"]["case_report"] < mine["records"].get("case_report", 0))


def test_roles_without_intelligence_get_no_operations(demo_app: DemoApp) -> None:
    for username in ("ngo", "hotel", "prosecutor", "admin"):
        with signed_in(demo_app, username) as http:
            assert http.get("/api/operations").status_code == 403
            assert "op-card" not in http.get("/").text
