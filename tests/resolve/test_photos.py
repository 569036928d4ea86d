"""The photo index: exact Hamming search over PDQ hashes, checked against brute force."""

from __future__ import annotations

import io
import itertools
import random

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from kadiyan.extract.images import MATCH_DISTANCE, hamming, hash_image_bytes
from kadiyan.resolve.photos import PhotoIndex, near_duplicate_groups
from kadiyan.scenario.images import base_photo

PLANTED = range(0, 41)  # distances of the planted neighbours from their base


def _hex(bits: np.ndarray) -> str:
    return np.packbits(bits.astype(np.uint8)).tobytes().hex()


def _planted(bases: int, seed: int) -> list[tuple[str, str]]:
    """Random hashes, each with neighbours at every distance in PLANTED (random bits flipped)."""
    rng = np.random.default_rng(seed)
    items = []
    for b in range(bases):
        bits = rng.integers(0, 2, 256)
        items.append((f"b{b}", _hex(bits)))
        for d in PLANTED:
            near = bits.copy()
            near[rng.choice(256, d, replace=False)] ^= 1
            items.append((f"b{b}/{d}", _hex(near)))
    return items


def _brute_query(items: list[tuple[str, str]], hash_hex: str, radius: int) -> dict[str, int]:
    found = {key: hamming(hash_hex, h) for key, h in items}
    return {key: d for key, d in found.items() if d <= radius}


def _brute_pairs(items: list[tuple[str, str]], radius: int) -> dict[tuple[str, str], int]:
    pairs = {}
    for (a, ha), (b, hb) in itertools.combinations(items, 2):
        d = hamming(ha, hb)
        if d <= radius:
            pairs[(a, b)] = d
    return pairs


@pytest.fixture(scope="module")
def planted() -> list[tuple[str, str]]:
    # 6,150 hashes: more than the unindexed tail may hold, so the bucket tables are used.
    return _planted(150, seed=7)


def test_query_finds_every_planted_neighbour_within_the_radius_and_none_beyond(
    planted: list[tuple[str, str]],
) -> None:
    index = PhotoIndex()
    index.add_many(planted)

    for b in range(150):
        found = dict(index.query(planted[b * len(PLANTED) + b][1]))
        mine = {int(k.split("/")[1]) for k in found if k.startswith(f"b{b}/")}
        assert mine == {d for d in PLANTED if d <= MATCH_DISTANCE}
        assert found == _brute_query(planted, planted[b * len(PLANTED) + b][1], MATCH_DISTANCE)


def test_query_matches_brute_force_at_other_radii(planted: list[tuple[str, str]]) -> None:
    index = PhotoIndex()
    index.add_many(planted)

    for radius in (0, 7, 15, 16, 40, 70):
        for key, h in planted[::97]:
            assert dict(index.query(h, radius)) == _brute_query(planted, h, radius), (key, radius)


def test_one_add_at_a_time_gives_the_same_answers_as_a_bulk_add(
    planted: list[tuple[str, str]],
) -> None:
    bulk, single = PhotoIndex(), PhotoIndex()
    bulk.add_many(planted)
    for key, h in planted:
        single.add(key, h)

    assert len(single) == len(bulk) == len(planted)
    for _key, h in planted[::41]:
        assert single.query(h) == bulk.query(h)


def test_results_come_nearest_first_with_exact_duplicates() -> None:
    rng = np.random.default_rng(1)
    bits = rng.integers(0, 2, 256)
    far, near = bits.copy(), bits.copy()
    far[:20] ^= 1
    near[:3] ^= 1
    index = PhotoIndex()
    index.add_many([("far", _hex(far)), ("near", _hex(near)), ("same", _hex(bits))])
    index.add("copy", _hex(bits))

    assert index.query(_hex(bits)) == [("same", 0), ("copy", 0), ("near", 3), ("far", 20)]
    assert index.query(_hex(bits), radius=5) == [("same", 0), ("copy", 0), ("near", 3)]


def test_pairs_equal_brute_force(planted: list[tuple[str, str]]) -> None:
    items = planted[: 41 * 60]
    index = PhotoIndex()
    index.add_many(items)

    found = list(index.pairs())
    assert len(found) == len({(a, b) for a, b, _ in found})  # each pair once
    assert {(a, b): d for a, b, d in found} == _brute_pairs(items, MATCH_DISTANCE)


def test_pairs_at_a_wide_radius_equal_brute_force() -> None:
    items = _planted(8, seed=3)  # small: the wide radius makes most pairs of a family near
    index = PhotoIndex(radius=70)
    index.add_many(items)

    assert {(a, b): d for a, b, d in index.pairs()} == _brute_pairs(items, 70)
    assert {(a, b): d for a, b, d in index.pairs(12)} == _brute_pairs(items, 12)


def test_a_key_is_stored_once() -> None:
    index = PhotoIndex()
    index.add("a", "0" * 64)
    index.add("a", "0" * 64)
    index.add_many([("b", "f" * 64), ("b", "F" * 64)])

    assert len(index) == 2
    with pytest.raises(ValueError, match="another hash"):
        index.add("a", "1" * 64)
    with pytest.raises(ValueError, match="different hashes"):
        index.add_many([("c", "0" * 64), ("c", "1" * 64)])
    assert len(index) == 2


@pytest.mark.parametrize("bad", ["0" * 63, "g" * 64, " " + "0" * 63, "00 " + "0" * 61])
def test_a_malformed_hash_is_refused_and_nothing_is_added(bad: str) -> None:
    index = PhotoIndex()
    with pytest.raises(ValueError, match="64 hex digits"):
        index.add_many([("ok", "0" * 64), ("bad", bad)])
    assert len(index) == 0


def test_a_radius_outside_the_hash_is_refused() -> None:
    with pytest.raises(ValueError, match="radius"):
        PhotoIndex(radius=257)
    with pytest.raises(ValueError, match="radius"):
        PhotoIndex().query("0" * 64, radius=-1)


def test_near_duplicate_groups_chain_pairs_into_components() -> None:
    rng = np.random.default_rng(5)
    a, b = rng.integers(0, 2, 256), rng.integers(0, 2, 256)
    a1, a2 = a.copy(), a.copy()
    a1[:25] ^= 1
    a2[:50] ^= 1  # 50 from a, 25 from a1: in a's group only through a1
    items = [("a", _hex(a)), ("b", _hex(b)), ("a2", _hex(a2)), ("a1", _hex(a1))]

    assert near_duplicate_groups(items) == [["a", "a2", "a1"]]
    assert near_duplicate_groups(items, radius=10) == []


# -- real photos --------------------------------------------------------------------------


def _jpeg(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def _overlay(image: Image.Image) -> Image.Image:
    image = image.copy()
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=22)
    draw.text((10, image.height - 40), "+91 98111 22334", fill=(255, 255, 0), font=font)
    return image


def _crop(image: Image.Image, share: float) -> Image.Image:
    dx, dy = int(image.width * share), int(image.height * share)
    return image.crop((dx // 2, dy // 2, image.width - (dx - dx // 2), image.height - dy + dy // 2))


# PDQ itself tolerates little cropping: on these pictures a 2% crop already moves a tenth of
# the copies beyond 31 bits, and 8% moves all of them (46 to 88 bits), so the crops here are
# the ones PDQ survives; the benchmark measures recall by crop size.
PERTURBATIONS = {
    "resize 60%": lambda im: _jpeg(im.resize((154, 154), Image.Resampling.BILINEAR), 90),
    "resize 140%": lambda im: _jpeg(im.resize((358, 358), Image.Resampling.BICUBIC), 90),
    "jpeg q50": lambda im: _jpeg(im, 50),
    "crop 1%": lambda im: _jpeg(_crop(im, 0.01), 90),
    "text overlay": lambda im: _jpeg(_overlay(im), 90),
    "all at once": lambda im: _jpeg(_overlay(_crop(im, 0.01)).resize((200, 200)), 50),
}


@pytest.fixture(scope="module")
def photos() -> dict[int, Image.Image]:
    seeds = random.Random(11).sample(range(10**6), 12)
    return {seed: base_photo(seed) for seed in seeds}


@pytest.mark.parametrize("kind", PERTURBATIONS)
def test_a_perturbed_copy_finds_its_original_and_no_other_photo(
    kind: str, photos: dict[int, Image.Image]
) -> None:
    index = PhotoIndex()
    index.add_many((str(seed), hash_image_bytes(_jpeg(im, 92)).hash) for seed, im in photos.items())

    for seed, image in photos.items():
        copy = hash_image_bytes(PERTURBATIONS[kind](image)).hash
        found = index.query(copy)
        assert [key for key, _ in found] == [str(seed)], (kind, found)
