"""What a raid seized, counted item by item: `21 मोबाइल फोन ... जब्त`, `Seized: 4 phones`.

Each counted item in a sentence with a seizure cue is one COUNT mention, `value`
`seized_phones:21`, `extra` {"what": "seized_phones", "item": "phones", "n": 21}.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from kadiyan.extract.casing import lowered
from kadiyan.extract.numbers import NUMBER_WORDS, number_value, word_pattern
from kadiyan.model import Mention, MentionKind

DATA = Path(__file__).parent / "data" / "seized.toml"
# A sentence ends at a full stop, danda or line break; a seizure and its items share one.
_SENTENCE = re.compile(r"[^.।!?\n]+")


@cache
def _lexicon() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    cue = re.compile("|".join(map(re.escape, sorted(data["cues"], key=len, reverse=True))))
    item_of = {word: item for item, words in data["items"].items() for word in words}
    nouns = "|".join(map(re.escape, sorted(item_of, key=len, reverse=True)))
    counted = re.compile(
        r"(?<![\w.,])(?P<n>\d{1,4}|" + word_pattern(NUMBER_WORDS) + r")\s+"
        r"(?:[a-z]+\s+){0,2}?(?P<item>" + nouns + r")(?![\w])"
    )
    return cue, counted, item_of


def find_seized(text: str) -> list[Mention]:
    """Counted items seized in a raid, one mention per item and sentence."""
    lower = lowered(text)
    cue, counted, item_of = _lexicon()
    if cue.search(lower) is None:
        return []
    found: list[Mention] = []
    for sentence in _SENTENCE.finditer(lower):
        if cue.search(sentence.group()) is None:
            continue
        for match in counted.finditer(lower, sentence.start(), sentence.end()):
            n = number_value(match.group("n"))
            if n is None or n != int(n) or n <= 0:
                continue
            item = item_of[match.group("item")]
            start, end = match.span()
            found.append(Mention(
                MentionKind.COUNT, f"seized_{item}:{int(n)}", start, end, 0.8, "seized",
                text[start:end], extra={"what": f"seized_{item}", "item": item, "n": int(n)},
            ))
    return found
