"""Photos reposted across ads: stored photos within a Hamming radius of a photo, or of each
other, counting each photo's crops.

A photo is stored as rows of 256-bit PDQ hashes: its own hash, then the hashes of its crops
(`kadiyan.extract.images.CROPS`), whose first few are its probes. A query is a hash with
the probes of the same picture; it finds every stored photo with a row within the radius of
any of them, at the nearest such distance. Two stored photos are a pair when the own hash
or a probe of either is within the radius of any row of the other.

The search is exact multi-index hashing. The 256 bits are cut into m chunks; if two hashes
differ in at most r bits, some chunk differs in at most r // m bits (pigeonhole), so
probing, in each chunk's table, the buckets within r // m bits of the query's chunk finds
every row within r. Each candidate is then checked by popcount of the XOR of all 256 bits,
so nothing beyond r is returned and nothing within r is missed. The number of chunks
follows the number of rows: 16 chunks of 16 bits (probe 17 buckets each at r = 31) while
the rows are few, 12 or 11 chunks of 21 to 24 bits (probe about 280 each, but buckets 30 to
250 times smaller) from millions of rows, when their bucket offsets cost little beside the
rows themselves.

Hashes are kept as rows of four uint64 words; the chunk tables are row numbers sorted by
chunk value with bucket offsets, rebuilt as a whole. Rows added since the last rebuild are
compared by brute force, and the tables are rebuilt only when those rows outgrow a
sixteenth of the indexed ones, so adding stays cheap: however the index grows, all rebuilds
together sort about 17 times as many rows as it holds.

Speed on 2 cores (`python -m kadiyan.bench.photos`): a query (a hash and 4 probes) among a
million photos with 32 crops each, 33 million rows, takes about 3 ms at the 95th
percentile, against about 700 ms by numpy brute force; `pairs` of 100,000 such photos takes
about a minute and grows with the square of their number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import combinations

import igraph
import numpy as np

from kadiyan.extract.images import MATCH_DISTANCE, PROBES

__all__ = ["PhotoIndex", "near_duplicate_groups", "parse_hashes"]

BITS = 256
_WORDS = 4  # uint64 words per hash
_HEX_DIGITS = 64
_HEX = re.compile(r"[0-9a-fA-F]{64}")
# Rows not yet in the tables, compared by brute force: at most this many or a sixteenth of
# the indexed rows (a brute-force pass over them costs about what the probes cost).
_MIN_TAIL = 4096
_TAIL_SHARE = 16
# How many chunks the tables may cut a hash into. Fewer, wider chunks have smaller buckets
# but more of them to probe and bigger offset tables.
_CHUNKINGS = (16, 12, 11)
# A chunking's offset tables may take at most this many bytes per row (a row is 32 bytes).
_OFFSET_BYTES_PER_ROW = 16
# A candidate (gathered, compared in full) costs about five probes of a bucket, as measured.
_CANDIDATE_COST = 5
# Above this share of all rows as expected candidates, probing is slower than brute force.
_PROBE_SHARE = 0.25
_CANDIDATES_AT_ONCE = 1 << 22  # candidates checked in one batch by `pairs`


class PhotoIndex:
    """Stored photos (a PDQ hash and the hashes of its crops) under keys, searchable by
    Hamming distance; exact, never approximate.

    `query` returns every stored key with a row within the radius of the query's hash or
    probes (exact duplicates included), and `pairs` every pair of stored keys of which one's
    hash or probes lie within the radius of a row of the other, each pair once. A key is
    stored once: adding it again with the same hashes does nothing, with others raises
    ValueError. `probes` is how many of a photo's crops (its first) it queries with in
    `pairs`; `chunks` fixes the number of chunks of the tables (one of 16, 12 and 11;
    by default it follows the number of rows).
    """

    def __init__(
        self, radius: int = MATCH_DISTANCE, probes: int = len(PROBES), chunks: int | None = None
    ) -> None:
        if chunks is not None and chunks not in _CHUNKINGS:
            raise ValueError(f"the tables cut a hash into one of {_CHUNKINGS} chunks, not {chunks}")
        self.radius = _check_radius(radius)
        self.probes = probes
        self._chunks = chunks
        self._words = np.zeros((0, _WORDS), dtype=np.uint64)  # one row per hash; grows by doubling
        self._owner = np.zeros(0, dtype=np.int32)  # the photo of each row
        self._size = 0  # rows in use
        self._keys: list[str] = []  # photos in the order added
        self._photos: dict[str, int] = {}
        self._first = np.zeros(0, dtype=np.int64)  # each photo's first row (its own hash)
        self._count = np.zeros(0, dtype=np.int64)  # and how many rows it has
        self._indexed = 0  # rows [0, _indexed) are in the chunk tables
        self._tables = _Tables.empty()

    def __len__(self) -> int:
        return len(self._keys)

    @property
    def rows(self) -> int:
        """How many hashes are stored: each photo's own and its crops'."""
        return self._size

    def add(self, key: str, hash_hex: str, crops: Sequence[str] = ()) -> None:
        """Store a photo's hash (64 hex digits) and its crops' hashes under a key."""
        self.add_many([(key, hash_hex, crops)])

    def add_many(self, items: Iterable[tuple[str, str] | tuple[str, str, Sequence[str]]]) -> None:
        """Store many photos, (key, hash) or (key, hash, crops), in one pass: parsed
        together, indexed once.

        All or nothing: on a malformed hash or a key stored with other hashes, ValueError is
        raised and nothing is added.
        """
        keys: list[str] = []
        hexes: list[str] = []
        counts: list[int] = []
        batch: dict[str, tuple[str, ...]] = {}
        for item in items:
            key, hashes = item[0], (item[1], *(item[2] if len(item) > 2 else ()))  # type: ignore[misc]
            if key in self._photos:
                if not np.array_equal(self._rows_of(key), parse_hashes(list(hashes))):
                    raise ValueError(f"photo {key!r} is already indexed with other hashes")
                continue
            earlier = batch.get(key)
            if earlier is not None:
                if [h.lower() for h in earlier] != [h.lower() for h in hashes]:
                    raise ValueError(f"photo {key!r} is given twice with different hashes")
                continue
            batch[key] = hashes
            keys.append(key)
            hexes += hashes
            counts.append(len(hashes))
        if keys:
            self._append(keys, parse_hashes(hexes), np.array(counts, dtype=np.int64))

    def add_arrays(self, keys: Sequence[str], hashes: np.ndarray, crops: np.ndarray | None = None
                   ) -> None:
        """Store many new photos given as arrays: `hashes` (n, 4) and `crops` (n, k, 4) of
        uint64 words, as `parse_hashes` gives them. For bulk loads: ValueError if a key is
        stored or repeated, and nothing is added."""
        if len(set(keys)) != len(keys) or any(k in self._photos for k in keys):
            raise ValueError("add_arrays takes new keys, each once")
        hashes = np.asarray(hashes, dtype=np.uint64).reshape(len(keys), _WORDS)
        if crops is None:
            crops = np.zeros((len(keys), 0, _WORDS), dtype=np.uint64)
        rows = np.concatenate([hashes[:, None, :], np.asarray(crops, dtype=np.uint64)], axis=1)
        per = rows.shape[1]
        self._append(list(keys), rows.reshape(-1, _WORDS), np.full(len(keys), per, np.int64))

    def query(
        self, hash_hex: str, crops: Sequence[str] = (), *, radius: int | None = None
    ) -> list[tuple[str, int]]:
        """Keys of the photos with a row within the radius of a hash or of its probes
        (`crops`: the hashes of `PROBES` of the same picture), at the nearest distance,
        nearest first.

        Ties keep the order keys were added in. `radius` defaults to the index's own.
        """
        r = self.radius if radius is None else _check_radius(radius)
        queries = parse_hashes([hash_hex, *crops])
        rows, _which, distances = self._near(queries, r)
        photos, distances = _nearest_per_group(self._owner[rows], distances)
        ranked = np.lexsort((photos, distances))
        keys = self._keys
        found = zip(photos[ranked].tolist(), distances[ranked].tolist(), strict=True)
        return [(keys[p], d) for p, d in found]

    def pairs(self, radius: int | None = None) -> Iterator[tuple[str, str, int]]:
        """Every pair of stored photos within the radius, each once, at their nearest
        distance, in no particular order.

        Yields (earlier key, later key, distance), earlier meaning added first.
        """
        keys = self._keys
        first, second, distances = self.pair_arrays(radius)
        for a, b, d in zip(first.tolist(), second.tolist(), distances.tolist(), strict=True):
            yield keys[a], keys[b], d

    def pair_arrays(self, radius: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`pairs` as arrays of photo numbers (in the order added; `key` names them):
        earlier, later, distance."""
        r = self.radius if radius is None else _check_radius(radius)
        if len(self._keys) < 2:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        # Every photo asks: the chunking that makes that cheapest pays for bigger offset
        # tables (the tables stay for later queries).
        chunks = self._chunks or _chunking(self._size, r, frugal=False)
        self._reindex_if(self._indexed < self._size or chunks != self.chunks, chunks)
        asking = self._query_rows()
        per_query = max(1.0, self._tables.expected_candidates(r, self._size))
        step = max(1, int(_CANDIDATES_AT_ONCE / per_query))
        firsts, seconds, found = [], [], []
        for start in range(0, len(asking), step):
            chosen = asking[start : start + step]
            rows, which, distances = self._near(self._words[chosen], r)
            mine, theirs = self._owner[chosen][which], self._owner[rows]
            other = mine != theirs
            mine, theirs = mine[other], theirs[other]
            firsts.append(np.minimum(mine, theirs))
            seconds.append(np.maximum(mine, theirs))
            found.append(distances[other])
        pair = np.concatenate(firsts).astype(np.int64) * len(self._keys) + np.concatenate(seconds)
        pair, distances = _nearest_per_group(pair, np.concatenate(found))
        first, second = np.divmod(pair, len(self._keys))
        return first, second, distances.astype(np.int64)

    def key(self, photo: int) -> str:
        """The key of a photo number (photos are numbered in the order they were added)."""
        return self._keys[photo]

    def reindex(self) -> None:
        """Put every row in the chunk tables now, so that no query compares a tail of rows
        by brute force."""
        self._reindex_if(self._indexed < self._size)

    @property
    def chunks(self) -> int:
        """How many chunks the tables cut a hash into."""
        return len(self._tables.layout)

    @property
    def nbytes(self) -> int:
        """Bytes held by the index's arrays (rows, owners, photos and tables)."""
        arrays = [self._words, self._owner, self._first, self._count, self._tables.order,
                  *self._tables.offsets]
        return sum(a.nbytes for a in arrays)

    def columns(self) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """Every stored hash as a (4, rows) uint64 array, one column per hash; the photo
        number of each column; and the keys of the photo numbers (for brute-force checks)."""
        columns = np.ascontiguousarray(self._words[: self._size].T)
        return columns, self._owner[: self._size].copy(), list(self._keys)

    # -- internals ---------------------------------------------------------------------

    def _rows_of(self, key: str) -> np.ndarray:
        photo = self._photos[key]
        start = int(self._first[photo])
        return self._words[start : start + int(self._count[photo])]

    def _append(self, keys: list[str], rows: np.ndarray, counts: np.ndarray) -> None:
        """Store parsed rows: each photo's own hash, then its crops'."""
        start, end = self._size, self._size + len(rows)
        photos = len(self._keys)
        self._reserve(end, photos + len(keys))
        self._words[start:end] = rows
        firsts = start + np.concatenate([[0], np.cumsum(counts)[:-1]])
        self._first[photos : photos + len(keys)] = firsts
        self._count[photos : photos + len(keys)] = counts
        self._owner[start:end] = np.repeat(np.arange(photos, photos + len(keys)), counts)
        self._keys.extend(keys)
        self._photos.update(zip(keys, range(photos, photos + len(keys)), strict=True))
        self._size = end
        self._reindex_if(end - self._indexed > max(_MIN_TAIL, self._indexed // _TAIL_SHARE))

    def _query_rows(self) -> np.ndarray:
        """The rows each photo asks with in `pairs`: its own hash and its probes."""
        photos = len(self._keys)
        asks = np.minimum(self._count[:photos], 1 + self.probes)
        offsets = np.arange(int(asks.sum())) - np.repeat(np.cumsum(asks) - asks, asks)
        return np.repeat(self._first[:photos], asks) + offsets

    def _near(self, queries: np.ndarray, r: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every (row, query) within r: rows, which query (index into `queries`), distance.

        A row near several queries comes once per query.
        """
        words = self._words
        rows, which = self._tables.candidates(queries, r, self._indexed)
        if rows is None:  # probing does not pay: every indexed row is a candidate
            near = _brute(words[: self._indexed], queries, r, 0)
        else:
            distances = _distances(_gather(words, rows), queries[which])
            keep = distances <= r
            near = rows[keep], which[keep], distances[keep]
        tail = _brute(words[self._indexed : self._size], queries, r, self._indexed)
        return tuple(np.concatenate(parts) for parts in zip(near, tail, strict=True))  # type: ignore[return-value]

    def _reindex_if(self, needed: bool, chunks: int | None = None) -> None:
        if needed:
            chunks = chunks or self._chunks or _chunking(self._size, self.radius)
            self._tables = _Tables.build(self._words[: self._size], chunks)
            self._indexed = self._size

    def _reserve(self, rows: int, photos: int) -> None:
        """Room for `rows` rows and `photos` photos, doubling so that one add at a time stays
        cheap."""
        if rows > len(self._words):
            capacity = max(rows, 2 * len(self._words), 1024)
            self._words = _grown(self._words, capacity, self._size)
            self._owner = _grown(self._owner, capacity, self._size)
        if photos > len(self._first):
            capacity = max(photos, 2 * len(self._first), 1024)
            self._first = _grown(self._first, capacity, len(self._keys))
            self._count = _grown(self._count, capacity, len(self._keys))


class _Tables:
    """Chunk tables over rows [0, n): per chunk, row numbers sorted by the chunk's value and
    where each value's bucket starts."""

    def __init__(self, layout: tuple[tuple[int, int], ...], order: np.ndarray,
                 offsets: list[np.ndarray], n: int) -> None:
        self.layout = layout  # (first bit, width) of each chunk
        self.order = order  # chunk c's sorted rows at [c * n, (c + 1) * n)
        self.offsets = offsets  # per chunk: bucket v at order[offsets[v] : offsets[v + 1]]
        self.n = n

    @classmethod
    def empty(cls) -> _Tables:
        return cls(_layout(_CHUNKINGS[0]), np.zeros(0, dtype=np.int32), [], 0)

    @classmethod
    def build(cls, words: np.ndarray, chunks: int) -> _Tables:
        """Tables over every row of `words`, cut into `chunks` chunks."""
        n = len(words)
        layout = _layout(chunks)
        order = np.empty(len(layout) * n, dtype=np.int32)
        index_type = np.int32 if len(layout) * n < 2**31 else np.int64
        offsets = []
        for c, (start, width) in enumerate(layout):
            values = _chunk_values(words, start, width)
            order[c * n : (c + 1) * n] = _sorted_rows(values, width)
            bucket = np.zeros((1 << width) + 1, dtype=index_type)
            np.cumsum(np.bincount(values, minlength=1 << width), out=bucket[1:])
            bucket += c * n  # offsets point into the flattened order array
            offsets.append(bucket)
        return cls(layout, order, offsets, n)

    def expected_candidates(self, r: int, rows: int) -> float:
        """Candidates a query hash is expected to bring among `rows` random rows."""
        share = _candidate_share(self.layout, r // len(self.layout))
        return rows * min(1.0, share) + sum(len(_masks(w, r // len(self.layout)))
                                            for _, w in self.layout)

    def candidates(
        self, queries: np.ndarray, r: int, indexed: int
    ) -> tuple[np.ndarray | None, np.ndarray]:
        """Indexed rows that may be within r of each query, with the query they are for
        (a row may come more than once); (None, ...) when probing would not pay."""
        if self.n == 0 or indexed == 0:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        sub = r // len(self.layout)
        if not _probing_pays(self.layout, sub):
            return None, np.zeros(0, dtype=np.int64)
        starts, counts, which = [], [], []
        asked = np.arange(len(queries))
        for c, (start, width) in enumerate(self.layout):
            masks = _masks(width, sub)
            values = _chunk_values(queries, start, width)
            probes = (values[:, None] ^ masks[None, :]).ravel()
            bucket = self.offsets[c]
            first = bucket[probes]
            starts.append(first)
            counts.append(bucket[probes + 1] - first)
            which.append(np.repeat(asked, len(masks)))
        first, count, asker = np.concatenate(starts), np.concatenate(counts), np.concatenate(which)
        busy = count > 0
        first, count, asker = first[busy], count[busy], asker[busy]
        rows = self.order[_ranges(first, count)].astype(np.int64)
        return rows, np.repeat(asker, count)


def near_duplicate_groups(
    items: Iterable[tuple[str, str] | tuple[str, str, Sequence[str]]],
    radius: int = MATCH_DISTANCE,
) -> list[list[str]]:
    """Keys whose photos chain together within the radius: connected components of pairs.

    Items are (key, hash) or (key, hash, crops). Only groups of two or more; keys in each
    group and groups in the order first given.
    """
    index = PhotoIndex(radius)
    index.add_many(items)
    first, second, _ = index.pair_arrays()
    if len(first) == 0:
        return []
    graph = igraph.Graph(n=len(index), edges=np.column_stack([first, second]).tolist())
    groups = sorted(sorted(c) for c in graph.connected_components() if len(c) > 1)
    return [[index.key(photo) for photo in group] for group in groups]


def parse_hashes(hexes: list[str]) -> np.ndarray:
    """Hashes of 64 hex digits as an (n, 4) uint64 array, the bits in the hex order.

    Raises ValueError naming the first that is not 64 hex digits.
    """
    for value in hexes:
        if len(value) != _HEX_DIGITS:
            raise ValueError(f"a PDQ hash is {_HEX_DIGITS} hex digits, not {value!r}")
    try:
        raw = bytes.fromhex("".join(hexes))
    except ValueError:
        raw = b""
    if len(raw) != len(hexes) * _HEX_DIGITS // 2:  # a bad digit, or spaces fromhex skips
        bad = next(v for v in hexes if not _HEX.fullmatch(v))
        raise ValueError(f"a PDQ hash is {_HEX_DIGITS} hex digits, not {bad!r}")
    return np.frombuffer(raw, dtype=">u8").reshape(-1, _WORDS).astype(np.uint64)


def _check_radius(radius: int) -> int:
    if not 0 <= radius <= BITS:
        raise ValueError(f"a Hamming radius is 0 to {BITS} bits, not {radius}")
    return radius


@cache
def _layout(chunks: int) -> tuple[tuple[int, int], ...]:
    """(first bit, width) of each of `chunks` chunks of the 256 bits, the wider ones first."""
    base, extra = divmod(BITS, chunks)
    widths = [base + 1 if c < extra else base for c in range(chunks)]
    starts = np.cumsum([0, *widths[:-1]]).tolist()
    return tuple(zip(starts, widths, strict=True))


def _chunking(rows: int, radius: int, frugal: bool = True) -> int:
    """The number of chunks that makes a query cheapest among `rows` random rows (buckets
    probed and the candidates expected in them); if `frugal`, among those whose offset
    tables stay small beside the rows."""
    best, best_cost = _CHUNKINGS[0], float("inf")
    for chunks in _CHUNKINGS:
        layout = _layout(chunks)
        offsets = sum(4 << w for _, w in layout)
        if frugal and chunks != _CHUNKINGS[0] and offsets > _OFFSET_BYTES_PER_ROW * rows:
            continue
        sub = radius // chunks
        probes = sum(_mask_count(w, sub) for _, w in layout)
        cost = probes + _CANDIDATE_COST * rows * _candidate_share(layout, sub)
        if cost < best_cost:
            best, best_cost = chunks, cost
    return best


@cache
def _masks(width: int, sub: int) -> np.ndarray:
    """Every `width`-bit value with at most `sub` bits set, 0 first: the buckets to probe."""
    if sub >= width:
        return np.arange(1 << width, dtype=np.int64)
    values = [0]
    for k in range(1, sub + 1):
        values += [sum(1 << b for b in bits) for bits in combinations(range(width), k)]
    return np.array(values, dtype=np.int64)


@cache
def _candidate_share(layout: tuple[tuple[int, int], ...], sub: int) -> float:
    """The share of random rows a query probes: buckets probed over buckets, all chunks."""
    return sum(_mask_count(w, sub) / (1 << w) for _, w in layout)


def _mask_count(width: int, sub: int) -> int:
    from math import comb

    return sum(comb(width, k) for k in range(min(sub, width) + 1))


def _probing_pays(layout: tuple[tuple[int, int], ...], sub: int) -> bool:
    """Whether the buckets to probe hold well under all rows (for random hashes), and are
    few enough to list."""
    few = sum(_mask_count(w, sub) for _, w in layout) < 1 << 20
    return few and _candidate_share(layout, sub) < _PROBE_SHARE


def _chunk_values(words: np.ndarray, start: int, width: int) -> np.ndarray:
    """Bits [start, start + width) of each row of an (n, 4) uint64 array, as int64 (the hex
    order: word 0's top bit is bit 0)."""
    word, offset = divmod(start, 64)
    end = offset + width
    if end <= 64:
        values = words[:, word] >> np.uint64(64 - end)
    else:
        high = words[:, word] << np.uint64(end - 64)
        values = high | (words[:, word + 1] >> np.uint64(128 - end))
    return (values & np.uint64((1 << width) - 1)).astype(np.int64)


def _sorted_rows(values: np.ndarray, width: int) -> np.ndarray:
    """Row numbers ordered by value, rows of one value in row order."""
    if width <= 16:
        return np.argsort(values.astype(np.uint16), kind="stable")  # a radix sort
    # Value and row packed in one uint64: a plain sort of those is several times faster
    # than a stable argsort of the values.
    packed = (values.astype(np.uint64) << np.uint64(32)) | np.arange(len(values), dtype=np.uint64)
    packed.sort()
    return (packed & np.uint64(0xFFFFFFFF)).astype(np.int32)


def _gather(words: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """words[rows] for an (n, 4) uint64 array: taken as 32-byte items, several times faster
    than fancy indexing of rows."""
    items = words.view(np.dtype((np.void, _WORDS * 8))).reshape(-1)
    return np.take(items, rows).view(np.uint64).reshape(-1, _WORDS)


def _distances(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Hamming distances between the rows of two (n, 4) uint64 arrays, as int16."""
    counts = np.bitwise_count(a ^ b)
    distances = counts[:, 0].astype(np.int16)
    for j in range(1, _WORDS):
        distances += counts[:, j]
    return distances


def _brute(words: np.ndarray, queries: np.ndarray, r: int, base: int
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row + base, query, distance) of every row of `words` within r of a query, by
    comparing every row with every query, word by word over columns."""
    rows, which, found = [], [], []
    columns = [np.ascontiguousarray(words[:, j]) for j in range(_WORDS)] if len(words) else []
    for q, query in enumerate(queries):
        if not columns:
            break
        distances = np.bitwise_count(columns[0] ^ query[0]).astype(np.int16)
        for j in range(1, _WORDS):
            distances += np.bitwise_count(columns[j] ^ query[j])
        (near,) = np.nonzero(distances <= r)
        rows.append(near + base)
        which.append(np.full(len(near), q, dtype=np.int64))
        found.append(distances[near])
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.int16)
    return np.concatenate(rows).astype(np.int64), np.concatenate(which), np.concatenate(found)


def _nearest_per_group(groups: np.ndarray, distances: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each distinct group once with its smallest distance, groups ascending."""
    if len(groups) == 0:
        return groups.astype(np.int64), distances.astype(np.int64)
    ranked = np.lexsort((distances, groups))
    groups, distances = groups[ranked], distances[ranked]
    first = np.concatenate([[True], groups[1:] != groups[:-1]])
    return groups[first].astype(np.int64), distances[first].astype(np.int64)


def _grown(array: np.ndarray, capacity: int, used: int) -> np.ndarray:
    # Not zeros: calloc'd memory may miss the huge pages numpy asks for, and random reads
    # of the rows then wait on the TLB. Only rows in use are ever read.
    grown = np.empty((capacity, *array.shape[1:]), dtype=array.dtype)
    grown[:used] = array[:used]
    return grown


def _ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The concatenation of range(start, start + count) for each pair, vectorised."""
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(counts)
    return np.repeat(starts - (ends - counts), counts) + np.arange(total, dtype=np.int64)
