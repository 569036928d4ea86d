"""Perceptual hashes: a reposted photo stays near its original, another photo does not."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from kadiyan.extract.images import MATCH_DISTANCE, ImageHash, hamming, hash_image, hash_image_bytes


def photo(seed: int, size: int = 256) -> Image.Image:
    """A stand-in photo: a colour gradient with a few large discs, like a room and people."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:size, 0:size] / size
    angle = rng.random() * 2 * np.pi
    t = (np.cos(angle) * xx + np.sin(angle) * yy)[..., None]
    low, high = rng.integers(0, 255, 3), rng.integers(0, 255, 3)
    image = Image.fromarray(np.clip(low * (1 - t) + high * t, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        x, y = (int(v) for v in rng.integers(0, size, 2))
        r = int(rng.integers(size // 8, size // 3))
        colour = tuple(int(v) for v in rng.integers(0, 255, 3))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    return image


def encoded(image: Image.Image, form: str = "PNG", **options: int) -> bytes:
    """The bytes of an image file."""
    buffer = io.BytesIO()
    image.save(buffer, form, **options)
    return buffer.getvalue()


def crop(image: Image.Image, fraction: float) -> Image.Image:
    """The image with `fraction` of its width and height cut away, half on each side."""
    w, h = image.size
    dx, dy = int(w * fraction / 2), int(h * fraction / 2)
    return image.crop((dx, dy, w - dx, h - dy))


@pytest.fixture
def original() -> Image.Image:
    return photo(seed=11)


def test_a_hash_of_a_file(tmp_path: Path, original: Image.Image) -> None:
    path = tmp_path / "ad.jpg"
    original.save(path, "JPEG", quality=90)

    result = hash_image(path)

    assert isinstance(result, ImageHash)
    assert len(result.hash) == 64 and int(result.hash, 16) >= 0
    assert result.hash == result.hash.lower()
    assert (result.width, result.height) == (256, 256)
    assert 50 <= result.quality <= 100
    assert hash_image(path) == result  # the same file, the same hash


def test_reposted_copies_stay_near(original: Image.Image) -> None:
    base = hash_image_bytes(encoded(original)).hash

    resized = hash_image_bytes(encoded(original.resize((180, 180)))).hash
    recompressed = hash_image_bytes(encoded(original, "JPEG", quality=50)).hash
    cropped = hash_image_bytes(encoded(crop(original, 0.05))).hash

    assert hamming(base, resized) <= 16
    assert hamming(base, recompressed) <= 16
    # PDQ bends more under a crop: 5% stays well short of an unrelated photo's distance,
    # though it may pass the usual match threshold.
    assert hamming(base, cropped) <= 2 * MATCH_DISTANCE


def test_other_photos_are_far(original: Image.Image) -> None:
    base = hash_image_bytes(encoded(original)).hash

    for seed in (12, 13, 14):
        assert hamming(base, hash_image_bytes(encoded(photo(seed))).hash) > 3 * MATCH_DISTANCE


def test_a_transparent_png_is_hashed_on_white(original: Image.Image) -> None:
    rgba = original.convert("RGBA")
    rgba.putalpha(255)

    assert hamming(hash_image_bytes(encoded(rgba)).hash,
                   hash_image_bytes(encoded(original)).hash) <= 4


def test_a_large_photo_is_hashed_like_its_smaller_copy(original: Image.Image) -> None:
    large = original.resize((2048, 2048), Image.Resampling.BICUBIC)

    result = hash_image_bytes(encoded(large, "JPEG", quality=85))

    assert (result.width, result.height) == (2048, 2048)
    assert hamming(result.hash, hash_image_bytes(encoded(original)).hash) <= 16


def test_a_flat_image_has_low_quality() -> None:
    assert hash_image_bytes(encoded(Image.new("RGB", (64, 64), "gray"))).quality < 50


def test_hamming() -> None:
    zero, ones = "0" * 64, "f" * 64

    assert hamming(zero, zero) == 0
    assert hamming(zero, ones) == 256
    assert hamming("8" + "0" * 63, zero) == 1
    with pytest.raises(ValueError):
        hamming("abc", zero)


def test_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "note.jpg"
    path.write_text("not a picture")

    with pytest.raises(OSError):
        hash_image(path)
