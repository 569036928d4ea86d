"""The pages: home, search, entity and record, rendered on the server."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kadiyan.access.reader import ScopedReader
from kadiyan.access.roles import Permission as P
from kadiyan.api.deps import ReaderDep, needs
from kadiyan.api.params import MAX_TEXT, QUERY_PATTERN, DateText, EntityId, NodeId, RecordId
from kadiyan.api.services.entities import LINKED_SHOWN, MOST_LINKED, entity_page
from kadiyan.api.services.ingestion import receive
from kadiyan.api.services.nodes import describe
from kadiyan.api.services.operations import operation_list, operation_page
from kadiyan.api.services.photos import photo
from kadiyan.api.services.records import record_page
from kadiyan.api.services.search import Filters, search
from kadiyan.ingest.pipeline import KINDS
from kadiyan.resolve.lookup import resolve_node
from kadiyan.web.charts import activity_bars
from kadiyan.web.highlight import field_rows, text_segments
from kadiyan.web.links import link
from kadiyan.web.rendering import STATIC, render

router = APIRouter(include_in_schema=False)

OptionalText = Annotated[str, Query(max_length=MAX_TEXT, pattern=QUERY_PATTERN)]


@router.get("/", response_class=HTMLResponse, dependencies=[needs(P.SIGNED_IN)])
async def home(request: Request, store: ReaderDep) -> HTMLResponse:
    """A search box, the largest operations the viewer may see, and their records' counts."""
    largest = operation_list(store, limit=5) if store.viewer.can(P.VIEW_OPERATIONS) else []
    return render(request, "home.html", stats=store.stats(), operations=largest)


@router.get("/operations", response_class=HTMLResponse,
            dependencies=[needs(P.VIEW_OPERATIONS)])
async def operations_page(request: Request, store: ReaderDep) -> HTMLResponse:
    """Candidate operations with records in the viewer's scope, largest first."""
    return render(request, "operations.html", operations=operation_list(store, limit=200))


@router.get("/operation", response_class=HTMLResponse,
            dependencies=[needs(P.VIEW_OPERATIONS)])
async def operation(request: Request, store: ReaderDep, id: EntityId) -> HTMLResponse:
    """One operation: its ads' wording, what holds it together, where and when."""
    store.note("view_operation", id)
    page = operation_page(store, id)
    if page is None:
        raise HTTPException(404, f"There is no operation {id!r} among what you may see.")
    return render(request, "operation.html", op=page, chart=activity_bars(page.activity))


@router.get("/search", response_class=HTMLResponse, dependencies=[needs(P.SEARCH)])
async def search_page(
    request: Request, store: ReaderDep, q: OptionalText = "", kind: OptionalText = "",
    agency: OptionalText = "", place: OptionalText = "", since: DateText = "",
    until: DateText = "",
) -> HTMLResponse:
    """Entities the query names, then records whose text matches it, with facets."""
    chosen = {"kind": kind, "agency": agency, "place": place, "since": since, "until": until}
    if not re.search(r"\w", q):
        return render(request, "search.html", q=q, result=None, chosen=chosen)
    store.note("search", q, **{k: v for k, v in chosen.items() if v})
    filters = Filters(**{k: v or None for k, v in chosen.items()})
    return render(request, "search.html", q=q, chosen=chosen,
                  result=search(store, q, limit=50, filters=filters))


@router.get("/entity", response_class=HTMLResponse, dependencies=[needs(P.VIEW_GRAPH)])
async def entity(
    request: Request, store: ReaderDep, id: EntityId,
    limit: Annotated[int, Query(ge=1, le=MOST_LINKED)] = LINKED_SHOWN,
) -> HTMLResponse:
    """An entity with everything linked to it, grouped by kind, with evidence."""
    store.note("view_entity", id)
    page = entity_page(store, id, limit=limit)
    if page is None:
        raise HTTPException(404, f"There is no entity with the id {id!r}.")
    more = min(limit * 4, MOST_LINKED) if page.truncated and limit < MOST_LINKED else None
    return render(request, "entity.html", page=page, more=more)


@router.get("/record", response_class=HTMLResponse, dependencies=[needs(P.VIEW_RECORDS)])
async def record(request: Request, store: ReaderDep, id: RecordId) -> HTMLResponse:
    """A record with its mentions marked in its text and fields."""
    store.note("view_record", id)
    page = record_page(store, id)
    if page is None:
        raise HTTPException(404, f"There is no record with the id {id!r}.")
    return render(
        request, "record.html", page=page, text=text_segments(page), fields=field_rows(page)
    )


@router.get("/graph", response_class=HTMLResponse, dependencies=[needs(P.VIEW_GRAPH)])
async def graph(
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


@router.get("/ingest", response_class=HTMLResponse, dependencies=[needs(P.INGEST)])
async def ingest_page(
    request: Request, store: ReaderDep,
    upload: Annotated[str, Query(pattern="^([0-9a-f]{16})?$")] = "",
) -> HTMLResponse:
    """Upload a file; follow its ingestion; review the runs and the quarantine."""
    found = request.app.state.uploads.get(upload, store.viewer.principal) if upload else None
    return _ingest(request, store, found)


@router.post("/ingest", response_class=HTMLResponse, dependencies=[needs(P.INGEST)])
async def ingest_upload(
    request: Request, store: ReaderDep,
    kind: Annotated[str, Form(max_length=20)],
    file: Annotated[UploadFile, File()],
) -> Response:
    """Start ingesting an uploaded file, then show its progress."""
    try:
        started = await receive(request.app.state.uploads, store, kind, file)
    except ValueError as error:
        return _ingest(request, store, None, str(error), status=422)
    return RedirectResponse(link("/ingest", upload=started.id), status_code=303)


def _ingest(request: Request, store: ScopedReader, upload: Any, error: str = "",
            status: int = 200) -> HTMLResponse:
    return render(request, "ingest.html", status_code=status, upload=upload, error=error,
                  kinds=KINDS, runs=store.runs(20), quarantined=store.quarantined(50))


@router.get("/photo", dependencies=[needs(P.VIEW_RECORDS)],
            responses={200: {"content": {"image/jpeg": {}}}})
async def photo_file(store: ReaderDep, id: EntityId) -> Response:
    """An ad's photo: sharp for those who may see its victims, blurred for everyone else."""
    found = photo(store, id)
    if found is None:
        raise HTTPException(404, f"No photo {id!r} among what you may see.")
    store.note("view_photo", id, blurred=found.blurred)
    return Response(found.data, media_type="image/jpeg",
                    headers={"cache-control": "private, no-store"})
