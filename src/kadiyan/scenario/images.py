"""Ad photos: abstract base pictures and the perturbed copies operations repost.

Every operation owns a few base photos. Its ads carry copies of them: resized, re-encoded at
another JPEG quality, cropped by up to a tenth, some with a text overlay. A copy is kept only
when its PDQ hash stays within a small Hamming distance of every other copy of the same base,
so "same photo" is true in the perceptual sense the pipeline can test, not only in the
truth file. Noise ads get photos of their own.
"""

from __future__ import annotations

import io
import os
import random
from dataclasses import dataclass
from functools import cache

import numpy as np
import pdqhash  # type: ignore[import-untyped]
from PIL import Image, ImageDraw, ImageFont

SIDE = 256
# Copies of one base must hash within this distance of each other: the conventional PDQ
# match threshold is 31, and a copy is checked against every copy kept before it.
MAX_COPY_DISTANCE = 30
OVERLAYS = ("new", "NEW", "call now", "hot", "VIP", "24x7")


@dataclass(frozen=True, slots=True)
class PhotoFamily:
    """One base photo and the files that are copies of it (the first is the original)."""

    base_id: str
    paths: tuple[str, ...]  # relative to the output directory
    seed: int
    overlay: str  # text some copies carry (the operation's phone, or "")


def base_photo(seed: int) -> Image.Image:
    """An abstract picture: a gradient, a crowd of shapes and a little grain."""
    r = random.Random(seed)
    gen = np.random.default_rng(seed)
    # Drawn at half size and scaled up: cheaper, and the softened edges keep PDQ stable.
    half = SIDE // 2
    c1 = np.array([r.randrange(256) for _ in range(3)], dtype=np.float32)
    c2 = np.array([r.randrange(256) for _ in range(3)], dtype=np.float32)
    angle = r.random() * 2 * np.pi
    axis = np.linspace(0.0, 1.0, 16, dtype=np.float32)
    t = np.cos(angle) * axis[None, :] + np.sin(angle) * axis[:, None]
    t = (t - t.min()) / max(float(t.max() - t.min()), 1e-6)
    gradient = (c1 * (1 - t[..., None]) + c2 * t[..., None]).astype(np.uint8)
    img = Image.fromarray(gradient).resize((half, half), Image.Resampling.BILINEAR)
    draw = ImageDraw.Draw(img)
    # Many mid-sized shapes give PDQ strong, stable low-frequency structure.
    for _ in range(r.randint(18, 36)):
        x0, y0 = r.randrange(-20, half), r.randrange(-20, half)
        x1, y1 = x0 + r.randrange(12, 70), y0 + r.randrange(12, 70)
        colour = (r.randrange(256), r.randrange(256), r.randrange(256))
        shape = r.randrange(3)
        if shape == 0:
            draw.ellipse((x0, y0, x1, y1), fill=colour)
        elif shape == 1:
            draw.rectangle((x0, y0, x1, y1), fill=colour)
        else:
            draw.polygon([(r.randrange(half), r.randrange(half)) for _ in range(3)], fill=colour)
    pixels = np.asarray(img.resize((SIDE, SIDE), Image.Resampling.BILINEAR), dtype=np.int16)
    grain = gen.integers(-10, 10, size=(SIDE, SIDE, 3), dtype=np.int16)
    return Image.fromarray(np.clip(pixels + grain, 0, 255).astype(np.uint8))


@cache
def _font() -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    return ImageFont.load_default()


def encode(img: Image.Image, quality: int) -> bytes:
    """JPEG bytes of an image."""
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def pdq_bits(data: bytes) -> np.ndarray:
    """The 256 PDQ hash bits of JPEG bytes, as the pipeline would compute them."""
    pixels = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
    bits, _quality = pdqhash.compute(pixels)
    return bits.astype(bool)


def perturb(img: Image.Image, rng: random.Random, severity: float, overlay: str) -> bytes:
    """A reposted copy: cropped, resized, maybe captioned, re-encoded."""
    w, h = img.size
    # Up to a tenth cropped away, mostly much less (as reposts usually are).
    crop = 0.10 * severity * rng.random() ** 2
    cw, ch = int(w * crop * rng.random()), int(h * crop * rng.random())
    left, top = rng.randint(0, cw), rng.randint(0, ch)
    img = img.crop((left, top, w - (cw - left), h - (ch - top)))
    scale = 1.0 + (rng.random() * 0.4 - 0.2) * severity
    img = img.resize(
        (max(64, int(img.width * scale)), max(64, int(img.height * scale))),
        Image.Resampling.BILINEAR,
    )
    if overlay and rng.random() < 0.6:
        draw = ImageDraw.Draw(img)
        draw.text(
            (rng.randint(4, 30), rng.randint(4, max(5, img.height - 18))),
            overlay,
            fill=(255, 255, 255),
            font=_font(),
        )
    return encode(img, rng.randint(55, 92))


def render_family(family: PhotoFamily, out: str) -> int:
    """Write every file of one photo family; returns how many were written."""
    base = base_photo(family.seed)
    rng = random.Random(family.seed * 7 + 1)
    original = encode(base, 88)
    kept = [pdq_bits(original)]
    blobs = [original]
    for _ in family.paths[1:]:
        blobs.append(_close_copy(base, rng, family.overlay, kept))
    for rel, blob in zip(family.paths, blobs, strict=True):
        with open(os.path.join(out, rel), "wb") as fh:
            fh.write(blob)
    return len(blobs)


def _close_copy(
    base: Image.Image, rng: random.Random, overlay: str, kept: list[np.ndarray]
) -> bytes:
    """A perturbed copy whose hash is near all kept ones; milder on each retry."""
    severity = 1.0
    for _ in range(6):
        blob = perturb(base, rng, severity, overlay)
        bits = pdq_bits(blob)
        if all(int(np.count_nonzero(bits != k)) <= MAX_COPY_DISTANCE for k in kept):
            kept.append(bits)
            return blob
        severity *= 0.5
    # Last resort: the original re-encoded, which hashes the same as the original.
    return encode(base, rng.randint(80, 95))


def render_single(path: str, seed: int, out: str) -> None:
    """Write a noise ad's own photo."""
    with open(os.path.join(out, path), "wb") as fh:
        fh.write(encode(base_photo(seed), random.Random(seed).randint(60, 92)))


def photo_seed(world_seed: int, base_id: str) -> int:
    """A stable integer seed for one base photo."""
    return random.Random(f"kadiyan:{world_seed}:photo:{base_id}").getrandbits(48)


def render_families(families: list[PhotoFamily], out: str) -> list[str]:
    """Render a batch of photo families; the paths written."""
    written: list[str] = []
    for f in families:
        render_family(f, out)
        written.extend(f.paths)
    return written


@dataclass(slots=True)
class NoiseQuota:
    """Photo files a part of the noise ads may create, numbered from `first_file`."""

    first_file: int  # number of the first file this quota may use
    first_base: int
    count: int
    seed: int
    used: int = 0

    def take(self) -> tuple[str, str, int] | None:
        """The next (path, base photo id, seed), or None when the quota is used up."""
        if self.used >= self.count:
            return None
        number, base = self.first_file + self.used, self.first_base + self.used
        self.used += 1
        base_id = f"B{base:06d}"
        return f"images/img-{number:06d}.jpg", base_id, photo_seed(self.seed, base_id)


@dataclass(slots=True)
class PhotoPlan:
    """Which image files exist and which base photo each copies."""

    families: list[PhotoFamily]
    by_operation: dict[str, list[tuple[str, str]]]  # op id -> [(path, base id)]
    noise_budget: int  # files left for noise ads
    next_file: int  # number of the first file not used by operations
    next_base: int  # number of the first base photo not owned by operations


def plan_photos(operations: list, budget: int, seed: int) -> PhotoPlan:
    """Spread about nine tenths of the file budget over operations' base photos.

    The rest is for noise ads' own photos. Every base gets at least two files (the original
    and a copy) and at most six.
    """
    rng = random.Random(f"kadiyan:{seed}:photo-plan")
    bases = [(op, b) for op in operations for b in op.base_photos]
    mean = max(2.0, min(6.0, 0.9 * budget / max(1, len(bases))))
    families: list[PhotoFamily] = []
    by_op: dict[str, list[tuple[str, str]]] = {op.id: [] for op in operations}
    n = 0
    for op, base_id in bases:
        k = max(2, min(6, round(rng.gauss(mean, 1.0))))
        paths = tuple(f"images/img-{n + i + 1:06d}.jpg" for i in range(k))
        n += k
        overlay = (
            " ".join((op.phones[0][:5], op.phones[0][5:]))
            if rng.random() < 0.5
            else rng.choice(OVERLAYS)
        )
        families.append(PhotoFamily(base_id, paths, photo_seed(seed, base_id), overlay))
        by_op[op.id].extend((p, base_id) for p in paths)
    last_base = max((int(b[1:]) for _, b in bases), default=0)
    return PhotoPlan(families, by_op, max(0, budget - n), n + 1, last_base + 1)
