"""E-mail addresses, URLs and social media accounts in free text.

Accounts are `platform:handle` with the handle lower-cased (platforms treat handles
case-insensitively, so `@Riya_VIP` and `@riya_vip` are one account). A platform is known
from a profile link (`instagram.com/x`, `t.me/x`, `x.com/x`) or from a cue word just
before the handle (`Insta @x`, `Telegram: @x`, `X (@x)`, `insta id - x_22`); a bare
`@handle` is kept as `handle:x` with a low confidence, for an analyst to place. The
handle under a tweet a news report embeds (`— IANS (@ians_india) September 14, 2020`) is
who posted it, not a party to the case, and is left out.

Speed: a pattern tried at every position of a text costs microseconds per hundred
characters in `re`, so each extractor first finds its anchors with patterns that start
with a literal (`re` then skips ahead in C): an `@`, a `.com`, a profile host, a cue word.
The full patterns run only at those anchors. Texts are scanned lower-cased.
"""

from __future__ import annotations

import re
from typing import Final

from kadiyan.extract.casing import lowered
from kadiyan.model import Mention, MentionKind

__all__ = ["find_accounts", "find_emails", "find_identifiers", "find_urls"]

_LABEL: Final = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
# An address is read out from its `@`: the local part back, the domain forward.
_EMAIL_LOCAL: Final = re.compile(r"(?<![\w.%+-])[a-z0-9][a-z0-9._%+-]{0,63}$")
_EMAIL_DOMAIN: Final = re.compile(_LABEL + r"(?:\." + _LABEL + r")*\.[a-z]{2,24}(?![\w-])")
# Spelt-out addresses: `riya [at] gmail [dot] com`, `riya(at)gmail.com`, `riya @ gmail.com`,
# `riya at gmail dot com`. A plain `at` counts only before a known mail provider, so
# `meet at hotel dot com` is no address.
_PROVIDERS: Final = (
    "gmail|googlemail|yahoo|ymail|hotmail|outlook|live|rediffmail|rediff|protonmail|proton|"
    "icloud|aol|zoho|yandex|mail"
)
_AT: Final = r"(?:\s*[\[({<]\s*at\s*[\])}>]\s*|\s*@\s+|\s+@\s*)"
_DOT: Final = r"(?:\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+|\.)"
_SPELT_EMAIL: Final = re.compile(
    r"(?<![\w.%+-])(?P<local>[a-z0-9][a-z0-9._%+-]{0,63})"
    r"(?:" + _AT + r"(?P<domain>" + _LABEL + r"(?:" + _DOT + _LABEL + r")*?)"
    r"|\s+at\s+(?P<provider>(?:" + _PROVIDERS + r")(?:" + _DOT + _LABEL + r")*?))"
    + _DOT + r"(?P<tld>com|in|net|org|co\.in|co|info|me|io)(?![\w-])"
)
_SPELT_HINT: Final = re.compile(
    r"at\s*[\])}>]|at (?:" + _PROVIDERS + r")|@ | @(?:" + _PROVIDERS + r")\b"
)
_SPELT_SEPARATOR: Final = re.compile(
    r"\s*(?:[\[({<]\s*(?:at|dot)\s*[\])}>]|\s(?:at|dot)\s|@|\.)\s*"
)

_TLDS: Final = (
    "com|in|net|org|me|ly|co|io|info|biz|xyz|app|site|online|top|club|live|tv|us|uk|ru|to|"
    "gl|gg|link|page|vip|fun|shop|store|blog|gov|edu|ac|nic|am|dog|cc|ws|pk|bd|np|lk"
)
_URL_HINT: Final = re.compile(r"\.(?:" + _TLDS + r")(?![a-z0-9-])|://")
_URL: Final = re.compile(
    r"(?<![\w@.\-/])(?:"
    r"(?:https?://|www\.)[^\s<>\"'`]+"
    r"|(?:" + _LABEL + r"\.)+(?:" + _TLDS + r")(?![\w@-])(?::\d{1,5})?(?:/[^\s<>\"'`]*)?"
    r")"
)
_URL_TRAILING: Final = ".,;:!?'\")]}>…।"
_SPACE: Final = re.compile(r"\s")
# WhatsApp click-to-chat links are phone numbers (phones.py reads them), not web pages.
_PHONE_LINK: Final = re.compile(r"(?:wa\.me/|(?:api\.)?whatsapp\.com/send)")

_HOSTS: Final = {
    "instagram.com": "instagram", "instagr.am": "instagram", "t.me": "telegram",
    "telegram.me": "telegram", "telegram.dog": "telegram", "twitter.com": "twitter",
    "x.com": "twitter", "facebook.com": "facebook", "fb.com": "facebook", "fb.me": "facebook",
    "snapchat.com/add": "snapchat",
}
_PROFILE: Final = re.compile(
    "(?P<host>" + "|".join(re.escape(h) for h in sorted(_HOSTS, key=len, reverse=True)) + ")"
    r"/@?(?P<handle>[a-z0-9_.]{1,64})(?:/(?P<next>[a-z0-9_.]{1,64}))?"
    r"(?:\?id=(?P<id>\d{5,20}))?"
)
# A host is a profile host only on its own or after these (`pic.twitter.com` is not).
_HOST_PREFIX: Final = re.compile(r"(?:https?://)?(?:www\.|m\.|mobile\.|web\.)?$")
# First path segments that are pages of the site, not accounts; after some of them the
# account follows (`instagram.com/stories/NAME`, `t.me/s/NAME`).
_RESERVED: Final = {
    "instagram": {"p", "reel", "reels", "tv", "explore", "accounts", "direct", "about"},
    "telegram": {"joinchat", "addstickers", "share", "c", "proxy", "iv", "addlist"},
    "twitter": {"i", "home", "search", "hashtag", "intent", "share", "explore", "settings",
                "messages", "notifications", "compose", "tos", "privacy"},
    "facebook": {"groups", "pages", "sharer", "sharer.php", "watch", "share", "events",
                 "marketplace", "permalink.php", "story.php", "photo.php", "photo", "login",
                 "help", "policies", "reel", "hashtag", "dialog"},
    "snapchat": set(),
}
_ACCOUNT_FOLLOWS: Final = {"instagram": {"stories"}, "telegram": {"s"}, "facebook": {"people"}}
# What each platform allows in a handle; a handle is cut at the first other character.
_HANDLE_CHARS: Final = {
    "instagram": re.compile(r"[a-z0-9_.]+"), "facebook": re.compile(r"[a-z0-9_.]+"),
    "telegram": re.compile(r"[a-z0-9_]+"), "twitter": re.compile(r"[a-z0-9_]+"),
    "snapchat": re.compile(r"[a-z0-9_.\-]+"), "handle": re.compile(r"[a-z0-9_.]+"),
}

# The line under a tweet that a news report embeds, copied as text: `— IANS Tweets
# (@ians_india) September 14, 2020`. Its handle is who posted the tweet, a newsroom that
# reports many cases: kept, it would link them all.
_EMBED_BYLINE: Final = re.compile(
    r"[\u2014\u2013\u2015-][ \t]*[^\n@()\u2014\u2013]{1,60}\((?P<at>@)[a-z0-9_]{1,15}\)[ \t]+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ \t]+\d{1,2},[ \t]+\d{4}"
)
# `@` first, then a look back at what precedes it: not a word (an e-mail) nor a path.
_AT_HANDLE: Final = re.compile(r"@(?<![\w@./+\-]@)(?P<handle>[a-z0-9_](?:[a-z0-9_.]*[a-z0-9_])?)")
_CUE_WORDS: Final = {
    "instagram": "instagram insta ig इंस्टाग्राम इंस्टा",
    "telegram": "telegram tele tg टेलीग्राम टेलिग्राम",
    "twitter": "twitter ट्विटर",
    "facebook": "facebook fb फेसबुक",
    "snapchat": "snapchat snap",
}
_CUE_PLATFORM: Final = {word: p for p, words in _CUE_WORDS.items() for word in words.split()}
# Cue words, longest first, as a pattern of literals; the word boundary is checked after.
_CUE: Final = re.compile("|".join(sorted(_CUE_PLATFORM, key=len, reverse=True)))
# Characters between a cue and its `@handle`: `Insta id: `, `Telegram channel `.
_CUE_FILLER: Final = 16
# `X` is a cue only as a capital letter on its own (`on X (@x)`), read in the original text.
_X_BEFORE: Final = re.compile(r"(?<![A-Za-z])X(?![A-Za-z])[\s:(\-]{0,3}$")
# After a cue: maybe `id` or `:`, and a handle with no `@` (`insta id - riya_vip_22`); the
# handle must look like one (a letter and a `_`, `.` or digit), so `Insta: DM only` and
# `IG 2.0` are no accounts.
_CUE_NAME: Final = re.compile(
    r"\s*(?:id|handle|username|user name|account|page|channel)?\s*[:=\-–>]*\s*"
    r"(?P<handle>(?=[a-z0-9_.]*[a-z])[a-z0-9_.]*[_.\d][a-z0-9_.]*)(?![\w@/]|\.\w)"
)
# Cue words on their own (`ig`, not `night`), still led by literals: the boundary before a
# word is asserted after its letters.
_CUE_HINT: Final = "|".join(
    f"{w}(?<![a-z]{w})(?![a-z])" if w.isascii() else w
    for w in sorted(_CUE_PLATFORM, key=len, reverse=True)
)
# Whatever any extractor here needs to run at all, in patterns of literal-led parts: each
# with few first characters, so that `re` skips to them in C (one alternation of them all
# starts with `@`, `.`, `:`, `a`, a space and the cues' letters: most characters).
_SPELT_WORD_HINT: Final = re.compile(r"at\s*[\])}>]|at (?:" + _PROVIDERS + r")")
_CUE_WORD_HINT: Final = re.compile(_CUE_HINT)
_MAIL_DOMAIN: Final = re.compile(r"\.(?:com|in|net|org|co|me)$")


def find_emails(text: str) -> list[Mention]:
    """E-mail addresses, also spelt out (`riya [at] gmail [dot] com`), lower-cased."""
    lower = lowered(text)
    found = []
    at = lower.find("@")
    while at >= 0:
        local = _EMAIL_LOCAL.search(lower, max(0, at - 64), at)
        domain = _EMAIL_DOMAIN.match(lower, at + 1)
        if local is not None and domain is not None:
            start, end = local.start(), domain.end()
            found.append(Mention(MentionKind.EMAIL, lower[start:end], start, end, 0.95, "email",
                                 text[start:end]))
        at = lower.find("@", at + 1)
    if _SPELT_HINT.search(lower):
        taken = {m.start for m in found}
        for m in _SPELT_EMAIL.finditer(lower):
            if m.start() not in taken:
                found.append(_spelt_email(text, m))
        found.sort(key=lambda m: m.start)
    return found


def find_urls(text: str) -> list[Mention]:
    """Web links, normalised without scheme and `www.` (host lower-cased, path kept)."""
    lower = lowered(text)
    found: list[Mention] = []
    done = 0  # links are read token by token (between spaces), each token once
    for hint in _URL_HINT.finditer(lower):
        if hint.start() < done:
            continue
        start = max(done, _token_start(lower, hint.start()))
        space = _SPACE.search(lower, hint.end())
        done = space.start() if space else len(lower)
        for match in _URL.finditer(lower, start, done):
            raw = text[match.start() : match.end()].rstrip(_URL_TRAILING)
            value = _normal_url(raw)
            if value and not _PHONE_LINK.match(value.lower()):
                begin = match.start()
                found.append(
                    Mention(MentionKind.URL, value, begin, begin + len(raw), 0.9, "url", raw)
                )
    return found


def find_accounts(text: str) -> list[Mention]:
    """Social media accounts as `platform:handle`, from profile links and cued handles."""
    lower = lowered(text)
    found: list[Mention] = []
    if "/" in text:
        found += _profile_accounts(text, lower)
    if "@" in text:
        found += _at_accounts(text, lower)
    cues = [c for c in _CUE.finditer(lower) if _is_word(lower, c.start(), c.end())]
    if cues:
        taken = {m.start for m in found}
        found += [m for m in _cued_names(text, lower, cues) if m.start not in taken]
        found.sort(key=lambda m: m.start)
    return found


def find_identifiers(text: str) -> list[Mention]:
    """E-mails, URLs and accounts together, by start; one scan skips texts with none.

    Each extractor runs only where its anchors may be, as the scan found them: e-mails need
    an `@` or a spelt-out `at` (`_SPELT_HINT`'s other parts hold an `@`), links a URL hint,
    accounts a path, an `@` or a cue word that stands alone (every cue `find_accounts` would
    take is one `_CUE_WORD_HINT` finds). Most texts that name one kind name no other.
    """
    lower = lowered(text)
    at = "@" in lower
    path = "/" in lower
    urls = _URL_HINT.search(lower) is not None
    spelt = _SPELT_WORD_HINT.search(lower) is not None
    # Cue words are looked for once, and only where they decide whether to read on or
    # whether to look for accounts.
    cued = not (at or path and (urls or spelt)) and _CUE_WORD_HINT.search(lower) is not None
    if not (at or urls or spelt or cued):
        return []
    found = find_emails(text) if at or spelt else []
    if urls:
        found += find_urls(text)
    if at or path or cued:
        found += find_accounts(text)
    found.sort(key=lambda m: m.start)
    return found


def _spelt_email(text: str, match: re.Match[str]) -> Mention:
    """A spelt-out address, rebuilt into its ordinary form."""
    domain = match.group("domain") or match.group("provider")
    labels = [p for p in _SPELT_SEPARATOR.split(domain) if p]
    address = f"{match.group('local')}@{'.'.join(labels)}.{match.group('tld')}"
    start, end = match.span()
    return Mention(MentionKind.EMAIL, address, start, end, 0.8, "email_spelt", text[start:end])


def _token_start(lower: str, position: int) -> int:
    """Where the whitespace-separated token holding a position begins."""
    return max(lower.rfind(" ", 0, position), lower.rfind("\n", 0, position),
               lower.rfind("\t", 0, position)) + 1


def _normal_url(raw: str) -> str:
    """A URL without scheme, `www.` and trailing slash, its host lower-cased."""
    rest = raw.split("://", 1)[1] if "://" in raw[:8] else raw
    host, slash, path = rest.partition("/")
    host = host.lower().removeprefix("www.")
    return (host + slash + path).rstrip("/")


def _profile_accounts(text: str, lower: str) -> list[Mention]:
    """Accounts named by a profile link."""
    found = []
    for match in _PROFILE.finditer(lower):
        start = _link_start(lower, match.start())
        if start is None:
            continue
        platform = _HOSTS[match.group("host")]
        group = "handle"
        segment = match.group(group)
        if platform == "facebook" and segment == "profile.php":
            group = "id"
        elif segment in _ACCOUNT_FOLLOWS.get(platform, ()):
            group = "next"
        elif segment in _RESERVED[platform]:
            continue
        handle = _clean_handle(platform, match.group(group) or "")
        if handle:
            end = match.start(group) + len(handle)
            found.append(_account(text, platform, handle, start, end, 0.95, "profile_link"))
    return found


def _link_start(lower: str, host: int) -> int | None:
    """Where a profile link begins (its scheme or `www.`), None when the host is part of
    another name (`pic.twitter.com`, `netflix.com`)."""
    prefix = _HOST_PREFIX.search(lower, max(0, host - 20), host)
    start = prefix.start() if prefix is not None else host
    if start and (lower[start - 1].isalnum() or lower[start - 1] in "._-"):
        return None
    return start


def _at_accounts(text: str, lower: str) -> list[Mention]:
    """`@handle` mentions, placed on a platform by the cue word just before them."""
    found = []
    bylines = {m.start("at") for m in _EMBED_BYLINE.finditer(lower)} if "(@" in lower else None
    for match in _AT_HANDLE.finditer(lower):
        handle = match.group("handle")
        if _MAIL_DOMAIN.search(handle) or handle.isdigit():
            continue  # `mail me @gmail.com`, `rates @2000`
        if bylines and match.start() in bylines:
            continue  # who posted a tweet a report quotes: a newsroom, not a party to it
        start = match.start()
        platform = _cue_before(text, lower, start)
        confidence, rule = (0.5, "bare_handle") if platform == "handle" else (0.9, "cued_handle")
        handle = _clean_handle(platform, handle)
        if handle:
            found.append(_account(text, platform, handle, start, start + 1 + len(handle),
                                  confidence, rule))
    return found


def _cue_before(text: str, lower: str, start: int) -> str:
    """The platform named just before a position, or `handle` when none is."""
    window = max(0, start - 40)
    platform = "handle"
    for cue in _CUE.finditer(lower, window, start):
        filler = lower[cue.end() : start]
        if (_is_word(lower, cue.start(), cue.end()) and len(filler) <= _CUE_FILLER
                and "@" not in filler and "\n" not in filler):
            platform = _CUE_PLATFORM[cue.group()]  # the last cue before the handle wins
    if platform == "handle" and _X_BEFORE.search(text, window, start):
        return "twitter"
    return platform


def _cued_names(text: str, lower: str, cues: list[re.Match[str]]) -> list[Mention]:
    """Handles written without `@` right after a platform cue and a colon or `id`."""
    found = []
    for cue in cues:
        match = _CUE_NAME.match(lower, cue.end())
        if match is None:
            continue
        platform = _CUE_PLATFORM[cue.group()]
        written = match.group("handle").rstrip(".")
        handle = _clean_handle(platform, written)
        # A name the platform would not allow (`pic.twitter` after `Twitter`) is no handle.
        if handle == written and not handle.replace(".", "").isdigit():
            start = match.start("handle")
            found.append(_account(text, platform, handle, start, start + len(handle), 0.7,
                                  "cued_name"))
    return found


def _is_word(lower: str, start: int, end: int) -> bool:
    """True when a cue stands as a word of its own, not inside one (`big`, `telephone`)."""
    before = lower[start - 1] if start else " "
    after = lower[end] if end < len(lower) else " "
    return not (before.isalpha() or after.isalpha() or _is_sign(before) or _is_sign(after))


def _is_sign(char: str) -> bool:
    """Devanagari vowel signs and viramas, which are no letters to `isalpha`."""
    return "\u0900" <= char <= "\u0963" and not char.isalpha()


def _clean_handle(platform: str, handle: str) -> str:
    """The handle cut at the first character the platform does not allow, no final dot."""
    allowed = _HANDLE_CHARS[platform].match(handle)
    return allowed.group().rstrip(".") if allowed else ""


def _account(
    text: str, platform: str, handle: str, start: int, end: int, confidence: float, rule: str
) -> Mention:
    """An account mention spanning what was written."""
    return Mention(MentionKind.ACCOUNT, f"{platform}:{handle}", start, end, confidence, rule,
                   text[start:end])
