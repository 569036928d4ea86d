"""Properties every extractor keeps on any text: no exceptions, true spans, same answer."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kadiyan.extract import (
    extract_text,
    find_accounts,
    find_emails,
    find_identifiers,
    find_phones,
    find_urls,
    normalise_phone,
)
from kadiyan.extract.casing import lowered
from kadiyan.extract.phones import _RUN, _split_run
from kadiyan.model import Mention

EXTRACTORS = (extract_text, find_phones, find_emails, find_urls, find_accounts, find_identifiers)

# Pieces that make extractors work hard: digits of several scripts, number words, keycaps,
# separators, letters that change length when lower-cased, and the cue words.
PIECES = st.sampled_from(
    [
        "9", "98765", "43210", "0", "+91", "0091", " ", "-", ".", "/", "(", ")", ",", ":",
        "nine", "Eight", "ZERO", "double", "triple", "oh", "O", "l", "I", "do", "ek", "nau",
        "नौ", "शून्य", "छः", "छ:", "डबल", "९८७", "৯৮", "１２", "❾", "⓿", "\ufe0f\u20e3",
        "\u200b", "İ", "ß", "@", "@riya_22", "insta", "IG:", "X (", "t.me/", "x.com/",
        "wa.me/", "whatsapp.com/send?phone=", "gmail", " at ", "[at]", " dot ", ".com",
        "https://", "www.", "Order id ", "Aadhaar ", "Rs ", "\n", "call", "riya",
    ]
)
ADVERSARIAL = st.lists(PIECES, max_size=30).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=200), ADVERSARIAL)


def _spans_hold(text: str, mentions: list[Mention]) -> None:
    """Every mention spans exactly its raw text, with a confidence in (0, 1]."""
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.raw
        assert 0.0 < mention.confidence <= 1.0


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_extractors_never_raise_and_spans_index_the_text(text: str) -> None:
    for extractor in EXTRACTORS:
        _spans_hold(text, extractor(text))


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_extractors_are_deterministic(text: str) -> None:
    for extractor in EXTRACTORS:
        assert extractor(text) == extractor(text)


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_extract_text_is_sorted_and_has_one_mention_per_span_and_kind(text: str) -> None:
    found = extract_text(text)

    assert [m.start for m in found] == sorted(m.start for m in found)
    keys = [(m.start, m.end, m.kind) for m in found]
    assert len(keys) == len(set(keys))


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_phone_values_are_e164(text: str) -> None:
    for mention in find_phones(text):
        assert mention.value.startswith("+")
        assert mention.value[1:].isdigit() and 8 <= len(mention.value) - 1 <= 15


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_normalise_phone_never_raises(text: str) -> None:
    value = normalise_phone(text)

    assert value is None or (value.startswith("+") and value[1:].isdigit())


@given(st.from_regex(r"[6-9][0-9]{9}", fullmatch=True))
def test_a_valid_mobile_in_an_ad_is_found_where_it_is(digits: str) -> None:
    text = f"Call Riya {digits} now"
    expected = normalise_phone(digits)

    found = find_phones(text)

    if expected is None:
        assert found == []
    else:
        assert [(m.value, m.raw) for m in found] == [(expected, digits)]


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_the_shared_check_skips_nothing_the_extractors_would_find(text: str) -> None:
    one_by_one = find_emails(text) + find_urls(text) + find_accounts(text)

    assert sorted(find_identifiers(text), key=repr) == sorted(one_by_one, key=repr)


@settings(max_examples=300, deadline=None)
@given(ADVERSARIAL)
def test_the_pieces_of_a_run_tile_it(text: str) -> None:
    """Positions of atoms are sums of piece lengths; no run may lose text between pieces."""
    lower = lowered(text)
    for run in _RUN.finditer(lower):
        assert _split_run(text, lower, run.start(), run.end()) != []
