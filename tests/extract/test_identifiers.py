"""E-mails, URLs and social media accounts, and extract_text over all of them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kadiyan.extract import (
    extract_text,
    find_accounts,
    find_emails,
    find_identifiers,
    find_urls,
)
from kadiyan.model import MentionKind


def accounts(text: str) -> list[str]:
    """The `platform:handle` values found in a text, in order."""
    return [m.value for m in find_accounts(text)]


def test_an_instagram_cue_places_the_handle() -> None:
    text = "Insta @Pooja_VIP_Goa for pics, DM only"

    [mention] = find_accounts(text)

    assert mention.kind is MentionKind.ACCOUNT
    assert mention.value == "instagram:pooja_vip_goa"
    assert mention.raw == "@Pooja_VIP_Goa" == text[mention.start : mention.end]


def test_cue_words_for_each_platform() -> None:
    text = (
        "IG: @neha.models_ | Telegram channel @blr_angels | twitter @NcrNights | "
        "fb @simran.kaur.77 | टेलीग्राम @lko_queens"
    )

    assert accounts(text) == [
        "instagram:neha.models_",
        "telegram:blr_angels",
        "twitter:ncrnights",
        "facebook:simran.kaur.77",
        "telegram:lko_queens",
    ]


def test_a_capital_x_before_a_handle_is_twitter() -> None:
    assert accounts("Post on X (@kanpur_night_girls) with number") == [
        "twitter:kanpur_night_girls"
    ]


def test_profile_links_name_the_platform() -> None:
    text = (
        "x.com/delhi_escort_vip twitter.com/ncr_dreams/status/1790000000000000000 "
        "https://www.instagram.com/goa_club/ t.me/s/goa_girls_vip telegram.me/pune_calls "
        "facebook.com/profile.php?id=100087654321012 fb.com/neha.sharma.9081"
    )

    assert accounts(text) == [
        "twitter:delhi_escort_vip",
        "twitter:ncr_dreams",
        "instagram:goa_club",
        "telegram:goa_girls_vip",
        "telegram:pune_calls",
        "facebook:100087654321012",
        "facebook:neha.sharma.9081",
    ]


def test_site_pages_are_not_accounts() -> None:
    text = "instagram.com/p/Cx12AbC t.me/joinchat/AbCd123 x.com/i/flow pic.twitter.com/hjGm12"

    assert accounts(text) == []


def test_a_cue_and_a_colon_name_a_handle_written_without_at() -> None:
    assert accounts("DM on IG: priya_model_22 for rates") == ["instagram:priya_model_22"]
    assert accounts("Insta: DM only, no calls") == []


def test_a_bare_handle_is_kept_with_low_confidence() -> None:
    [mention] = find_accounts("New pics daily @SuratStars")

    assert (mention.value, mention.rule) == ("handle:suratstars", "bare_handle")
    assert mention.confidence < 0.6


def test_at_signs_that_are_no_handles() -> None:
    text = "Manoj @ Munna arrested; rates @2000; mail riya@gmail.com; mail me @gmail.com"

    assert accounts(text) == []



def test_the_poster_of_a_tweet_a_report_embeds_is_no_account_of_the_case() -> None:
    # A news report copied into a case file keeps the line under each embedded tweet: the
    # newsroom that posted it, the same in every case it reports.
    report = (
        "Nine girls were rescued from a hotel. pic.twitter.com/hjGmLGFAxe\n"
        "\u2014 City News Desk (@citynewsdesk) September 14, 2020\n"
        "Their handler used Insta @riya_vip_22 (@riya_vip_22 on X too)."
    )

    assert accounts(report) == ["instagram:riya_vip_22", "handle:riya_vip_22"]
    # Without the date that closes such a line, a name and a handle in brackets stay.
    assert accounts("Book now - Riya (@riya_vip) 24x7") == ["handle:riya_vip"]

def test_emails_are_lower_cased_addresses() -> None:
    text = "Bookings: Pune.VIP.Models@Gmail.com or riya_22@outlook.co.in."

    assert [(m.value, m.raw) for m in find_emails(text)] == [
        ("pune.vip.models@gmail.com", "Pune.VIP.Models@Gmail.com"),
        ("riya_22@outlook.co.in", "riya_22@outlook.co.in"),
    ]


def test_spelt_out_emails() -> None:
    text = (
        "Mail booking.delhi [at] gmail [dot] com or riya.vip at gmail dot com, "
        "meet at hotel dot com"
    )

    assert [m.value for m in find_emails(text)] == [
        "booking.delhi@gmail.com",
        "riya.vip@gmail.com",
    ]


def test_urls_lose_scheme_and_www_but_keep_their_path() -> None:
    text = "See https://www.Example.in/Rates?id=7, bit.ly/3xYzAb and t.me/pune_calls."

    assert [m.value for m in find_urls(text)] == [
        "example.in/Rates?id=7",
        "bit.ly/3xYzAb",
        "t.me/pune_calls",
    ]


def test_an_email_domain_is_no_url() -> None:
    assert find_urls("write to riya.models@gmail.com") == []


def test_extract_text_reads_every_kind_in_text_order() -> None:
    text = "Insta @riya_blr, call 98450 12346, wa.me/919845012347, mail riya@blr-vip.in"

    found = [(m.kind, m.value) for m in extract_text(text, "identifiers")]

    assert found == [
        (MentionKind.ACCOUNT, "instagram:riya_blr"),
        (MentionKind.PHONE, "+919845012346"),
        (MentionKind.PHONE, "+919845012347"),
        (MentionKind.EMAIL, "riya@blr-vip.in"),
    ]


def test_a_profile_link_is_an_account_and_a_url() -> None:
    found = [
        (m.kind, m.value) for m in extract_text("Join t.me/punemodels_vip today", "identifiers")
    ]

    assert found == [
        (MentionKind.ACCOUNT, "telegram:punemodels_vip"),
        (MentionKind.URL, "t.me/punemodels_vip"),
    ]


def test_text_with_no_identifier_has_only_indicators_in_full() -> None:
    text = "Hotel and home service available, safe and secure"

    assert extract_text(text, "identifiers") == []
    assert {m.kind for m in extract_text(text, "ad")} == {MentionKind.INDICATOR}


def test_a_cue_before_a_link_names_no_handle() -> None:
    text = "Photo: Twitter pic.twitter.com/hjGmLGFAxe — IANS Tweets"

    assert accounts(text) == []


def test_links_in_one_token_and_after_odd_spaces() -> None:
    text = "see a-site.com,b-site.in\u00a0c-site.net"

    assert [m.value for m in find_urls(text)] == ["a-site.com", "b-site.in", "c-site.net"]


def test_links_in_capitals_keep_the_case_of_their_path() -> None:
    assert [m.value for m in find_urls("Visit HTTPS://Goa-Nights.COM/Rates or Pune-VIP.in")] == [
        "goa-nights.com/Rates",
        "pune-vip.in",
    ]


# Pieces of e-mails, links and cues, so that random texts hold them in odd places.
IDENTIFIER_PIECES = st.sampled_from([
    "@", "@riya_22", "riya", " at ", " at gmail", "[at]", " dot ", ".com", ".in", "://",
    "instagram.com/", "t.me/", "/", "insta", "IG", "ig", "tg", "telegram", "fb", "X", " (@x)",
    "इंस्टा", "id:", " ", ",", ".", "\n", "a", "9", "_", "é", "💋",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(IDENTIFIER_PIECES, max_size=25).map("".join))
def test_together_the_identifiers_are_those_each_extractor_finds(text: str) -> None:
    # `find_identifiers` runs each extractor only where its anchors may be: none may miss.
    each = find_emails(text) + find_urls(text) + find_accounts(text)
    each.sort(key=lambda m: m.start)

    assert find_identifiers(text) == each
