"""A photo an ad carried, as one viewer may see it: sharp, or blurred past recognition.

An ad's photo usually shows the victim. The file stays where the ad came from (beside the
ads file it was ingested from); the app reads it when asked, and a viewer who may not see
that record's victims gets it blurred and shrunk, never the original bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFilter

from kadiyan.access.reader import ScopedReader

THUMBNAIL = 480  # longest side, in pixels, of what is served
BLUR_SIDE = 24  # a blurred photo is shrunk to this before being blown up: no face survives


@dataclass(frozen=True)
class Photo:
    """JPEG bytes of a photo as served, and whether they were blurred."""

    data: bytes
    blurred: bool


def photo(reader: ScopedReader, image_id: str) -> Photo | None:
    """The photo of an image entity from the first record in scope that shows it."""
    if reader.entity(image_id) is None:
        return None
    for link in reader.links_of(image_id, limit=50):
        for record_id in link.evidence:
            found = _file_of(reader, record_id, image_id)
            if found is None:
                continue
            record, path = found
            sharp = reader.viewer.sees_identity(record.agency, record.id)
            try:
                data = _render(path, blurred=not sharp)
            except OSError:
                continue
            if sharp:
                reader.revealed[record.id] = None
            return Photo(data, not sharp)
    return None


def _file_of(reader: ScopedReader, record_id: str, image_id: str) -> tuple[object, Path] | None:
    record = reader.store.record(record_id, reader.visible)
    if record is None or not record.source_file:
        return None
    for mention in reader.store.mentions_of(record_id):
        if mention["entity_id"] == image_id and mention["raw"]:
            path = Path(record.source_file).parent / mention["raw"]
            if path.is_file():
                return record, path
    return None


def _render(path: Path, blurred: bool) -> bytes:
    with Image.open(path) as image:
        image = image.convert("RGB")
        image.thumbnail((THUMBNAIL, THUMBNAIL))
        if blurred:
            small = image.resize((BLUR_SIDE, max(1, BLUR_SIDE * image.height // image.width)))
            image = small.filter(ImageFilter.GaussianBlur(2)).resize(image.size)
        out = io.BytesIO()
        image.save(out, "JPEG", quality=80)
        return out.getvalue()
