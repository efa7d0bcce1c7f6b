"""Sentence paraphrase matcher: static embeddings plus lexical overlap.

Features of a sentence pair: cosine of WordLlama static embeddings (offline,
no torch), rapidfuzz token-set / token-sort / Indel similarities (partial_ratio
was dropped: most of the cost for 0.4 point of MRPC accuracy),
Jaccard of normalised words, bigrams and trigrams, word coverage, length
ratio and difference, and whether the numbers agree.  A logistic
regression over them gives P(paraphrase).  Its weights below were fitted by
:func:`fit` on the MRPC training file with every fifth pair held out
(``eval/test_paraphrase_gate.py`` re-fits and scores the held-out part), so
the matcher needs no training data at run time.
"""

from __future__ import annotations

import functools
import itertools
import pathlib
import re
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from newstrace.provenance.text import fold

ALGORITHM = "paraphrase.v1"
_WORD_RE = re.compile(r"\w+")

FEATURES = ("cosine", "token_set", "token_sort", "indel", "length_ratio",
            "jaccard", "number_mismatch", "bigram_jaccard", "trigram_jaccard", "numbers_equal",
            "min_coverage", "length_difference")
# Fitted by fit() on MRPC train pairs whose (id1 + id2) % 5 != 0
# (2026-11-23, `python eval/test_paraphrase_gate.py`).
WEIGHTS = np.array([1.443, -2.03, 3.47, 4.466, 0.146, 6.387, -0.518, 0.725, -4.951, 0.337,
                    -0.579, -2.811])
BIAS = -5.986


@functools.lru_cache(maxsize=1)
def _model() -> Any:
    """WordLlama's bundled static embeddings, loaded once and offline."""
    import wordllama
    from wordllama import WordLlama

    return WordLlama.load(cache_dir=pathlib.Path(wordllama.__file__).parent,
                          disable_download=True)


_CACHE: dict[str, np.ndarray] = {}
_CACHE_MAX = 50_000  # about 50 MB of 256-dim float32 vectors


def embed(texts: list[str]) -> np.ndarray:
    """L2-normalised sentence embeddings, one row per text.

    Cached per sentence: an article's sentences meet every candidate partner.
    """
    todo = list(dict.fromkeys(t for t in texts if t not in _CACHE))
    if todo:
        if len(_CACHE) + len(todo) > _CACHE_MAX:
            _CACHE.clear()
        vecs = np.asarray(_model().embed(todo), dtype=np.float32)
        vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
        _CACHE.update(zip(todo, vecs, strict=True))
    return np.stack([_CACHE[t] for t in texts]) if texts else np.zeros((0, 1), np.float32)


def feature_matrix(left: list[str], right: list[str]) -> np.ndarray:
    """Features of every (left[i], right[j]) pair: shape (len(left), len(right), F)."""
    cos = embed(left) @ embed(right).T
    fuzzy = [process.cdist(left, right, scorer=scorer, workers=1) / 100.0
             for scorer in (fuzz.token_set_ratio, fuzz.token_sort_ratio, fuzz.ratio)]
    info_l = [_word_info(t) for t in left]
    info_r = [_word_info(t) for t in right]
    lexical = np.zeros((*cos.shape, 7), dtype=np.float32)
    for i, x in enumerate(info_l):
        for j, y in enumerate(info_r):
            lexical[i, j] = _lexical(x, y)
    len_l = np.array([len(t) for t in left], dtype=np.float32)[:, None]
    len_r = np.array([len(t) for t in right], dtype=np.float32)[None, :]
    lratio = np.minimum(len_l, len_r) / np.maximum(np.maximum(len_l, len_r), 1.0)
    head = np.stack([cos, fuzzy[0], fuzzy[1], fuzzy[2], lratio], axis=-1)
    return np.concatenate([head, lexical], axis=-1)


@functools.lru_cache(maxsize=4096)
def _word_info(text: str) -> _WordInfo:
    """Cached: a sentence is compared with the sentences of every partner."""
    return _WordInfo(text)


class _WordInfo:
    """Normalised words, bigrams, trigrams and numbers of one sentence."""

    def __init__(self, text: str) -> None:
        words = [fold(w) for w in _WORD_RE.findall(text)]
        self.n = len(words)
        self.uni = set(words)
        self.bi = set(itertools.pairwise(words))
        self.tri = set(zip(words, words[1:], words[2:], strict=False))
        self.nums = {w for w in words if w.isdigit()}


def _jaccard(x: set[Any], y: set[Any]) -> float:
    union = len(x | y)
    return len(x & y) / union if union else 0.0


def _lexical(x: _WordInfo, y: _WordInfo) -> list[float]:
    """Jaccard, number mismatch, bigram/trigram Jaccard, numbers equal, min coverage,
    relative length difference in words."""
    common = len(x.uni & y.uni)
    return [
        _jaccard(x.uni, y.uni),
        float(bool(x.nums) and bool(y.nums) and x.nums != y.nums),
        _jaccard(x.bi, y.bi),
        _jaccard(x.tri, y.tri),
        float(x.nums == y.nums),
        min(common / max(1, len(x.uni)), common / max(1, len(y.uni))),
        abs(x.n - y.n) / max(1, x.n, y.n),
    ]


def score_matrix(left: list[str], right: list[str],
                 weights: np.ndarray | None = None, bias: float | None = None) -> np.ndarray:
    """P(paraphrase) for every (left[i], right[j]) pair."""
    w = WEIGHTS if weights is None else weights
    b = BIAS if bias is None else bias
    logits = feature_matrix(left, right) @ w + b
    return np.asarray(1.0 / (1.0 + np.exp(-logits)))


def pair_features(left: list[str], right: list[str]) -> np.ndarray:
    """Features of aligned pairs (left[i], right[i]): shape (n, F), computed in chunks."""
    rows = []
    for start in range(0, len(left), 256):
        chunk_l, chunk_r = left[start : start + 256], right[start : start + 256]
        full = feature_matrix(chunk_l, chunk_r)
        idx = np.arange(len(chunk_l))
        rows.append(full[idx, idx])
    return np.concatenate(rows) if rows else np.zeros((0, len(FEATURES)))


def score_pairs(left: list[str], right: list[str]) -> np.ndarray:
    """P(paraphrase) of aligned pairs (left[i], right[i])."""
    logits = pair_features(left, right) @ WEIGHTS + BIAS
    return np.asarray(1.0 / (1.0 + np.exp(-logits)))


def fit(left: list[str], right: list[str], labels: list[int]) -> tuple[np.ndarray, float]:
    """Fit the logistic regression; returns ``(weights, bias)`` for :data:`WEIGHTS`/`BIAS`."""
    from sklearn.linear_model import LogisticRegression

    x = pair_features(left, right)
    clf = LogisticRegression(C=10.0, max_iter=2000)
    clf.fit(x, labels)
    return clf.coef_[0].astype(np.float64), float(clf.intercept_[0])
