"""The HTML fragments pages repeat: escaped, marked, and with the language of their text."""

from kadiyan.api.services.snippets import Segment, Snippet
from kadiyan.web.fragments import (
    badge,
    humanise,
    lang_attr,
    marked,
    relations,
    snippet,
    when_where,
)


def test_a_badge_names_the_kind_in_words():
    assert badge("case_report") == '<span class="badge k-case_report">case report</span>'


def test_a_snippet_marks_its_mention_and_escapes_the_text_around_it():
    s = Snippet("text", "call <b>", "98 double 7", "</b> now", 6, 17, "phone")
    html = snippet(s)
    assert html == ('<span class="snippet">call &lt;b&gt;<mark class="m-phone">98 double 7</mark>'
                    "&lt;/b&gt; now</span>")


def test_a_snippet_from_a_field_names_the_field_and_hindi_gets_its_language():
    s = Snippet("accused[0].name", "", "विकास", " सिंह", 0, 5, None)
    html = snippet(s)
    assert html.startswith(
        '<span class="snippet" lang="hi"><span class="field">accused 1 name:</span> ')
    assert '<mark class="m-hit">विकास</mark>' in html


def test_no_snippet_is_nothing():
    assert snippet(None) == ""


def test_marked_text_links_each_resolved_mention_to_its_entity():
    html = marked([Segment("call "), Segment("9876543210", "phone", "phone:+919876543210"),
                   Segment(" <now>"), Segment("Kanpur", "place")])
    assert html == (
        'call <mark class="m-phone" title="phone phone:+919876543210">'
        '<a href="/entity?id=phone%3A%2B919876543210">9876543210</a></mark>'
        ' &lt;now&gt;<mark class="m-place" title="place">Kanpur</mark>')


def test_when_where_joins_day_and_place_only_when_both_are_known():
    assert when_where("2025-03-14T10:00:00", "Kanpur") == (
        '<span class="meta">2025-03-14 · Kanpur</span>')
    assert when_where(None, "Kanpur") == '<span class="meta">Kanpur</span>'


def test_language_and_words():
    assert lang_attr("Vikas") == ""
    assert lang_attr("विकास") == ' lang="hi"'
    assert humanise("victims[2].phone") == "victims 3 phone"


def test_relations_are_said_in_words() -> None:
    assert relations(["mentions", "shares_record"]) == "mentions, shares record"
    assert relations([]) == ""

