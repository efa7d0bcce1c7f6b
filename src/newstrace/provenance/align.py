"""Passage alignment between two articles: verbatim, edited and reworded text.

Seed-and-extend over normalised words (the approach of passim and BLAST):
shared word n-grams are seeds; seeds on one diagonal form exact runs; runs in
the same order in both texts and separated by small gaps on both sides are
chained into one *edited* passage (a word changed, a clause cut, a quote
trimmed).  Each run is placed independently, so reordered paragraphs still
align.  Sentences left unaligned on both sides are then matched by meaning
with :mod:`newstrace.provenance.paraphrase`.

The kernel :func:`align_texts` is a pure function of two strings returning
character offsets, so an executor can ship it to workers as is.
"""

from __future__ import annotations

import functools
import re
from array import array
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from newstrace.config import Config
from newstrace.model import Article, Passage, Span
from newstrace.provenance import paraphrase
from newstrace.provenance.text import Tokens, coverage, fold, overlap, sentences, token_arrays

ALGORITHM = "align.v4"  # v4: sentences inside an edited passage's gap are free for paraphrase

PUNCT_RE = re.compile(r"[\W_]+")
_WORD_RE = re.compile(r"\w+")
_MAX_GLUE = 3  # punctuation characters glued to a passage's first or last word
_QUOTE_FOLD = {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"}


@dataclass(frozen=True)
class AlignOptions:
    """Tuning of the kernel (the ``[provenance]`` options of ``defaults.toml``)."""

    seed_words: int = 3
    max_gap_words: int = 8
    min_words: int = 6
    max_seed_freq: int = 4
    paraphrase: bool = True
    paraphrase_threshold: float = 0.55
    paraphrase_min_overlap: float = 0.25
    min_sentence_chars: int = 40
    paraphrase_model: str = "wordllama"

    @classmethod
    def from_config(cls, config: Config) -> AlignOptions:
        opts = config.section("provenance")
        return cls(
            seed_words=opts.int("seed_words"),
            max_gap_words=opts.int("max_gap_words"),
            min_words=opts.int("min_passage_words"),
            max_seed_freq=opts.int("max_seed_freq"),
            paraphrase=opts.bool("paraphrase"),
            paraphrase_threshold=opts.float("paraphrase_threshold"),
            paraphrase_min_overlap=opts.float("paraphrase_min_overlap"),
            min_sentence_chars=opts.int("min_sentence_chars"),
            paraphrase_model=paraphrase.model_name(config),
        )


@dataclass
class RawPassage:
    """An aligned pair of character ranges, plus the exact runs inside it."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    kind: str
    score: float
    # exact runs as (a_start, a_end, b_start, b_end) character ranges
    runs: list[tuple[int, int, int, int]] = field(default_factory=list)
    literal_words: int = 0  # words identical letter for letter (case included)
    matched_words: int = 0
    # character ranges of those letter-for-letter identical words, in a and in b
    literal_a: list[tuple[int, int]] = field(default_factory=list)
    literal_b: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class _Run:
    i: int  # first token in a
    j: int  # first token in b
    length: int  # tokens


def align(a: Article, b: Article, config: Config) -> list[Passage]:
    """Aligned passages; ``source`` spans are in ``a``, ``target`` spans in ``b``."""
    raw = align_texts(a.body, b.body, AlignOptions.from_config(config))
    return [to_passage(p, a.id, b.id) for p in raw]


def to_passage(p: RawPassage, a_id: str, b_id: str) -> Passage:
    """The data-model form of a kernel passage."""
    kind = p.kind if p.kind in ("verbatim", "edited", "paraphrase") else "edited"
    return Passage(
        source=Span(a_id, p.a_start, p.a_end),
        target=Span(b_id, p.b_start, p.b_end),
        kind=kind,  # type: ignore[arg-type]
        score=round(p.score, 4),
    )


def align_texts(a: str, b: str, opts: AlignOptions | None = None) -> list[RawPassage]:
    """Verbatim/edited passages from word seeds, then paraphrased sentences."""
    opts = opts or AlignOptions()
    ta, tb = token_arrays(a), token_arrays(b)
    runs = _select_runs(_seed_runs(ta, tb, opts), opts.seed_words)
    found = [p for p in _chain(runs, ta, tb, a, b, opts) if p.matched_words >= opts.min_words]
    if opts.paraphrase:
        found = add_paraphrases(a, b, found, opts)
    found.sort(key=lambda p: (p.a_start, p.b_start))
    return found


def add_paraphrases(
    a: str, b: str, found: list[RawPassage], opts: AlignOptions
) -> list[RawPassage]:
    """``found`` plus reworded sentence pairs among the sentences it leaves unaligned."""
    out = found + _paraphrases(a, b, found, opts)
    out.sort(key=lambda p: (p.a_start, p.b_start))
    return out


def _gram_array(arr: Tokens, n: int) -> np.ndarray:
    """Keys of the word n-grams of a text, by position."""
    if n == 3:
        return np.frombuffer(arr.grams, dtype=np.int64)
    count = len(arr.norms) - n + 1
    return np.array([hash(arr.norms[i : i + n]) for i in range(max(0, count))], dtype=np.int64)


def _seed_pairs(ta: Tokens, tb: Tokens, n: int, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """Positions ``(i, j)`` where both texts have the same n-gram, for n-grams found at
    most ``limit`` times in each text (numpy set operations: this is the hot loop)."""
    ga, gb = _gram_array(ta, n), _gram_array(tb, n)
    common = np.intersect1d(ga, gb)
    if not len(common):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    ia, jb = np.flatnonzero(np.isin(ga, common)), np.flatnonzero(np.isin(gb, common))
    oa, ob = np.argsort(ga[ia], kind="stable"), np.argsort(gb[jb], kind="stable")
    ia, jb = ia[oa], jb[ob]  # grouped by key, in key order, positions ascending
    _, ca = np.unique(ga[ia], return_counts=True)
    _, cb = np.unique(gb[jb], return_counts=True)
    sa, sb = np.r_[0, np.cumsum(ca)[:-1]], np.r_[0, np.cumsum(cb)[:-1]]
    single = (ca == 1) & (cb == 1)
    out_i, out_j = [ia[sa[single]]], [jb[sb[single]]]
    for k in np.flatnonzero(~single & (ca <= limit) & (cb <= limit)).tolist():
        is_, js = ia[sa[k] : sa[k] + ca[k]], jb[sb[k] : sb[k] + cb[k]]
        out_i.append(np.repeat(is_, len(js)))
        out_j.append(np.tile(js, len(is_)))
    return np.concatenate(out_i), np.concatenate(out_j)


def _seed_runs(ta: Tokens, tb: Tokens, opts: AlignOptions) -> list[_Run]:
    """Maximal exact runs of shared n-grams, one per diagonal stretch."""
    n = opts.seed_words
    ii, jj = _seed_pairs(ta, tb, n, opts.max_seed_freq)
    if not len(ii):
        return []
    diag = jj - ii
    order = np.lexsort((ii, diag))
    ii, diag = ii[order], diag[order]
    brk = np.flatnonzero((diag[1:] != diag[:-1]) | (ii[1:] != ii[:-1] + 1)) + 1
    starts = np.r_[0, brk]
    ends = np.r_[brk, len(ii)] - 1
    return [_Run(int(ii[s]), int(ii[s] + diag[s]), int(ii[e] - ii[s] + n))
            for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]


def _select_runs(runs: list[_Run], n: int) -> list[_Run]:
    """Longest runs first; a run overlapping a kept one is trimmed or dropped.

    This resolves repeated phrases (a sentence said twice) to one placement.
    """
    kept: list[_Run] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for run in sorted(runs, key=lambda r: (-r.length, r.i, r.j)):
        best: tuple[int, int] | None = None
        start = None
        for k in range(run.length + 1):
            free = k < run.length and run.i + k not in used_a and run.j + k not in used_b
            if free and start is None:
                start = k
            elif not free and start is not None:
                if best is None or k - start > best[1] - best[0]:
                    best = (start, k)
                start = None
        if best is None or best[1] - best[0] < n:
            continue
        piece = _Run(run.i + best[0], run.j + best[0], best[1] - best[0])
        kept.append(piece)
        used_a.update(range(piece.i, piece.i + piece.length))
        used_b.update(range(piece.j, piece.j + piece.length))
    return kept


def _chain(
    runs: list[_Run], ta: Tokens, tb: Tokens, a: str, b: str, opts: AlignOptions
) -> list[RawPassage]:
    """Merge runs that follow each other in both texts with small gaps."""
    groups: list[list[_Run]] = []
    for run in sorted(runs, key=lambda r: (r.i, r.j)):
        if groups:
            last = groups[-1][-1]
            gap_a = run.i - (last.i + last.length)
            gap_b = run.j - (last.j + last.length)
            if 0 <= gap_a <= opts.max_gap_words and 0 <= gap_b <= opts.max_gap_words:
                groups[-1].append(run)
                continue
        groups.append([run])
    return [_passage(g, ta, tb, a, b) for g in groups]


def _passage(group: list[_Run], ta: Tokens, tb: Tokens, a: str, b: str) -> RawPassage:
    first, last = group[0], group[-1]
    i0, i1 = first.i, last.i + last.length - 1
    j0, j1 = first.j, last.j + last.length - 1
    matched = sum(r.length for r in group)
    words_a, words_b = i1 - i0 + 1, j1 - j0 + 1
    sa, ea, sb, eb = ta.starts, ta.ends, tb.starts, tb.ends
    lit_a: list[tuple[int, int]] = []
    lit_b: list[tuple[int, int]] = []
    literal = 0
    runs = []
    for r in group:
        run = (sa[r.i], ea[r.i + r.length - 1], sb[r.j], eb[r.j + r.length - 1])
        runs.append(run)
        if a[run[0] : run[1]] == b[run[2] : run[3]]:  # the common case: one comparison
            literal += r.length
            extend_words(lit_a, sa, ea, r.i, r.length)
            extend_words(lit_b, sb, eb, r.j, r.length)
            continue
        for k in range(r.length):
            xs, xe, ys, ye = sa[r.i + k], ea[r.i + k], sb[r.j + k], eb[r.j + k]
            wa, wb = a[xs:xe], b[ys:ye]
            if wa == wb or PUNCT_RE.sub("", wa) == PUNCT_RE.sub("", wb):
                literal += 1
                extend_span(lit_a, xs, xe)
                extend_span(lit_b, ys, ye)
    contiguous = words_a == matched and words_b == matched
    kind = "verbatim" if contiguous and literal >= 0.9 * matched else "edited"
    a0, b0 = glue(a, b, sa[i0], sb[j0], -1)
    a1, b1 = glue(a, b, ea[i1], eb[j1], 1)
    return RawPassage(
        a0, a1, b0, b1,
        kind=kind, score=2 * matched / (words_a + words_b), runs=runs,
        literal_words=literal, matched_words=matched, literal_a=lit_a, literal_b=lit_b,
    )


def glue(a: str, b: str, x: int, y: int, step: int) -> tuple[int, int]:
    """Move a passage edge (``x`` in ``a``, ``y`` in ``b``) over punctuation glued to
    its word that both texts share ('economy."' ends after the quote in both): a
    copied sentence carries its closing marks.  ``step`` is -1 for a start, 1 for
    an end.  Quote styles count as the same mark."""
    for _ in range(_MAX_GLUE):
        i, j = (x - 1, y - 1) if step < 0 else (x, y)
        if not (0 <= i < len(a) and 0 <= j < len(b)):
            break
        ca, cb = _QUOTE_FOLD.get(a[i], a[i]), _QUOTE_FOLD.get(b[j], b[j])
        if ca != cb or ca.isspace() or ca.isalnum():
            break
        x, y = x + step, y + step
    return x, y


def extend_words(spans: list[tuple[int, int]], starts: array, ends: array, first: int,
                  count: int) -> None:
    """:func:`extend_span` for ``count`` consecutive words from ``first``: the same
    spans, split only where words are more than one character apart."""
    pos = starts[first]
    for k in range(first + 1, first + count):
        if starts[k] - ends[k - 1] > 1:
            extend_span(spans, pos, ends[k - 1])
            pos = starts[k]
    extend_span(spans, pos, ends[first + count - 1])


def extend_span(spans: list[tuple[int, int]], start: int, end: int) -> None:
    """Append a word's range, merging it with the previous one across one separator
    (keeps the literal spans of a long passage to a handful of tuples)."""
    if spans and start - spans[-1][1] <= 1:
        spans[-1] = (spans[-1][0], end)
    else:
        spans.append((start, end))


def _paraphrases(
    a: str, b: str, found: list[RawPassage], opts: AlignOptions
) -> list[RawPassage]:
    """Reworded sentences: mutual best matches among sentences not yet aligned."""
    sa = _free_sentences(a, [(p.a_start, p.a_end) for p in found],
                         [(r[0], r[1]) for p in found for r in _covered(p)],
                         opts.min_sentence_chars)
    sb = _free_sentences(b, [(p.b_start, p.b_end) for p in found],
                         [(r[2], r[3]) for p in found for r in _covered(p)],
                         opts.min_sentence_chars)
    sa, sb = _lexical_prefilter(a, sa, b, sb, opts.paraphrase_min_overlap)
    if not sa or not sb:
        return []
    probs = paraphrase.score_matrix([a[s:e] for s, e in sa], [b[s:e] for s, e in sb],
                                    model=opts.paraphrase_model)
    out = []
    best_b = probs.argmax(axis=1)
    best_a = probs.argmax(axis=0)
    for x, y in enumerate(best_b):
        p = float(probs[x, y])
        if best_a[y] == x and p >= opts.paraphrase_threshold:
            (a0, a1), (b0, b1) = sa[x], sb[int(y)]
            out.append(RawPassage(a0, a1, b0, b1, kind="paraphrase", score=p))
    return out


def _covered(p: RawPassage) -> list[tuple[int, int, int, int]]:
    """What a passage really aligns: its exact runs, or the whole of a paraphrase."""
    return p.runs if p.kind != "paraphrase" and p.runs else [
        (p.a_start, p.a_end, p.b_start, p.b_end)]


def _lexical_prefilter(
    a: str, sa: list[tuple[int, int]], b: str, sb: list[tuple[int, int]], min_overlap: float
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Keep sentences sharing at least ``min_overlap`` of their content words with
    some sentence on the other side: the embedding step is the costly one, and
    reworded news sentences keep their names and key nouns."""
    wa = [_content_words(a[s:e]) for s, e in sa]
    wb = [_content_words(b[s:e]) for s, e in sb]
    where: dict[str, list[int]] = {}  # word -> sentences of b holding it
    for j, y in enumerate(wb):
        for w in y:
            where.setdefault(w, []).append(j)
    keep_a: set[int] = set()
    keep_b: set[int] = set()
    for i, x in enumerate(wa):
        shared = Counter(j for w in x for j in where.get(w, ()))
        for j, common in shared.items():
            if common >= min_overlap * min(len(x), len(wb[j])):
                keep_a.add(i)
                keep_b.add(j)
    return [sa[i] for i in sorted(keep_a)], [sb[j] for j in sorted(keep_b)]


@functools.lru_cache(maxsize=8192)
def _content_words(text: str) -> frozenset[str]:
    """Normalised words of four letters or more (a cheap stop-word filter).

    Cached: a sentence meets the sentences of every candidate partner."""
    return frozenset(fold(w) for w in _WORD_RE.findall(text) if len(w) >= 4)


def _free_sentences(
    text: str, passages: list[tuple[int, int]], runs: list[tuple[int, int]], min_chars: int
) -> list[tuple[int, int]]:
    """Sentences of at least ``min_chars`` of which under half lies in passages, or
    none in their exact runs: a sentence moved between two copied ones sits in
    the gap of the edited passage chained across it, aligned word for word nowhere."""
    out = []
    # binary searches over merged spans, not a scan of every span per sentence
    merged, exact = coverage(passages), coverage(runs)
    for s, e in sentences(text):
        if e - s >= min_chars and (overlap(s, e, merged) * 2 < e - s
                                   or not overlap(s, e, exact)):
            out.append((s, e))
    return out
