"""Perceptual hashes of images (PDQ), to link the same photo reposted across ads.

A trafficker reposts a victim's photo resized, re-encoded, cropped or captioned; a byte hash
changes, a PDQ hash barely does. `hash_image` gives the 256-bit PDQ hash as 64 hex digits
(the reference implementation's order, so hashes compare with other PDQ tools) and PDQ's
quality (0-100: below about 50 the image is too flat for its hash to mean much). `hamming`
counts the bits two hashes differ in: 31 or fewer is PDQ's usual threshold for "same photo".
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pdqhash  # type: ignore[import-untyped]
from PIL import Image, ImageOps

__all__ = ["MATCH_DISTANCE", "ImageHash", "hamming", "hash_image", "hash_image_bytes"]

MATCH_DISTANCE = 31  # PDQ's conventional threshold: at most this many bits apart is a match
# PDQ downsamples to 64x64 whatever it is given; larger images are first scaled to this side
# (as the reference tools do), which saves time and barely moves the hash.
_MAX_SIDE = 512
_HEX_DIGITS = 64


@dataclass(frozen=True, slots=True)
class ImageHash:
    """The PDQ hash of an image, its quality and the image's size in pixels (as shown,
    after any EXIF rotation)."""

    hash: str  # 64 lower-case hex digits
    quality: int  # 0-100
    width: int
    height: int


def hash_image(path: Path) -> ImageHash:
    """The PDQ hash of an image file.

    Raises OSError (PIL's `UnidentifiedImageError` among them) when the file is not an image
    Pillow can read.
    """
    with Image.open(path) as image:
        return _hash(image)


def hash_image_bytes(data: bytes) -> ImageHash:
    """The PDQ hash of an image given as the bytes of its file (JPEG, PNG, WebP, ...)."""
    with Image.open(io.BytesIO(data)) as image:
        return _hash(image)


def hamming(a_hex: str, b_hex: str) -> int:
    """How many of the 256 bits two hashes (64 hex digits each) differ in.

    Raises ValueError when either is not 64 hex digits.
    """
    for value in (a_hex, b_hex):
        if len(value) != _HEX_DIGITS:
            raise ValueError(f"a PDQ hash is {_HEX_DIGITS} hex digits, not {value!r}")
    return (int(a_hex, 16) ^ int(b_hex, 16)).bit_count()


def _hash(image: Image.Image) -> ImageHash:
    """Hash an open image: upright, flattened onto white, RGB, at most `_MAX_SIDE` pixels."""
    image = ImageOps.exif_transpose(image)
    width, height = image.size
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        # Transparent pixels are shown on white by browsers; PIL would make them black.
        rgba = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
    image = image.convert("RGB")
    if max(image.size) > _MAX_SIDE:
        image.thumbnail((_MAX_SIDE, _MAX_SIDE), Image.Resampling.BILINEAR)
    pixels = np.ascontiguousarray(np.asarray(image, dtype=np.uint8))
    bits, quality = pdqhash.compute(pixels)
    # pdqhash gives the bits most significant first, as the reference hex string has them.
    digest = np.packbits(np.asarray(bits, dtype=np.uint8)).tobytes().hex()
    return ImageHash(hash=digest, quality=int(quality), width=width, height=height)
