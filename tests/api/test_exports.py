"""A picture of the graph is saved only once its export is in the audit trail."""

from __future__ import annotations

import re

import httpx

from kadiyan.store.access import audit_entries
from tests.api.conftest import Served, sign_in
from tests.api.world import PHONE_A


def graph_page(http: httpx.Client, role: str) -> httpx.Response:
    assert sign_in(http, role).status_code == 303
    return http.get("/graph", params={"id": PHONE_A})


def csrf_of(page: httpx.Response) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found is not None
    return found[1]


def test_an_investigators_png_export_is_audited(served: Served) -> None:
    before = len([e for e in audit_entries(served.store, actor="investigator")
                  if e.action == "export"])
    with httpx.Client(base_url=served.base_url, timeout=15) as http:
        page = graph_page(http, "investigator")
        saved = http.post("/api/exports", json={"format": "png", "nodes": [PHONE_A]},
                          headers={"x-csrf-token": csrf_of(page)})

    assert 'id="graph-png"' in page.text
    assert saved.status_code == 204, saved.text
    exports = [e for e in audit_entries(served.store, actor="investigator")
               if e.action == "export"]
    assert len(exports) == before + 1 and exports[-1].target == "graph.png"


def test_an_export_without_the_forms_token_is_refused(served: Served) -> None:
    with httpx.Client(base_url=served.base_url, timeout=15) as http:
        graph_page(http, "investigator")
        refused = http.post("/api/exports", json={"format": "png", "nodes": [PHONE_A]})

    assert refused.status_code == 403


def test_a_prosecutor_sees_the_graph_but_may_not_export_it(served: Served) -> None:
    with httpx.Client(base_url=served.base_url, timeout=15) as http:
        page = graph_page(http, "prosecutor")
        refused = http.post("/api/exports", json={"format": "png", "nodes": [PHONE_A]},
                            headers={"x-csrf-token": csrf_of(page)})

    assert page.status_code == 200 and 'id="graph-png"' not in page.text
    assert refused.status_code == 403
    assert not [e for e in audit_entries(served.store, actor="prosecutor")
                if e.action == "export"]
