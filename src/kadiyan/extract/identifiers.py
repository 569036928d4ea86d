"""E-mail addresses, URLs and social media accounts in free text.

Accounts are `platform:handle` with the handle lower-cased (platforms treat handles
case-insensitively, so `@Riya_VIP` and `@riya_vip` are one account). A platform is known
from a profile link (`instagram.com/x`, `t.me/x`, `x.com/x`) or from a cue word just
before the handle (`Insta @x`, `Telegram: @x`, `X (@x)`, `insta id - x_22`); a bare
`@handle` is kept as `handle:x` with a low confidence, for an analyst to place.

Most texts hold none of these, so every extractor first asks a cheap question of the text
(is there an `@`, a `.com`, a profile host?) and runs its full pattern only when it must.
"""

from __future__ import annotations

import re

from kadiyan.extract.casing import lowered
from kadiyan.model import Mention, MentionKind

__all__ = ["find_accounts", "find_emails", "find_urls"]

_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_EMAIL = re.compile(
    r"(?<![\w.%+-])[a-z0-9][a-z0-9._%+-]{0,63}@" + _LABEL + r"(?:\." + _LABEL + r")*"
    r"\.[a-z]{2,24}(?![\w-])"
)
# Spelt-out addresses: `riya [at] gmail [dot] com`, `riya(at)gmail.com`, `riya @ gmail.com`,
# `riya at gmail dot com`. A plain `at` counts only before a known mail provider, so
# `meet at hotel dot com` is no address.
_PROVIDERS = (
    "gmail|googlemail|yahoo|ymail|hotmail|outlook|live|rediffmail|rediff|protonmail|proton|"
    "icloud|aol|zoho|yandex|mail"
)
_AT = r"(?:\s*[\[({<]\s*at\s*[\])}>]\s*|\s*@\s+|\s+@\s*)"
_DOT = r"(?:\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+|\.)"
_SPELT_EMAIL = re.compile(
    r"(?<![\w.%+-])(?P<local>[a-z0-9][a-z0-9._%+-]{0,63})"
    r"(?:" + _AT + r"(?P<domain>" + _LABEL + r"(?:" + _DOT + _LABEL + r")*?)"
    r"|\s+at\s+(?P<provider>(?:" + _PROVIDERS + r")(?:" + _DOT + _LABEL + r")*?))"
    + _DOT + r"(?P<tld>com|in|net|org|co\.in|co|info|me|io)(?![\w-])"
)
_SPELT_HINT = re.compile(r"at\s*[\])}>]| at (?:" + _PROVIDERS + r")| @|@ ")
_SPELT_SEPARATOR = re.compile(r"\s*(?:[\[({<]\s*(?:at|dot)\s*[\])}>]|\s(?:at|dot)\s|@|\.)\s*")

_TLDS = (
    "com|in|net|org|me|ly|co|io|info|biz|xyz|app|site|online|top|club|live|tv|us|uk|ru|to|"
    "gl|gg|link|page|vip|fun|shop|store|blog|gov|edu|ac|nic|am|dog|cc|ws|pk|bd|np|lk"
)
_URL_HINT = re.compile(r"\.(?:" + _TLDS + r")(?![a-z0-9-])|://")
_URL = re.compile(
    r"(?<![\w@.\-/])(?:"
    r"(?:https?://|www\.)[^\s<>\"'`]+"
    r"|(?:" + _LABEL + r"\.)+(?:" + _TLDS + r")(?![\w@-])(?::\d{1,5})?(?:/[^\s<>\"'`]*)?"
    r")"
)
_URL_TRAILING = ".,;:!?'\")]}>…।"
# WhatsApp click-to-chat links are phone numbers (phones.py reads them), not web pages.
_PHONE_LINK = re.compile(r"(?:wa\.me/|(?:api\.)?whatsapp\.com/send)")

_PROFILE_HINT = re.compile(
    r"(?:instagram\.com|instagr\.am|t\.me|telegram\.me|telegram\.dog|twitter\.com|x\.com"
    r"|facebook\.com|fb\.com|fb\.me|snapchat\.com/add)/"
)
_PROFILE = re.compile(
    r"(?<![\w.\-])(?:https?://)?(?:www\.|m\.|mobile\.|web\.)?"
    r"(?:(?P<instagram>instagram\.com|instagr\.am)|(?P<telegram>t\.me|telegram\.me|telegram\.dog)"
    r"|(?P<twitter>twitter\.com|x\.com)|(?P<facebook>facebook\.com|fb\.com|fb\.me)"
    r"|(?P<snapchat>snapchat\.com/add))"
    r"/@?(?P<handle>[a-z0-9_.]{1,64})(?:/(?P<next>[a-z0-9_.]{1,64}))?"
    r"(?:\?id=(?P<id>\d{5,20}))?"
)
# First path segments that are pages of the site, not accounts; after some of them the
# account follows (`instagram.com/stories/NAME`, `t.me/s/NAME`).
_RESERVED = {
    "instagram": {"p", "reel", "reels", "tv", "explore", "accounts", "direct", "about"},
    "telegram": {"joinchat", "addstickers", "share", "c", "proxy", "iv", "addlist"},
    "twitter": {"i", "home", "search", "hashtag", "intent", "share", "explore", "settings",
                "messages", "notifications", "compose", "tos", "privacy"},
    "facebook": {"groups", "pages", "sharer", "sharer.php", "watch", "share", "events",
                 "marketplace", "permalink.php", "story.php", "photo.php", "photo", "login",
                 "help", "policies", "reel", "hashtag", "dialog"},
    "snapchat": set(),
}
_ACCOUNT_FOLLOWS = {"instagram": {"stories"}, "telegram": {"s"}, "facebook": {"people"}}
# What each platform allows in a handle; a handle is cut at the first other character.
_HANDLE_CHARS = {
    "instagram": re.compile(r"[a-z0-9_.]+"), "facebook": re.compile(r"[a-z0-9_.]+"),
    "telegram": re.compile(r"[a-z0-9_]+"), "twitter": re.compile(r"[a-z0-9_]+"),
    "snapchat": re.compile(r"[a-z0-9_.\-]+"), "handle": re.compile(r"[a-z0-9_.]+"),
}

_AT_HANDLE = re.compile(r"(?<![\w@./+\-])@(?P<handle>[a-z0-9_](?:[a-z0-9_.]*[a-z0-9_])?)")
_CUE_WORDS = {
    "instagram": "instagram|insta|ig|इंस्टाग्राम|इंस्टा",
    "telegram": "telegram|tele|tg|टेलीग्राम|टेलिग्राम",
    "twitter": "twitter|ट्विटर",
    "facebook": "facebook|fb|फेसबुक",
    "snapchat": "snapchat|snap",
}
_CUE = r"(?:" + "|".join(f"(?P<{p}>{w})" for p, w in _CUE_WORDS.items()) + r")"
# A cue and at most a few words of filler before the handle (`Insta id: @x`, `Telegram
# channel @x`); the greedy `.*` makes the last cue before the handle win.
_CUE_BEFORE = re.compile(r"(?s).*(?<![a-z])" + _CUE + r"(?![a-z])[^@\n]{0,16}$")
# `X` is a cue only as a capital letter on its own (`on X (@x)`), so it is read in the
# original text.
_X_BEFORE = re.compile(r"(?<![A-Za-z])X(?![A-Za-z])[\s:(\-]{0,3}$")
# A cue, then maybe `id` or `:`, and a handle with no `@` (`insta id - riya_vip_22`); the
# handle must look like one (a letter and a `_`, `.` or digit), so `Insta: DM only` and
# `IG 2.0` are no accounts.
_CUE_NAME = re.compile(
    r"(?<![a-z])" + _CUE + r"(?![a-z])"
    r"\s*(?:id|handle|username|user name|account|page|channel)?\s*[:=\-–>]*\s*"
    r"(?P<handle>(?=[a-z0-9_.]*[a-z])[a-z0-9_.]*[_.\d][a-z0-9_.]*)(?![\w@/]|\.\w)"
)
# Alternatives led by literals let `re` skip ahead; the precise pattern runs only on a hit.
_CUE_NAME_HINT = re.compile(
    r"insta|ig\b|tele|tg\b|twitter|facebook|fb\b|snap|इंस्टा|टेली|टेलि|ट्विटर|फेसबुक"
)
_MAIL_DOMAIN = re.compile(r"\.(?:com|in|net|org|co|me)$")


def find_emails(text: str) -> list[Mention]:
    """E-mail addresses, also spelt out (`riya [at] gmail [dot] com`), lower-cased."""
    lower = lowered(text)
    found = []
    if "@" in text:
        found = [
            Mention(MentionKind.EMAIL, m.group(), m.start(), m.end(), 0.95, "email",
                    text[m.start() : m.end()])
            for m in _EMAIL.finditer(lower)
        ]
    if _SPELT_HINT.search(lower):
        taken = {m.start for m in found}
        for m in _SPELT_EMAIL.finditer(lower):
            if m.start() not in taken and not _EMAIL.fullmatch(m.group()):
                found.append(_spelt_email(text, m))
        found.sort(key=lambda m: m.start)
    return found


def find_urls(text: str) -> list[Mention]:
    """Web links, normalised without scheme and `www.` (host lower-cased, path kept)."""
    if not _URL_HINT.search(lowered(text)):
        return []
    found = []
    for match in _URL.finditer(text):
        raw = match.group().rstrip(_URL_TRAILING)
        value = _normal_url(raw)
        if value and not _PHONE_LINK.match(value.lower()):
            start = match.start()
            found.append(Mention(MentionKind.URL, value, start, start + len(raw), 0.9, "url", raw))
    return found


def find_accounts(text: str) -> list[Mention]:
    """Social media accounts as `platform:handle`, from profile links and cued handles."""
    lower = lowered(text)
    found: list[Mention] = []
    if "/" in text and _PROFILE_HINT.search(lower):
        found += _profile_accounts(text, lower)
    if "@" in text:
        found += _at_accounts(text, lower)
    if _CUE_NAME_HINT.search(lower):
        taken = {m.start for m in found}
        found += [m for m in _cued_names(text, lower) if m.start not in taken]
        found.sort(key=lambda m: m.start)
    return found


def _spelt_email(text: str, match: re.Match[str]) -> Mention:
    """A spelt-out address, rebuilt into its ordinary form."""
    domain = match.group("domain") or match.group("provider")
    labels = [p for p in _SPELT_SEPARATOR.split(domain) if p]
    address = f"{match.group('local')}@{'.'.join(labels)}.{match.group('tld')}"
    start, end = match.span()
    return Mention(MentionKind.EMAIL, address, start, end, 0.8, "email_spelt", text[start:end])


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
        platform = _platform(match)
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
            found.append(_account(text, platform, handle, match.start(), end, 0.95, "profile_link"))
    return found


def _at_accounts(text: str, lower: str) -> list[Mention]:
    """`@handle` mentions, placed on a platform by the cue word just before them."""
    found = []
    for match in _AT_HANDLE.finditer(lower):
        handle = match.group("handle")
        if _MAIL_DOMAIN.search(handle) or handle.isdigit():
            continue  # `mail me @gmail.com`, `rates @2000`
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
    cue = _CUE_BEFORE.match(lower, window, start)
    if cue is not None:
        return _platform(cue)
    return "twitter" if _X_BEFORE.search(text, window, start) else "handle"


def _cued_names(text: str, lower: str) -> list[Mention]:
    """Handles written without `@` right after a platform cue and a colon or `id`."""
    found = []
    for match in _CUE_NAME.finditer(lower):
        platform = _platform(match)
        written = match.group("handle").rstrip(".")
        handle = _clean_handle(platform, written)
        # A name the platform would not allow (`pic.twitter` after `Twitter`) is no handle.
        if handle == written and not handle.replace(".", "").isdigit():
            start = match.start("handle")
            found.append(_account(text, platform, handle, start, start + len(handle), 0.7,
                                  "cued_name"))
    return found


def _platform(match: re.Match[str]) -> str:
    """The platform whose alternative (a host or a cue word) matched."""
    return next(p for p in _RESERVED if match.group(p))


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
