"""Errors as JSON for the API and as pages for people: 404 and 422, never a trace."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, RedirectResponse, Response

from kadiyan.api.deps import SignInRequired
from kadiyan.web.links import link
from kadiyan.web.rendering import render

TITLES = {403: "Not allowed for your role", 404: "Not found", 405: "Not allowed",
          422: "Check the request"}


def install_error_handlers(app: FastAPI) -> None:
    """Answer HTTP and validation errors in the form the caller reads."""
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(SignInRequired, _sign_in)  # type: ignore[arg-type]


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path == "/health" or (path.startswith("/api/") and path != "/api/docs")


async def _http_error(request: Request, exc: HTTPException) -> Response:
    if _wants_json(request):
        return await http_exception_handler(request, exc)
    title = TITLES.get(exc.status_code, "Something went wrong")
    return render(
        request, "error.html", status_code=exc.status_code, headers=exc.headers,
        title=title, problems=[str(exc.detail)],
    )


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    if _wants_json(request):
        return await request_validation_exception_handler(request, exc)
    problems = [
        f"{'.'.join(str(p) for p in error['loc'][1:]) or 'request'}: {error['msg']}"
        for error in exc.errors()
    ]
    return render(request, "error.html", status_code=422, title=TITLES[422], problems=problems)


async def _sign_in(request: Request, exc: SignInRequired) -> Response:
    """The API answers 401; a page sends the person to sign in and come back."""
    if _wants_json(request):
        return JSONResponse({"detail": "Sign in, or send an API token as "
                                       "'Authorization: Bearer ...'."},
                            status_code=401, headers={"www-authenticate": "Bearer"})
    back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(link("/login", next=back), status_code=303)
