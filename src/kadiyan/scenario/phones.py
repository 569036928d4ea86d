"""Indian mobile numbers, the ways ads hide them, and handles and e-mails.

Numbers are 10-digit national strings internally (`9876543210`) and E.164 in the truth file.
Every style in `STYLES` writes a number so that a careful extractor can recover it; the
styles are the ones documented in the project's evaluation README.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Container
from functools import cache

import phonenumbers

DEVA_DIGITS = "०१२३४५६७८९"
EN_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
HI_WORDS = ("शून्य", "एक", "दो", "तीन", "चार", "पाँच", "छह", "सात", "आठ", "नौ")
KEYCAP = "\ufe0f\u20e3"
_TO_DEVA = str.maketrans("0123456789", DEVA_DIGITS)


@cache
def _mobile_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    md = phonenumbers.PhoneMetadata.metadata_for_region("IN")
    assert md is not None and md.general_desc is not None and md.mobile is not None
    general, mobile = md.general_desc.national_number_pattern, md.mobile.national_number_pattern
    assert general and mobile
    return re.compile(general), re.compile(mobile)


def is_mobile(national: str) -> bool:
    """True for a 10-digit Indian number that libphonenumber types as a valid mobile.

    The metadata regexes are what `phonenumbers.is_valid_number` applies; matching them
    directly is ~20x faster, which matters for millions of numbers.
    """
    general, mobile = _mobile_patterns()
    return (
        len(national) == 10
        and bool(general.fullmatch(national))
        and bool(mobile.fullmatch(national))
    )


def draw_mobile(rng: random.Random, avoid: Container[str] = ()) -> str:
    """A random valid Indian mobile number (10 digits, 6-9 first) not in `avoid`."""
    while True:
        national = str(rng.randrange(6_000_000_000, 10_000_000_000))
        if is_mobile(national) and national not in avoid:
            return national


def e164(national: str) -> str:
    """`+919876543210` for `9876543210`."""
    return "+91" + national


# --- ways ads write a number -------------------------------------------------------------


def _plain(d: str, rng: random.Random) -> str:
    return d


def _grouped(d: str, rng: random.Random) -> str:
    return f"{d[:5]}{rng.choice((' ', '-'))}{d[5:]}"


def _grouped_433(d: str, rng: random.Random) -> str:
    sep = rng.choice(("-", " "))
    return f"{d[:4]}{sep}{d[4:7]}{sep}{d[7:]}"


def _pairs(d: str, rng: random.Random) -> str:
    return rng.choice(("-", " ", ".")).join(d[i : i + 2] for i in range(0, 10, 2))


def _dotted(d: str, rng: random.Random) -> str:
    return ".".join(d)


def _spaced(d: str, rng: random.Random) -> str:
    return " ".join(d)


def _plus91(d: str, rng: random.Random) -> str:
    return rng.choice(
        (f"+91 {d[:5]} {d[5:]}", f"+91-{d}", f"+91 {d}", f"+91{d}", f"+91 {' '.join(d)}")
    )


def _intl_zero(d: str, rng: random.Random) -> str:
    return rng.choice((f"0091 {d}", f"0091-{d[:5]}-{d[5:]}", f"0091 {d[:4]} {d[4:7]} {d[7:]}"))


def _trunk_zero(d: str, rng: random.Random) -> str:
    return rng.choice((f"0{d}", f"0-{d}", f"0 {' '.join(d)}", f"0{d[:5]} {d[5:]}"))


_LETTER_FOR = {"0": ("O", "o"), "1": ("l", "I")}


def _letters(d: str, rng: random.Random) -> str:
    spots = [i for i, c in enumerate(d) if c in _LETTER_FOR]
    if not spots:
        return _grouped(d, rng)
    chosen = set(rng.sample(spots, rng.randint(1, len(spots))))
    out = "".join(rng.choice(_LETTER_FOR[c]) if i in chosen else c for i, c in enumerate(d))
    return out if rng.random() < 0.6 else f"{out[:5]} {out[5:]}"


def _words_en(d: str, rng: random.Random) -> str:
    words = [EN_WORDS[int(c)] for c in d]
    if rng.random() < 0.2:
        words = [w.upper() if rng.random() < 0.5 else w for w in words]
    return rng.choice((" ", "-", " ")).join(words)


def _mixed(d: str, rng: random.Random) -> str:
    as_word = [rng.random() < 0.5 for _ in d]
    if all(as_word) or not any(as_word):
        as_word[rng.randrange(10)] ^= True
    return " ".join(EN_WORDS[int(c)] if w else c for c, w in zip(d, as_word, strict=True))


def _double_triple(d: str, rng: random.Random) -> str:
    runs: list[tuple[str, int]] = []
    for c in d:
        if runs and runs[-1][0] == c:
            runs[-1] = (c, runs[-1][1] + 1)
        else:
            runs.append((c, 1))
    if not any(n in (2, 3) for _, n in runs):
        return _mixed(d, rng)
    tokens: list[str] = []
    chunk = ""
    for c, n in runs:
        while n > 0:
            if n in (2, 3) or n > 3:
                take = 3 if n >= 3 and n != 4 else 2
                if chunk:
                    tokens.append(chunk)
                    chunk = ""
                tokens.append(f"{'double' if take == 2 else 'triple'} {c}")
                n -= take
            else:
                # Singles are written as digits, sometimes run together ("98 double 7").
                if chunk and rng.random() < 0.5:
                    tokens.append(chunk)
                    chunk = ""
                chunk += c
                n -= 1
    if chunk:
        tokens.append(chunk)
    return " ".join(tokens)


def _words_hi(d: str, rng: random.Random) -> str:
    return " ".join(HI_WORDS[int(c)] for c in d)


def _deva_digits(d: str, rng: random.Random) -> str:
    t = d.translate(_TO_DEVA)
    return rng.choice((t, f"{t[:5]} {t[5:]}", f"+९१ {t}"))


def _keycap(d: str, rng: random.Random) -> str:
    return "".join(c + KEYCAP for c in d)


def _wa_link(d: str, rng: random.Random) -> str:
    return rng.choice(
        (f"wa.me/91{d}", f"https://wa.me/91{d}", f"api.whatsapp.com/send?phone=91{d}")
    )


STYLES: dict[str, Callable[[str, random.Random], str]] = {
    "plain": _plain,
    "grouped": _grouped,
    "grouped_433": _grouped_433,
    "pairs": _pairs,
    "dotted": _dotted,
    "spaced": _spaced,
    "plus91": _plus91,
    "intl_zero": _intl_zero,
    "trunk_zero": _trunk_zero,
    "letters": _letters,
    "words_en": _words_en,
    "mixed": _mixed,
    "double_triple": _double_triple,
    "words_hi": _words_hi,
    "deva_digits": _deva_digits,
    "keycap": _keycap,
    "wa_link": _wa_link,
}

# Styles that read naturally in Hindi text; any style can appear in any ad, but Hindi ads
# lean on these.
HINDI_STYLES = ("words_hi", "deva_digits", "plain", "grouped", "spaced")
# Ordinary people posting classifieds mostly write numbers plainly.
BENIGN_STYLES = {
    "plain": 6,
    "grouped": 3,
    "plus91": 1.5,
    "trunk_zero": 1,
    "grouped_433": 0.5,
    "spaced": 0.3,
}


def obfuscate(national: str, style: str, rng: random.Random) -> str:
    """The number written in one of the `STYLES`."""
    return STYLES[style](national, rng)


def narrative_form(national: str, rng: random.Random, script: str) -> str:
    """How a police report writes a number: plainly, maybe spaced, maybe in Devanagari digits."""
    if script == "deva" and rng.random() < 0.4:
        t = national.translate(_TO_DEVA)
        return t if rng.random() < 0.6 else f"{t[:5]} {t[5:]}"
    return rng.choice(
        (
            national,
            national,
            national,
            f"+91-{national[:5]} {national[5:]}",
            f"+91 {national}",
            f"{national[:5]}-{national[5:]}",
        )
    )


def field_form(national: str, rng: random.Random) -> str:
    """How a form field (booking, missing report) holds a number as typed by a person."""
    r = rng.random()
    if r < 0.6:
        return national
    if r < 0.75:
        return "+91" + national
    if r < 0.85:
        return f"+91 {national[:5]} {national[5:]}"
    if r < 0.95:
        return "0" + national
    return "91-" + national


# --- handles and e-mails -----------------------------------------------------------------

PLATFORMS = ("instagram", "telegram", "twitter", "facebook")
_HANDLE_WORDS = (
    "vip",
    "models",
    "escorts",
    "girls",
    "queen",
    "hot",
    "babes",
    "night",
    "angels",
    "elite",
    "divas",
    "dreamgirls",
    "premium",
    "luxury",
)
_MAIL_DOMAINS = (
    "gmail.com",
    "gmail.com",
    "gmail.com",
    "yahoo.com",
    "yahoo.in",
    "outlook.com",
    "rediffmail.com",
    "hotmail.com",
    "proton.me",
)


def make_handle(rng: random.Random, platform: str, city: str, stage: str) -> str:
    """A handle valid on the platform, made of city, stage name and ad words."""
    city = re.sub(r"[^a-z]", "", city.lower())
    stage = stage.lower()
    parts = rng.sample(
        [city, stage, rng.choice(_HANDLE_WORDS), rng.choice(_HANDLE_WORDS)], k=rng.randint(2, 3)
    )
    if rng.random() < 0.5:
        parts.append(str(rng.randint(1, 999)))
    sep = {"instagram": rng.choice(("_", ".", "")), "facebook": rng.choice((".", ""))}.get(
        platform, rng.choice(("_", ""))
    )
    handle = sep.join(p for p in parts if p)
    if platform == "twitter":
        handle = handle[:15].rstrip("_")
    if len(handle) < 5:
        handle += (
            "_" + str(rng.randint(10, 99)) if platform != "facebook" else str(rng.randint(100, 999))
        )
    return handle


def write_handle(platform: str, handle: str, rng: random.Random) -> str:
    """How an ad writes a handle: `insta @h`, `instagram.com/h`, `t.me/h`, `x.com/h`..."""
    if platform == "instagram":
        return rng.choice(
            (
                f"insta @{handle}",
                f"Insta @{handle}",
                f"IG @{handle}",
                f"instagram @{handle}",
                f"instagram.com/{handle}",
                f"https://www.instagram.com/{handle}",
            )
        )
    if platform == "telegram":
        return rng.choice((f"t.me/{handle}", f"https://t.me/{handle}", f"Telegram t.me/{handle}"))
    if platform == "twitter":
        return rng.choice((f"x.com/{handle}", f"twitter.com/{handle}", f"https://x.com/{handle}"))
    return rng.choice((f"facebook.com/{handle}", f"https://www.facebook.com/{handle}"))


_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def make_email(rng: random.Random, *words: str) -> str:
    """A plausible mailbox built from words, e.g. `punevip.models@gmail.com`."""
    clean = [_NOT_ALNUM.sub("", w.lower()) for w in words if w]
    local = rng.choice((".", "_", "")).join(w for w in clean if w)
    if rng.random() < 0.5:
        local += str(rng.randint(1, 99))
    return f"{local}@{rng.choice(_MAIL_DOMAINS)}"
