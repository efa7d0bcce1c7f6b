"""Candidate pairs: which articles share enough wording to be worth aligning.

An inverted index over hashed word n-grams ("shingles") of the normalised
tokens (see :mod:`newstrace.provenance.text`).  Shingles found in too many
documents are boilerplate (bylines, legal footers, stock phrases) and are
dropped before pairs are counted, so the work grows with the number of
documents that really share text, never with all pairs.
"""

from __future__ import annotations

import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable

from newstrace.config import Config
from newstrace.model import Article
from newstrace.provenance.text import token_arrays

ALGORITHM = "candidates.v1"
MIN_DF_LIMIT = 12


def shingles(text: str, n: int) -> set[int]:
    """Hashes of the distinct normalised word n-grams of ``text``."""
    norms = token_arrays(text).norms
    return {_stable_hash(" ".join(norms[i : i + n])) for i in range(len(norms) - n + 1)}


def _stable_hash(gram: str) -> int:
    """64-bit hash that is the same in every process (Python's ``hash`` is salted)."""
    data = gram.encode("utf-8")
    return (zlib.crc32(data) << 32) | zlib.adler32(data)


def pairs(articles: list[Article], config: Config) -> list[tuple[str, str, float]]:
    """Pairs ``(id_a, id_b, score)`` with ``id_a < id_b``, best first.

    ``score`` is the share of the smaller document's shingles that the two
    have in common (an overlap coefficient in [0, 1]).
    """
    opts = config.section("provenance")
    n = opts.int("shingle_words")
    sets = {a.id: shingles(a.body, n) for a in articles}
    return pairs_from_shingles(
        sets,
        max_df=opts.float("max_shingle_df"),
        min_shared=opts.int("min_shared_shingles"),
    )


def pairs_from_shingles(
    sets: dict[str, set[int]], max_df: float, min_shared: int
) -> list[tuple[str, str, float]]:
    """Candidate pairs from precomputed shingle sets (see :func:`pairs`).

    ``max_df`` is a fraction of the documents (or, when >= 1, a count): a
    shingle in more documents than that is ignored.  Never fewer than
    :data:`MIN_DF_LIMIT` documents: in a small collection (one event) a phrase
    every article shares is the story itself, not boilerplate.
    """
    ndocs = len(sets)
    limit = max(MIN_DF_LIMIT, int(max_df if max_df >= 1 else max_df * ndocs))
    postings: dict[int, list[str]] = defaultdict(list)
    for doc_id, shs in sets.items():
        for sh in shs:
            postings[sh].append(doc_id)
    shared: Counter[tuple[str, str]] = Counter()
    for ids in postings.values():
        if 1 < len(ids) <= limit:
            _count_pairs(sorted(ids), shared)
    out = []
    for (a, b), count in shared.items():
        if count >= min_shared:
            smaller = max(1, min(len(sets[a]), len(sets[b])))
            out.append((a, b, min(1.0, count / smaller)))
    out.sort(key=lambda p: (-p[2], p[0], p[1]))
    return out


def _count_pairs(ids: Iterable[str], shared: Counter[tuple[str, str]]) -> None:
    seq = list(ids)
    for i, a in enumerate(seq):
        for b in seq[i + 1 :]:
            shared[(a, b)] += 1
