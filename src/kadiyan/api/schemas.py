"""Response models of the API: the JSON shapes, read from the services' dataclasses."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from kadiyan.graph.traverse import HUB_DEGREE, MAX_LINKS


class Out(BaseModel):
    """A response model that can be read from a dataclass's attributes."""

    model_config = ConfigDict(from_attributes=True)


class SnippetOut(Out):
    """An excerpt of `field` with the mention in `mark`; `start`/`end` locate it there."""

    field: str
    before: str
    mark: str
    after: str
    start: int
    end: int
    kind: str | None = None


class StatsOut(Out):
    """Counts of records by kind in the caller's scope; of entities, links and quarantined
    rows only for those who see the whole store (else empty and null)."""

    records: dict[str, int]
    entities: dict[str, int]
    links: int | None
    quarantined: int | None


class HealthOut(Out):
    """The service answers and its store can be read."""

    status: str


class EntityHitOut(Out):
    """An entity named by the query; `links` counts its links (at least, if capped)."""

    id: str
    kind: str
    key: str
    label: str
    links: int
    links_capped: bool


class RecordHitOut(Out):
    """A record matching the query, with a snippet."""

    id: str
    kind: str
    label: str
    source_id: str
    date: str | None
    place: str | None
    snippet: SnippetOut


class SearchOut(Out):
    """Entities the query names, then matching records, with facet counts."""

    query: str
    entities: list[EntityHitOut]
    records: list[RecordHitOut]
    facets: dict[str, list[tuple[str, int]]] = Field(
        description="matching records by kind, agency, place and year (before filters)")
    matched: int = Field(description="matching records that pass the filters")


class EntityOut(Out):
    """An entity's identity."""

    id: str
    kind: str
    key: str
    label: str


class EvidenceOut(Out):
    """A record that is evidence for a link; the snippet marks the linked mention."""

    record_id: str
    kind: str
    source_id: str
    date: str | None
    place: str | None
    snippet: SnippetOut | None


class LinkedOut(Out):
    """A linked node: how it is linked, and (up to 10 of) the records that show it."""

    id: str
    kind: str
    label: str
    relations: list[str] = Field(
        description="link kinds (`mentions`, `contact`, `called`, `called_by`, ...) and "
        "`shares_record` for an entity named in the same record"
    )
    direct: bool
    evidence_count: int
    evidence: list[EvidenceOut]
    date: str | None


class GroupOut(Out):
    """Linked nodes of one kind (a record kind, or `entity`)."""

    key: str
    title: str
    items: list[LinkedOut]


class EntityPageOut(Out):
    """An entity and everything linked to it, grouped by kind."""

    entity: EntityOut
    groups: list[GroupOut]
    truncated: bool


class MentionOut(Out):
    """A value found in a record: `field` and `start`/`end` say where."""

    seq: int
    kind: str
    value: str
    raw: str
    field: str
    start: int
    end: int
    confidence: float
    rule: str
    role: str | None
    entity_id: str | None


class RecordOut(Out):
    """A record: provenance, text, fields and mentions."""

    id: str
    kind: str
    label: str
    source_id: str
    date: str | None
    place: str | None
    agency: str
    source_file: str
    source_line: int
    content_hash: str
    text: str
    fields: dict[str, Any]
    mentions: list[MentionOut]


class NodeOut(Out):
    """A graph node with its kind, label and hops from where the walk began."""

    id: str
    kind: str
    label: str
    hops: int


class EdgeOut(Out):
    """A link as stored: source, kind, target."""

    source: str
    kind: str
    target: str


class NeighbourhoodOut(Out):
    """Nodes within reach of the centre and the edges among them."""

    centre: str
    hops: int
    nodes: list[NodeOut]
    edges: list[EdgeOut]
    truncated: bool


class PathStepOut(EdgeOut):
    """One link of a path and its evidence records."""

    evidence: list[str]


class PathOut(Out):
    """The shortest evidence chain: its nodes in order and its links."""

    start: str
    goal: str
    nodes: list[NodeOut]
    steps: list[PathStepOut] = Field(description="links from start to goal, in order")
    cut_short: bool = Field(
        False, description="a shorter path may pass through `hubs` (paths do not pass "
        f"through an entity with more than {HUB_DEGREE:,} links) or lie beyond the "
        f"{MAX_LINKS:,} links the search reads")
    hubs: list[str] = Field(default_factory=list,
                            description="hubs the search met and did not pass through")
    exhausted: bool = Field(False, description="the search stopped at its budget of links")


class MemberOut(Out):
    """An entity that holds an operation together, and in how many of its records."""

    id: str
    kind: str
    label: str
    records: int


class TemplateOut(Out):
    """A template of the operation's ads: shared wording with `{slots}` and their values."""

    id: str
    wording: str
    ads: int
    slots: dict[str, list[str]]


class RecordRefOut(Out):
    """A member record."""

    id: str
    kind: str
    source_id: str
    date: str | None
    place: str | None


class OperationOut(Out):
    """A candidate operation as far as the caller may see it."""

    id: str
    label: str
    size: int = Field(description="records in the caller's scope")
    records: dict[str, int]
    places: list[tuple[str, int]]
    activity: list[tuple[str, int]] = Field(description="(YYYY-MM, records) in order")
    first_seen: str | None
    last_seen: str | None
    held_by: dict[str, list[MemberOut]]
    templates: list[TemplateOut]
    newest: list[RecordRefOut]
    survivors: int = Field(description="survivors among its persons: counted, never named")


class OperationsOut(Out):
    """Operations with records in the caller's scope, largest first."""

    operations: list[OperationOut]


class LinkOut(Out):
    """A link of a node: kind, ends, and the records in the caller's scope that show it."""

    kind: str
    source: str
    target: str
    evidence: list[str]
    confidence: float
    seen_at: str | None


class LinksOut(Out):
    """The links of one node."""

    id: str
    links: list[LinkOut]


class RecordsOut(Out):
    """Records in the caller's scope that match the filters, newest first."""

    records: list[RecordRefOut]


class JudgementIn(BaseModel):
    """An analyst's judgement on two persons."""

    a: str = Field(min_length=1, max_length=100, pattern=r"^person:[\w-]+$")
    b: str = Field(min_length=1, max_length=100, pattern=r"^person:[\w-]+$")
    verdict: str = Field(pattern="^(same|different)$")
    why: str = Field(default="", max_length=2000)


class ExportIn(BaseModel):
    """A picture of the graph the caller is about to save, for the audit trail."""

    format: str = Field(pattern="^png$", description="the picture's format")
    nodes: list[str] = Field(min_length=1, max_length=500,
                             description="ids of the nodes drawn in it (at most 500)")


class JudgementOut(Out):
    """A judgement as stored."""

    id: int
    kind: str
    a: str
    b: str
    verdict: str
    who: str
    why: str
    at: str
    undone_at: str | None = None


class JudgementsOut(Out):
    """Judgements on persons the caller may see."""

    judgements: list[JudgementOut]


class UploadOut(Out):
    """An uploaded file being ingested, and how far it has come."""

    id: str
    kind: str
    name: str
    agency: str
    total: int
    done: int
    status: str
    stored: int
    known: int
    quarantined: int
    run_id: int | None
    problem: str
    errors: list[str]


class RunOut(Out):
    """One ingest run of the caller's agency."""

    id: int
    kind: str
    file: str
    agency: str
    started_at: str
    finished_at: str | None
    status: str
    read: int
    stored: int
    known: int
    quarantined: int


class RunsOut(Out):
    """Ingest runs, newest first."""

    runs: list[RunOut]


class QuarantinedOut(Out):
    """A rejected input row, where it came from and why."""

    id: str
    kind: str
    source_file: str
    line: int
    reason: str
    raw: str
    quarantined_at: str


class QuarantineOut(Out):
    """Rows rejected from the caller's agency's files."""

    rows: list[QuarantinedOut]
