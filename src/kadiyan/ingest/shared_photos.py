"""Photo hashes shared by the worker processes of one ingest run, through a SQLite file.

Ads reuse photos, and each worker keeps the hashes it has worked out; unshared, each of
n workers would still hash every photo once. A photo costs about 3 ms (its PDQ hash and
its crops'), as much as the texts of some thirty ads.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import orjson

from kadiyan.extract.images import ImageHash


class SharedHashes:
    """A photo's hash by its key (path, modification time and size), in a file that the
    workers of one run all open."""

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(path, isolation_level=None, timeout=60)
        # The file lives as long as the run: a crash loses nothing worth keeping.
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("PRAGMA synchronous=OFF")
        self.connection.execute(
            "CREATE TABLE IF NOT EXISTS hashes (key TEXT PRIMARY KEY, image BLOB NOT NULL)"
        )

    def get(self, key: str) -> ImageHash | None:
        """The hash another worker stored under `key`, if any."""
        row = self.connection.execute("SELECT image FROM hashes WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        image = orjson.loads(row[0])
        return ImageHash(**{**image, "crops": tuple(image["crops"])})

    def put(self, key: str, image: ImageHash) -> None:
        """Store a hash for the other workers (the first one stored for a key stays)."""
        self.connection.execute(
            "INSERT OR IGNORE INTO hashes (key, image) VALUES (?, ?)",
            (key, orjson.dumps(image)),
        )
