"""A new investigator's first walk through the app, in headless Chromium.

Sign in; search a phone written as an ad writes it ("... double 8 ..."); open it and see
its ads and case report; explore the graph and expand it; find the path between two
suspects of different states; open a record with its mentions highlighted; sign out.
A screenshot of each step goes to `screenshots/walk/`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from sqlalchemy import select

from kadiyan.access.demo import DEMO_PASSWORD
from kadiyan.access.directory import create_share, create_user, viewer_for
from kadiyan.access.login import principal_of
from kadiyan.access.principal import system_principal
from kadiyan.access.reader import ScopedReader
from kadiyan.access.roles import Role
from kadiyan.graph import find_path
from kadiyan.model.access import ALL_RECORDS, Purpose
from kadiyan.store import Store, schema
from kadiyan.store import access as db
from kadiyan.store.access import audit_entries
from tests.web.browser import SCREENSHOTS, chromium
from tests.web.demo_app import DemoApp

__all__ = ["chromium"]
USER = "new.investigator"


@dataclass(frozen=True)
class Walk:
    """What the walk looks for: a phone as an ad wrote it, and two suspects to join."""

    written: str
    phone: str
    suspect_a: str
    suspect_b: str


def plan_walk(store: Store) -> Walk:
    """Pick the phone and suspects from the demo world, and give the walker what they need:
    an investigator of the agency of the phone's case, with the other state's cases shared."""
    m, r = schema.mentions, schema.records
    with store.engine.connect() as conn:
        written = conn.execute(
            select(m.c.raw, m.c.entity_id).join_from(m, r, r.c.seq == m.c.record_seq)
            .where(m.c.kind == "phone", m.c.raw.like("%double%"), r.c.kind == "ad")).all()
        cases = conn.execute(
            select(r.c.id, r.c.agency, r.c.fields, m.c.entity_id, m.c.role, m.c.kind)
            .join_from(m, r, r.c.seq == m.c.record_seq)
            .where(r.c.kind == "case_report", m.c.entity_id.is_not(None))).all()
    agency_of = {row.entity_id: row.agency for row in cases if row.kind == "phone"}
    raw, phone = next((raw, e) for raw, e in written if e in agency_of)
    home = agency_of[phone]
    agencies = db.agencies(store)
    accused = [(row.entity_id, row.agency) for row in cases if row.role == "accused"
               and row.kind == "person"]
    if db.user_by_name(store, USER) is None:
        create_user(store, system_principal("tests"), USER, DEMO_PASSWORD, home,
                    frozenset({Role.INVESTIGATOR}), "A new investigator")
    ours = [p for p, a in accused if a == home]
    for theirs, agency in accused:
        if agencies[agency].state == agencies[home].state:
            continue
        create_share(store, system_principal("tests"), agency, home, ALL_RECORDS,
                     Purpose.INVESTIGATION)
        user = db.user_by_name(store, USER)
        reader = ScopedReader(store, viewer_for(store, principal_of(user)))
        for mine in ours:
            if find_path(reader, mine, theirs, max_hops=8).path:  # as the explorer asks
                return Walk(raw, phone, mine, theirs)
    raise AssertionError("the demo world has no two suspects of different states joined")


@pytest.fixture(scope="module")
def walk(demo_app: DemoApp) -> Walk:
    return plan_walk(demo_app.store)


def test_a_new_investigators_first_walk(chromium: Any, demo_app: DemoApp, walk: Walk) -> None:
    shots = SCREENSHOTS / "walk"
    shots.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(base_url=demo_app.base_url, viewport={"width": 1280,
                                                                          "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    def shot(name: str) -> None:
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)

    page.goto("/")
    assert "/login" in page.url
    page.fill("input[name=username]", USER)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{demo_app.base_url}/")
    assert page.locator(".account .who").inner_text().startswith(USER)
    shot("01-signed-in")

    page.fill("input[name=q]", walk.written)
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search?**")
    entity_link = page.locator(f"a[href='/entity?id={quote(walk.phone, safe='')}']")
    assert entity_link.count() >= 1, page.content()[:2000]
    shot("02-search-phone-written-with-double")

    entity_link.first.click()
    page.wait_for_url("**/entity?**")
    assert page.locator("section#ad li").count() >= 1
    assert page.locator("section#case_report li").count() >= 1
    shot("03-phone-with-its-ads-and-cases")

    page.click("a.to-graph")
    page.wait_for_url("**/graph?**")
    page.wait_for_selector("#graph-nodes li")
    before = page.locator("#graph-nodes li").count()
    page.locator("#graph-nodes li button.expand").first.click()
    page.locator("#graph-nodes li").nth(before).wait_for(timeout=20_000)  # one more node
    assert page.locator("#graph canvas").count() >= 1  # Cytoscape drew the picture
    shot("04-graph-expanded")

    page.fill("#graph-path-form input[name=a]", walk.suspect_a)
    page.fill("#graph-path-form input[name=b]", walk.suspect_b)
    page.click("#graph-path-form button[type=submit]")
    page.wait_for_selector("#graph-path li", timeout=20_000)
    assert page.locator("#graph-path li").count() >= 2
    shot("05-path-between-suspects-of-two-states")

    exported = sum(1 for e in audit_entries(demo_app.store, actor=USER) if e.action == "export")
    with page.expect_download() as saving:
        page.click("#graph-png")
    assert saving.value.suggested_filename == "kadiyan-graph.png"
    assert sum(1 for e in audit_entries(demo_app.store, actor=USER)
               if e.action == "export") == exported + 1

    page.locator("#graph-path li a[href^='/record']").first.click()
    page.wait_for_url("**/record?**")
    assert page.locator("mark").count() >= 1
    shot("06-record-with-highlights")

    page.click(".account button[type=submit]")
    page.wait_for_url("**/login")
    shot("07-signed-out")
    page.goto("/")
    assert "/login" in page.url

    assert problems == [], problems
    context.close()


def test_the_demo_investigator_opens_the_largest_operation_from_home(
    chromium: Any, demo_app: DemoApp,
) -> None:
    shots = SCREENSHOTS / "walk"
    shots.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(base_url=demo_app.base_url, viewport={"width": 1280,
                                                                          "height": 900})
    page = context.new_page()
    page.goto("/login")
    page.fill("input[name=username]", "investigator")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{demo_app.base_url}/")
    assert page.locator(".op-card a.op-link").count() == 1
    shot = shots / "08-home-with-the-largest-operation.png"
    page.screenshot(path=str(shot), full_page=True)

    page.click(".op-card a.op-link")
    page.wait_for_url("**/operation?**")
    assert page.locator("svg rect.bar").count() >= 2
    assert page.locator(".template .wording").count() >= 1
    page.screenshot(path=str(shots / "09-operation.png"), full_page=True)
    context.close()
