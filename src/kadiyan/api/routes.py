"""The JSON API under `/api`, and `/health`: thin routes over the services."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError

from kadiyan.api.deps import StoreDep
from kadiyan.api.params import EntityId, NodeId, RecordId, SearchText
from kadiyan.api.schemas import (
    EntityPageOut,
    HealthOut,
    NeighbourhoodOut,
    PathOut,
    RecordOut,
    SearchOut,
    StatsOut,
)
from kadiyan.api.services.entities import entity_page
from kadiyan.api.services.graph import neighbourhood_view, path_view
from kadiyan.api.services.records import record_page
from kadiyan.api.services.search import search as run_search
from kadiyan.resolve.lookup import resolve_node
from kadiyan.store import Store

health_router = APIRouter(tags=["service"])
router = APIRouter(prefix="/api", tags=["graph"])

NOT_FOUND = {404: {"description": "no record or entity has this id"}}


@health_router.get("/health", response_model=HealthOut, responses={503: {}})
def health(store: StoreDep) -> HealthOut | JSONResponse:
    """The service is up and its store answers; with the store's counts."""
    try:
        counts = store.stats()
    except SQLAlchemyError as error:
        body = {"status": "unavailable", "reason": error.__class__.__name__}
        return JSONResponse(body, status_code=503)
    return HealthOut(status="ok", **counts)


@router.get("/stats", response_model=StatsOut)
def stats(store: StoreDep) -> StatsOut:
    """Counts of records and entities by kind, distinct links and quarantined rows."""
    return StatsOut(**store.stats())


@router.get("/search", response_model=SearchOut)
def search(
    store: StoreDep,
    q: SearchText,
    limit: Annotated[int, Query(ge=1, le=200, description="records to return")] = 20,
) -> SearchOut:
    """Entities the query names (a phone written any way, a handle, an id) and records."""
    return SearchOut.model_validate(run_search(store, q, limit=limit))


@router.get("/entity", response_model=EntityPageOut, responses=NOT_FOUND)
def entity(
    store: StoreDep,
    id: EntityId,
    limit: Annotated[int, Query(ge=1, le=1000, description="linked nodes of each sort")] = 200,
) -> EntityPageOut:
    """An entity and everything linked to it, grouped by kind, with evidence snippets."""
    page = entity_page(store, id, limit=limit)
    if page is None:
        raise HTTPException(404, f"no entity with id {id!r}")
    return EntityPageOut.model_validate(page)


@router.get("/record", response_model=RecordOut, responses=NOT_FOUND)
def record(store: StoreDep, id: RecordId) -> RecordOut:
    """A record: provenance, text, fields, and its mentions with spans and entity ids."""
    page = record_page(store, id)
    if page is None:
        raise HTTPException(404, f"no record with id {id!r}")
    return RecordOut.model_validate(page)


@router.get("/neighbourhood", response_model=NeighbourhoodOut, responses=NOT_FOUND)
def neighbourhood(
    store: StoreDep,
    id: NodeId,
    hops: Annotated[int, Query(ge=1, le=3, description="how far to walk")] = 1,
    limit: Annotated[int, Query(ge=1, le=2000, description="most nodes to return")] = 200,
) -> NeighbourhoodOut:
    """Nodes within `hops` links of a record or entity, with their distance, and edges.

    `id` may also be a phone or handle as written, or a record's id in its own file.
    """
    centre = _node(store, id)
    return NeighbourhoodOut.model_validate(neighbourhood_view(store, centre, hops, limit))


@router.get(
    "/path", response_model=PathOut,
    responses={404: {"description": "an unknown id, or no path within `max_hops`"}},
)
def path(
    store: StoreDep,
    a: NodeId,
    b: NodeId,
    max_hops: Annotated[int, Query(ge=1, le=12, description="longest chain to try")] = 6,
) -> PathOut:
    """The shortest chain of links from `a` to `b`, each link with its evidence records.

    `a` and `b` may also be phones or handles as written, or records' ids in their files.
    """
    a, b = _node(store, a), _node(store, b)
    found = path_view(store, a, b, max_hops)
    if found is None:
        raise HTTPException(404, f"no path between {a!r} and {b!r} within {max_hops} hops")
    return PathOut.model_validate(found)


def _node(store: Store, text: str) -> str:
    """The one node `text` names; 404 when none, 422 when several."""
    nodes = resolve_node(store, text)
    if not nodes:
        raise HTTPException(404, f"no record or entity with id {text!r}")
    if len(nodes) > 1:
        raise HTTPException(422, f"{text!r} names several nodes: {', '.join(nodes[:10])}")
    return nodes[0]
