"""Signing in and out, sessions, CSRF, lock-out, API tokens and roles, over real HTTP."""

from __future__ import annotations

import httpx
import pytest

from kadiyan.access.directory import create_user
from kadiyan.access.login import MAX_FAILURES, issue_api_token
from kadiyan.access.principal import system_principal
from kadiyan.access.roles import Role
from kadiyan.api.app import create_app, route_table
from kadiyan.api.deps import guard_of
from kadiyan.store.access import audit_entries, user_by_name
from tests.api.conftest import Served, serving, sign_in
from tests.api.world import PASSWORD


def test_every_route_declares_the_permission_it_needs() -> None:
    routes = route_table()
    undeclared = [route.path for route in routes
                  if not any(guard_of(d.call) for d in route.dependant.dependencies)]

    assert len(routes) >= 12 and {"/api/record", "/login", "/api/openapi.json"} <= {
        route.path for route in routes}
    assert undeclared == []


def test_a_page_sends_a_stranger_to_sign_in_and_the_api_answers_401(
    anonymous: httpx.Client,
) -> None:
    page = anonymous.get("/search", params={"q": "Pune"})
    api = anonymous.get("/api/search", params={"q": "Pune"})

    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=%2Fsearch%3Fq%3DPune"
    assert api.status_code == 401 and "Pune" not in api.text


def test_signing_in_sets_a_strict_http_only_session_cookie_and_returns_where_one_was_going(
    anonymous: httpx.Client,
) -> None:
    form = anonymous.get("/login", params={"next": "/search?q=Pune"})
    csrf = form.text.split('name="csrf" value="')[1].split('"')[0]
    response = anonymous.post("/login", data={"username": "analyst", "password": PASSWORD,
                                              "csrf": csrf, "next": "/search?q=Pune"})

    assert response.status_code == 303 and response.headers["location"] == "/search?q=Pune"
    cookie = response.headers["set-cookie"].lower()
    assert "kadiyan_session=" in cookie and "httponly" in cookie and "samesite=strict" in cookie
    assert anonymous.get("/").status_code == 200


def test_outside_the_demo_the_session_cookie_is_secure(served: Served) -> None:
    with serving(create_app(served.store)) as base_url, httpx.Client(base_url=base_url) as http:
        form = http.get("/login")
        token = form.cookies["kadiyan_login_csrf"]
        # A client keeps Secure cookies from plain HTTP, so this one is handed over by hand.
        response = http.post("/login", headers={"cookie": f"kadiyan_login_csrf={token}"},
                             data={"username": "analyst", "password": PASSWORD,
                                   "csrf": token, "next": "/"})
    assert "secure" in form.headers["set-cookie"].lower()
    assert form.headers["strict-transport-security"].startswith("max-age=")
    assert response.status_code == 303
    assert "secure" in response.headers["set-cookie"].lower()


def test_a_log_in_form_from_elsewhere_is_refused(anonymous: httpx.Client) -> None:
    response = anonymous.post("/login", data={"username": "analyst", "password": PASSWORD,
                                              "csrf": "forged", "next": "/"})
    assert response.status_code == 403 and "kadiyan_session" not in response.headers.get(
        "set-cookie", "")


def test_a_redirect_after_log_in_never_leaves_the_app(anonymous: httpx.Client) -> None:
    form = anonymous.get("/login")
    csrf = form.text.split('name="csrf" value="')[1].split('"')[0]
    response = anonymous.post("/login", data={"username": "analyst", "password": PASSWORD,
                                              "csrf": csrf, "next": "//evil.example/x"})
    assert response.headers["location"] == "/"


def test_repeated_wrong_passwords_lock_the_account_even_for_the_right_one(
    served: Served, anonymous: httpx.Client,
) -> None:
    create_user(served.store, system_principal(), "lockme", PASSWORD, "ahtu-pune",
                frozenset({Role.ANALYST}))
    for _ in range(MAX_FAILURES):
        assert sign_in(anonymous, "lockme", "wrong-password!").status_code == 401
    refused = sign_in(anonymous, "lockme", PASSWORD)

    assert refused.status_code == 401 and "locked" in refused.text
    assert user_by_name(served.store, "lockme").locked_until is not None
    failures = [e for e in audit_entries(served.store, actor="lockme")
                if e.action == "login_failed"]
    assert len(failures) == MAX_FAILURES + 1


def test_signing_out_needs_the_forms_token_and_ends_the_session(served: Served) -> None:
    with httpx.Client(base_url=served.base_url) as http:
        sign_in(http, "supervisor")
        home = http.get("/")
        csrf = home.text.split('name="csrf" value="')[1].split('"')[0]

        forged = http.post("/logout", data={"csrf": "not-the-token"})
        assert forged.status_code == 403 and http.get("/").status_code == 200

        done = http.post("/logout", data={"csrf": csrf})
        assert done.status_code == 303
        http.cookies.clear()
        assert http.get("/").status_code == 303


def test_an_api_token_opens_the_api_and_is_stored_only_as_a_digest(served: Served) -> None:
    user = user_by_name(served.store, "investigator")
    token = issue_api_token(served.store, user.id, "tests")
    with httpx.Client(base_url=served.base_url) as http:
        ok = http.get("/api/stats", headers={"authorization": f"Bearer {token}"})
        bad = http.get("/api/stats", headers={"authorization": "Bearer kdn_not-a-token"})
    assert ok.status_code == 200 and ok.json()["records"]["ad"] == 4
    assert bad.status_code == 401
    with served.store.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT digest FROM api_tokens").scalars().all()
    assert token not in stored


@pytest.mark.parametrize(("role", "path", "params"), [
    ("hotel", "/api/entity", {"id": "phone:+919877555432"}),
    ("ngo_partner", "/api/neighbourhood", {"id": "phone:+919877555432"}),
    ("admin", "/api/search", {"q": "Pune"}),
    ("prosecutor", "/api/search", {"q": "Pune"}),
])
def test_a_role_gets_only_what_it_is_for(
    served: Served, role: str, path: str, params: dict,
) -> None:
    with httpx.Client(base_url=served.base_url) as http:
        sign_in(http, role)
        response = http.get(path, params=params)
    allowed = role == "prosecutor"  # prosecutors search for the evidence chain
    assert response.status_code == (200 if allowed else 403), response.text
