"""Photos reposted across ads: every stored PDQ hash within a Hamming radius of another.

`PhotoIndex` is exact multi-index hashing. The 256 bits are cut into 16 chunks of 16 bits;
if two hashes differ in at most r bits, at least one chunk differs in at most r // 16 bits
(pigeonhole), so probing, in each chunk's table, the buckets within r // 16 bits of the
query's chunk finds every hash within r. Each candidate is then checked by popcount of the
XOR of all 256 bits, so nothing beyond r is returned and nothing within r is missed.

Hashes are kept as four uint64 columns; the chunk tables are row numbers sorted by chunk
value with bucket offsets (a counting sort, rebuilt as a whole). Rows added since the last
rebuild are compared by brute force, and the tables are rebuilt only when those rows
outgrow a sixteenth of the indexed ones, so adding stays cheap: however the index grows,
all rebuilds together sort about 17 times as many rows as it holds.

Speed on 2 cores: a query among a million random hashes takes about 0.5 ms (brute force
10 ms); `pairs` takes about 2 s for 100,000 hashes and under two minutes for a million.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

import igraph
import numpy as np

from kadiyan.extract.images import MATCH_DISTANCE

__all__ = ["PhotoIndex", "near_duplicate_groups", "parse_hashes"]

BITS = 256
_WORDS = 4  # uint64 words per hash
_LANES = 4  # 16-bit chunks per word
_CHUNKS = _WORDS * _LANES  # one bucket table each
_BUCKETS = 1 << 16
_HEX_DIGITS = 64
_HEX = re.compile(r"[0-9a-fA-F]{64}")
# Rows not yet in the tables, compared by brute force: at most this many or a sixteenth of
# the indexed rows (a brute-force pass over them costs about what the probes cost).
_MIN_TAIL = 4096
_TAIL_SHARE = 16
# Above this share of all rows as expected candidates, probing is slower than brute force.
_PROBE_SHARE = 0.25
_PAIR_BATCH = 1 << 20  # candidate pairs checked at once in `pairs`


class PhotoIndex:
    """Stored PDQ hashes under keys, searchable by Hamming distance; exact, never approximate.

    `query` returns every stored key within the radius (exact duplicates included) and
    `pairs` every pair of stored keys within it, each once. A key is stored once: adding it
    again with the same hash does nothing, with another hash raises ValueError.
    """

    def __init__(self, radius: int = MATCH_DISTANCE) -> None:
        self.radius = _check_radius(radius)
        # Word j of row i at [j, i]: a column per word keeps scans and gathers contiguous.
        self._words = np.zeros((_WORDS, 0), dtype=np.uint64)  # grows by doubling
        self._size = 0
        self._keys: list[str] = []
        self._rows: dict[str, int] = {}
        self._indexed = 0  # rows [0, _indexed) are in the chunk tables
        self._order = np.zeros((_CHUNKS, 0), dtype=np.int32)  # rows sorted by chunk value
        self._offsets = np.zeros((_CHUNKS, _BUCKETS + 1), dtype=np.int64)

    def __len__(self) -> int:
        return self._size

    def add(self, key: str, hash_hex: str) -> None:
        """Store one hash (64 hex digits) under a key."""
        self.add_many([(key, hash_hex)])

    def add_many(self, items: Iterable[tuple[str, str]]) -> None:
        """Store many (key, hash) pairs in one pass: parsed together, indexed once.

        All or nothing: on a malformed hash or a key stored with another hash, ValueError is
        raised and nothing is added.
        """
        keys: list[str] = []
        hexes: list[str] = []
        batch: dict[str, int] = {}
        for key, hash_hex in items:
            row = self._rows.get(key)
            if row is not None:
                if not np.array_equal(self._words[:, row], parse_hashes([hash_hex])[0]):
                    raise ValueError(f"photo {key!r} is already indexed with another hash")
                continue
            earlier = batch.get(key)
            if earlier is not None:
                if hexes[earlier].lower() != hash_hex.lower():
                    raise ValueError(f"photo {key!r} is given twice with different hashes")
                continue
            batch[key] = len(keys)
            keys.append(key)
            hexes.append(hash_hex)
        if not keys:
            return
        words = parse_hashes(hexes)
        start, end = self._size, self._size + len(keys)
        self._reserve(end)
        self._words[:, start:end] = words.T
        self._keys.extend(keys)
        self._rows.update(zip(keys, range(start, end), strict=True))
        self._size = end
        if end - self._indexed > max(_MIN_TAIL, self._indexed // _TAIL_SHARE):
            self._reindex()

    def query(self, hash_hex: str, radius: int | None = None) -> list[tuple[str, int]]:
        """Keys stored within the radius of a hash and their distances, nearest first.

        Ties keep the order keys were added in. `radius` defaults to the index's own.
        """
        r = self.radius if radius is None else _check_radius(radius)
        query = parse_hashes([hash_hex])[0]
        rows = self._candidates(query, r)
        distances = _distances(self._words, query, rows)
        near = distances <= r
        rows, first = np.unique(rows[near], return_index=True)
        distances = distances[near][first]
        # The rows added since the last rebuild, compared as one slice.
        tail = _distances(self._words[:, self._indexed : self._size], query)
        (late,) = np.nonzero(tail <= r)
        rows = np.concatenate([rows, late + self._indexed])
        distances = np.concatenate([distances, tail[late]])
        ranked = np.lexsort((rows, distances))
        keys = self._keys
        found = zip(rows[ranked].tolist(), distances[ranked].tolist(), strict=True)
        return [(keys[i], d) for i, d in found]

    def pairs(self, radius: int | None = None) -> Iterator[tuple[str, str, int]]:
        """Every pair of stored keys within the radius, each once, in no particular order.

        Yields (earlier key, later key, distance), earlier meaning added first.
        """
        keys = self._keys
        for left, right, distances in self.pair_rows(radius):
            for a, b, d in zip(left.tolist(), right.tolist(), distances.tolist(), strict=True):
                yield keys[a], keys[b], d

    def key(self, row: int) -> str:
        """The key stored at a row (rows number keys in the order they were added)."""
        return self._keys[row]

    def pair_rows(
        self, radius: int | None = None
    ) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """`pairs` as batches of arrays: (earlier rows, later rows, distances)."""
        r = self.radius if radius is None else _check_radius(radius)
        if self._size < 2:
            return
        if self._indexed < self._size:
            self._reindex()
        sub = r // _CHUNKS
        if not _probing_pays(sub):
            yield from self._brute_pairs(r)
            return
        n = self._size
        for c in range(_CHUNKS):
            order = self._order[c].astype(np.int64)
            # Rows in bucket order: a bucket's rows and its neighbours' are contiguous.
            words = self._words[:, order]
            values = self._chunk(c)[order].astype(np.int64)
            offsets = self._offsets[c] - c * n
            positions = np.arange(n, dtype=np.int64)
            for mask in _masks(sub).tolist():
                if mask == 0:  # the same bucket: each later row of it, once
                    starts = positions + 1
                    counts = offsets[values + 1] - starts
                else:  # the bucket `mask` away, from the side with the lower value only
                    other = values ^ mask
                    starts = offsets[other]
                    counts = np.where(values < other, offsets[other + 1] - starts, 0)
                for left, right in _batches(starts, counts):
                    left, right, distances = _close(words, left, right, r, c)
                    a, b = order[left], order[right]
                    yield np.minimum(a, b), np.maximum(a, b), distances

    # -- internals ---------------------------------------------------------------------

    def _chunk(self, c: int) -> np.ndarray:
        """Chunk c of every row, as uint16 (a strided view)."""
        word, lane = divmod(c, _LANES)
        return self._words[word, : self._size].view(np.uint16)[lane::_LANES]

    def _brute_pairs(self, r: int) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Pairs by comparing every row with every later one, a block of rows at a time."""
        words = self._words[:, : self._size]
        n = words.shape[1]
        block = max(1, _PAIR_BATCH // n)
        for start in range(0, n - 1, block):
            head = words[:, start : start + block]
            distances = np.bitwise_count(head[:, :, None] ^ words[:, None, start:]).sum(
                axis=0, dtype=np.int64
            )
            i, j = np.nonzero(distances <= r)
            later = j > i
            i, j = i[later], j[later]
            yield i + start, j + start, distances[i, j]

    def _candidates(self, query: np.ndarray, r: int) -> np.ndarray:
        """Indexed rows that may be within r of the query (some more than once)."""
        n = self._indexed
        if n == 0:
            return np.zeros(0, dtype=np.int64)
        sub = r // _CHUNKS
        if not _probing_pays(sub):
            return np.arange(n, dtype=np.int64)
        probes = query.view(np.uint16).astype(np.int64)[:, None] ^ _masks(sub)[None, :]
        starts = np.take_along_axis(self._offsets, probes, axis=1).ravel()
        counts = np.take_along_axis(self._offsets, probes + 1, axis=1).ravel() - starts
        return self._order.ravel()[_ranges(starts, counts)].astype(np.int64)

    def _reindex(self) -> None:
        """Rebuild the chunk tables over all rows (a counting sort per chunk)."""
        n = self._size
        order = np.empty((_CHUNKS, n), dtype=np.int32)
        offsets = np.empty((_CHUNKS, _BUCKETS + 1), dtype=np.int64)
        for c in range(_CHUNKS):
            values = np.ascontiguousarray(self._chunk(c))
            order[c] = np.argsort(values, kind="stable")  # a radix sort for uint16
            offsets[c, 0] = 0
            np.cumsum(np.bincount(values, minlength=_BUCKETS), out=offsets[c, 1:])
            offsets[c] += c * n  # offsets point into the flattened order array
        self._order, self._offsets, self._indexed = order, offsets, n

    def _reserve(self, size: int) -> None:
        """Room for `size` rows, doubling so that one add at a time stays cheap."""
        capacity = self._words.shape[1]
        if size <= capacity:
            return
        grown = np.zeros((_WORDS, max(size, 2 * capacity, 1024)), dtype=np.uint64)
        grown[:, : self._size] = self._words[:, : self._size]
        self._words = grown


def near_duplicate_groups(
    items: Iterable[tuple[str, str]], radius: int = MATCH_DISTANCE
) -> list[list[str]]:
    """Keys whose photos chain together within the radius: connected components of pairs.

    Only groups of two or more; keys in each group and groups in the order first given.
    """
    index = PhotoIndex(radius)
    index.add_many(items)
    batches = list(index.pair_rows())
    if not batches:
        return []
    edges = np.column_stack(
        [np.concatenate([b[0] for b in batches]), np.concatenate([b[1] for b in batches])]
    )
    graph = igraph.Graph(n=len(index), edges=edges.tolist())
    groups = sorted(sorted(c) for c in graph.connected_components() if len(c) > 1)
    return [[index.key(row) for row in group] for group in groups]


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
def _masks(sub: int) -> np.ndarray:
    """Every 16-bit value with at most `sub` bits set, 0 first: the bucket offsets to probe."""
    values = np.arange(_BUCKETS, dtype=np.int64)
    return values[np.bitwise_count(values) <= sub]


def _probing_pays(sub: int) -> bool:
    """Whether the buckets to probe hold well under all rows (for random hashes)."""
    return _CHUNKS * len(_masks(sub)) / _BUCKETS < _PROBE_SHARE


def _distances(words: np.ndarray, query: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
    """Hamming distances from a (4,) hash to the columns of a (4, n) array (those in `rows`
    if given), as int16."""
    # Word by word over 1-d arrays: numpy is several times slower over rows of 4 words.
    columns = list(words) if rows is None else [np.take(w, rows) for w in words]
    distances = np.bitwise_count(columns[0] ^ query[0]).astype(np.int16)
    for j in range(1, _WORDS):
        distances += np.bitwise_count(columns[j] ^ query[j])
    return distances


def _close(
    words: np.ndarray, left: np.ndarray, right: np.ndarray, r: int, chunk: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidate pairs (left[i], right[i]) of columns of `words` within r, but not those
    close in a chunk before `chunk` (that chunk reports them)."""
    # The first 128 bits rule out nearly every candidate of unrelated photos.
    half = np.bitwise_count(np.take(words[0], left) ^ np.take(words[0], right)).astype(np.int16)
    half += np.bitwise_count(np.take(words[1], left) ^ np.take(words[1], right))
    near = np.nonzero(half <= r)[0]
    left, right = left[near], right[near]
    x = words[:, left] ^ words[:, right]
    distances = np.bitwise_count(x).sum(axis=0, dtype=np.int64)
    near = np.nonzero(distances <= r)[0]
    if chunk:
        # Row-major again, so that chunk c is column c as in the tables.
        by_chunk = np.bitwise_count(np.ascontiguousarray(x[:, near].T).view(np.uint16))
        near = near[(by_chunk[:, :chunk] > r // _CHUNKS).all(axis=1)]
    return left[near], right[near], distances[near]


def _ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The concatenation of range(start, start + count) for each pair, vectorised."""
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(counts)
    return np.repeat(starts - (ends - counts), counts) + np.arange(total, dtype=np.int64)


def _batches(starts: np.ndarray, counts: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(left, right) position arrays: position i paired with starts[i] .. +counts[i].

    Cut so that a batch holds about `_PAIR_BATCH` pairs (more only when one position alone
    has more partners).
    """
    (busy,) = np.nonzero(counts > 0)
    if len(busy) == 0:
        return
    counts, starts = counts[busy], starts[busy]
    totals = np.cumsum(counts)
    cuts = np.searchsorted(totals, np.arange(_PAIR_BATCH, int(totals[-1]), _PAIR_BATCH))
    for piece in np.split(np.arange(len(busy)), np.unique(cuts + 1)):
        if len(piece) == 0:
            continue
        n = counts[piece]
        yield np.repeat(busy[piece], n), _ranges(starts[piece], n)
