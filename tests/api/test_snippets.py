"""The pure text helpers behind snippets and highlighting."""

from __future__ import annotations

from kadiyan.api.services.snippets import (
    field_value,
    flatten,
    leading,
    segments,
    snippet_at,
    snippet_for_words,
)


def test_a_snippet_marks_the_span_and_cuts_long_context_at_spaces() -> None:
    text = "word " * 30 + "CALL 98111 22334 NOW " + "tail " * 30

    snippet = snippet_at(text, 150, 166, kind="phone", width=20)

    assert snippet.mark == text[150:166]
    assert snippet.before.startswith("…") and not snippet.before.startswith("… ")
    assert snippet.after.endswith("…")
    assert (snippet.start, snippet.end, snippet.kind) == (150, 166, "phone")


def test_a_snippet_survives_spans_outside_the_text() -> None:
    snippet = snippet_at("short", 3, 99)

    assert (snippet.before, snippet.mark, snippet.after) == ("sho", "rt", "")


def test_words_are_found_in_any_case_else_the_text_leads() -> None:
    assert snippet_for_words("Tuition for class 10", ["tuition"]).mark == "Tuition"
    assert snippet_for_words("nothing here", ["absent"]) == leading("nothing here")


def test_segments_keep_the_earlier_longer_of_overlapping_marks() -> None:
    pieces = segments("see wa.me/919811122334 now", [
        (4, 22, "url", "url:x"), (10, 22, "phone", "phone:y"),
    ])

    assert [(p.text, p.kind) for p in pieces] == [
        ("see ", None), ("wa.me/919811122334", "url"), (" now", None),
    ]


def test_field_paths_reach_nested_values() -> None:
    fields = {"accused": [{"name": "A", "phone": "98111 22334"}], "rooms": 3, "ok": True}

    assert field_value(fields, "accused[0].phone") == "98111 22334"
    assert field_value(fields, "rooms") == "3"
    assert field_value(fields, "accused[5].phone") is None
    assert field_value(fields, "ok") is None
    assert flatten(fields) == [
        ("accused[0].name", "A"), ("accused[0].phone", "98111 22334"), ("rooms", "3"),
        ("ok", "True"),
    ]
