"""Candidate pairs: which articles share enough wording to be worth aligning.

An inverted index over hashed word n-grams ("shingles") of the normalised
tokens (see :mod:`newstrace.provenance.text`).  Shingles found in too many
documents are boilerplate (bylines, legal footers, stock phrases) and are
dropped before pairs are counted, so the work grows with the number of
documents that really share text, never with all pairs.

The index is a sorted numpy array of (shingle key, document) rows rather than
a dict of posting lists: at 10k documents it holds millions of shingles, and a
Python dict of lists would cost gigabytes.
"""

from __future__ import annotations

import functools
import itertools
import zlib

import numpy as np

from newstrace.config import Config
from newstrace.model import Article
from newstrace.provenance.text import norms as normalised_words

ALGORITHM = "candidates.v2"  # v2: tokens of text.v3 ("per cent", -ence spellings)
MIN_DF_LIMIT = 12
_MULT = np.uint64(1_000_003)


@functools.lru_cache(maxsize=262144)
def _word_key(norm: str) -> int:
    """A word's hash, the same in every process (Python's ``hash`` is salted)."""
    return zlib.crc32(norm.encode("utf-8"))


def shingle_keys(text: str, n: int) -> np.ndarray:
    """Sorted distinct 64-bit keys of the normalised word n-grams of ``text``."""
    norms = normalised_words(text)
    count = len(norms) - n + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    ids = np.fromiter((_word_key(w) for w in norms), dtype=np.uint64, count=len(norms))
    key = np.zeros(count, dtype=np.uint64)
    for k in range(n):  # polynomial rolling key; uint64 arithmetic wraps by design
        key = key * _MULT + ids[k : k + count]
    return np.unique(key)


def shingles(text: str, n: int) -> set[int]:
    """The shingle keys of ``text`` as a set of ints."""
    return set(shingle_keys(text, n).tolist())


def pairs(articles: list[Article], config: Config) -> list[tuple[str, str, float]]:
    """Pairs ``(id_a, id_b, score)`` with ``id_a < id_b``, best first.

    ``score`` is the share of the smaller document's shingles that the two
    have in common (an overlap coefficient in [0, 1]).
    """
    opts = config.section("provenance")
    n = opts.int("shingle_words")
    keys = {a.id: shingle_keys(a.body, n) for a in articles}
    return pairs_from_keys(keys, opts.float("max_shingle_df"), opts.int("min_shared_shingles"))


def pairs_from_shingles(
    sets: dict[str, set[int]], max_df: float, min_shared: int
) -> list[tuple[str, str, float]]:
    """:func:`pairs_from_keys` over shingle sets (any ints below 2**64)."""
    keys = {k: np.array(sorted(v), dtype=np.uint64) for k, v in sets.items()}
    return pairs_from_keys(keys, max_df, min_shared)


def pairs_from_keys(
    keys: dict[str, np.ndarray], max_df: float, min_shared: int
) -> list[tuple[str, str, float]]:
    """Candidate pairs from per-document shingle keys (see :func:`pairs`).

    ``max_df`` is a fraction of the documents (or, when >= 1, a count): a
    shingle in more documents than that is ignored.  Never fewer than
    :data:`MIN_DF_LIMIT` documents: in a small collection (one event) a phrase
    every article shares is the story itself, not boilerplate.
    """
    ids = sorted(keys)
    if len(ids) < 2:
        return []
    limit = max(MIN_DF_LIMIT, int(max_df if max_df >= 1 else max_df * len(ids)))
    sizes = np.array([len(keys[i]) for i in ids], dtype=np.int64)
    allkeys = np.concatenate([keys[i] for i in ids])
    docs = np.repeat(np.arange(len(ids), dtype=np.int64), sizes)
    order = np.argsort(allkeys, kind="stable")
    allkeys, docs = allkeys[order], docs[order]
    starts = np.flatnonzero(np.r_[True, allkeys[1:] != allkeys[:-1]])
    counts = np.diff(np.r_[starts, len(allkeys)])
    # only the group sizes present (not every size up to the limit: that is one pass
    # over millions of shingles per size, and the limit grows with the collection)
    sizes_present = np.unique(counts[(counts >= 2) & (counts <= limit)]).tolist()
    pair_codes = [_group_pairs(docs, starts[counts == k], k, len(ids)) for k in sizes_present]
    if not pair_codes:
        return []
    codes, shared = np.unique(np.concatenate(pair_codes), return_counts=True)
    keep = shared >= min_shared
    codes, shared = codes[keep], shared[keep]
    a_idx, b_idx = codes // len(ids), codes % len(ids)
    smaller = np.maximum(1, np.minimum(sizes[a_idx], sizes[b_idx]))
    score = np.minimum(1.0, shared / smaller)
    out = [(ids[a], ids[b], float(s)) for a, b, s in zip(a_idx.tolist(), b_idx.tolist(),
                                                         score.tolist(), strict=True)]
    out.sort(key=lambda p: (-p[2], p[0], p[1]))
    return out


def _group_pairs(docs: np.ndarray, starts: np.ndarray, k: int, ndocs: int) -> np.ndarray:
    """Codes ``a * ndocs + b`` (a < b) of every document pair inside groups of size ``k``."""
    members = docs[starts[:, None] + np.arange(k)[None, :]]  # (groups, k), ascending docs
    codes = [members[:, x] * ndocs + members[:, y]
             for x, y in itertools.combinations(range(k), 2)]
    return np.concatenate(codes)
