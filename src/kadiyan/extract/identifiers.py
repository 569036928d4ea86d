"""E-mail addresses, URLs and social media accounts in free text.

Accounts are `platform:handle` with the handle lower-cased (platforms treat handles
case-insensitively, so `@Riya_VIP` and `@riya_vip` are one account). A platform is known
from a profile link (`instagram.com/x`, `t.me/x`, `x.com/x`) or from a cue word just
before an `@handle` (`Insta @x`, `Telegram: @x`, `X (@x)`); a bare `@handle` is kept as
`handle:x` with a low confidence, for an analyst to place.
"""

from __future__ import annotations

import re

from kadiyan.model import Mention, MentionKind

__all__ = ["find_accounts", "find_emails", "find_urls"]

_DOMAIN = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(
    r"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"
    + _DOMAIN + r"(?:\." + _DOMAIN + r")*\.[A-Za-z]{2,24}(?![\w-])"
)
# `riya [at] gmail [dot] com`, `riya(at)gmail.com`, `riya at gmail dot com`: spelt-out `at`
# only counts before a known mail provider, so `meet at hotel dot com` is not an address.
_PROVIDERS = r"(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|rediffmail|rediff|" \
    r"protonmail|proton|icloud|aol|zoho|yandex|mail)"
_AT = r"(?:\s*[\[({<]\s*at\s*[\])}>]\s*|\s*@\s+|\s+@\s*)"
_DOT = r"(?:\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+|\.)"
_SPELT_EMAIL = re.compile(
    r"(?i)(?<![\w.%+-])(?P<local>[a-z0-9][a-z0-9._%+-]{0,63})"
    r"(?:" + _AT + r"(?P<domain>" + _DOMAIN + r"(?:" + _DOT + _DOMAIN + r")*?)"
    r"|\s+at\s+(?P<provider>" + _PROVIDERS + r"(?:" + _DOT + _DOMAIN + r")*?))"
    + _DOT + r"(?P<tld>com|in|net|org|co\.in|co|info|me|io)(?![\w-])"
)
_SPELT_HINT = re.compile(r"(?i)[\[({<]\s*at\s*[\])}>]|\s@|@\s|\sat\s+" + _PROVIDERS)
_SEPARATORS = re.compile(r"(?i)\s*(?:[\[({<]\s*(?:at|dot)\s*[\])}>]|\s(?:at|dot)\s|@|\.)\s*")

_TLDS = (
    "com|in|net|org|me|ly|co|io|info|biz|xyz|app|site|online|top|club|live|tv|us|uk|ru|to|"
    "gl|gg|link|page|vip|fun|shop|store|blog|gov|edu|ac|nic|am|dog|cc|ws|pk|bd|np|lk"
)
_URL = re.compile(
    r"(?i)(?<![\w@.\-/])(?:"
    r"(?:https?://|www\.)[^\s<>\"'`]+"
    r"|(?:" + _DOMAIN + r"\.)+(?:" + _TLDS + r")(?![\w@-])(?::\d{1,5})?(?:/[^\s<>\"'`]*)?"
    r")"
)
_URL_TRAILING = ".,;:!?'\")]}>…।"
# WhatsApp click-to-chat links are phone numbers (phones.py reads them), not web pages.
_PHONE_LINK = re.compile(r"(?i)^(?:wa\.me/|(?:api\.)?whatsapp\.com/send)")

_PROFILE = re.compile(
    r"(?i)(?<![\w.\-])(?:https?://)?(?:www\.|m\.|mobile\.|web\.)?"
    r"(?:(?P<instagram>instagram\.com|instagr\.am)|(?P<telegram>t\.me|telegram\.me|telegram\.dog)"
    r"|(?P<twitter>twitter\.com|x\.com)|(?P<facebook>facebook\.com|fb\.com|fb\.me)"
    r"|(?P<snapchat>snapchat\.com/add))"
    r"/@?(?P<handle>[A-Za-z0-9_.]{1,64})(?:/(?P<next>[A-Za-z0-9_.]{1,64}))?"
    r"(?:\?id=(?P<id>\d{5,20}))?"
)
# First path segments that are pages of the site, not accounts; for some the account
# follows (`instagram.com/stories/NAME`, `t.me/s/NAME`).
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
_HANDLE_CHARS = {
    "instagram": re.compile(r"[a-z0-9_.]+"), "facebook": re.compile(r"[a-z0-9_.]+"),
    "telegram": re.compile(r"[a-z0-9_]+"), "twitter": re.compile(r"[a-z0-9_]+"),
    "snapchat": re.compile(r"[a-z0-9_.\-]+"),
}

_AT_HANDLE = re.compile(r"(?<![\w@./+\-])@(?P<handle>[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)")
_CUE_WORDS = {
    "instagram": "instagram|insta|ig|इंस्टाग्राम|इंस्टा",
    "telegram": "telegram|tele|tg|टेलीग्राम|टेलिग्राम",
    "twitter": "twitter|ट्विटर",
    "facebook": "facebook|fb|फेसबुक",
    "snapchat": "snapchat|snap",
}
# A cue and at most a few words of filler before the handle (`Insta id: @x`,
# `Telegram channel @x`); the last cue before the handle wins.
_CUE_BEFORE = re.compile(
    r"(?is).*(?<![a-z])(?:"
    + "|".join(f"(?P<{p}>{w})" for p, w in _CUE_WORDS.items())
    + r"|(?-i:(?P<x>X)))(?![a-z])[^@\n]{0,16}$"
)
# A cue followed by `:` or `id` and a handle with no `@` (`insta id - riya_vip_22`); the
# handle must look like one (a `_`, `.` or digit), so `Insta: DM only` is no account.
_CUE_NO_AT = re.compile(
    r"(?i)(?<![a-z])(?:" + "|".join(f"(?P<{p}>{w})" for p, w in _CUE_WORDS.items()) + r")"
    r"\s*(?:id|handle|username|user ?name|account|page|channel)?\s*[:=\-–>]+\s*"
    r"(?P<handle>[a-z0-9_.]*[_.\d][a-z0-9_.]*)(?![\w@])"
)
_EMAILISH = re.compile(r"(?i)\.(?:com|in|net|org|co|me)$")
_NO_CUE_HINT = re.compile(r"(?i)instagram|insta|ig|tele|tg|twitter|facebook|fb|snap|ट्विटर|"
                          r"इंस्टा|टेली|फेसबुक")


def find_emails(text: str) -> list[Mention]:
    """E-mail addresses, also spelt out (`riya [at] gmail [dot] com`), lower-cased."""
    if "@" not in text and "at" not in text.lower():
        return []
    found = [
        Mention(MentionKind.EMAIL, m.group().lower(), m.start(), m.end(), 0.95, "email",
                m.group())
        for m in _EMAIL.finditer(text)
    ]
    if _SPELT_HINT.search(text):
        taken = {(m.start, m.end) for m in found}
        for m in _SPELT_EMAIL.finditer(text):
            if (m.start(), m.end()) not in taken and not _EMAIL.fullmatch(m.group()):
                found.append(_spelt_email(m))
        found.sort(key=lambda m: m.start)
    return found


def find_urls(text: str) -> list[Mention]:
    """Web links, normalised without scheme and `www.` (host lower-cased, path kept)."""
    if "." not in text:
        return []
    found = []
    for match in _URL.finditer(text):
        raw = match.group().rstrip(_URL_TRAILING)
        value = _normal_url(raw)
        if value and not _PHONE_LINK.match(value):
            start = match.start()
            found.append(Mention(MentionKind.URL, value, start, start + len(raw), 0.9, "url", raw))
    return found


def find_accounts(text: str) -> list[Mention]:
    """Social media accounts as `platform:handle`, from profile links and cued handles."""
    found: list[Mention] = []
    if "/" in text:
        found += _profile_accounts(text)
    if "@" in text:
        found += _at_accounts(text)
    if _NO_CUE_HINT.search(text):
        taken = {m.start for m in found}
        found += [m for m in _cued_accounts(text) if m.start not in taken]
    found.sort(key=lambda m: m.start)
    return found


def _spelt_email(match: re.Match[str]) -> Mention:
    """A spelt-out address, rebuilt into its ordinary form."""
    domain = match.group("domain") or match.group("provider")
    labels = [p for p in _SEPARATORS.split(domain) if p]
    address = f"{match.group('local')}@{'.'.join(labels)}.{match.group('tld')}".lower()
    return Mention(MentionKind.EMAIL, address, match.start(), match.end(), 0.8, "email_spelt",
                   match.group())


def _normal_url(raw: str) -> str:
    """A URL without scheme, `www.` and trailing slash, its host lower-cased."""
    rest = raw.split("://", 1)[1] if "://" in raw[:8] else raw
    host, slash, path = rest.partition("/")
    host = host.lower().removeprefix("www.")
    return (host + slash + path).rstrip("/")


def _profile_accounts(text: str) -> list[Mention]:
    """Accounts named by a profile link."""
    found = []
    for match in _PROFILE.finditer(text):
        platform = _platform(match)
        group = "handle"
        lowered = match.group(group).lower()
        if platform == "facebook" and lowered == "profile.php":
            group = "id"
        elif lowered in _ACCOUNT_FOLLOWS.get(platform, ()):
            group = "next"
        elif lowered in _RESERVED[platform]:
            continue
        handle = _clean_handle(platform, match.group(group) or "")
        if handle:
            end = match.start(group) + len(handle)
            found.append(_account(text, platform, handle, match.start(), end, 0.95, "profile_link"))
    return found


def _platform(match: re.Match[str]) -> str:
    """The platform whose alternative (a host or a cue word) matched."""
    return next(p for p in _RESERVED if match.group(p))


def _at_accounts(text: str) -> list[Mention]:
    """`@handle` mentions, placed on a platform by the cue word just before them."""
    found = []
    for match in _AT_HANDLE.finditer(text):
        handle = match.group("handle")
        if _EMAILISH.search(handle):
            continue
        start = match.start()
        cue = _CUE_BEFORE.match(text, max(0, start - 40), start)
        if cue is None:
            platform, confidence, rule = "handle", 0.5, "bare_handle"
        else:
            platform = "twitter" if cue.lastgroup == "x" else str(cue.lastgroup)
            confidence, rule = 0.9, "cued_handle"
        handle = _clean_handle(platform, handle)
        if handle:
            end = start + 1 + len(handle)
            found.append(_account(text, platform, handle, start, end, confidence, rule))
    return found


def _cued_accounts(text: str) -> list[Mention]:
    """Handles written without `@` right after a platform cue and a colon or `id`."""
    found = []
    for match in _CUE_NO_AT.finditer(text):
        platform = _platform(match)
        handle = _clean_handle(platform, match.group("handle"))
        if handle and not handle.replace(".", "").isdigit():
            start = match.start("handle")
            end = start + len(handle)
            found.append(_account(text, platform, handle, start, end, 0.7, "cued_name"))
    return found


def _clean_handle(platform: str, handle: str) -> str:
    """The handle lower-cased, cut at the first character the platform does not allow."""
    chars = _HANDLE_CHARS.get(platform)
    lowered = handle.lower()
    if chars is not None:
        allowed = chars.match(lowered)
        lowered = allowed.group() if allowed else ""
    return lowered.rstrip(".")


def _account(
    text: str, platform: str, handle: str, start: int, end: int, confidence: float, rule: str
) -> Mention:
    """An account mention spanning what was written."""
    return Mention(MentionKind.ACCOUNT, f"{platform}:{handle}", start, end, confidence, rule,
                   text[start:end])
