"""Whether a query is nothing but identifiers, as its extracted spans show."""

from __future__ import annotations

from kadiyan.resolve.lookup import only_identifiers


def test_a_phone_written_with_words_and_separators_is_only_an_identifier() -> None:
    query = "98 double 7 triple 5 4 3 2"
    assert only_identifiers(query, [(0, len(query))])
    assert only_identifiers(f"  ({query}) ", [(3, 3 + len(query))])


def test_words_outside_every_span_make_it_a_text_search() -> None:
    assert not only_identifiers("Tuition 7011223344", [(8, 18)])
    assert not only_identifiers("tuition maths", [])
