"""The JSON API under `/api`, and `/health`: thin routes over the services."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError

from kadiyan.access.reader import ScopedReader
from kadiyan.access.roles import Permission as P
from kadiyan.api.deps import ReaderDep, StoreDep, needs
from kadiyan.api.params import (
    ID_PATTERN,
    DateText,
    EntityId,
    FacetText,
    NodeId,
    RecordId,
    SearchText,
)
from kadiyan.api.schemas import (
    EntityPageOut,
    ExportIn,
    HealthOut,
    JudgementIn,
    JudgementOut,
    JudgementsOut,
    LinkOut,
    LinksOut,
    NeighbourhoodOut,
    OperationOut,
    OperationsOut,
    PathOut,
    QuarantineOut,
    RecordOut,
    RecordRefOut,
    RecordsOut,
    RunsOut,
    SearchOut,
    StatsOut,
    UploadOut,
)
from kadiyan.api.services.entities import LINKED_SHOWN, MOST_LINKED, entity_page
from kadiyan.api.services.graph import neighbourhood_view, path_view
from kadiyan.api.services.ingestion import receive
from kadiyan.api.services.nodes import describe
from kadiyan.api.services.operations import operation_list, operation_page
from kadiyan.api.services.records import record_page
from kadiyan.api.services.search import Filters
from kadiyan.api.services.search import search as run_search
from kadiyan.export.gexf import gexf
from kadiyan.model import Verdict
from kadiyan.resolve.lookup import resolve_node
from kadiyan.store.resolution import add_judgement, judgements, undo_judgement

UNAUTHORISED = {401: {"description": "no valid session or API token"},
                403: {"description": "the caller's role does not allow this"}}


def as_json(model: BaseModel) -> Response:
    """A response model as JSON, encoded once.

    Returned as is, FastAPI would dump the model, validate it again against the route's
    `response_model` and encode it with the standard library: for an entity page of some
    twenty kilobytes, ten times the work. The route keeps its `response_model` for the
    schema.
    """
    return Response(model.model_dump_json(), media_type="application/json")


health_router = APIRouter(tags=["service"])
schema_router = APIRouter(include_in_schema=False)
router = APIRouter(prefix="/api", tags=["graph"], responses=UNAUTHORISED)

MAX_EXPORT = 500  # nodes in one GEXF export
NOT_FOUND = {404: {"description": "no record or entity has this id"}}


@health_router.get("/health", response_model=HealthOut, responses={503: {}},
                   dependencies=[needs(P.PUBLIC)])
async def health(store: StoreDep) -> HealthOut | JSONResponse:
    """The service is up and its store answers (nothing about what it holds)."""
    try:
        store.record_counts()
    except SQLAlchemyError as error:
        body = {"status": "unavailable", "reason": error.__class__.__name__}
        return JSONResponse(body, status_code=503)
    return HealthOut(status="ok")


@schema_router.get("/api/openapi.json", dependencies=[needs(P.PUBLIC)])
async def openapi_schema(request: Request) -> JSONResponse:
    """The OpenAPI description of the API (public: it describes, it holds no data)."""
    return JSONResponse(request.app.openapi())


@router.get("/stats", response_model=StatsOut, dependencies=[needs(P.SIGNED_IN)])
async def stats(store: ReaderDep) -> StatsOut:
    """Counts of the records in the caller's scope by kind (the whole store's counts of
    entities, links and quarantined rows for the local operator only)."""
    return StatsOut(**store.stats())


@router.get("/search", response_model=SearchOut, dependencies=[needs(P.SEARCH)])
async def search(
    store: ReaderDep,
    q: SearchText,
    limit: Annotated[int, Query(ge=1, le=200, description="records to return")] = 20,
    kind: FacetText = "", agency: FacetText = "", place: FacetText = "",
    since: DateText = "", until: DateText = "",
) -> Response:
    """Entities the query names (a phone written any way, a handle, an id) and records,
    narrowed by facets (kind, agency, place, dates) and with the facets' counts."""
    chosen = {"kind": kind, "agency": agency, "place": place, "since": since, "until": until}
    store.note("search", q, **{k: v for k, v in chosen.items() if v})
    filters = Filters(**{k: v or None for k, v in chosen.items()})
    return as_json(SearchOut.model_validate(run_search(store, q, limit=limit, filters=filters)))


@router.get("/records", response_model=RecordsOut, dependencies=[needs(P.VIEW_RECORDS)])
async def records(
    store: ReaderDep,
    kind: FacetText = "", agency: FacetText = "", place: FacetText = "",
    since: DateText = "", until: DateText = "",
    limit: Annotated[int, Query(ge=1, le=500, description="records to return")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="records to skip")] = 0,
) -> RecordsOut:
    """Records in the caller's scope, newest first, by kind, agency, place and dates."""
    found = store.list_records(kind=kind or None, agency=agency or None, place=place or None,
                               since=since or None, until=until or None, limit=limit,
                               offset=offset)
    store.note("list_records", kind or "", count=len(found))
    return RecordsOut(records=[
        RecordRefOut(id=r.id, kind=r.kind.value, source_id=r.source_id, date=r.occurred_at,
                     place=r.place) for r in found])


@router.get("/links", response_model=LinksOut, responses=NOT_FOUND,
            dependencies=[needs(P.VIEW_GRAPH)])
async def links(
    store: ReaderDep, id: NodeId,
    limit: Annotated[int, Query(ge=1, le=5000, description="link rows to read")] = 500,
) -> LinksOut:
    """The links of a record or entity, each with its evidence records in the caller's scope."""
    node = _node(store, id)
    store.note("view_links", node)
    return LinksOut(id=node, links=[
        LinkOut(kind=link.kind.value, source=link.source, target=link.target,
                evidence=list(link.evidence), confidence=link.confidence,
                seen_at=link.seen_at)
        for link in store.links_of(node, limit=limit)])


@router.get("/entity", response_model=EntityPageOut, responses=NOT_FOUND,
            dependencies=[needs(P.VIEW_GRAPH)])
async def entity(
    store: ReaderDep,
    id: EntityId,
    limit: Annotated[int, Query(ge=1, le=MOST_LINKED,
                                description="linked nodes of each sort")] = LINKED_SHOWN,
) -> Response:
    """An entity and everything linked to it, grouped by kind, with evidence snippets."""
    store.note("view_entity", id)
    page = entity_page(store, id, limit=limit)
    if page is None:
        raise HTTPException(404, f"no entity with id {id!r}")
    return as_json(EntityPageOut.model_validate(page))


@router.get("/record", response_model=RecordOut, responses=NOT_FOUND,
            dependencies=[needs(P.VIEW_RECORDS)])
async def record(store: ReaderDep, id: RecordId) -> Response:
    """A record: provenance, text, fields, and its mentions with spans and entity ids."""
    store.note("view_record", id)
    page = record_page(store, id)
    if page is None:
        raise HTTPException(404, f"no record with id {id!r}")
    return as_json(RecordOut.model_validate(page))


@router.get("/neighbourhood", response_model=NeighbourhoodOut, responses=NOT_FOUND,
            dependencies=[needs(P.VIEW_GRAPH)])
async def neighbourhood(
    store: ReaderDep,
    id: NodeId,
    hops: Annotated[int, Query(ge=1, le=3, description="how far to walk")] = 1,
    limit: Annotated[int, Query(ge=1, le=2000, description="most nodes to return")] = 200,
) -> Response:
    """Nodes within `hops` links of a record or entity, with their distance, and edges.

    `id` may also be a phone or handle as written, or a record's id in its own file.
    """
    centre = _node(store, id)
    return as_json(NeighbourhoodOut.model_validate(neighbourhood_view(store, centre, hops, limit)))


@router.get(
    "/path", response_model=PathOut,
    responses={404: {"description": "an unknown id, or no path within `max_hops` that "
                                     "passes through no hub"}},
    dependencies=[needs(P.VIEW_GRAPH)],
)
async def path(
    store: ReaderDep,
    a: NodeId,
    b: NodeId,
    max_hops: Annotated[int, Query(ge=1, le=12, description="longest chain to try")] = 6,
) -> Response:
    """The shortest chain of links from `a` to `b`, each link with its evidence records.

    `a` and `b` may also be phones or handles as written, or records' ids in their files.
    The chain passes through no hub (an entity with more than 1,000 links, such as a
    hotel with a thousand bookings), and the search stops after reading 5,000 links;
    `cut_short` says when it met hubs it did not pass through or stopped, so a chain (or
    a shorter one) may exist beyond what it read.
    """
    a, b = _node(store, a), _node(store, b)
    found = path_view(store, a, b, max_hops)
    if not found.found:
        aside = (f"; the search did not pass through {len(found.hubs)} hub(s): "
                 + ", ".join(found.hubs[:5]) if found.hubs else "")
        gave_up = "; it stopped at its budget of links read" if found.exhausted else ""
        raise HTTPException(404, f"no path between {a!r} and {b!r} within {max_hops} hops"
                            + aside + gave_up)
    return as_json(PathOut.model_validate(found))


def _node(store: ScopedReader, text: str) -> str:
    """The one node `text` names; 404 when none, 422 when several."""
    nodes = resolve_node(store, text)
    if not nodes:
        raise HTTPException(404, f"no record or entity with id {text!r}")
    if len(nodes) > 1:
        raise HTTPException(422, f"{text!r} names several nodes: {', '.join(nodes[:10])}")
    return nodes[0]


@router.get("/operations", response_model=OperationsOut, tags=["operations"],
            dependencies=[needs(P.VIEW_OPERATIONS)])
async def operations(
    store: ReaderDep,
    limit: Annotated[int, Query(ge=1, le=500, description="operations to return")] = 50,
) -> OperationsOut:
    """Candidate operations with records in the caller's scope, largest (in scope) first."""
    found = operation_list(store, limit=limit)
    return OperationsOut(operations=[OperationOut.model_validate(op) for op in found])


@router.get("/operation", response_model=OperationOut, responses=NOT_FOUND,
            tags=["operations"], dependencies=[needs(P.VIEW_OPERATIONS)])
async def operation(store: ReaderDep, id: EntityId) -> OperationOut:
    """One operation: members in scope, what holds it together, where, when, its ads' wording."""
    store.note("view_operation", id)
    page = operation_page(store, id)
    if page is None:
        raise HTTPException(404, f"no operation {id!r} among what you may see")
    return OperationOut.model_validate(page)


@router.get(
    "/graph.gexf", response_class=Response, dependencies=[needs(P.EXPORT)],
    responses={200: {"content": {"application/gexf+xml": {}},
                     "description": "the nodes and the links among them, as GEXF 1.3"}},
)
async def graph_gexf(
    store: ReaderDep,
    ids: Annotated[str, Query(min_length=1, max_length=20_000, pattern=ID_PATTERN,
                              description="node ids separated by commas (at most 500)")],
) -> Response:
    """The given nodes and the links among them as GEXF, for Gephi (an audited export)."""
    wanted = list(dict.fromkeys(i.strip() for i in ids.split(",") if i.strip()))[:MAX_EXPORT]
    info = describe(store, wanted)
    known = set(info)
    edges = [e for e in store.edges_between(known) if e[0] in known and e[2] in known]
    store.note("export", "graph.gexf", nodes=len(known), edges=len(edges))
    body = gexf([(n.id, n.kind, n.label) for n in info.values()], edges,
                description=f"{len(known)} nodes exported from Kadiyan")
    return Response(body, media_type="application/gexf+xml", headers={
        "content-disposition": 'attachment; filename="kadiyan-graph.gexf"'})


@router.post("/exports", status_code=204, response_class=Response,
             dependencies=[needs(P.EXPORT)],
             responses={204: {"description": "the export is in the audit trail"}})
async def export_picture(store: ReaderDep, body: ExportIn) -> Response:
    """Record that the caller saves a picture of these nodes (the explorer's PNG export).

    The picture is drawn in the browser, from what the caller may see; the explorer asks
    here first and saves it only once the export is in the audit trail.
    """
    known = describe(store, list(dict.fromkeys(body.nodes)))
    store.note("export", "graph.png", nodes=len(known))
    return Response(status_code=204)


@router.get("/judgements", response_model=JudgementsOut, tags=["judgements"],
            dependencies=[needs(P.JUDGE)])
async def judgements_(
    store: ReaderDep,
    undone: Annotated[bool, Query(alias="all", description="undone judgements too")] = False,
) -> JudgementsOut:
    """Analysts' judgements on pairs of persons the caller may both see."""
    found = judgements(store.store, "person", active_only=not undone)
    seen = {e.id for e in store.entities(sorted({j.a for j in found} | {j.b for j in found}))}
    return JudgementsOut(judgements=[
        JudgementOut.model_validate(j) for j in found if j.a in seen and j.b in seen])


@router.post("/judgements", response_model=JudgementOut, status_code=201,
             tags=["judgements"], dependencies=[needs(P.JUDGE)],
             responses={404: {"description": "a person the caller may not see"}})
async def judge(store: ReaderDep, body: JudgementIn) -> JudgementOut:
    """Judge two persons the same or different; the next `kadiyan link` respects it."""
    if len(store.entities([body.a, body.b])) < 2 or body.a == body.b:
        raise HTTPException(404, "judge two different persons you may see")
    who = store.viewer.principal.username
    judgement_id = add_judgement(store.store, "person", body.a, body.b,
                                 Verdict(body.verdict), who, body.why)
    store.note("judgement", f"{body.a} {body.b}", verdict=body.verdict, id=judgement_id)
    made = next(j for j in judgements(store.store, "person") if j.id == judgement_id)
    return JudgementOut.model_validate(made)


@router.post("/judgements/{judgement_id}/undo", response_model=JudgementOut,
             tags=["judgements"], dependencies=[needs(P.JUDGE)], responses=NOT_FOUND)
async def undo(store: ReaderDep, judgement_id: Annotated[int, Path(ge=1, le=2**31 - 1)]
         ) -> JudgementOut:
    """Withdraw a judgement (its record stays, stamped with who and when)."""
    mine = [j for j in judgements(store.store, "person") if j.id == judgement_id]
    if not mine or len(store.entities([mine[0].a, mine[0].b])) < 2:
        raise HTTPException(404, f"no judgement {judgement_id} in force that you may see")
    undo_judgement(store.store, judgement_id, store.viewer.principal.username)
    store.note("judgement_undo", str(judgement_id))
    done = next(j for j in judgements(store.store, "person", active_only=False)
                if j.id == judgement_id)
    return JudgementOut.model_validate(done)


@router.post("/ingest", response_model=UploadOut, status_code=202, tags=["ingestion"],
             dependencies=[needs(P.INGEST)])
async def upload(
    request: Request, store: ReaderDep,
    kind: Annotated[str, Form(pattern="^(ads|cases|bookings|calls|missing)$")],
    file: Annotated[UploadFile, File(description="the file as exported by its source")],
) -> UploadOut:
    """Upload a file of one kind; it is ingested in the background for the caller's agency."""
    try:
        started = await receive(request.app.state.uploads, store, kind, file)
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
    return UploadOut.model_validate(started)


@router.get("/ingest/{upload_id}", response_model=UploadOut, tags=["ingestion"],
            dependencies=[needs(P.INGEST)], responses=NOT_FOUND)
async def upload_status(
    request: Request, store: ReaderDep,
    upload_id: Annotated[str, Path(pattern="^[0-9a-f]{16}$")],
) -> UploadOut:
    """How far an upload's ingestion has come."""
    found = request.app.state.uploads.get(upload_id, store.viewer.principal)
    if found is None:
        raise HTTPException(404, "no such upload of your agency")
    return UploadOut.model_validate(found)


@router.get("/runs", response_model=RunsOut, tags=["ingestion"],
            dependencies=[needs(P.INGEST)])
async def runs(
    store: ReaderDep,
    limit: Annotated[int, Query(ge=1, le=500, description="runs to return")] = 50,
) -> RunsOut:
    """Ingest runs of the caller's agency (and those below it), newest first."""
    return RunsOut.model_validate({"runs": store.runs(limit)})


@router.get("/quarantine", response_model=QuarantineOut, tags=["ingestion"],
            dependencies=[needs(P.INGEST)])
async def quarantine(
    store: ReaderDep,
    limit: Annotated[int, Query(ge=1, le=1000, description="rows to return")] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="rows to skip")] = 0,
) -> QuarantineOut:
    """Rows rejected from the caller's agency's files, with file, line and reason."""
    store.note("view_quarantine", "", offset=offset)
    return QuarantineOut.model_validate({"rows": store.quarantined(limit, offset)})
