"""The database: schema, migrations, idempotent bulk writes, queries, full-text search."""

from kadiyan.store.store import (
    Batch,
    QuarantinedRow,
    Store,
    now_iso,
    open_store,
    search_words,
)

__all__ = ["Batch", "QuarantinedRow", "Store", "now_iso", "open_store", "search_words"]
