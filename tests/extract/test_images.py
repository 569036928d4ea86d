"""Perceptual hashes: a reposted photo stays near its original, another photo does not."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from kadiyan.extract.images import (
    CROPS,
    MATCH_DISTANCE,
    PROBES,
    ImageHash,
    crop_hashes,
    fill_dark_bands,
    hamming,
    hash_image,
    hash_image_bytes,
    probes_of,
)
from kadiyan.scenario.images import base_photo


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


# -- crops --------------------------------------------------------------------------------


def test_crops_are_hashed_when_asked_for_and_begin_with_the_probes(original: Image.Image) -> None:
    blob = encoded(original)

    plain, with_crops = hash_image_bytes(blob), hash_image_bytes(blob, crops=True)

    assert plain.crops == () and plain.hash == with_crops.hash
    assert len(with_crops.crops) == len(CROPS) == 32
    assert all(len(h) == 64 and h == h.lower() and int(h, 16) >= 0 for h in with_crops.crops)
    assert len(set(with_crops.crops)) > 20  # different windows, different hashes
    with Image.open(io.BytesIO(blob)) as image:
        assert crop_hashes(image) == list(with_crops.crops)
        assert crop_hashes(image, probes=True) == probes_of(with_crops.crops)
    assert len(probes_of(with_crops.crops)) == len(PROBES) == 4


def test_a_large_image_is_cropped_as_its_hash_is_taken(original: Image.Image) -> None:
    blob = encoded(original.resize((900, 700)), "JPEG", quality=90)

    with Image.open(io.BytesIO(blob)) as image:
        assert crop_hashes(image) == list(hash_image_bytes(blob, crops=True).crops)


def test_the_uncropped_window_hashes_as_pdq_does(original: Image.Image) -> None:
    # For a 256-pixel square the crops are cut from the picture itself: the whole window is
    # PDQ's own hash, but for rounding.
    result = hash_image_bytes(encoded(base_photo(5)), crops=True)

    assert hamming(result.crops[CROPS.index((0.0, 0.0, 0.0, 0.0))], result.hash) <= 2


def test_a_cropped_copy_or_its_probes_are_near_a_crop_of_the_original() -> None:
    picture = base_photo(8)
    w, h = picture.size
    # A tenth of the width and of the height cut away, more of it at the top left.
    box = (round(w * 0.06), round(h * 0.07), w - round(w * 0.04), h - round(h * 0.03))
    copy = picture.crop(box)

    original = hash_image_bytes(encoded(picture), crops=True)
    cropped = hash_image_bytes(encoded(copy), crops=True)

    assert hamming(original.hash, cropped.hash) > MATCH_DISTANCE  # PDQ alone: too far
    asked = [cropped.hash, *probes_of(cropped.crops)]
    assert min(hamming(a, c) for a in asked for c in original.crops) <= MATCH_DISTANCE


def _banner(image: Image.Image, y: int) -> Image.Image:
    image = image.copy()
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, y, image.width, y + 30), fill=(0, 0, 0))
    draw.text((8, y + 3), "+91 98111 22334", fill=(255, 255, 255),
              font=ImageFont.load_default(size=22))
    return image


def test_a_dark_band_is_filled_from_the_rows_either_side() -> None:
    picture = np.asarray(base_photo(9).convert("L"), dtype=np.float32)
    banner = np.asarray(_banner(base_photo(9), 120).convert("L"), dtype=np.float32)

    filled = fill_dark_bands(banner)

    band = slice(120, 151)
    assert banner[band].mean() < 60 and filled[band].mean() > 60
    error = np.abs(filled[band] - picture[band]).mean()
    assert error < np.abs(banner[band] - picture[band]).mean() / 2
    assert np.array_equal(filled[:110], banner[:110]) and np.array_equal(filled[160:], banner[160:])


def test_a_picture_without_a_band_is_left_alone() -> None:
    picture = np.asarray(base_photo(9).convert("L"), dtype=np.float32)
    dark_block = picture.copy()
    dark_block[100:140, :100] = 0  # dark, but not across the picture

    assert fill_dark_bands(picture) is picture
    assert np.array_equal(fill_dark_bands(dark_block), dark_block)


def test_the_crops_of_a_captioned_copy_come_nearer_its_original_than_its_hash() -> None:
    picture = base_photo(10)
    original = hash_image_bytes(encoded(picture))
    captioned = hash_image_bytes(encoded(_banner(picture, 90), "JPEG", quality=85), crops=True)

    whole = captioned.crops[CROPS.index((0.0, 0.0, 0.0, 0.0))]
    assert hamming(whole, original.hash) <= MATCH_DISTANCE
    assert hamming(whole, original.hash) < hamming(captioned.hash, original.hash)
