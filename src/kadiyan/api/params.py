"""Query parameters shared by the API and the pages, validated at the edge (422 if bad)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

# Ids are text such as `phone:+919876543210` or `case:up/kanpur/214/2025`: no control
# characters, nothing a database would refuse.
ID_PATTERN = r"^[^\x00-\x1f\x7f]+$"
# A query may be pasted with tabs or line breaks, but not other control characters.
QUERY_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
MAX_TEXT = 300


def node_id(description: str) -> Any:
    """A required node id parameter."""
    return Query(min_length=1, max_length=MAX_TEXT, pattern=ID_PATTERN, description=description)


NodeId = Annotated[str, node_id("a record id (`r…`) or an entity id (`kind:key`)")]
EntityId = Annotated[str, node_id("an entity id, e.g. `phone:+919876543210`")]
RecordId = Annotated[str, node_id("a record id, `r` and 20 hex digits")]
SearchText = Annotated[
    str,
    Query(
        min_length=1, max_length=MAX_TEXT, pattern=QUERY_PATTERN,
        description="a phone in any written form, a handle, an entity id, or words",
    ),
]

DATE_PATTERN = r"^(\d{4}-\d{2}-\d{2})?$"
DateText = Annotated[str, Query(max_length=10, pattern=DATE_PATTERN,
                                description="a date, YYYY-MM-DD (empty: open)")]
FacetText = Annotated[str, Query(max_length=MAX_TEXT, pattern=ID_PATTERN + "|^$",
                                 description="a facet value (empty: any)")]
