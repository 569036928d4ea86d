"""The store as one viewer may read it: records in scope, victims masked where they must be.

`ScopedReader` offers the reads the services and graph walks use, with the same names and
answers as `Store`, so a page built over it cannot show what its viewer may not see: records
outside the scope are absent, links rest only on evidence in scope, and every victim's
name, family, contact and address is masked unless the viewer is entitled to it. Records
shown with their victims unmasked are collected in `revealed`, for the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from kadiyan.access.masking import (
    MASK,
    PROTECTED_ROLES,
    inside,
    is_protected,
    mask_fields,
    masked_label,
    shifted,
    text_cuts,
    victim_names,
)
from kadiyan.access.scope import Viewer
from kadiyan.model import Entity, Link, Record, RecordHeader, is_record_node
from kadiyan.store import Store, search_words
from kadiyan.store.access import role_mentions
from kadiyan.store.walks import Step


class ScopedReader:
    """Reads of `store` for `viewer`; see the module's docstring."""

    def __init__(self, store: Store, viewer: Viewer) -> None:
        self.store = store
        self.viewer = viewer
        self.visible = viewer.scope.visibility()
        self.revealed: dict[str, None] = {}  # record ids shown with victims unmasked
        self._protected: dict[str, bool] = {}  # entity id -> masked for this viewer
        self._masked_records: set[str] = set()  # records whose text lost something
        self.notes: list[tuple[str, str, dict[str, Any]]] = []  # views to audit
        # What this reader has read, for the rest of its one request: a page reads the
        # same records (evidence, labels, snippets) several times over.
        self._stored: dict[str, Record | None] = {}  # record id -> as stored, in scope
        self._shown: dict[str, Record] = {}  # record id -> as the viewer sees it
        self._rows: dict[str, list[dict[str, Any]]] = {}  # record id -> stored mentions
        self._victims: dict[str, list[dict[str, Any]]] = {}  # ... those in protected roles
        self._cut_at: dict[str, list[tuple[int, int]]] = {}  # record id -> masked spans
        self._headers: dict[str, RecordHeader | None] = {}  # record id -> header, in scope
        self._evidenced: set[str] = set()  # nodes seen at an end of a link in scope

    def note(self, action: str, target: str = "", **detail: Any) -> None:
        """Remember a view (a search, a record opened) for the audit trail."""
        self.notes.append((action, target, detail))

    @property
    def engine(self) -> Any:
        """The store's engine (for reads that need no scope, such as counts of jobs)."""
        return self.store.engine

    def connection(self) -> Any:
        """The store's connection to read with (for reads that need no scope)."""
        return self.store.connection()

    def stats(self) -> dict[str, Any]:
        """What the store holds, as far as the viewer may know.

        The whole store's counts (entities, links, quarantined rows) go to the local
        operator only; a user is told how many records of each kind are in scope, and that
        is all: a count outside the scope would say what other agencies hold.
        """
        if self.viewer.scope.everything:
            return self.store.stats()
        return {"records": self.store.record_counts(self.visible), "entities": {},
                "links": None, "quarantined": None}

    def runs(self, limit: int = 50) -> list[dict[str, Any]]:
        """Ingest runs of the viewer's own agency (and those below it), newest first."""
        return self.store.runs(limit, self._own())

    def quarantined(self, limit: int = 100, offset: int = 0) -> list[Any]:
        """Rows rejected from the viewer's own agency's files."""
        return self.store.quarantined(limit, offset, self._own())

    def _own(self) -> frozenset[str] | None:
        return None if self.viewer.scope.everything else self.viewer.scope.own

    # -- records ---------------------------------------------------------------------------

    def record(self, record_id: str) -> Record | None:
        """One record in scope, masked as the viewer must see it."""
        found = self.records([record_id])
        return found[0] if found else None

    def records(self, record_ids: Sequence[str]) -> list[Record]:
        """Records in scope, in the order asked, each masked as the viewer must see it."""
        stored = self._stored_records(record_ids)
        self._protected_mentions([r.id for r in stored if r.id not in self._shown
                                  and not self._identity(r)])
        for record in stored:
            if record.id not in self._shown:
                self._shown[record.id] = self._masked(record)
        return [self._shown[r.id] for r in stored]

    def record_headers(self, record_ids: Sequence[str]) -> list[RecordHeader]:
        """What the records in scope are, without their text and fields (so nothing of
        them needs masking)."""
        missing = [r for r in dict.fromkeys(record_ids) if r not in self._headers]
        if missing:
            found = {h.id: h for h in self.store.record_headers(missing, self.visible)}
            for record_id in missing:
                self._headers[record_id] = found.get(record_id)
        return [h for h in (self._headers[r] for r in record_ids) if h is not None]

    def list_records(self, **filters: Any) -> list[Record]:
        """Records in scope passing `Store.list_records` filters, masked, newest first."""
        return [self._masked(r) for r in self.store.list_records(**filters,
                                                                 visible=self.visible)]

    def record_ids_by_source(self, source_id: str) -> list[str]:
        """Ids of records in scope with this id in their own file."""
        return self.store.record_ids_by_source(source_id, self.visible)

    def search_records(self, query: str, limit: int = 50) -> list[Record]:
        """Records in scope matching `query`, masked; a record that matches only by what
        is masked is left out, so a victim's name finds nothing for those who may not
        see it, not even a count."""
        words = {w.casefold() for w in search_words(query)}
        found = self.store.search_records(query, limit, self.visible)
        for record in found:
            self._stored.setdefault(record.id, record)
        hits = []
        for record in self.records([r.id for r in found]):
            if record.id in self._masked_records:
                if not words <= {w.casefold() for w in search_words(record.text)}:
                    continue
            hits.append(record)
        return hits

    def headers_naming(self, entity_ids: Sequence[str], limit: int = 50) -> list[RecordHeader]:
        """What the records in scope that name any of the entities are, newest first."""
        found = self.store.headers_naming(entity_ids, limit, self.visible)
        for header in found:
            self._headers.setdefault(header.id, header)
        return found

    def mentions_of(self, record_id: str) -> list[dict[str, Any]]:
        """The mentions of a record in scope, with victims' values masked and spans moved
        to where they fall in the masked text."""
        return self.mentions_of_many([record_id]).get(record_id, [])

    def mentions_of_many(
        self, record_ids: Iterable[str], entity_ids: Iterable[str] | None = None
    ) -> dict[str, list[dict[str, Any]]]:
        """`mentions_of` for many records at once: record id -> mentions (records out of
        scope or without mentions are absent); with `entity_ids`, only the mentions of
        those entities, masked and placed exactly as among all of them."""
        stored = self._stored_records(list(dict.fromkeys(record_ids)))
        ids = [r.id for r in stored]
        if entity_ids is None:
            rows_of = self._stored_mentions(ids)
        else:
            rows_of = self.store.mentions_of_many(ids, entity_ids=entity_ids)
        # Masking and the audit of victims go by the protected mentions, wanted or not.
        victims = self._protected_mentions(ids)
        found: dict[str, list[dict[str, Any]]] = {}
        for record in stored:
            rows = rows_of.get(record.id, [])
            if not rows:
                continue
            if self._identity(record):
                if victims[record.id]:
                    self.revealed[record.id] = None
                found[record.id] = [dict(row) for row in rows]
            else:
                cuts = self._cuts(record, victims[record.id])
                found[record.id] = [dict(self._masked_mention(row, cuts)) for row in rows]
        return found

    def _stored_records(self, record_ids: Sequence[str]) -> list[Record]:
        """Records in scope as stored (unmasked: for masking only), in the order asked."""
        missing = [r for r in dict.fromkeys(record_ids) if r not in self._stored]
        if missing:
            found = {r.id: r for r in self.store.records(missing, self.visible)}
            for record_id in missing:
                self._stored[record_id] = found.get(record_id)
        return [r for r in (self._stored[i] for i in record_ids) if r is not None]

    def _stored_mentions(self, record_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """Stored mentions of records already known to be in scope (unmasked)."""
        missing = [r for r in record_ids if r not in self._rows]
        if missing:
            found = self.store.mentions_of_many(missing)
            for record_id in missing:
                self._rows[record_id] = found.get(record_id, [])
        return {r: self._rows[r] for r in record_ids}

    def _protected_mentions(
        self, record_ids: Sequence[str]
    ) -> dict[str, list[dict[str, Any]]]:
        """The stored mentions in a protected role (all that masking needs) of records
        known to be in scope."""
        missing = [r for r in record_ids if r not in self._rows and r not in self._victims]
        if missing:
            found = self.store.mentions_of_many(missing, roles=PROTECTED_ROLES)
            for record_id in missing:
                self._victims[record_id] = found.get(record_id, [])
        return {r: self._victims[r] if r in self._victims else
                [row for row in self._rows[r] if is_protected(row["role"])]
                for r in record_ids}

    # -- entities and links ----------------------------------------------------------------

    def entity(self, entity_id: str) -> Entity | None:
        """One entity the viewer may see."""
        found = self.entities([entity_id])
        return found[0] if found else None

    def entities(self, entity_ids: Sequence[str]) -> list[Entity]:
        """Entities with evidence in scope; a victim's label masked, her identifiers hidden."""
        found = self.store.entities(entity_ids)
        if self.visible is not None:
            # An entity at the end of a link this reader returned has evidence in scope.
            unknown = [e.id for e in found if e.id not in self._evidenced]
            self._evidenced |= self.store.evidenced_entities(unknown, self.visible)
            found = [e for e in found if e.id in self._evidenced]
        masked = self._masked_entities([e.id for e in found])
        shown = []
        for entity in found:
            if entity.id not in masked:
                shown.append(entity)
            elif entity.kind.value == "person":
                shown.append(replace(entity, label=masked_label("person"), key=MASK))
        return shown

    def find_entities_by_suffix(self, kind: str, suffix: str, limit: int = 20) -> list[Entity]:
        """Entities of a kind whose key ends with `suffix`, as the viewer may see them."""
        found = self.store.find_entities_by_suffix(kind, suffix, limit)
        return self.entities([e.id for e in found])

    def links_of(self, node_id: str, limit: int = 1000, ordered: bool = True) -> list[Link]:
        """Links of a node resting on evidence in scope, none to a hidden identifier."""
        links = self.store.links_of(node_id, limit, self.visible, ordered)
        self._evidenced.update(n for link in links for n in (link.source, link.target))
        hidden = self._hidden_identifiers(n for link in links for n in (link.source, link.target))
        return [link for link in links if link.source not in hidden and link.target not in hidden]

    def edges_between(self, node_ids: Iterable[str]) -> list[tuple[str, str, str]]:
        """Edges touching the nodes with evidence in scope, none to a hidden identifier."""
        edges = self.store.edges_between(node_ids, self.visible)
        self._evidenced.update(n for edge in edges for n in (edge[0], edge[2]))
        hidden = self._hidden_identifiers(n for edge in edges for n in (edge[0], edge[2]))
        return [e for e in edges if e[0] not in hidden and e[2] not in hidden]

    def frontier_edges(self, node_ids: Iterable[str], *, cap: int | None = None) -> Step:
        """One step of a walk over links with evidence in scope, none to a hidden identifier
        (an entity with more than `cap` such links is a hub, read no further)."""
        step = self.store.frontier_edges(node_ids, self.visible, cap)
        partial = [e for edges in step.partial.values() for e in edges]
        kept = self._shown_edges(step.edges + partial)
        return Step([e for e in step.edges if e in kept], step.capped,
                     {n: [e for e in edges if e in kept] for n, edges in step.partial.items()})

    def edges_among(
        self, node_ids: Iterable[str], among: Iterable[str]
    ) -> list[tuple[str, str, str]]:
        """The links in scope from any of the nodes to any of `among`, none to a hidden
        identifier."""
        edges = self.store.edges_among(node_ids, among, self.visible)
        kept = self._shown_edges(edges)
        return [e for e in edges if e in kept]

    def _shown_edges(self, edges: list[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
        """Those of the edges (with evidence in scope) that touch no hidden identifier."""
        self._evidenced.update(n for edge in edges for n in (edge[0], edge[2]))
        hidden = self._hidden_identifiers(n for edge in edges for n in (edge[0], edge[2]))
        return {e for e in edges if e[0] not in hidden and e[2] not in hidden}

    def evidence(self, src: str, kind: str, dst: str, limit: int = 20) -> list[str]:
        """The records in scope that are the evidence for one edge."""
        return self.store.evidence(src, kind, dst, limit, self.visible)

    # -- masking ---------------------------------------------------------------------------

    def _identity(self, record: Record) -> bool:
        return self.viewer.sees_identity(record.agency, record.id)

    def _masked(self, record: Record) -> Record:
        if self._identity(record):
            if victim_names(record.kind.value, record.fields):
                self.revealed[record.id] = None
            return record
        rows = self._protected_mentions([record.id])[record.id]
        cuts = self._cuts(record, rows)
        text = record.text
        if cuts:
            self._masked_records.add(record.id)
            pieces, at = [], 0
            for start, end in cuts:
                pieces += [text[at:start], MASK]
                at = end
            text = "".join([*pieces, text[at:]])
        fields = mask_fields(record.kind.value, record.fields)
        if "images" in fields and fields["images"] and record.kind.value == "ad":
            # A trafficker's ad shows the victim: her photos are withheld, counted only.
            fields = {**fields, "images": [MASK] * len(fields["images"])}
        return replace(record, text=text, fields=fields)

    def _cuts(self, record: Record, rows: list[dict[str, Any]]) -> list[tuple[int, int]]:
        """Where the record's text loses victims' names (`rows`: its protected mentions,
        or all of them)."""
        if record.id not in self._cut_at:
            spans = [(row["span_start"], row["span_end"]) for row in rows
                     if is_protected(row["role"]) and (row["field"] or "text") == "text"]
            self._cut_at[record.id] = text_cuts(
                record.text, spans, victim_names(record.kind.value, record.fields))
        return self._cut_at[record.id]

    def _masked_mention(self, row: dict[str, Any], cuts: list[tuple[int, int]]) -> dict[str, Any]:
        in_text = (row["field"] or "text") == "text"
        protected = is_protected(row["role"]) or (
            in_text and inside(row["span_start"], row["span_end"], cuts))
        if not protected:
            if in_text:
                row = {**row, "span_start": shifted(row["span_start"], cuts),
                       "span_end": shifted(row["span_end"], cuts)}
            return row
        start = shifted(row["span_start"], cuts) if in_text else 0
        entity = row["entity_id"] if row["kind"] == "person" else None
        return {**row, "value": MASK, "raw": MASK, "extra": None, "entity_id": entity,
                "link": row["link"] if entity else None,
                "span_start": start, "span_end": start + len(MASK)}

    def _masked_entities(self, entity_ids: list[str]) -> set[str]:
        """Those of the entities that name or reach a victim in a record the viewer may not
        see the victims of."""
        if self.viewer.scope.identity_everywhere:
            return set()
        unknown = [e for e in entity_ids if e not in self._protected]
        if unknown:
            for e in unknown:
                self._protected[e] = False
            for entity_id, agency, record_id in role_mentions(
                    self.store, unknown, PROTECTED_ROLES):
                if not self.viewer.sees_identity(agency, record_id):
                    self._protected[entity_id] = True
        return {e for e in entity_ids if self._protected.get(e)}

    def _hidden_identifiers(self, node_ids: Iterable[str]) -> set[str]:
        """Victims' phones and e-mails (not persons, whose ids say nothing) to leave out."""
        ids = [n for n in dict.fromkeys(node_ids)
               if not is_record_node(n) and not n.startswith("person:")]
        return self._masked_entities(ids)
