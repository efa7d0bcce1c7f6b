"""Candidate pairs by blocking, then exact similarities and shared neighbours.

Comparing every pair of articles is quadratic.  Blocking keeps, for each
article, only its ``block_terms`` heaviest terms and drops terms carried by
more than ``max_postings`` articles (they say nothing about which event an
article reports); two articles are candidates when their pruned vectors
share a term.  The pruned product is computed in row chunks and each row keeps
its ``candidates`` best partners, so memory and time grow with
``n x candidates`` rather than ``n x n``.  Exact cosines are then computed
for the kept pairs only.

Shared nearest neighbours (Jarvis & Patrick, 1973): two articles reporting
one happening tend to have the *same* nearest neighbours, while two
happenings of the same kind share topic words but not neighbourhoods.  On
ECB+ the nearest neighbour is from the same event for 98% of documents, while
raw cosines of same-event and same-kind pairs overlap; mixing the SNN overlap
into the edge weight is what separates the two.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from newstrace.config import Config

ALGORITHM = "candidates.v1"


@dataclass
class Graph:
    """Symmetric weighted candidate edges ``(i, j) -> weight`` with ``i < j``."""

    n: int
    cosine: dict[tuple[int, int], float]
    snn: dict[tuple[int, int], float]
    neighbours: list[list[int]]
    # Share of the collection outside one neighbourhood, 1 - (k + 1) / n: how
    # much an overlap can say (nothing when neighbourhoods cover everything).
    informative: float = 1.0


def _prune(x: sp.csr_matrix, keep: int, max_postings: int) -> sp.csr_matrix:
    """Keep each row's ``keep`` largest entries, in columns of few enough postings."""
    x = x.tocsr()
    df = np.bincount(x.indices, minlength=x.shape[1])
    rows, cols, vals = [], [], []
    for i in range(x.shape[0]):
        lo, hi = x.indptr[i], x.indptr[i + 1]
        idx, dat = x.indices[lo:hi], x.data[lo:hi]
        ok = df[idx] <= max_postings
        idx, dat = idx[ok], dat[ok]
        if len(dat) > keep:
            top = np.argpartition(-dat, keep)[:keep]
            idx, dat = idx[top], dat[top]
        rows.extend([i] * len(idx))
        cols.extend(idx.tolist())
        vals.extend(dat.tolist())
    return sp.csr_matrix((vals, (rows, cols)), shape=x.shape, dtype=np.float32)


def _top_partners(block: sp.csr_matrix, offset: int, limit: int) -> list[np.ndarray]:
    """Per row of a chunk of the pruned product, the ``limit`` best other columns."""
    out = []
    for r in range(block.shape[0]):
        lo, hi = block.indptr[r], block.indptr[r + 1]
        idx, dat = block.indices[lo:hi], block.data[lo:hi]
        mask = idx != offset + r
        idx, dat = idx[mask], dat[mask]
        if len(dat) > limit:
            idx = idx[np.argpartition(-dat, limit)[:limit]]
        out.append(idx)
    return out


def candidate_pairs(x: sp.csr_matrix, config: Config) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``(a[k], b[k])``, ``a < b``, worth scoring exactly (unique, sorted)."""
    sec = config.section("events")
    n = x.shape[0]
    pruned = _prune(x, sec.int("block_terms"), sec.int("max_postings"))
    limit = sec.int("candidates")
    chunk = 512
    keys: list[np.ndarray] = []
    tr = pruned.T.tocsc()
    for start in range(0, n, chunk):
        block = (pruned[start : start + chunk] @ tr).tocsr()
        for r, partners in enumerate(_top_partners(block, start, limit)):
            i = np.int64(start + r)
            lo, hi = np.minimum(partners, i), np.maximum(partners, i)
            keys.append(lo.astype(np.int64) * n + hi)
    if not keys:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    uniq = np.unique(np.concatenate(keys))
    return uniq // n, uniq % n


def _exact(x: sp.csr_matrix, a: np.ndarray, b: np.ndarray, step: int = 20000) -> np.ndarray:
    """Dot products of rows ``a[k]`` and ``b[k]``, a slice of pairs at a time (memory)."""
    out = np.zeros(len(a), dtype=np.float32)
    for lo in range(0, len(a), step):
        sa, sb = a[lo : lo + step], b[lo : lo + step]
        out[lo : lo + step] = np.asarray(x[sa].multiply(x[sb]).sum(axis=1)).ravel()
    return out


def build_graph(x: sp.csr_matrix, config: Config) -> Graph:
    """Exact cosines on candidate pairs, k nearest neighbours and SNN overlaps.

    Below ``exact_below`` articles every pair is scored (it is cheap, and in a
    small collection blocking terms are not reliably rare).
    """
    sec = config.section("events")
    n = x.shape[0]
    if n < sec.int("exact_below"):
        upper = sp.triu(x @ x.T, k=1).tocoo()
        a, b, sims = upper.row, upper.col, upper.data
    else:
        a, b = candidate_pairs(x, config)
        sims = _exact(x, a, b)
    cosine = {
        (int(i), int(j)): float(s) for i, j, s in zip(a, b, sims, strict=True) if s > 0
    }
    # Fewer neighbours in a small collection: with k >= n - 1 every article
    # would share every neighbour and the overlap would carry no information.
    k = max(1, min(sec.int("neighbours"), (n - 1) // 2))
    partners: list[list[tuple[float, int]]] = [[] for _ in range(n)]
    for (i, j), s in cosine.items():
        partners[i].append((s, j))
        partners[j].append((s, i))
    floor = sec.float("neighbour_floor")
    neighbours = [
        [j for s, j in sorted(p, reverse=True)[:k] if s >= floor] for p in partners
    ]
    sets = [set(nb) | {i} for i, nb in enumerate(neighbours)]
    # Overlap beyond what two random neighbourhoods of k + 1 articles among n
    # would share, so a small collection (where every neighbourhood covers
    # most articles) does not look like one tight group.
    chance = (k + 1) ** 2 / n
    scale = max(k + 1 - chance, 1e-9)
    snn = {
        (i, j): max(0.0, (len(sets[i] & sets[j]) - chance) / scale) for (i, j) in cosine
    }
    return Graph(
        n=n, cosine=cosine, snn=snn, neighbours=neighbours,
        informative=max(0.0, 1.0 - (k + 1) / n),
    )
