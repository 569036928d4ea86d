"""Batch rebuild of every mention, entity and link from the stored records."""

from __future__ import annotations

from collections.abc import Callable

from kadiyan.extract.fields import text_mentions
from kadiyan.ingest.pipeline import derive_into
from kadiyan.resolve.identifiers import resolve_record
from kadiyan.store import Batch, Store


def rebuild_links(store: Store, progress: Callable[[int], None] | None = None) -> int:
    """Re-extract and re-resolve all records (after a better extractor, say); returns count.

    Ids are derived from keys, so a rebuild gives back the same entity ids.
    """
    store.clear_derived()
    done = 0
    with store.loading():
        for records in store.iter_records():
            batch = Batch()
            for record, mentions in zip(records, text_mentions(records), strict=True):
                derive_into(batch, record, resolve_record, None, mentions)
            store.write_derived(batch)
            done += len(records)
            if progress:
                progress(len(records))
    return done
