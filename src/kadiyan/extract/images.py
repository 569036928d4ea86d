"""Perceptual hashes of images (PDQ), to link the same photo reposted across ads.

A trafficker reposts a victim's photo resized, re-encoded, cropped or captioned; a byte hash
changes, a PDQ hash barely does. `hash_image` gives the 256-bit PDQ hash as 64 hex digits
(the reference implementation's order, so hashes compare with other PDQ tools) and PDQ's
quality (0-100: below about 50 the image is too flat for its hash to mean much). `hamming`
counts the bits two hashes differ in: 31 or fewer is PDQ's usual threshold for "same photo".

PDQ bends under crops: on the rendered test pictures a 2% cut from one side already moves
about 18 bits, and a copy cropped by 4% or more is almost never within 31 bits. So a photo
is also hashed cropped, by the 32 windows of `CROPS` (each side cut by up to a tenth):
a cropped repost lands near one of its original's crops. A repost may be cropped one way
and its original stored cropped another, so a query also hashes itself by the 4 windows
of `PROBES` (the first four of `CROPS`, so a stored photo's probes are among its crops),
and two photos match when any of one's hash and probes is within the distance of any of
the other's hash and crops. The windows were picked greedily, on rendered pictures apart
from the benchmark's, for how many copies they bring within 31 bits: copies cropped as the
benchmark crops, at a corner or on one side only, resized, captioned.

A caption written on a dark band across the picture replaces a tenth of it; before its
crops are hashed, such a band is filled from the rows above and below it
(`fill_dark_bands`), which roughly halves its distance from the original.

Crops are cheap: the picture is scaled once to a 256-pixel square, blurred as PDQ blurs,
and each window is sampled from that to PDQ's 64 by 64 and transformed in one batch. For a
256-pixel square picture the whole window hashes exactly as PDQ hashes the cropped picture,
give or take a bit of rounding.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pdqhash  # type: ignore[import-untyped]
from PIL import Image, ImageOps

__all__ = [
    "CROPS",
    "MATCH_DISTANCE",
    "PROBES",
    "ImageHash",
    "crop_hashes",
    "fill_dark_bands",
    "hamming",
    "hash_image",
    "hash_image_bytes",
    "probes_of",
]

MATCH_DISTANCE = 31  # PDQ's conventional threshold: at most this many bits apart is a match
# PDQ downsamples to 64x64 whatever it is given; larger images are first scaled to this side
# (as the reference tools do), which saves time and barely moves the hash.
_MAX_SIDE = 512
_HEX_DIGITS = 64

Window = tuple[float, float, float, float]  # shares cut from the left, top, right, bottom

CROPS: tuple[Window, ...] = (
    # The probes first: a query hashes these four.
    (0.02, 0.02, 0.02, 0.02), (0.00, 0.00, 0.00, 0.02), (0.00, 0.00, 0.04, 0.00),
    (0.00, 0.00, 0.00, 0.00),
    (0.02, 0.00, 0.06, 0.06), (0.02, 0.06, 0.06, 0.02), (0.08, 0.08, 0.02, 0.02),
    (0.06, 0.00, 0.00, 0.04), (0.06, 0.04, 0.02, 0.02), (0.02, 0.10, 0.10, 0.02),
    (0.00, 0.00, 0.08, 0.10), (0.00, 0.02, 0.08, 0.02), (0.10, 0.02, 0.02, 0.02),
    (0.08, 0.00, 0.00, 0.08), (0.04, 0.02, 0.04, 0.06), (0.00, 0.06, 0.00, 0.00),
    (0.00, 0.00, 0.00, 0.08), (0.10, 0.10, 0.02, 0.02), (0.02, 0.06, 0.08, 0.04),
    (0.06, 0.04, 0.04, 0.04), (0.04, 0.10, 0.04, 0.02), (0.00, 0.02, 0.10, 0.04),
    (0.04, 0.02, 0.06, 0.06), (0.06, 0.06, 0.04, 0.02), (0.02, 0.00, 0.10, 0.08),
    (0.08, 0.02, 0.02, 0.08), (0.06, 0.08, 0.04, 0.00), (0.00, 0.02, 0.02, 0.02),
    (0.02, 0.06, 0.08, 0.02), (0.10, 0.00, 0.00, 0.08), (0.00, 0.02, 0.08, 0.04),
    (0.04, 0.02, 0.04, 0.00),
)
PROBES: tuple[Window, ...] = CROPS[:4]

_SIDE = 256  # crops are cut from the picture scaled to this square
# PDQ's blur for a 256-pixel side: a box of 2 pixels, twice along each axis.
_BLUR_PASSES = 2
# A dark band: a run of rows where at least `_DARK_SHARE` of the pixels are darker than
# `_DARK` (a caption's letters cover the rest), `_BAND_MIN_ROWS` rows or more and at most
# `_BAND_MAX_SHARE` of the height (a larger dark area is part of the picture), dark at both
# ends too (a band crosses the whole picture; letters may reach an end, so not all of it).
_DARK = 40.0
_DARK_SHARE = 0.5
_BAND_MIN_ROWS = 3
_BAND_MAX_SHARE = 0.25
_BAND_END = 0.04  # share of the width at each end
_BAND_END_SHARE = 0.3  # of which at least this share must be dark
_BAND_MARGIN = 2  # rows either side of a band that its edge darkens, once scaled


@dataclass(frozen=True, slots=True)
class ImageHash:
    """The PDQ hash of an image, its quality and the image's size in pixels (as shown,
    after any EXIF rotation); `crops` are the hashes of its `CROPS` when asked for."""

    hash: str  # 64 lower-case hex digits
    quality: int  # 0-100
    width: int
    height: int
    crops: tuple[str, ...] = ()


def hash_image(path: Path, crops: bool = False) -> ImageHash:
    """The PDQ hash of an image file, with the hashes of its crops if `crops`.

    Raises OSError (PIL's `UnidentifiedImageError` among them) when the file is not an image
    Pillow can read.
    """
    with Image.open(path) as image:
        return _hash(image, crops)


def hash_image_bytes(data: bytes, crops: bool = False) -> ImageHash:
    """The PDQ hash of an image given as the bytes of its file (JPEG, PNG, WebP, ...)."""
    with Image.open(io.BytesIO(data)) as image:
        return _hash(image, crops)


def crop_hashes(image: Image.Image, probes: bool = False) -> list[str]:
    """The PDQ hashes of an image cropped by each of `CROPS` (of `PROBES` if `probes`).

    Dark caption bands are filled first (see `fill_dark_bands`).
    """
    upright = _prepared(ImageOps.exif_transpose(image))
    return _variants(_square_luma(upright), PROBES if probes else CROPS)


def probes_of(crops: Sequence[str]) -> list[str]:
    """The probes among a photo's crop hashes: `CROPS` begins with `PROBES`."""
    return list(crops[: len(PROBES)])


def hamming(a_hex: str, b_hex: str) -> int:
    """How many of the 256 bits two hashes (64 hex digits each) differ in.

    Raises ValueError when either is not 64 hex digits.
    """
    for value in (a_hex, b_hex):
        if len(value) != _HEX_DIGITS:
            raise ValueError(f"a PDQ hash is {_HEX_DIGITS} hex digits, not {value!r}")
    return (int(a_hex, 16) ^ int(b_hex, 16)).bit_count()


def fill_dark_bands(luma: np.ndarray) -> np.ndarray:
    """A grey image (rows by columns) with dark bands across it filled in.

    A band is a run of rows mostly near black from one side to the other, as a caption's
    background is; its rows (and two either side, darkened by its edge) are replaced by a
    blend of the rows just above and just below, or by the one of them there is at an
    edge. Returns the image itself when there is no band.
    """
    height, width = luma.shape
    dark = luma < _DARK
    end = max(1, round(width * _BAND_END))
    rows = (
        (dark.mean(axis=1) >= _DARK_SHARE)
        & (dark[:, :end].mean(axis=1) >= _BAND_END_SHARE)
        & (dark[:, -end:].mean(axis=1) >= _BAND_END_SHARE)
    )
    if not rows.any():
        return luma
    edges = np.flatnonzero(np.diff(np.concatenate([[0], rows.view(np.int8), [0]])))
    filled = luma.copy()
    for start, stop in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
        if stop - start < _BAND_MIN_ROWS or stop - start > _BAND_MAX_SHARE * height:
            continue
        start, stop = max(0, start - _BAND_MARGIN), min(height, stop + _BAND_MARGIN)
        above = luma[start - 1] if start > 0 else None
        below = luma[stop] if stop < height else None
        if above is None or below is None:
            side = above if below is None else below
            if side is None:
                continue
            filled[start:stop] = side
            continue
        t = (np.arange(start, stop, dtype=np.float32) - (start - 1)) / (stop - start + 1)
        filled[start:stop] = above * (1 - t[:, None]) + below * t[:, None]
    return filled


def _hash(image: Image.Image, crops: bool = False) -> ImageHash:
    """Hash an open image, upright (see `_prepared`)."""
    image = ImageOps.exif_transpose(image)
    width, height = image.size
    image = _prepared(image)
    pixels = np.ascontiguousarray(np.asarray(image, dtype=np.uint8))
    bits, quality = pdqhash.compute(pixels)
    # pdqhash gives the bits most significant first, as the reference hex string has them.
    digest = np.packbits(np.asarray(bits, dtype=np.uint8)).tobytes().hex()
    variants = tuple(_variants(_square_luma(image), CROPS)) if crops else ()
    return ImageHash(digest, int(quality), width, height, variants)


def _rgb(image: Image.Image) -> Image.Image:
    """RGB, with transparent pixels on white as browsers show them (PIL would make them
    black)."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
    return image.convert("RGB")


def _prepared(image: Image.Image) -> Image.Image:
    """An upright image as it is hashed: flattened onto white, RGB, at most `_MAX_SIDE`
    pixels."""
    image = _rgb(image)
    if max(image.size) > _MAX_SIDE:
        image.thumbnail((_MAX_SIDE, _MAX_SIDE), Image.Resampling.BILINEAR)
    return image


def _square_luma(image: Image.Image) -> np.ndarray:
    """An RGB image scaled to `_SIDE` square, as PDQ's luma (float32)."""
    square = image.resize((_SIDE, _SIDE), Image.Resampling.BILINEAR)
    rgb = np.asarray(square, dtype=np.float32)
    return rgb @ np.array([0.299, 0.587, 0.114], dtype=np.float32)


def _variants(luma: np.ndarray, windows: Sequence[Window]) -> list[str]:
    """PDQ hashes of windows of a `_SIDE`-square luma image, as PDQ hashes each window cut
    out: blurred, sampled at 64 by 64 points, the 16 by 16 lowest frequencies of their DCT
    (but the constant one), each bit whether its coefficient is above their median."""
    blurred = _blur(fill_dark_bands(luma))
    grid = np.take(blurred.ravel(), _sample_points(tuple(windows))).astype(np.float64)
    dct = _dct_matrix()
    coefficients = (dct @ grid @ dct.T).reshape(len(windows), 256)
    middle = np.partition(coefficients, (127, 128), axis=1)[:, 127:129]
    median = middle.mean(axis=1, keepdims=True)
    # PDQ numbers bit i*16+j from the end of its hex string: reversed, most significant first.
    bits = (coefficients > median)[:, ::-1]
    packed = np.packbits(bits, axis=1)
    return [row.tobytes().hex() for row in packed]


def _blur(luma: np.ndarray) -> np.ndarray:
    """PDQ's blur at `_SIDE` pixels: a 2-pixel box, pixel and next (the last kept as is)."""
    out = luma.astype(np.float32, copy=True)
    for _ in range(_BLUR_PASSES):
        out[:, :-1] = (out[:, :-1] + out[:, 1:]) * 0.5
        out[:-1, :] = (out[:-1, :] + out[1:, :]) * 0.5
    return out


@cache
def _sample_points(windows: tuple[Window, ...]) -> np.ndarray:
    """For each window, the 64 by 64 pixels of the square that PDQ would sample from the
    window cut out, as indexes into the flattened square."""
    cuts = np.rint(np.asarray(windows, dtype=np.float64) * _SIDE).astype(np.int64)
    left, top, right, bottom = cuts.T
    steps = np.arange(64) + 0.5
    spans_x, spans_y = _SIDE - left - right, _SIDE - top - bottom
    cols = left[:, None] + (steps[None, :] * spans_x[:, None] / 64).astype(np.int64)
    rows = top[:, None] + (steps[None, :] * spans_y[:, None] / 64).astype(np.int64)
    return rows[:, :, None] * _SIDE + cols[:, None, :]


@cache
def _dct_matrix() -> np.ndarray:
    """PDQ's 16 by 64 DCT-II matrix, frequencies 1 to 16."""
    i = np.arange(1, 17)[:, None]
    j = np.arange(64)[None, :]
    return np.sqrt(2 / 64) * np.cos(np.pi / 128 * i * (2 * j + 1))
