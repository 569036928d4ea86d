import pickle

import pytest

from kadiyan.model import Mention, MentionKind, mention_of


def _phone() -> Mention:
    return Mention(MentionKind.PHONE, "+919876543210", 4, 14, 0.95, "digits", "9876543210")


def test_a_mention_has_its_defaults_and_a_fresh_extra_each() -> None:
    a, b = _phone(), _phone()

    assert (a.field, a.role, a.extra) == ("text", None, {})
    a.extra["note"] = 1
    assert b.extra == {}


def test_a_mention_cannot_be_changed_but_replaced() -> None:
    mention = _phone()

    with pytest.raises(AttributeError):
        mention.value = "+911234567890"  # type: ignore[misc]
    changed = mention._replace(value="+911234567890", rule="spaced")
    assert (changed.value, changed.rule, changed.start) == ("+911234567890", "spaced", 4)
    assert mention.value == "+919876543210"
    assert type(changed) is Mention


def test_a_mention_survives_pickling() -> None:
    mention = _phone()._replace(extra={"latin": None})

    again = pickle.loads(pickle.dumps(mention))

    assert again == mention and type(again) is Mention


def test_a_mention_of_all_its_fields_is_the_mention_they_make() -> None:
    fields = (MentionKind.PHONE, "+919876543210", 4, 14, 0.95, "digits", "9876543210", "text",
              None, {"a": 1})

    made = mention_of(fields)

    assert type(made) is Mention
    assert made == Mention(*fields)
    assert made.extra is fields[9] and made.rule == "digits"

