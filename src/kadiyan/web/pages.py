"""The pages: home, search, entity and record, rendered on the server."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from starlette.responses import HTMLResponse

from kadiyan.access.roles import Permission as P
from kadiyan.api.deps import ReaderDep, needs
from kadiyan.api.params import MAX_TEXT, QUERY_PATTERN, EntityId, NodeId, RecordId
from kadiyan.api.services.entities import entity_page
from kadiyan.api.services.nodes import describe
from kadiyan.api.services.operations import operation_list, operation_page
from kadiyan.api.services.records import record_page
from kadiyan.api.services.search import search
from kadiyan.resolve.lookup import resolve_node
from kadiyan.web.charts import activity_bars
from kadiyan.web.highlight import field_rows, text_segments
from kadiyan.web.rendering import STATIC, render

router = APIRouter(include_in_schema=False)

OptionalText = Annotated[str, Query(max_length=MAX_TEXT, pattern=QUERY_PATTERN)]


@router.get("/", response_class=HTMLResponse, dependencies=[needs(P.SIGNED_IN)])
def home(request: Request, store: ReaderDep) -> HTMLResponse:
    """A search box, the largest operations the viewer may see, and their records' counts."""
    largest = operation_list(store, limit=5) if store.viewer.can(P.VIEW_OPERATIONS) else []
    return render(request, "home.html", stats=store.stats(), operations=largest)


@router.get("/operations", response_class=HTMLResponse,
            dependencies=[needs(P.VIEW_OPERATIONS)])
def operations_page(request: Request, store: ReaderDep) -> HTMLResponse:
    """Candidate operations with records in the viewer's scope, largest first."""
    return render(request, "operations.html", operations=operation_list(store, limit=200))


@router.get("/operation", response_class=HTMLResponse,
            dependencies=[needs(P.VIEW_OPERATIONS)])
def operation(request: Request, store: ReaderDep, id: EntityId) -> HTMLResponse:
    """One operation: its ads' wording, what holds it together, where and when."""
    store.note("view_operation", id)
    page = operation_page(store, id)
    if page is None:
        raise HTTPException(404, f"There is no operation {id!r} among what you may see.")
    return render(request, "operation.html", op=page, chart=activity_bars(page.activity))


@router.get("/search", response_class=HTMLResponse, dependencies=[needs(P.SEARCH)])
def search_page(request: Request, store: ReaderDep, q: OptionalText = "") -> HTMLResponse:
    """Entities the query names, then records whose text matches it."""
    if not re.search(r"\w", q):
        return render(request, "search.html", q=q, result=None)
    store.note("search", q)
    return render(request, "search.html", q=q, result=search(store, q, limit=50))


@router.get("/entity", response_class=HTMLResponse, dependencies=[needs(P.VIEW_GRAPH)])
def entity(request: Request, store: ReaderDep, id: EntityId) -> HTMLResponse:
    """An entity with everything linked to it, grouped by kind, with evidence."""
    store.note("view_entity", id)
    page = entity_page(store, id)
    if page is None:
        raise HTTPException(404, f"There is no entity with the id {id!r}.")
    return render(request, "entity.html", page=page)


@router.get("/record", response_class=HTMLResponse, dependencies=[needs(P.VIEW_RECORDS)])
def record(request: Request, store: ReaderDep, id: RecordId) -> HTMLResponse:
    """A record with its mentions marked in its text and fields."""
    store.note("view_record", id)
    page = record_page(store, id)
    if page is None:
        raise HTTPException(404, f"There is no record with the id {id!r}.")
    return render(
        request, "record.html", page=page, text=text_segments(page), fields=field_rows(page)
    )


@router.get("/graph", response_class=HTMLResponse, dependencies=[needs(P.VIEW_GRAPH)])
def graph(
    request: Request, store: ReaderDep, id: NodeId, a: OptionalText = "",
    b: OptionalText = "",
) -> HTMLResponse:
    """The graph explorer around a node; with `a` and `b`, the shortest path between them."""
    nodes = resolve_node(store, id)
    info = describe(store, nodes[:1])
    if not nodes or nodes[0] not in info:
        raise HTTPException(404, f"There is no record or entity {id!r} to start from.")
    store.note("view_graph", nodes[0])
    return render(request, "graph.html", centre=info[nodes[0]], a=a, b=b,
                  assets=(STATIC / "vendor" / "cytoscape.min.js").exists())
