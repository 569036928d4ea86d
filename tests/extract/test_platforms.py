"""Platforms named in ads and case reports, as canonical names."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kadiyan.extract.platforms import find_platforms
from kadiyan.model import MentionKind


def values(text: str) -> list[str]:
    """The platform names a text gives, in order."""
    return [m.value for m in find_platforms(text)]


def test_a_post_on_x_with_a_handle() -> None:
    text = "complaint about a post on X (@kanpur_nights) advertising girls"

    [mention] = find_platforms(text)

    assert mention.kind is MentionKind.PLATFORM
    assert mention.value == "X"
    assert mention.raw == text[mention.start : mention.end] == "X"
    assert mention.extra == {"lang": "en", "form": "short"}


def test_twitter_is_x() -> None:
    assert values("link posted on Twitter, see pic.twitter.com/AbC12 and x.com/ncr_vip") == [
        "X", "X", "X",
    ]


def test_a_capital_x_needs_a_cue() -> None:
    assert values("Available 24 X 7, X-ray clinic, Rs 500 X 2") == []
    assert values("Twitter/X handle") == ["X", "X"]
    assert values("Post on X (@goa_nights) and an X-ray report") == ["X"]
    assert values("shared on Twitter and X") == ["X", "X"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call/WhatsApp 98220 14756", ["WhatsApp"]),
        ("Join our Telegram t.me/pune_vip", ["Telegram", "Telegram"]),
        ("Insta @riya_vip for pics, FB page too", ["Instagram", "Facebook"]),
        ("found on Locanto and skokka.in, also OLX", ["Locanto", "Skokka", "OLX"]),
        ("met him on Tinder, then moved to Snapchat", ["Tinder", "Snapchat"]),
        ("ShareChat aur Moj app pe videos", ["ShareChat", "Moj"]),
        ("photos shared over social media", ["social media"]),
    ],
)
def test_names_and_links(text: str, expected: list[str]) -> None:
    assert values(text) == expected


def test_hindi_names_with_either_nukta_form() -> None:
    text = "अभियुक्त व्हाट्सएप और फ़ेसबुक के माध्यम से संपर्क करता था, ट्विटर पर लिंक"
    decomposed, precomposed = "फ\u093cेसबुक", "\u095eेसबुक"

    mentions = find_platforms(text)

    assert [m.value for m in mentions] == ["WhatsApp", "Facebook", "X"]
    assert {m.extra["lang"] for m in mentions} == {"hi"}
    assert values(decomposed) == values(precomposed) == ["Facebook"]
    assert values("संपर्क फेसबुक। फिर व्हाट्सएप।") == ["Facebook", "WhatsApp"]
    assert values("💋whatsapp💋 and insta…") == ["WhatsApp", "Instagram"]


def test_hinglish_and_abbreviations() -> None:
    mentions = find_platforms("whatsapp pe msg karo, WA 98220 14756, TG @pune_vip, IG: riya_22")

    assert [(m.value, m.extra["lang"], m.extra["form"]) for m in mentions] == [
        ("WhatsApp", "hinglish", "name"),
        ("WhatsApp", "en", "short"),
        ("Telegram", "en", "short"),
        ("Instagram", "en", "short"),
    ]


def test_common_words_count_only_with_a_cue() -> None:
    assert values("traffic signal near the hotel, price hike") == []
    assert values("message me on signal") == ["Signal"]
    assert values("Signal or WhatsApp +91 77380 12345") == ["Signal", "WhatsApp"]
    assert values("download hike app") == ["Hike"]


def test_names_inside_words_handles_and_paths_are_not_platforms() -> None:
    assert values("instagrammable cafe, @insta_queen_22, netflix.com") == []
    assert values("x.com/whatsapp_girls") == ["X"]


def test_a_link_is_one_mention_not_two() -> None:
    [mention] = find_platforms("chat.whatsapp.com/AbCdEf")

    assert (mention.value, mention.raw, mention.extra["form"]) == (
        "WhatsApp", "whatsapp.com", "link",
    )


PIECES = st.sampled_from(
    ["whatsapp", "WA", "X", " ", "(", "@", "on ", "signal", "व्हाट्सएप", "फ\u093cेसबुक",
     "t.me/", ".com", "/", "insta", "İ", "ß", "\n", "twitter", "social media", "pe"]
)
TEXTS = st.one_of(st.text(max_size=100), st.lists(PIECES, max_size=20).map("".join))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_any_text_gives_true_spans_and_the_same_answer_twice(text: str) -> None:
    mentions = find_platforms(text)

    assert mentions == find_platforms(text)
    for m in mentions:
        assert text[m.start : m.end] == m.raw
        assert 0.0 < m.confidence <= 1.0
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


def test_a_name_next_to_a_sign_that_is_no_separator() -> None:
    # `×` and `！` end a name but not a word: the name's first word is no word of the text.
    assert values("wa.me/91 or whatsapp×") == ["WhatsApp", "WhatsApp"]
    assert values("टेलीग्राम॰ t.me/pune_vip") == ["Telegram", "Telegram"]


# Spellings, each followed by a space or by a sign that ends a name but not a word.
NAMES = st.lists(
    st.tuples(
        st.sampled_from(["whatsapp", "WA", "wa.me/9", "X", "on", "signal", "insta", "IG",
                         "टेलीग्राम", "t.me/", "twitter", "x.com", "social media", "(@", "app"]),
        st.sampled_from([" ", " ", "×", "！", "॰", "\u0301", ""]),
    ).map("".join),
    max_size=8,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXTS, NAMES))
def test_looking_only_for_spellings_whose_first_word_is_there_misses_nothing(
    text: str,
) -> None:
    from kadiyan.extract import platforms

    def every_spelling_of_each_platform_named(
        vocabulary: Any, words: set[str], _text: str
    ) -> list[Any]:
        named = {s.platform.value for word in words for s in vocabulary.index[word]}
        return sorted((s for value in named for s in vocabulary.every[value]),
                      key=lambda s: s.order)

    found = find_platforms(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(platforms, "_spellings", every_spelling_of_each_platform_named)
        assert find_platforms(text) == found
