"""Log-in and log-out pages.

The log-in form carries a CSRF token that is also set as a cookie (double submit), since
there is no session yet to keep it in; after log-in the session's own token protects every
form. The session cookie is HttpOnly and SameSite=Strict, and Secure unless the app was
built for the loopback demo.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from kadiyan.access.credentials import new_token, same
from kadiyan.access.login import (
    SESSION_TTL,
    LoginRefused,
    authenticate,
    close_session,
    open_session,
)
from kadiyan.access.roles import Permission as P
from kadiyan.access.trail import audit
from kadiyan.api.deps import SESSION_COOKIE, StoreDep, needs
from kadiyan.web.rendering import render

router = APIRouter(include_in_schema=False)
LOGIN_CSRF_COOKIE = "kadiyan_login_csrf"
Text = Annotated[str, Form(max_length=300)]


def safe_next(target: str | None) -> str:
    """Where to go after log-in: a path on this app, never another site."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/login", dependencies=[needs(P.PUBLIC)])
async def login_form(request: Request, next: str = "/") -> Response:
    """The log-in form (or home, for someone already signed in)."""
    if getattr(request.state, "principal", None) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return _form(request, next)


@router.post("/login", dependencies=[needs(P.PUBLIC)])
async def login(
    request: Request, store: StoreDep, username: Text, password: Text, csrf: Text,
    next: Text = "/",
) -> Response:
    """Check the password; on success open a session and go where the person was going."""
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not same(cookie, csrf):
        return _form(request, next, "The form expired: please sign in again.", 403)
    try:
        # Checking the password takes tens of milliseconds outside the GIL: in a thread,
        # the worker serves other requests meanwhile.
        principal = await run_in_threadpool(authenticate, store, username.strip(), password)
    except LoginRefused as refused:
        return _form(request, next, str(refused), 401)
    session_id, _ = open_session(store, principal)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE, session_id, max_age=int(SESSION_TTL.total_seconds()), httponly=True,
        samesite="strict", secure=request.app.state.secure_cookies, path="/",
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout", dependencies=[needs(P.SIGNED_IN)])
async def logout(request: Request, store: StoreDep) -> Response:
    """End the session (the guard has checked the form's CSRF token)."""
    session_id = request.cookies.get(SESSION_COOKIE, "")
    close_session(store, session_id)
    audit(store, request.state.principal, "logout")
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _form(request: Request, next: str, error: str = "", status: int = 200) -> Response:
    token = new_token()
    response = render(request, "login.html", status_code=status, next=safe_next(next),
                      login_csrf=token, error=error)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                        secure=request.app.state.secure_cookies, path="/login")
    return response
