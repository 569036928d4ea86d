"""The access matrix: every route, called as every role of an owning, a sharing and an
unrelated agency, shows nothing outside the caller's scope and no victim's name to a
caller who may not see it, in any body or header.

The routes come from the app's own route table, so a new route without samples here fails
the test until it is given some.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy import select

from kadiyan.access.demo import DEMO_PASSWORD
from kadiyan.access.roles import Permission, Role
from kadiyan.access.scope import Viewer
from kadiyan.api.app import route_table
from kadiyan.api.deps import guard_of
from kadiyan.extract.romanise import romanise
from kadiyan.store import schema
from kadiyan.store.resolution import members_of, operations
from tests.api.conftest import sign_in
from tests.web.demo_app import PLACES, DemoApp

RECORD_ID = re.compile(r"\br[0-9a-f]{20}\b")
DEVANAGARI = re.compile("[\u0900-\u097f]")
ECHOES = [re.compile(p, re.S) for p in
          (r"<title>.*?</title>", r"<h1>Results for .*?</h1>", r'value="[^"]*"')]


class World:
    """What the store holds, read as the local operator, to judge each answer by."""

    def __init__(self, app: DemoApp) -> None:
        r, m = schema.records, schema.mentions
        with app.store.engine.connect() as conn:
            rows = conn.execute(select(r.c.id, r.c.kind, r.c.agency, r.c.fields)).all()
            mentions = conn.execute(
                select(r.c.id, m.c.kind, m.c.role, m.c.entity_id)
                .join_from(m, r, r.c.seq == m.c.record_seq)
                .where(r.c.agency == app.agencies["owner"], m.c.entity_id.is_not(None))
            ).all()
        self.agency = {row.id: row.agency for row in rows}
        self.owner = app.agencies["owner"]
        with app.store.engine.connect() as conn:
            self.image = conn.execute(select(schema.entities.c.id).where(
                schema.entities.c.kind == "image").limit(1)).scalar_one()
        self.victims: dict[str, set[str]] = {}  # a victim's name -> the records naming her
        others: set[str] = set()
        for row in rows:
            fields = orjson.loads(row.fields)
            for name, is_victim in _names(row.kind, fields):
                if is_victim:
                    self.victims.setdefault(name, set()).add(row.id)
                else:
                    others.add(name)
        # A name that someone else (an accused, a guest) also bears proves nothing.
        for name in others:
            self.victims.pop(name, None)
        cases = [row for row in rows if row.kind == "case_report"
                 and row.agency == app.agencies["owner"]]
        self.case = max(cases, key=lambda row: len(orjson.loads(row.fields)["victims"])).id
        self.unrelated_case = next(row.id for row in rows if row.kind == "case_report"
                                   and row.agency == app.agencies["unrelated"])
        self.missing = next(row.id for row in rows if row.kind == "missing_report")
        in_case = [m for m in mentions if m.id == self.case]
        self.victim_person = next(m.entity_id for m in in_case if m.role == "victim")
        self.phone = next((m.entity_id for m in in_case if m.kind == "phone"),
                          next(m.entity_id for m in mentions if m.kind == "phone"))
        self.victim_name = next(n for n, ids in self.victims.items() if self.case in ids)
        self.operation = next(op["id"] for op in operations(app.store, limit=1000)
                              if self.case in members_of(app.store, op["id"]))

    def samples(self, path: str) -> list[dict[str, Any]]:
        """Parameters to call a route with: the owner's case, its victim, its phone."""
        records = [{"id": self.case}, {"id": self.missing}, {"id": self.unrelated_case}]
        entities = [{"id": self.victim_person}, {"id": self.phone}]
        searches = [{"q": self.victim_name}, {"q": self.phone.split(":", 1)[1]}]
        return {
            "/": [{}], "/health": [{}], "/login": [{}], "/api/docs": [{}], "/api/stats": [{}],
            "/api/openapi.json": [{}],
            "/api/records": [{}, {"kind": "case_report"}, {"agency": self.owner}],
            "/api/links": [{"id": self.case}, {"id": self.victim_person}],
            "/api/judgements": [{"all": "true"}], "/api/runs": [{}], "/api/quarantine": [{}],
            "/api/ingest/{upload_id}": [{}], "/ingest": [{}],
            "/admin/users": [{}], "/admin/agencies": [{}], "/admin/sharing": [{}],
            "/admin/audit": [{}], "/photo": [{"id": self.image}],
            "/search": searches, "/api/search": searches,
            "/record": records, "/api/record": records,
            "/entity": entities, "/api/entity": entities,
            "/api/neighbourhood": [{"id": self.case, "hops": 2}],
            "/api/path": [{"a": self.case, "b": self.phone}],
            "/graph": [{"id": self.case}, {"id": self.victim_person}],
            "/operations": [{}], "/api/operations": [{}],
            "/operation": [{"id": self.operation}], "/api/operation": [{"id": self.operation}],
            "/api/graph.gexf": [{"ids": ",".join((self.case, self.phone, self.victim_person,
                                                   self.unrelated_case, self.missing))}],
        }[path]


def _names(kind: str, fields: dict[str, Any]) -> list[tuple[str, bool]]:
    """Full names in a record's fields, each with whether it is a victim's (or her family's)."""
    names: list[tuple[Any, bool]] = []
    if kind == "case_report":
        names += [(v.get("name"), True) for v in fields.get("victims") or []]
        names += [(v.get("father"), True) for v in fields.get("victims") or []]
        names += [(a.get("name"), False) for a in fields.get("accused") or []]
    elif kind == "missing_report":
        names += [(fields.get("name"), True), (fields.get("father_name"), True)]
    elif kind == "booking":
        names += [(fields.get("guest_name"), False), (fields.get("payer_name"), False)]
    spelled = []
    for name, victim in names:
        if isinstance(name, str) and len(name.strip()) > 5:
            spelled.append((name.strip(), victim))
            if DEVANAGARI.search(name):
                spelled.append((romanise(name.strip()), victim))
    return spelled


@pytest.fixture(scope="module")
def known(demo_app: DemoApp) -> World:
    """The demo world as the local operator sees it."""
    return World(demo_app)


def data_routes() -> list[tuple[str, Permission]]:
    """Every GET route of the app with the permission it declares."""
    found = []
    for route in route_table():
        if "GET" in route.methods:
            permission = next(p for d in route.dependant.dependencies
                              if (p := guard_of(d.call)) is not None)
            found.append((route.path, permission))
    return found


def scanned(response: httpx.Response, params: dict[str, Any]) -> str:
    """Body and headers, without the places where a page repeats the caller's own query
    (or an error message the id asked for: "no record with id ...", the same whether the
    record is out of scope or does not exist)."""
    text = response.text
    if response.headers.get("content-type", "").startswith("application/json"):
        body = response.json()
        if isinstance(body, dict):
            body.pop("query", None)
        text = orjson.dumps(body).decode()
    else:
        for echo in ECHOES:
            text = echo.sub("", text)
    if response.status_code != 200:
        for value in params.values():
            text = text.replace(str(value), "")
    return text + "\n" + "\n".join(f"{k}: {v}" for k, v in response.headers.items())


# An administrator manages sharing rules, one of which names the case it shares, and reads
# the audit trail, which names the records people opened: there an id is the rule or the
# trail itself, and opens nothing the reader may not see.
IDS_ARE_RULES = ("/admin/sharing", "/admin/audit")


def check(viewer: Viewer, world: World, text: str, where: str) -> None:
    ids = set() if any(f" {p} " in where for p in IDS_ARE_RULES) else set(
        RECORD_ID.findall(text))
    for record_id in ids:
        agency = world.agency.get(record_id)
        if agency is not None:
            assert viewer.sees(agency, record_id), f"{where}: shows {record_id} of {agency}"
    for name, records in world.victims.items():
        if name in text:
            assert any(viewer.sees_identity(world.agency[r], r) for r in records), (
                f"{where}: shows the victim {name!r}")


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("role", list(Role))
def test_no_route_shows_anything_outside_the_callers_scope(
    demo_app: DemoApp, known: World, role: Role, place: str,
) -> None:
    world = known
    username = f"{role.value}.{place}"
    viewer = demo_app.viewer(username)
    with httpx.Client(base_url=demo_app.base_url, timeout=60) as http:
        assert sign_in(http, username, DEMO_PASSWORD).status_code == 303
        for path, permission in data_routes():
            for params in world.samples(path):
                url = path.replace("{upload_id}", "0123456789abcdef")
                response = http.get(url, params=params)
                where = f"{username} GET {path} {params}"
                if not viewer.can(permission):
                    assert response.status_code == 403, where
                    continue
                assert response.status_code in (200, 303, 404), (where, response.text[:300])
                check(viewer, world, scanned(response, params), where)


def test_the_matrix_is_not_empty_handed(demo_app: DemoApp, known: World) -> None:
    """The samples reach data: the owner's investigator sees the victim the analyst may not."""
    world = known
    with httpx.Client(base_url=demo_app.base_url, timeout=60) as http:
        sign_in(http, "investigator.owner", DEMO_PASSWORD)
        shown = http.get("/api/record", params={"id": world.case}).text
    with httpx.Client(base_url=demo_app.base_url, timeout=60) as http:
        sign_in(http, "analyst.owner", DEMO_PASSWORD)
        masked = http.get("/api/record", params={"id": world.case}).text
    assert world.victim_name in shown and world.victim_name not in masked
