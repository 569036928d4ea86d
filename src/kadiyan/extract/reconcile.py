"""Rules that read two extractors' mentions together.

A count read from a list of people (`Arrested: A (45), who kept the house; two
customers`) splits the list on punctuation, which addresses and asides also use; the
persons found inside the list, plus the groups it counts (`two customers`), are the better
count when there are any.
"""

from __future__ import annotations

import re

from kadiyan.extract.numbers import PEOPLE_NOUNS, number_value
from kadiyan.model import Mention, MentionKind

# A counted group inside a list: a number then a noun for people (`two customers`,
# `2 ग्राहकों`).
_GROUP = re.compile(
    r"(?<!\w)(\S+)\s+(?:" + "|".join(map(re.escape, PEOPLE_NOUNS)) + r")(?!\w)", re.IGNORECASE
)


def recount_lists(mentions: list[Mention], text: str) -> list[Mention]:
    """Counts read from lists of people, recounted as the persons and groups in the list."""
    persons = [m for m in mentions if m.kind is MentionKind.PERSON]
    if not persons:
        return mentions
    out = []
    for mention in mentions:
        if mention.kind is MentionKind.COUNT and mention.rule == "list":
            inside = {
                p.extra.get("full_name") or p.value
                for p in persons
                if mention.start <= p.start and p.end <= mention.end
            }
            groups = _groups(text[mention.start : mention.end])
            n = len(inside) + groups
            if inside and n != mention.extra.get("n"):
                mention = _with_count(mention, n)
        out.append(mention)
    return out


def _groups(span: str) -> int:
    """How many people the counted groups of a list hold (`two customers; 1 associate`)."""
    total = 0
    for match in _GROUP.finditer(span):
        value = number_value(match.group(1))
        if value is not None and value == int(value) and 0 < value < 100:
            total += int(value)
    return total


def _with_count(mention: Mention, n: int) -> Mention:
    what = mention.extra.get("what", "")
    extra = {**mention.extra, "n": n, "recounted": "persons named in the list"}
    return mention._replace(value=f"{what}:{n}", extra=extra, rule="list_persons")
