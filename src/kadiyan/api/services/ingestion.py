"""Files uploaded through the app, ingested in the background with their progress.

An upload is saved under `$KADIYAN_HOME/uploads/` (the file is the evidence of what was
received), then read by the same pipeline as `kadiyan ingest`, owned by the uploader's
agency. Progress lives in this process while the file is read; the run's counts and its
quarantined rows are in the store for good.
"""

from __future__ import annotations

import re
import threading
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from fastapi import UploadFile

from kadiyan.access.principal import Principal
from kadiyan.access.reader import ScopedReader
from kadiyan.access.trail import audit
from kadiyan.ingest.pipeline import KINDS, InputError, ingest_file
from kadiyan.resolve import resolve_record
from kadiyan.store import Store

MAX_UPLOAD = 200 * 1024 * 1024  # bytes; larger files go through `kadiyan ingest`
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Upload:
    """One uploaded file and how far its ingestion has come."""

    id: str
    kind: str
    name: str
    agency: str
    owner: str
    total: int
    done: int = 0
    status: str = "queued"  # queued, running, done, failed
    stored: int = 0
    known: int = 0
    quarantined: int = 0
    run_id: int | None = None
    problem: str = ""
    errors: list[str] = field(default_factory=list)


class Uploads:
    """The uploads this process has taken, by id; each is ingested in its own thread."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._uploads: dict[str, Upload] = {}
        self._lock = threading.Lock()

    def get(self, upload_id: str, principal: Principal) -> Upload | None:
        """An upload, to the person who made it (or anyone of their agency)."""
        with self._lock:
            found = self._uploads.get(upload_id)
        if found is None or (found.agency != principal.agency and not principal.system):
            return None
        return found

    def start(self, store: Store, principal: Principal, kind: str, name: str,
              data: bytes) -> Upload:
        """Save the file and ingest it in the background; ValueError for a bad upload."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
        if not data:
            raise ValueError("the file is empty")
        if len(data) > MAX_UPLOAD:
            raise ValueError(f"the file is larger than {MAX_UPLOAD // 2**20} MiB: "
                             "use `kadiyan ingest` on the server")
        upload_id = uuid.uuid4().hex[:16]
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{stamp}-{upload_id}-{_SAFE.sub('_', name)[-80:] or 'upload'}"
        path.write_bytes(data)
        lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
        total = lines - (0 if kind in ("ads", "cases") else 1)
        upload = Upload(upload_id, kind, name, principal.agency, principal.username,
                        max(total, 0))
        self._set(upload)
        thread = threading.Thread(target=self._ingest, args=(store, principal, upload, path),
                                  name=f"ingest-{upload_id}", daemon=True)
        thread.start()
        return upload

    def _set(self, upload: Upload) -> None:
        with self._lock:
            self._uploads[upload.id] = upload

    def _advance(self, upload_id: str, n: int) -> None:
        with self._lock:
            current = self._uploads[upload_id]
            self._uploads[upload_id] = replace(current, done=current.done + n, status="running")

    def _ingest(self, store: Store, principal: Principal, upload: Upload, path: Path) -> None:
        self._set(replace(upload, status="running"))
        try:
            summary = ingest_file(store, upload.kind, path, agency=upload.agency,
                                  resolver=resolve_record, workers=1,
                                  progress=lambda n: self._advance(upload.id, n))
        except (InputError, ValueError, OSError) as error:
            self._set(replace(upload, status="failed", problem=str(error)))
            audit(store, principal, "ingest_failed", upload.name, {"kind": upload.kind,
                                                                   "reason": str(error)})
            return
        with self._lock:
            current = self._uploads[upload.id]
        self._set(replace(current, status="done", done=summary.read, stored=summary.stored,
                          known=summary.known, quarantined=summary.quarantined,
                          run_id=summary.run_id, errors=summary.errors[:50]))
        audit(store, principal, "ingest", upload.name,
              {"kind": upload.kind, "run": summary.run_id, "read": summary.read,
               "stored": summary.stored, "quarantined": summary.quarantined})


async def receive(uploads: Uploads, reader: ScopedReader, kind: str, file: UploadFile) -> Upload:
    """Read an uploaded file and start ingesting it for the reader's principal.

    ValueError (a bad kind, an empty or too large file) says why, for the page or the API.
    """
    data = await file.read(MAX_UPLOAD + 1)
    return uploads.start(reader.store, reader.viewer.principal, kind, file.filename or "upload",
                         data)
