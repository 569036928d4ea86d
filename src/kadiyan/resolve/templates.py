"""Ad templates: near-duplicate ads grouped with MinHash LSH, and what a template says.

An operation posts hundreds of ads from one to three templates whose slots change from
ad to ad (name, city, price, the phone and how it is written). An ad's shingles are word
bigrams of its text with everything number-like (phones however written, prices, ages),
links, handles and e-mails masked, so ads of one template share most shingles whatever
their slots say. Devanagari, emoji and punctuation stay: they are part of a template's
wording, and its opening (the emoji an ad starts with, or none) counts several times.

`TemplateIndex` clusters incrementally: a new ad's MinHash (datasketch's permutations,
applied with numpy) queries a `datasketch.MinHashLSH` of representative ads; candidates
sharing at least `threshold` of the signature pass, and the ad joins the template of the
nearest. Templates it is at least `merge_threshold` close to as well are merged into the
oldest, and the merge is recorded. An ad less than `represent_below` close to every
representative becomes one itself, so a template's variants stay findable without the
index holding every ad. Ids are stable: a template is `template:<its first ad id>`.
`cluster_templates` gives the same answer for a batch, signing in worker processes.

The defaults are measured on generated worlds with `kadiyan.bench.templates`; its
docstring has the figures behind each choice.
"""

from __future__ import annotations

import difflib
import math
import os
import re
import unicodedata
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH
from datasketch.hashfunc import sha1_hash32

# Chosen by measurement (kadiyan.bench.templates has the figures).
SHINGLE_WORDS = 2
FORMAT_WEIGHT = 8
NUM_PERM = 128
BANDS, ROWS = 8, 5
THRESHOLD = 0.7
MERGE_THRESHOLD = 0.8
REPRESENT_BELOW = 0.8
SEED = 1
SCHEME = "affine32"

NUM, LINK, HANDLE, EMAIL = "{num}", "{link}", "{handle}", "{email}"
_WORD = "\\w\u0900-\u097f"  # Devanagari vowel signs are not \w; a word keeps them
_EDGE_L, _EDGE_R = f"(?<![{_WORD}])", f"(?![{_WORD}])"
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine double triple "
    "शून्य एक दो तीन चार पाँच छह सात आठ नौ"
).split()
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LINK = re.compile(
    r"(?:https?://)?(?:www\.)?(?:[a-z0-9-]+\.)+(?:com|me|in|org|net|co|io|ly)(?:/[^\s,|]*)?"
)
_DOMAIN = re.compile(r"\.(?:com|me|in|org|net|co|io|ly)\b")
_HANDLE = re.compile(r"@[\w.]+")
# A digit-like atom: digits in any script, O/o and l/I standing in for 0 and 1, or a
# number word; a run of atoms with the separators phones are written with is one number.
_ATOM = f"(?:[oli]*\\d[\\doli]*|{'|'.join(_NUMBER_WORDS)})"
_NUMBER = re.compile(f"{_EDGE_L}{_ATOM}(?:[\\s\\-.+/,'x]*{_ATOM})*{_EDGE_R}")
_DIGIT_WORD = re.compile(r"\w*\d\w*")  # `256gb`, `m31`: what is left with a digit in it
_INVISIBLE = dict.fromkeys(map(ord, "\ufe0e\ufe0f\u20e3{}"))
_TOKEN = re.compile(f"\\{{\\w+\\}}|[{_WORD}]+|[^{_WORD}\\s]")
_OPENING = re.compile(f"[^{_WORD}\\s{{}}]+")
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`|~")


def normalise(text: str) -> str:
    """NFKC, case-folded, with the invisible marks of emoji and keycaps taken out."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_INVISIBLE)


def mask(text: str) -> str:
    """A normalised text with e-mails, links, handles and numbers written as slots."""
    # The cheap tests first: most ads have no e-mail, and a link needs a domain ending.
    if "@" in text:
        text = _HANDLE.sub(f" {HANDLE} ", _EMAIL.sub(f" {EMAIL} ", text))
    if _DOMAIN.search(text):
        text = _LINK.sub(f" {LINK} ", text)
    return _DIGIT_WORD.sub(NUM, _NUMBER.sub(f" {NUM} ", text))


def ad_tokens(text: str) -> list[str]:
    """The words, slots, emoji and punctuation of an ad, normalised and masked.

    A run of one punctuation mark is one token (`!!`): a template's separators are part
    of its wording.
    """
    tokens: list[str] = []
    last = ""
    for token in _TOKEN.findall(mask(normalise(text))):
        if token != last or token not in _PUNCTUATION:
            tokens.append(token)
        last = token
    return tokens


def ad_shingles(
    text: str, n: int = SHINGLE_WORDS, format_weight: int = FORMAT_WEIGHT
) -> set[str]:
    """Word n-grams of the masked ad, and its opening `format_weight` times over.

    The opening is the emoji or marks an ad starts with (none is an opening too): a
    template keeps it in every ad while operations sharing stock phrases differ in it, so
    it counts as much as several phrases. A text shorter than n words is one n-gram.
    """
    tokens = ad_tokens(text)
    if len(tokens) <= n:
        shingles = {" ".join(tokens)}
    else:
        shingles = {" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}
    opening = tokens[0] if tokens and _OPENING.fullmatch(tokens[0]) else ""
    shingles.update(f"^{opening}#{i}" for i in range(format_weight))
    return shingles


@lru_cache(maxsize=1 << 19)
def _shingle_hash(shingle: str) -> int:
    # The hash datasketch.MinHash applies by default; cached because templates repeat.
    return sha1_hash32(shingle.encode())


class Signer:
    """MinHash signatures equal to `datasketch.MinHash(num_perm, seed).update_batch`'s.

    The permutations are datasketch's own; applying them to many ads at once with numpy
    is what makes a million ads affordable.
    """

    def __init__(self, num_perm: int = NUM_PERM, seed: int = SEED) -> None:
        self.num_perm = num_perm
        self.seed = seed
        a, b = MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME).permutations
        self._a = a.astype(np.uint32)[:, None]
        self._b = b.astype(np.uint32)[:, None]

    def sign(self, shingles: Iterable[str]) -> np.ndarray:
        """The signature of one shingle set (uint32, one value per permutation)."""
        return self.sign_many([shingles])[0]

    def sign_many(self, shingle_sets: Sequence[Iterable[str]]) -> np.ndarray:
        """Signatures of many shingle sets, one row each."""
        hashes: list[int] = []
        starts = np.empty(len(shingle_sets), dtype=np.int64)
        for row, shingles in enumerate(shingle_sets):
            starts[row] = len(hashes)
            hashes += [_shingle_hash(s) for s in shingles] or [_shingle_hash("")]
        hv = _fmix32(np.array(hashes, dtype=np.uint32))
        out = np.empty((len(shingle_sets), self.num_perm), dtype=np.uint32)
        # Permutations by rows and small blocks of ads: the product stays in cache, and
        # the per-ad minimum runs along contiguous rows.
        block = 256
        for first in range(0, len(shingle_sets), block):
            last = min(first + block, len(shingle_sets))
            lo = int(starts[first])
            hi = int(starts[last]) if last < len(shingle_sets) else len(hashes)
            permuted = self._a * hv[lo:hi]
            permuted += self._b
            out[first:last] = np.minimum.reduceat(permuted, starts[first:last] - lo, axis=1).T
        return out

    def lean(self, signature: np.ndarray) -> LeanMinHash:
        """A datasketch LeanMinHash holding a signature, for the LSH index."""
        return LeanMinHash(seed=self.seed, hashvalues=signature, scheme=SCHEME)


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser, the pre-mix datasketch applies before its permutations."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


@dataclass(frozen=True, slots=True)
class TemplateParams:
    """How ads are compared: shingle size, MinHash size, LSH banding and thresholds.

    `threshold` is the estimated Jaccard an ad needs with a representative to join its
    template; `merge_threshold` what it needs with a second template's to merge the two;
    an ad whose best match is below `represent_below` becomes a representative.
    """

    shingle_words: int = SHINGLE_WORDS
    format_weight: int = FORMAT_WEIGHT
    num_perm: int = NUM_PERM
    bands: int = BANDS
    rows: int = ROWS
    threshold: float = THRESHOLD
    merge_threshold: float = MERGE_THRESHOLD
    represent_below: float = REPRESENT_BELOW
    seed: int = SEED


@dataclass(frozen=True, slots=True)
class TemplateMerge:
    """Two templates found to be one: `absorbed` now lives on as `kept` (the older)."""

    kept: str
    absorbed: str
    by_ad: str


class TemplateIndex:
    """Templates of the ads added so far; each `add` takes milliseconds, in any number."""

    def __init__(self, params: TemplateParams | None = None) -> None:
        self.params = p = params or TemplateParams()
        self.signer = Signer(p.num_perm, p.seed)
        self.merges: list[TemplateMerge] = []
        self._lsh = MinHashLSH(num_perm=p.num_perm, params=(p.bands, p.rows))
        self._join_at = math.ceil(p.threshold * p.num_perm)
        self._represent_at = math.ceil(p.represent_below * p.num_perm)
        self._merge_at = math.ceil(p.merge_threshold * p.num_perm)
        self._reps = np.empty((1024, p.num_perm), dtype=np.uint32)
        self._rep_template = np.empty(1024, dtype=np.int64)  # representative -> template
        self._rep_count = 0
        self._ids: list[str] = []  # template number -> id
        self._parent: list[int] = []  # template number -> the template it merged into
        self._members: dict[int, list[str]] = {}
        self._by_id: dict[str, int] = {}
        self._of_ad: dict[str, int] = {}
        self._seen: dict[int, int] = {}  # signature digest -> template number

    def __len__(self) -> int:
        return len(self._members)

    def add(self, ad_id: str, text: str) -> str:
        """Index one ad; the id of the template it joins (a new one when nothing is near)."""
        shingles = ad_shingles(text, self.params.shingle_words, self.params.format_weight)
        return self.add_signature(ad_id, self.signer.sign(shingles))

    def add_signature(self, ad_id: str, signature: np.ndarray) -> str:
        """`add` for an ad whose signature is already computed (batch clustering)."""
        if ad_id in self._of_ad:
            raise ValueError(f"ad {ad_id!r} is already indexed")
        digest = hash(signature.tobytes())
        number = self._seen.get(digest)
        if number is not None:
            number = self._root(number)
        else:
            number = self._place(ad_id, signature)
            self._seen[digest] = number
        self._members[number].append(ad_id)
        self._of_ad[ad_id] = number
        return self._ids[number]

    def _place(self, ad_id: str, signature: np.ndarray) -> int:
        """The template a new signature joins; the templates it bridges merge into it."""
        lean = self.signer.lean(signature)
        candidates = self._lsh.query(lean)
        agree = 0  # most signature values shared with one representative
        nearest: dict[int, int] = {}  # template -> most values shared with one of its reps
        if candidates:
            rows = np.fromiter(candidates, dtype=np.int64, count=len(candidates))
            agreeing = np.count_nonzero(self._reps[rows] == signature, axis=1)
            agree = int(agreeing.max())
            passing = agreeing >= self._join_at
            for number, shared in zip(
                self._rep_template[rows[passing]].tolist(), agreeing[passing].tolist(),
                strict=True,
            ):
                number = self._root(number)
                nearest[number] = max(shared, nearest.get(number, 0))
        if nearest:
            # Join the nearest; bridge to the others only when as close as `merge_threshold`.
            best = max(nearest, key=lambda n: (nearest[n], -n))
            bridged = {n for n, shared in nearest.items() if shared >= self._merge_at} | {best}
            number = min(bridged)  # the oldest
            for other in sorted(bridged - {number}):
                self._merge(number, other, ad_id)
        else:
            number = self._new_template(ad_id)
        if agree < self._represent_at:
            self._add_rep(signature, lean, number)
        return number

    def _new_template(self, ad_id: str) -> int:
        number = len(self._ids)
        self._ids.append(f"template:{ad_id}")
        self._parent.append(number)
        self._members[number] = []
        self._by_id[self._ids[number]] = number
        return number

    def _merge(self, kept: int, absorbed: int, ad_id: str) -> None:
        self._parent[absorbed] = kept
        self._members[kept] += self._members.pop(absorbed)
        self.merges.append(TemplateMerge(self._ids[kept], self._ids[absorbed], ad_id))

    def _add_rep(self, signature: np.ndarray, lean: LeanMinHash, number: int) -> None:
        row = self._rep_count
        if row == len(self._reps):
            self._reps = np.concatenate([self._reps, np.empty_like(self._reps)])
            self._rep_template = np.concatenate(
                [self._rep_template, np.empty_like(self._rep_template)]
            )
        self._reps[row] = signature
        self._rep_template[row] = number
        self._rep_count += 1
        self._lsh.insert(row, lean, check_duplication=False)

    def _root(self, number: int) -> int:
        parent = self._parent
        while parent[number] != number:
            parent[number] = parent[parent[number]]
            number = parent[number]
        return number

    def resolve(self, template_id: str) -> str:
        """The id a template goes by now (itself, or the older template it merged into)."""
        return self._ids[self._root(self._by_id[template_id])]

    def template_of(self, ad_id: str) -> str:
        """The current template of an indexed ad."""
        return self._ids[self._root(self._of_ad[ad_id])]

    def members(self, template_id: str) -> list[str]:
        """Ad ids of a template (a merged-away id answers for the template it joined)."""
        return list(self._members[self._root(self._by_id[template_id])])

    def templates(self) -> Iterator[tuple[str, list[str]]]:
        """Every current template with its ad ids, oldest first."""
        for number in sorted(self._members):
            yield self._ids[number], list(self._members[number])

    def ad_ids(self) -> Iterator[str]:
        """Every indexed ad id, in the order added."""
        return iter(self._of_ad)

    @property
    def representatives(self) -> int:
        """How many ads the LSH index holds."""
        return self._rep_count


def cluster_templates(
    ads: Iterable[tuple[str, str]],
    params: TemplateParams | None = None,
    *,
    workers: int | None = None,
    chunk: int = 10_000,
) -> dict[str, str]:
    """Ad id -> template id for many ads; the same answer as `add`ing them in this order.

    Shingles and signatures are computed a chunk at a time with numpy, in `workers`
    processes (default: a core each but the one this process keeps; 0 signs here) while
    this process feeds the index in order, so only the look-ups are per ad.
    """
    index = TemplateIndex(params)
    if workers is None:
        workers = (os.cpu_count() or 1) - 1
    chunks = _chunks(ads, chunk)
    if workers <= 0:
        for ids, texts in chunks:
            _feed(index, ids, _sign_texts(texts, index.params))
    else:
        with ProcessPoolExecutor(workers) as pool:
            pending: deque[tuple[list[str], Future[np.ndarray]]] = deque()
            for ids, texts in chunks:
                pending.append((ids, pool.submit(_sign_texts, texts, index.params)))
                # A few chunks ahead keeps the workers busy and memory bounded.
                if len(pending) > workers + 1:
                    done_ids, future = pending.popleft()
                    _feed(index, done_ids, future.result())
            while pending:
                done_ids, future = pending.popleft()
                _feed(index, done_ids, future.result())
    return {ad_id: index.template_of(ad_id) for ad_id in index.ad_ids()}


def _chunks(
    ads: Iterable[tuple[str, str]], size: int
) -> Iterator[tuple[list[str], list[str]]]:
    ids: list[str] = []
    texts: list[str] = []
    for ad_id, text in ads:
        ids.append(ad_id)
        texts.append(text)
        if len(ids) >= size:
            yield ids, texts
            ids, texts = [], []
    if ids:
        yield ids, texts


def _sign_texts(texts: list[str], params: TemplateParams) -> np.ndarray:
    n, w = params.shingle_words, params.format_weight
    return _signer(params.num_perm, params.seed).sign_many([ad_shingles(t, n, w) for t in texts])


@lru_cache(maxsize=4)
def _signer(num_perm: int, seed: int) -> Signer:
    return Signer(num_perm, seed)


def _feed(index: TemplateIndex, ids: list[str], signatures: np.ndarray) -> None:
    for ad_id, signature in zip(ids, signatures, strict=True):
        index.add_signature(ad_id, signature)


# --- what a template says ----------------------------------------------------------------

DESCRIBE_AT_MOST = 300  # members read by describe_template, spread evenly over the list
_PRICE_BEFORE = frozenset({"rs", "₹", "inr", "price", "rate", "रेट", "short", "night"})
_PRICE_AFTER = frozenset({"rs", "/-", "rupees", "रुपये", "rupaye"})
_DISPLAY = re.compile(f"[{_WORD}]+|[^{_WORD}\\s]+")
_IDENTIFIER_SLOTS = {"phone": "phone", "email": "email", "account": "handle", "url": "link"}


@dataclass(slots=True)
class TemplateSummary:
    """A template as an investigator reads it.

    `text` is the most central member with its varying parts shown as slots (`{city}`,
    `{area}`, `{name}`, `{phone}`, `{price}`, `{number}`, `{handle}`, `{link}`,
    `{email}`, `{text}` for other words that change); `values` lists what the slots held
    across the members, by kind, most frequent first; `central` is the member the text
    was taken from.
    """

    text: str
    values: dict[str, list[str]] = field(default_factory=dict)
    members: int = 0
    central: str = ""


@dataclass(slots=True)
class _Token:
    key: str  # what alignment compares: the folded word, or the slot
    surface: str
    space: bool  # whitespace before it in the text
    kind: str = ""  # a slot kind, or "" for wording
    value: str = ""  # the normalised value of an identifier or place
    numeric: bool = False
    price: bool = False  # a number beside a price word


def describe_template(texts: list[str]) -> TemplateSummary:
    """The shared text of a template's ads with slots for what varies, and the slot values.

    Phones, links, handles, e-mails and places are found by the extractors and are always
    slots. The other words and numbers are aligned (difflib) against the most central
    member; one most members do not share is a slot: `{price}` or `{number}` for a
    number, `{area}` beside a place, `{name}` when capitalised, else `{text}`.
    """
    if not texts:
        return TemplateSummary("")
    step = max(1, len(texts) // DESCRIBE_AT_MOST)
    sample = texts[::step][:DESCRIBE_AT_MOST]
    docs = [_display_tokens(t) for t in sample]
    keys = [[t.key for t in doc] for doc in docs]
    centre = _most_central([set(k) for k in keys])
    central = docs[centre]
    shared = [0] * len(central)
    replaced: list[list[str]] = [[] for _ in central]
    others = [i for i in range(len(docs)) if i != centre]
    for i in others:
        matcher = difflib.SequenceMatcher(None, keys[centre], keys[i], autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                for a in range(a1, a2):
                    shared[a] += 1
            elif op == "replace":
                words = " ".join(t.surface for t in docs[i][b1:b2] if not t.kind)
                if words:
                    for a in range(a1, a2):
                        replaced[a].append(words)
    varies = [bool(others) and not t.kind and shared[a] * 2 < len(others)
              and (t.numeric or _is_word(t.surface)) for a, t in enumerate(central)]
    kinds = _slot_kinds(central, varies)
    values: dict[str, Counter[str]] = {}
    for doc in docs:
        for t in doc:
            if t.kind or t.price:
                values.setdefault(t.kind or "price", Counter())[t.value or t.surface] += 1
    for a, kind in enumerate(kinds):
        if varies[a] and kind in ("area", "name"):
            counter = values.setdefault(kind, Counter())
            counter[central[a].surface] += 1
            counter.update(replaced[a])
    return TemplateSummary(
        text=_render(central, kinds),
        values={k: [v for v, _ in c.most_common()] for k, c in sorted(values.items())},
        members=len(texts),
        central=sample[centre],
    )


def _display_tokens(text: str) -> list[_Token]:
    """The tokens of one ad as written, with extracted slots as single tokens."""
    from kadiyan.extract import find_identifiers, find_phones
    from kadiyan.extract.places import find_places

    spans: list[tuple[int, int, str, str]] = []
    for m in find_phones(text) + find_identifiers(text):
        spans.append((m.start, m.end, _IDENTIFIER_SLOTS.get(m.kind.value, ""), m.value))
    for m in find_places(text):
        kind = "area" if m.extra.get("place_kind") == "area" else "city"
        spans.append((m.start, m.end, kind, m.value))
    spans.sort(key=lambda s: (s[0], -s[1]))
    tokens: list[_Token] = []
    at = 0
    for start, end, kind, value in spans:
        if start < at or not kind:
            continue  # inside a span already taken (a URL holding an account)
        tokens += _plain_tokens(text, at, start)
        surface = text[start:end]
        tokens.append(_Token("{" + kind + "}", surface, start > 0 and text[start - 1].isspace(),
                             kind, value))
        at = end
    tokens += _plain_tokens(text, at, len(text))
    _mark_numbers(tokens)
    return tokens


def _plain_tokens(text: str, start: int, end: int) -> list[_Token]:
    return [
        _Token(m.group().casefold(), m.group(), m.start() > 0 and text[m.start() - 1].isspace())
        for m in _DISPLAY.finditer(text, start, end)
    ]


def _mark_numbers(tokens: list[_Token]) -> None:
    """Mark numbers, and prices: numbers after or before a price word."""
    for i, t in enumerate(tokens):
        if t.kind or not any(c.isdigit() for c in t.surface):
            continue
        before = tokens[i - 1].key if i else ""
        after = tokens[i + 1].key if i + 1 < len(tokens) else ""
        t.numeric = True
        t.price = before in _PRICE_BEFORE or after in _PRICE_AFTER


def _is_word(surface: str) -> bool:
    return any(c.isalpha() for c in surface)


def _most_central(sets: list[set[str]]) -> int:
    """The member with the highest mean Jaccard similarity to the others."""
    def score(i: int) -> float:
        return sum(len(sets[i] & o) / len(sets[i] | o) for o in sets if o)

    return max(range(len(sets)), key=score)


def _slot_kinds(central: list[_Token], varies: list[bool]) -> list[str]:
    """Each central token's slot kind, or "" where the wording is shared."""
    kinds = [t.kind for t in central]
    for a, t in enumerate(central):
        if not varies[a]:
            continue
        beside = {_nearest(central, a, -1), _nearest(central, a, 1)}
        if t.numeric:
            kinds[a] = "price" if t.price else "number"
        elif beside & {"city", "area"}:
            kinds[a] = "area"
        elif t.surface[:1].isupper():
            kinds[a] = "name"
        else:
            kinds[a] = "text"
    return kinds


def _nearest(tokens: list[_Token], at: int, step: int) -> str:
    """The slot kind of the nearest word or slot before (-1) or after (1), past marks."""
    at += step
    while 0 <= at < len(tokens):
        t = tokens[at]
        if t.kind or t.numeric or _is_word(t.surface):
            return t.kind
        at += step
    return ""


def _render(central: list[_Token], kinds: list[str]) -> str:
    """The central member's text with slots, a run of one slot kind written once."""
    out: list[str] = []
    last = ""
    for t, kind in zip(central, kinds, strict=True):
        if kind and kind == last:
            continue
        if out and t.space:
            out.append(" ")
        out.append("{" + kind + "}" if kind else t.surface)
        last = kind
    return "".join(out)
