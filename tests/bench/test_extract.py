"""`kadiyan bench extract`'s speed: ours beside the matcher's, round by round, with recalls."""

from __future__ import annotations

from kadiyan.bench.extract import speed

ADS = [
    "Call 98 double 7 six five 4 three 2 1 for rooms, new girls daily",
    "Contact +91 98111 00000 for a hotel booking in Pune",
    "whatsapp nine eight one one one zero zero zero zero one, fresh stock",
    "No number here, only a price: Rs 2500 per night",
]
GOLD = [{"+919877654321"}, {"+919811100000"}, {"+919811100001"}, set()]


def test_speed_times_both_sides_and_says_what_each_found() -> None:
    result = speed(ADS, GOLD, rounds=3)

    assert result.texts == 4
    assert result.ours_per_second > 0 and result.matcher_per_second > 0
    # A round's ratio is the matcher's time over ours: both sides ran in that round.
    assert result.ours_over_matcher > 0 and result.ours_chunked_over_matcher > 0
    # Numbers spelled out or with `double` are ours alone; the plain one both find.
    assert result.ours_phone_recall == 1.0
    assert result.matcher_phone_recall == 1 / 3
    assert set(result.as_dict()) >= {"ours_chunked_over_matcher", "matcher_phone_recall"}
