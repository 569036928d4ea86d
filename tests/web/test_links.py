"""Links on the app's own paths, encoded as a form encodes them."""

from kadiyan.web.links import facet_link, link


def test_values_that_need_no_encoding_are_written_as_they_are() -> None:
    assert link("/record", id="r0a1b2c3") == "/record?id=r0a1b2c3"
    assert link("/entity", id="image:pdq.f0_1~a-b") == "/entity?id=image%3Apdq.f0_1~a-b"


def test_other_values_are_form_encoded() -> None:
    assert link("/entity", id="phone:+919811122334") == "/entity?id=phone%3A%2B919811122334"
    assert link("/search", q="होटल रूम", kind=None) == (
        "/search?q=%E0%A4%B9%E0%A5%8B%E0%A4%9F%E0%A4%B2+%E0%A4%B0%E0%A5%82%E0%A4%AE")
    assert link("/search", q="a&b=c d") == "/search?q=a%26b%3Dc+d"


def test_a_facet_link_keeps_the_other_facets_and_turns_a_year_into_dates() -> None:
    chosen = {"kind": "ad", "since": "2024-01-01", "until": ""}

    assert facet_link("98", chosen, "year", "2025") == (
        "/search?q=98&kind=ad&since=2025-01-01&until=2025-12-31")
    assert facet_link("98", chosen, "kind", None) == "/search?q=98&since=2024-01-01"
