"""Administration in the browser's forms: users, agencies, sharing; the audit trail page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from kadiyan.store.access import shares, user_by_name
from tests.api.conftest import Served, sign_in


@contextmanager
def admin(served: Served) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served.base_url, timeout=30) as http:
        assert sign_in(http, "admin").status_code == 303
        yield http


def csrf(http: httpx.Client, path: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', http.get(path).text)
    assert found is not None
    return found[1]


def test_an_administrator_adds_an_agency_a_user_and_a_share(scratch: Served) -> None:
    served = scratch
    with admin(served) as http:
        token = csrf(http, "/admin/agencies")
        http.post("/admin/agencies", data={"csrf": token, "name": "AHTU Nashik",
                                           "kind": "district_ahtu", "state": "Maharashtra"})
        http.post("/admin/users", data={"csrf": token, "username": "nashik.io",
                                        "password": "a-long-password", "agency": "ahtu-nashik",
                                        "roles": ["investigator"], "name": "Nashik IO"})
        http.post("/admin/sharing", data={"csrf": token, "source": "ahtu-pune",
                                          "target": "ahtu-nashik", "purpose": "investigation"})
        page = http.get("/admin/sharing").text

    user = user_by_name(served.store, "nashik.io")
    assert user is not None and user.roles == ("investigator",)
    assert any(s.source == "ahtu-pune" and s.target == "ahtu-nashik" and not s.victims
               for s in shares(served.store))
    assert "ahtu-nashik" in page


def test_a_bad_form_says_why_and_changes_nothing(scratch: Served) -> None:
    served = scratch
    with admin(served) as http:
        response = http.post("/admin/users", data={
            "csrf": csrf(http, "/admin/users"), "username": "short.pw", "password": "short",
            "agency": "ahtu-pune", "roles": ["analyst"]}, follow_redirects=True)
    assert "at least 10 characters" in response.text
    assert user_by_name(served.store, "short.pw") is None


def test_the_audit_page_says_whether_the_chain_holds_and_hides_what_people_typed(
    served: Served, client: httpx.Client,
) -> None:
    client.get("/api/search", params={"q": "Lata Verma"})
    with httpx.Client(base_url=served.base_url) as http:
        sign_in(http, "supervisor")
        page = http.get("/admin/audit").text
    assert 'id="audit-holds"' in page
    assert "Lata Verma" not in page and "withheld" in page


def test_only_administrators_manage_and_investigators_do_not_audit(served: Served) -> None:
    with httpx.Client(base_url=served.base_url) as http:
        sign_in(http, "investigator")
        for path in ("/admin/users", "/admin/agencies", "/admin/sharing", "/admin/audit"):
            assert http.get(path).status_code == 403, path
