"""Middleware giving each reading request one connection for all its reads."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kadiyan.store import Store

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class SharedReads:
    """Serve a GET (or HEAD, OPTIONS) request inside `Store.reading()`.

    The guard (session or token, access version), the route and the reader then read
    through one connection and one transaction, instead of taking a connection from the
    pool, beginning and giving it back for each: a fifth of the cost of a request for one
    record. The connection is taken at the first read (a static file takes none) and given
    back as the response starts, so no connection waits on a slow client. Requests that
    write are served as they come, since their reads must see their writes. The audit
    trail is appended through its own engine either way.
    """

    def __init__(self, app: ASGIApp, store: Store) -> None:
        self.app = app
        self.store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, inside a shared reading if it only reads."""
        if scope["type"] != "http" or scope["method"] not in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        with self.store.reading() as shared:

            async def send_after_reads(message: Message) -> None:
                if message["type"] == "http.response.start":
                    shared.release()
                await send(message)

            await self.app(scope, receive, send_after_reads)
