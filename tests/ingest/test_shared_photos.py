"""Photo hashes that one worker works out are found by the others of the same run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from kadiyan.extract import fields
from kadiyan.extract.images import ImageHash
from kadiyan.ingest.shared_photos import SharedHashes


@pytest.fixture
def shelf(tmp_path: Path) -> Iterator[SharedHashes]:
    shelf = SharedHashes(tmp_path / "hashes.sqlite")
    fields.share_photo_hashes(shelf)
    fields._cached_hash.cache_clear()
    yield shelf
    fields.share_photo_hashes(None)
    fields._cached_hash.cache_clear()


def test_a_hash_left_on_the_shelf_is_found_by_another_reader(tmp_path: Path) -> None:
    image = ImageHash("ab" * 32, 90, 640, 480, ("cd" * 32, "ef" * 32))
    SharedHashes(tmp_path / "h.sqlite").put("a.jpg\0001\0002", image)

    assert SharedHashes(tmp_path / "h.sqlite").get("a.jpg\0001\0002") == image
    assert SharedHashes(tmp_path / "h.sqlite").get("b.jpg\0001\0002") is None


def test_a_photo_on_the_shelf_is_not_hashed_again(shelf: SharedHashes, tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    Image.new("RGB", (64, 64), "teal").save(path)
    stat = path.stat()
    planted = ImageHash("00" * 32, 50, 1, 1)
    shelf.put(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}", planted)

    assert fields.image_hash(path) == planted


def test_a_photo_hashed_here_is_left_for_the_others(shelf: SharedHashes, tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    Image.new("RGB", (64, 64), "navy").save(path)
    stat = path.stat()

    image = fields.image_hash(path)

    assert image is not None and len(image.crops) > 0
    assert shelf.get(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}") == image
