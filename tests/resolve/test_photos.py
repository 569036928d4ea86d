"""The photo index: exact Hamming search over PDQ hashes and their crops', checked against
brute force."""

from __future__ import annotations

import io
import itertools
import random

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from kadiyan.extract.images import MATCH_DISTANCE, hamming, hash_image_bytes, probes_of
from kadiyan.resolve.photos import PhotoIndex, near_duplicate_groups, parse_hashes
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
            found = dict(index.query(h, radius=radius))
            assert found == _brute_query(planted, h, radius), (key, radius)


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
    with pytest.raises(ValueError, match="other hashes"):
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


# -- photos with crops --------------------------------------------------------------------

CROPS_EACH = 8
PROBES_EACH = 3


def _flip(bits: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    near = bits.copy()
    near[rng.choice(256, count, replace=False)] ^= 1
    return near


def _with_crops(bases: int, seed: int) -> list[tuple[str, str, list[str]]]:
    """Random photos with crops, and copies of each that come near it through a crop or a
    probe only, at distances around the radius; a few photos have no crops."""
    rng = np.random.default_rng(seed)

    def photo() -> list[np.ndarray]:
        return [rng.integers(0, 2, 256) for _ in range(1 + CROPS_EACH)]

    items = []
    for b in range(bases):
        base = photo()
        items.append((f"b{b}", base))
        d = lambda: int(rng.integers(20, 42))  # noqa: E731
        by_crop = photo()  # its hash near one of the base's crops
        by_crop[0] = _flip(base[1 + int(rng.integers(CROPS_EACH))], d(), rng)
        by_probe = photo()  # one of its probes near the base's hash or a crop
        by_probe[1 + int(rng.integers(PROBES_EACH))] = _flip(
            base[int(rng.integers(1 + CROPS_EACH))], d(), rng)
        crop_to_crop = photo()  # only a crop that is no probe near a crop: never a pair
        crop_to_crop[1 + PROBES_EACH + 1] = _flip(base[1 + PROBES_EACH + 2], 2, rng)
        items += [(f"b{b}/crop", by_crop), (f"b{b}/probe", by_probe), (f"b{b}/none", crop_to_crop)]
        if b % 5 == 0:
            items.append((f"b{b}/bare", [_flip(base[0], d(), rng)]))
    return [(key, _hex(rows[0]), [_hex(r) for r in rows[1:]]) for key, rows in items]


def _brute_photo_pairs(
    items: list[tuple[str, str, list[str]]], radius: int
) -> dict[tuple[str, str], int]:
    """The pair rule by brute force: one's hash or probes against the other's hash or crops."""
    asks = [parse_hashes([h, *c[:PROBES_EACH]]) for _, h, c in items]
    rows = [parse_hashes([h, *c]) for _, h, c in items]
    pairs = {}
    for i, j in itertools.combinations(range(len(items)), 2):
        d = min(
            np.bitwise_count(asks[i][:, None] ^ rows[j][None]).sum(axis=2).min(),
            np.bitwise_count(asks[j][:, None] ^ rows[i][None]).sum(axis=2).min(),
        )
        if d <= radius:
            pairs[(items[i][0], items[j][0])] = int(d)
    return pairs


def _brute_photo_query(
    items: list[tuple[str, str, list[str]]], asked: list[str], radius: int
) -> dict[str, int]:
    asks = parse_hashes(asked)
    found = {}
    for key, h, c in items:
        d = int(np.bitwise_count(asks[:, None] ^ parse_hashes([h, *c])[None]).sum(axis=2).min())
        if d <= radius:
            found[key] = d
    return found


@pytest.fixture(scope="module")
def cropped() -> list[tuple[str, str, list[str]]]:
    return _with_crops(60, seed=13)


@pytest.mark.parametrize("chunks", [None, 16, 12, 11])
def test_pairs_with_crops_equal_brute_force(
    cropped: list[tuple[str, str, list[str]]], chunks: int | None
) -> None:
    index = PhotoIndex(probes=PROBES_EACH, chunks=chunks)
    index.add_many(cropped)

    found = list(index.pairs())
    assert len(found) == len({(a, b) for a, b, _ in found})  # each pair once
    expected = _brute_photo_pairs(cropped, MATCH_DISTANCE)
    assert {(a, b): d for a, b, d in found} == expected
    # The planted copies are there, and a match between two crops alone is none.
    assert {b for a, b in expected if a == "b0"} >= {"b0/crop", "b0/probe"} - {
        k for k, _, _ in cropped if k.startswith("b0/") and _brute_photo_pairs(
            [i for i in cropped if i[0] in ("b0", k)], MATCH_DISTANCE) == {}}
    assert not any(b.endswith("/none") and a == b.split("/")[0] for a, b in expected)


@pytest.mark.parametrize("chunks", [None, 16, 12, 11])
@pytest.mark.parametrize("radius", [12, MATCH_DISTANCE, 45])
def test_queries_with_probes_equal_brute_force(
    cropped: list[tuple[str, str, list[str]]], chunks: int | None, radius: int
) -> None:
    index = PhotoIndex(probes=PROBES_EACH, chunks=chunks)
    index.add_many(cropped)

    for key, h, c in cropped[::7]:
        asked = [h, *c[:PROBES_EACH]]
        found = index.query(h, c[:PROBES_EACH], radius=radius)
        assert dict(found) == _brute_photo_query(cropped, asked, radius), key
        assert [d for _, d in found] == sorted(d for _, d in found)


def test_adding_arrays_gives_what_adding_items_gives(
    cropped: list[tuple[str, str, list[str]]],
) -> None:
    full = [item for item in cropped if len(item[2]) == CROPS_EACH]
    items, arrays = PhotoIndex(probes=PROBES_EACH), PhotoIndex(probes=PROBES_EACH)
    items.add_many(full)
    arrays.add_arrays(
        [k for k, _, _ in full],
        parse_hashes([h for _, h, _ in full]),
        np.stack([parse_hashes(c) for _, _, c in full]),
    )

    assert len(arrays) == len(items) and arrays.rows == items.rows == len(full) * 9
    assert sorted(arrays.pairs()) == sorted(items.pairs())
    with pytest.raises(ValueError, match="new keys"):
        arrays.add_arrays([full[0][0]], parse_hashes([full[0][1]]))


def test_a_photo_added_again_with_other_crops_is_refused() -> None:
    index = PhotoIndex()
    index.add("a", "0" * 64, ["1" * 64, "2" * 64])
    index.add("a", "0" * 64, ["1" * 64, "2" * 64])  # the same: nothing happens
    index.add_many([("b", "f" * 64)])

    assert len(index) == 2 and index.rows == 4
    with pytest.raises(ValueError, match="other hashes"):
        index.add("a", "0" * 64, ["1" * 64, "3" * 64])
    with pytest.raises(ValueError, match="other hashes"):
        index.add("b", "f" * 64, ["1" * 64])
    with pytest.raises(ValueError, match="different hashes"):
        index.add_many([("c", "0" * 64, ["1" * 64]), ("c", "0" * 64)])
    assert len(index) == 2 and index.rows == 4


def test_an_unknown_number_of_chunks_is_refused() -> None:
    with pytest.raises(ValueError, match="chunks"):
        PhotoIndex(chunks=13)


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


def _cropped(image: Image.Image, left: float, top: float, right: float, bottom: float
             ) -> Image.Image:
    w, h = image.size
    box = (round(w * left), round(h * top), w - round(w * right), h - round(h * bottom))
    return image.crop(box)


def _banner(image: Image.Image, text: str, y: int) -> Image.Image:
    """A caption on a black band across the picture, a tenth of its height."""
    image = image.copy()
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=18)
    draw.rectangle((0, y, image.width, y + 24), fill=(0, 0, 0))
    draw.text((12, y + 2), text, fill=(255, 255, 255), font=font)
    return image


# Crops of up to a tenth of the width and of the height. PDQ alone misses all of them; the
# crops join them, though less surely right at a tenth at one corner or one side (the
# benchmark gives recall by how much was cut).
CROPPED = {
    "a tenth, unevenly": (0.06, 0.07, 0.04, 0.03),
    "8% all round": (0.04, 0.04, 0.04, 0.04),
    "8% at the top left": (0.08, 0.08, 0.0, 0.0),
    "8% on the left": (0.08, 0.0, 0.0, 0.0),
}


def _pairs_with(photos: dict[int, Image.Image], copy: object, crops: bool = True
                ) -> set[tuple[str, str]]:
    """The pairs among the photos and one copy of each (`copy(image, n)` gives its bytes)."""
    index = PhotoIndex()
    for n, (seed, image) in enumerate(photos.items()):
        for key, blob in ((str(seed), _jpeg(image, 92)), (f"{seed}/copy", copy(image, n))):  # type: ignore[operator]
            hashed = hash_image_bytes(blob, crops=crops)
            index.add(key, hashed.hash, hashed.crops)
    return {(a, b) for a, b, _ in index.pairs()}


@pytest.mark.parametrize("where", CROPPED)
def test_a_cropped_copy_is_joined_by_the_crops_though_pdq_alone_misses_it(
    where: str, photos: dict[int, Image.Image]
) -> None:
    def cropped(image: Image.Image, _n: int) -> bytes:
        return _jpeg(_cropped(image, *CROPPED[where]), 85)

    assert _pairs_with(photos, cropped) == {(str(s), f"{s}/copy") for s in photos}
    assert _pairs_with(photos, cropped, crops=False) == set()


def test_a_copy_captioned_on_a_dark_band_is_joined_to_its_original_only(
    photos: dict[int, Image.Image],
) -> None:
    def captioned(image: Image.Image, n: int) -> bytes:
        return _jpeg(_banner(image, "call now", 40 + 12 * n), 80)

    assert _pairs_with(photos, captioned) == {(str(s), f"{s}/copy") for s in photos}


def test_a_cropped_copy_asking_finds_its_original_and_no_other_photo(
    photos: dict[int, Image.Image],
) -> None:
    index = PhotoIndex()
    for seed, image in photos.items():
        hashed = hash_image_bytes(_jpeg(image, 92), crops=True)
        index.add(str(seed), hashed.hash, hashed.crops)

    for seed, image in photos.items():
        copy = hash_image_bytes(_jpeg(_cropped(image, *CROPPED["a tenth, unevenly"]), 85),
                                crops=True)
        found = index.query(copy.hash, probes_of(copy.crops))
        assert [key for key, _ in found] == [str(seed)], found
