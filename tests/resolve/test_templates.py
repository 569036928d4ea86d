"""Ad templates: near-duplicates of one template cluster together, ids stay stable."""

from __future__ import annotations

import random

import numpy as np
import pytest
from datasketch import MinHash

from kadiyan.bench.templates import adjusted_rand, pair_scores, purity
from kadiyan.resolve.templates import (
    Signer,
    TemplateIndex,
    TemplateParams,
    ad_shingles,
    cluster_templates,
    describe_template,
)
from kadiyan.scenario.ads import Template, make_template, render
from kadiyan.scenario.phones import draw_mobile, obfuscate

CITIES = [("Pune", "पुणे"), ("Jaipur", "जयपुर"), ("Lucknow", "लखनऊ"), ("Surat", "सूरत")]
AREAS = ["Baner", "Kharadi", "Malviya Nagar", "Gomti Nagar", "Adajan"]
NAMES = ["Tanya", "Pooja", "Riya", "Zoya"]
STYLES = ["plain", "grouped", "spaced", "words_en", "plus91", "letters"]


class _Slots(dict):
    """Slot values of one ad; any number-like slot gets a small random number."""

    def __init__(self, rng: random.Random, phone: str) -> None:
        city, city_hi = rng.choice(CITIES)
        name = rng.choice(NAMES)
        super().__init__(
            city=city, city_hi=city_hi, area=rng.choice(AREAS), area_hi="बानेर", name=name,
            contact=name, boss=name + " didi", handle="", email="",
            phone=obfuscate(phone, rng.choice(STYLES), rng),
        )
        self.rng = rng

    def __missing__(self, key: str) -> str:
        value = self[key] = str(self.rng.randint(2, 99) * 100)
        return value


def _ads(
    template: Template, count: int, seed: int, prefix: str, **noise: float
) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    phones = [draw_mobile(rng) for _ in range(2)]
    return [
        (f"{prefix}-{n:03d}", render(rng, template, _Slots(rng, rng.choice(phones)), **noise)[0])
        for n in range(count)
    ]


def _template(seed: int, language: str = "en") -> Template:
    return make_template(random.Random(seed), language)


EXACT = {"swap_p": 0.0, "drop_p": 0.0, "word_p": 0.0}


def test_phones_and_numbers_are_masked_however_written() -> None:
    plain = ad_shingles("Call Tanya 98765 43210, Rs 3000 only", format_weight=0)
    spelt = ad_shingles(
        "Call Tanya nine 8 seven six 5 four 3 two 1 zero, Rs 5500 only", format_weight=0
    )
    letters = ad_shingles("Call Tanya 98765 4321O, Rs 1500 only", format_weight=0)

    assert plain == spelt == letters
    assert not any(ch.isdigit() for shingle in plain for ch in shingle)


def test_devanagari_and_emoji_are_kept() -> None:
    shingles = ad_shingles("💋 पुणे नई लड़कियाँ 💋 कॉल करें ९८७६५ ४३२१०", format_weight=0)

    assert "नई लड़कियाँ" in shingles
    assert "💋 पुणे" in shingles
    assert "करें {num}" in shingles


def test_signatures_equal_datasketch_minhash() -> None:
    sets = [ad_shingles(t) for t in ("Call girl service Pune", "hotel and home service", "x")]
    signer = Signer(num_perm=64, seed=3)

    ours = signer.sign_many(sets)

    for shingles, row in zip(sets, ours, strict=True):
        reference = MinHash(num_perm=64, seed=3)
        reference.update_batch([s.encode() for s in shingles])
        assert np.array_equal(reference.hashvalues, row)
    assert np.array_equal(signer.sign(sets[1]), ours[1])


def test_ads_of_one_template_land_in_one_template() -> None:
    ads = _ads(_template(11), 40, seed=1, prefix="a", **EXACT)
    index = TemplateIndex()

    joined = {index.add(ad_id, text) for ad_id, text in ads}

    assert joined == {"template:a-000"}
    assert index.members("template:a-000") == [ad_id for ad_id, _ in ads]


def test_most_ads_with_word_swaps_and_dropped_segments_join_their_template() -> None:
    ads = _ads(_template(12), 80, seed=2, prefix="a", swap_p=0.0)

    assigned = cluster_templates(ads, workers=0)

    largest = max(list(assigned.values()).count(t) for t in set(assigned.values()))
    assert largest >= 0.8 * len(ads)


@pytest.mark.parametrize("language", ["en", "hinglish", "hi"])
def test_two_templates_stay_apart(language: str) -> None:
    first, second = _template(21, language), _template(22, language)
    assert first.segments != second.segments
    ads = _ads(first, 30, seed=3, prefix="a") + _ads(second, 30, seed=4, prefix="b")

    assigned = cluster_templates(ads, workers=0)

    for template in set(assigned.values()):
        prefixes = {ad_id[0] for ad_id, t in assigned.items() if t == template}
        assert len(prefixes) == 1, template


def test_batch_equals_adding_one_by_one() -> None:
    ads = [
        ad
        for n, language in enumerate(["en", "en", "hinglish", "hi", "en"])
        for ad in _ads(_template(30 + n, language), 25, seed=n, prefix=f"{n}")
    ]
    random.Random(5).shuffle(ads)
    index = TemplateIndex()
    one_by_one = {ad_id: index.add(ad_id, text) for ad_id, text in ads}
    final = {ad_id: index.template_of(ad_id) for ad_id, _ in ads}

    assert cluster_templates(ads, workers=0, chunk=7) == final
    assert cluster_templates(ads, workers=1, chunk=16) == final
    # What `add` returned was right when it was said; merges since are recorded.
    renamed = {(m.absorbed, m.kept) for m in index.merges}
    for ad_id, said in one_by_one.items():
        assert said == final[ad_id] or index.resolve(said) == final[ad_id]
        assert said == final[ad_id] or any(a == said for a, _ in renamed)


def _signatures() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two signatures sharing 80 of 128 values, and one sharing 104 with each."""
    a = np.arange(1, 129, dtype=np.uint32)
    b = a.copy()
    b[80:] += 1000
    bridge = a.copy()
    bridge[104:] = b[104:]
    return a, b, bridge


def test_a_bridging_ad_merges_templates_into_the_older() -> None:
    index = TemplateIndex(TemplateParams(threshold=0.7, merge_threshold=0.8))
    a, b, bridge = _signatures()

    assert index.add_signature("ad-a", a) == "template:ad-a"
    assert index.add_signature("ad-b", b) == "template:ad-b"
    assert index.add_signature("ad-c", bridge) == "template:ad-a"

    assert [(m.kept, m.absorbed, m.by_ad) for m in index.merges] == [
        ("template:ad-a", "template:ad-b", "ad-c")
    ]
    assert index.resolve("template:ad-b") == "template:ad-a"
    assert index.template_of("ad-b") == "template:ad-a"
    assert sorted(index.members("template:ad-b")) == ["ad-a", "ad-b", "ad-c"]
    assert [t for t, _ in index.templates()] == ["template:ad-a"]


def test_an_ad_near_two_templates_but_close_to_one_joins_it_without_a_merge() -> None:
    index = TemplateIndex(TemplateParams(threshold=0.7, merge_threshold=0.9))
    a, b, bridge = _signatures()
    bridge[100:104] = b[100:104]  # 100/128 with a, 108/128 with b

    index.add_signature("ad-a", a)
    index.add_signature("ad-b", b)

    assert index.add_signature("ad-c", bridge) == "template:ad-b"
    assert index.merges == []
    assert [t for t, _ in index.templates()] == ["template:ad-a", "template:ad-b"]


def test_an_ad_id_is_indexed_once() -> None:
    index = TemplateIndex()
    index.add("ad-1", "Call girl service Pune Baner, call 98765 43210")

    with pytest.raises(ValueError, match="already indexed"):
        index.add("ad-1", "anything")


def test_describe_template_shows_slots_and_their_values() -> None:
    rng = random.Random(7)
    phones = [draw_mobile(rng) for _ in range(2)]
    texts = [
        f"💋 New girls in {city}, {area}. Rate Rs {rng.choice([2000, 3000, 5000])} per hour. "
        f"Call {name} {obfuscate(rng.choice(phones), 'grouped', rng)}"
        for city, area, name in zip(
            ["Pune", "Jaipur", "Lucknow", "Pune", "Surat", "Jaipur"],
            ["Baner", "Malviya Nagar", "Hazratganj", "Kharadi", "Adajan", "Vaishali Nagar"],
            ["Tanya", "Pooja", "Riya", "Zoya", "Tanya", "Riya"],
            strict=True,
        )
    ]

    summary = describe_template(texts)

    assert summary.members == 6
    assert summary.central in texts
    assert summary.text.startswith("💋 New girls in {city}")
    assert "Rate Rs {price} per hour" in summary.text
    assert summary.text.endswith("Call {name} {phone}")
    assert set(summary.values["phone"]) == {"+91" + p for p in phones}
    assert {"Pune", "Jaipur", "Lucknow", "Surat"} <= set(summary.values["city"])
    assert set(summary.values["name"]) == {"Tanya", "Pooja", "Riya", "Zoya"}
    assert set(summary.values["price"]) <= {"2000", "3000", "5000"}


def test_adjusted_rand_on_a_hand_example() -> None:
    truth = np.array([0, 0, 0, 1, 1, 1])
    predicted = np.array([0, 0, 1, 1, 2, 2])

    # Pairs together in both: 2; in predicted: 3; in truth: 6; of 15. Expected 3 * 6 / 15.
    assert adjusted_rand(predicted, truth) == pytest.approx((2 - 1.2) / (4.5 - 1.2))
    assert adjusted_rand(truth, truth) == 1.0
    assert adjusted_rand(np.array([5, 5, 7, 7, 9, 9]), np.array([1, 1, 2, 2, 3, 3])) == 1.0
    scores = pair_scores(predicted, truth)
    assert scores["pair_precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert scores["pair_recall"] == pytest.approx(2 / 6, abs=1e-4)


def test_purity_counts_templates_that_mix_operations() -> None:
    operation = np.array([0, 0, 0, 1, 1, -1, -1])
    predicted = np.array([7, 7, 8, 8, 8, 9, 8])

    result = purity(predicted, operation)

    assert result["templates_with_operation_ads"] == 2
    assert result["templates_mixing_operations"] == 1
    assert result["minority_operation_ads"] == 1
    assert result["operation_purity"] == pytest.approx(4 / 5)
    assert result["operation_ads_in_mixed_templates"] == pytest.approx(3 / 5)
    assert result["templates_mixing_operation_and_others"] == 1
