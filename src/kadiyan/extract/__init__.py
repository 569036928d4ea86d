"""Text and fields to mentions: phones, e-mails, URLs and social media accounts.

Every extractor is a pure function of a text, with one shape: `find_x(text) ->
list[Mention]`, spans indexing the text it was given.
"""

from __future__ import annotations

from kadiyan.extract.identifiers import find_accounts, find_emails, find_identifiers, find_urls
from kadiyan.extract.phones import find_phones, normalise_phone
from kadiyan.model import Mention

__all__ = [
    "extract_text",
    "find_accounts",
    "find_emails",
    "find_identifiers",
    "find_phones",
    "find_urls",
    "normalise_phone",
]

# find_identifiers runs the e-mail, URL and account extractors behind one shared check.
EXTRACTORS = (find_phones, find_identifiers)


def extract_text(text: str) -> list[Mention]:
    """All identifier mentions of a text, by start, one per span and kind."""
    mentions: list[Mention] = []
    for extractor in EXTRACTORS:
        found = extractor(text)
        if found:
            mentions += found
    if len(mentions) < 2:
        return mentions
    mentions.sort(key=_position)
    unique = [mentions[0]]
    for mention in mentions[1:]:
        if _position(mention) != _position(unique[-1]):
            unique.append(mention)
    return unique


def _position(mention: Mention) -> tuple[int, int, str]:
    """Where a mention is and what it is: two mentions with the same are one."""
    return (mention.start, mention.end, mention.kind)
