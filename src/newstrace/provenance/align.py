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

import bisect
import dataclasses
import difflib
import functools
import re
from array import array
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from newstrace.config import Config
from newstrace.model import Article, Passage, Span
from newstrace.provenance import paraphrase
from newstrace.provenance.text import Tokens, fold, sentences, token_arrays

ALGORITHM = "align.v3"

_PUNCT_RE = re.compile(r"[\W_]+")
_WORD_RE = re.compile(r"\w+")
_MAX_GLUE = 3  # punctuation characters glued to a passage's first or last word
#: Share of a paraphrase-matched sentence's words kept in order from its source above
#: which it is reported as edited text, cut to the words kept (see copied_pieces).
EDITED_SHARE = 0.5
_MATCH = 2  # score of a matched word in the extension (each edit scores -1)
_EXTEND_WORDS = 12  # words searched beyond a passage's edge for matches between edits
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
            _extend_words(lit_a, sa, ea, r.i, r.length)
            _extend_words(lit_b, sb, eb, r.j, r.length)
            continue
        for k in range(r.length):
            xs, xe, ys, ye = sa[r.i + k], ea[r.i + k], sb[r.j + k], eb[r.j + k]
            wa, wb = a[xs:xe], b[ys:ye]
            if wa == wb or _PUNCT_RE.sub("", wa) == _PUNCT_RE.sub("", wb):
                literal += 1
                _extend(lit_a, xs, xe)
                _extend(lit_b, ys, ye)
    contiguous = words_a == matched and words_b == matched
    kind = "verbatim" if contiguous and literal >= 0.9 * matched else "edited"
    a0, b0 = _glue(a, b, sa[i0], sb[j0], -1)
    a1, b1 = _glue(a, b, ea[i1], eb[j1], 1)
    return RawPassage(
        a0, a1, b0, b1,
        kind=kind, score=2 * matched / (words_a + words_b), runs=runs,
        literal_words=literal, matched_words=matched, literal_a=lit_a, literal_b=lit_b,
    )


def copied_pieces(p: RawPassage, a: str, b: str) -> list[RawPassage]:
    """A passage cut into the stretches of ``b`` actually copied from ``a``.

    A chained (edited) passage spans the words an editor substituted or
    inserted; a reader asking "which of this text came from the source?" must
    not be told those words did.  Words matched between two runs (one- or
    two-word stretches too short to seed) are recovered by a longest-common-
    subsequence match of the gap (difflib: gaps are a few words), then the
    matched words of ``b`` are cut wherever ``b`` has an unmatched word.  A
    deletion (words of ``a`` the copy left out) does not cut: the copied text
    around it is contiguous in ``b``.  Words kept between edits just beyond the
    passage's first or last run are taken in by a local alignment (see
    :func:`_extension`).  Passages are also cut at paragraph breaks of ``b``: a
    break is layout, not copied text, and a passage per paragraph reads
    better.  A paraphrase passage is cut the same way when it is really an
    edited sentence (see :func:`_reworded_pieces`), else returned as is.
    """
    if p.kind == "paraphrase":
        return _reworded_pieces(p, a, b)
    if not p.runs:
        return [p]
    ta, tb = token_arrays(a), token_arrays(b)
    first, end = p.runs[0], p.runs[-1]
    before = _extension(ta, tb, a, b, (bisect.bisect_left(ta.starts, first[0]),
                                       bisect.bisect_left(tb.starts, first[2])), -1)
    after = _extension(ta, tb, a, b, (bisect.bisect_left(ta.ends, end[1]),
                                      bisect.bisect_left(tb.ends, end[3])), 1)
    if len(p.runs) == 1 and not before and not after and "\n" not in b[p.b_start : p.b_end]:
        return [p]
    pairs = before[::-1] + _run_words(p, ta, tb) + after
    pieces: list[list[tuple[int, int]]] = []
    for i, j in pairs:
        last = pieces[-1][-1][1] if pieces else -2
        # the same word of b twice: two words of a run together in it
        if j == last or (j == last + 1 and "\n" not in b[tb.ends[last] : tb.starts[j]]):
            pieces[-1].append((i, j))
        else:
            pieces.append([(i, j)])
    if len(pieces) == 1 and p.kind == "verbatim" and not before and not after:
        return [p]
    return [_piece(x, ta, tb, a, b) for x in pieces]


def _reworded_pieces(p: RawPassage, a: str, b: str) -> list[RawPassage]:
    """A sentence pair the paraphrase matcher found, cut to its common words when
    they are, in order, at least :data:`EDITED_SHARE` of the words of the longer
    sentence (either way round: the share must not depend on which article is
    the source): that is an edited sentence (words changed among words kept, too few in
    a row to seed an exact run), and as for any edited passage the changed words
    are not copied text.  A sentence that keeps fewer is reworded: it stays one
    paraphrase passage, sentence for sentence."""
    ta, tb = token_arrays(a), token_arrays(b)
    i0, i1 = bisect.bisect_left(ta.starts, p.a_start), bisect.bisect_left(ta.starts, p.a_end)
    j0, j1 = bisect.bisect_left(tb.starts, p.b_start), bisect.bisect_left(tb.starts, p.b_end)
    if j1 <= j0 or i1 <= i0:
        return [p]
    match = difflib.SequenceMatcher(None, ta.norms[i0:i1], tb.norms[j0:j1], autojunk=False)
    pairs = [(i0 + m.a + k, j0 + m.b + k) for m in match.get_matching_blocks()
             for k in range(m.size)]
    if len(pairs) < EDITED_SHARE * max(i1 - i0, j1 - j0):
        return [p]
    pieces: list[list[tuple[int, int]]] = []
    for i, j in pairs:
        if pieces and j == pieces[-1][-1][1] + 1:
            pieces[-1].append((i, j))
        else:
            pieces.append([(i, j)])
    return [dataclasses.replace(x, kind="edited") for x in
            (_piece(w, ta, tb, a, b) for w in pieces)]


def _run_words(p: RawPassage, ta: Tokens, tb: Tokens) -> list[tuple[int, int]]:
    """Matched word pairs ``(i, j)`` of a chained passage: the words of its exact runs
    and those a longest-common-subsequence match finds in the gaps between them."""
    pairs: list[tuple[int, int]] = []
    prev: tuple[int, int] | None = None
    for r in p.runs:
        i0 = bisect.bisect_left(ta.starts, r[0])
        j0 = bisect.bisect_left(tb.starts, r[2])
        i1 = bisect.bisect_left(ta.ends, r[1])
        if prev is not None:
            pairs.extend((prev[0] + x, prev[1] + y) for x, y in
                         _gap_pairs(ta.norms[prev[0] : i0], tb.norms[prev[1] : j0]))
        pairs.extend((i0 + k, j0 + k) for k in range(i1 - i0 + 1))
        prev = (i1 + 1, j0 + i1 - i0 + 1)
    return pairs


def _gap_pairs(na: tuple[str, ...], nb: tuple[str, ...]) -> list[tuple[int, int]]:
    """Matched word pairs of two short gaps: their longest common subsequence
    (difflib), then, between its blocks, a word of one side that is two adjacent
    words of the other run together, as name transliterations and house styles
    print them ("Mid-Atlantic" / "Mid Atlantic", "U.S.-Mexico" / "US-Mexico"):
    both words of the split side pair with the one word of the other."""
    out: list[tuple[int, int]] = []
    x = y = 0
    for m in difflib.SequenceMatcher(None, na, nb, autojunk=False).get_matching_blocks():
        out.extend(_merged_words(na, nb, x, m.a, y, m.b))
        out.extend((m.a + k, m.b + k) for k in range(m.size))
        x, y = m.a + m.size, m.b + m.size
    return out


def _merged_words(na: tuple[str, ...], nb: tuple[str, ...], x0: int, x1: int, y0: int,
                  y1: int) -> list[tuple[int, int]]:
    """Pairs of one word against two run together, in order, within ``na[x0:x1]``
    and ``nb[y0:y1]`` (words the longest common subsequence left unmatched)."""
    out: list[tuple[int, int]] = []
    x, y_from = x0, y0
    while x < x1:
        for y in range(y_from, y1):
            if y + 1 < y1 and na[x] == nb[y] + nb[y + 1]:
                out += [(x, y), (x, y + 1)]
                x, y_from = x + 1, y + 2
                break
            if x + 1 < x1 and na[x] + na[x + 1] == nb[y]:
                out += [(x, y), (x + 1, y)]
                x, y_from = x + 2, y + 1
                break
        else:
            x += 1
    return out


def _extension(ta: Tokens, tb: Tokens, a: str, b: str, edge: tuple[int, int],
               step: int) -> list[tuple[int, int]]:
    """Words matched beyond a passage edge ``edge`` (its first word pair when ``step``
    is -1, its last when 1), nearest first.

    Exact runs need ``seed_words`` words in a row, so the one or two words an
    editor left between two changes at the end of a passage ("... he was back
    to his [xenophobic self.]") are not in any run.  A local alignment in the
    style of Smith-Waterman (match +1, substitution, insertion or deletion -1),
    anchored at the edge and kept where its score peaks, takes them in; it
    looks at most :data:`_EXTEND_WORDS` words on each side and never across a
    paragraph break, where the copied text of a passage ends.
    """
    wb = _window(tb, b, edge[1], step)
    wa = _window(ta, a, edge[0], step) if wb else []
    na, nb = [ta.norms[i] for i in wa], [tb.norms[j] for j in wb]
    if not na or set(na).isdisjoint(nb):
        return []
    score = [[-(x + y) for y in range(len(nb) + 1)] for x in range(len(na) + 1)]
    best, at = 0, (0, 0)
    for x in range(1, len(na) + 1):
        for y in range(1, len(nb) + 1):
            diag = score[x - 1][y - 1] + (_MATCH if na[x - 1] == nb[y - 1] else -1)
            score[x][y] = max(diag, score[x - 1][y] - 1, score[x][y - 1] - 1)
            if score[x][y] > best and na[x - 1] == nb[y - 1]:
                best, at = score[x][y], (x, y)
    out: list[tuple[int, int]] = []
    x, y = at
    while x > 0 and y > 0:  # trace back: matched words on the best path
        if na[x - 1] == nb[y - 1] and score[x][y] == score[x - 1][y - 1] + _MATCH:
            out.append((wa[x - 1], wb[y - 1]))
            x, y = x - 1, y - 1
        elif score[x][y] == score[x - 1][y - 1] - 1:
            x, y = x - 1, y - 1
        elif score[x][y] == score[x - 1][y] - 1:
            x -= 1
        else:
            y -= 1
    # one short common word alone may be chance ("The" opening the next sentence)
    return out[::-1] if len(out) >= 2 or (out and len(ta.norms[out[0][0]]) >= 4) else []


def _window(arr: Tokens, text: str, edge: int, step: int) -> list[int]:
    """Up to :data:`_EXTEND_WORDS` word indices next to word ``edge`` in direction
    ``step``, stopping at a paragraph break."""
    out: list[int] = []
    k = edge
    while len(out) < _EXTEND_WORDS:
        nxt = k + step
        if not 0 <= nxt < len(arr.norms):
            break
        lo, hi = (arr.ends[k], arr.starts[nxt]) if step > 0 else (arr.ends[nxt], arr.starts[k])
        if text.find("\n", lo, hi) >= 0:
            break
        out.append(nxt)
        k = nxt
    return out


def _piece(words: list[tuple[int, int]], ta: Tokens, tb: Tokens, a: str, b: str) -> RawPassage:
    """One contiguous copied stretch of ``b`` with its matched words in ``a``."""
    (i0, j0), (i1, j1) = words[0], words[-1]
    a0, b0 = _glue(a, b, ta.starts[i0], tb.starts[j0], -1)
    a1, b1 = _glue(a, b, ta.ends[i1], tb.ends[j1], 1)
    lit_a: list[tuple[int, int]] = []
    lit_b: list[tuple[int, int]] = []
    literal = 0
    k = 0
    while k < len(words):
        # a stretch of words consecutive on both sides: one comparison if alike
        i, j = words[k]
        m = k + 1
        while m < len(words) and words[m] == (i + m - k, j + m - k):
            m += 1
        last_i, last_j = words[m - 1]
        if m - k > 1 and a[ta.starts[i] : ta.ends[last_i]] == b[tb.starts[j] : tb.ends[last_j]]:
            literal += m - k
            _extend_words(lit_a, ta.starts, ta.ends, i, m - k)
            _extend_words(lit_b, tb.starts, tb.ends, j, m - k)
            k = m
            continue
        for i, j in words[k:m]:
            wa, wb = a[ta.starts[i] : ta.ends[i]], b[tb.starts[j] : tb.ends[j]]
            if wa == wb or _PUNCT_RE.sub("", wa) == _PUNCT_RE.sub("", wb):
                _extend(lit_a, ta.starts[i], ta.ends[i])
                _extend(lit_b, tb.starts[j], tb.ends[j])
                literal += 1
        k = m
    n, span_a = len(words), i1 - i0 + 1
    kind = "verbatim" if span_a == n and literal >= 0.9 * n else "edited"
    return RawPassage(a0, a1, b0, b1, kind=kind, score=min(1.0, 2 * n / (span_a + n)),
                      literal_words=literal, matched_words=n, literal_a=lit_a, literal_b=lit_b)


def typographic_spans(p: RawPassage, a: str, b: str, side: str) -> list[tuple[int, int]]:
    """Character ranges (in ``a`` or ``b`` per ``side``) of the passage's matched words
    identical in both texts down to the marks around them: quote styles, dotted
    acronyms, spelling.  Normalisation folds those away to find the copy; a copy
    keeps its own source's typography, so this tells a reprint's copy from a copy
    of the reprint's source when the words alone are the same.  Each word counts
    with the marks and space before it (the opening quote of "We ...)."""
    ta, tb = token_arrays(a), token_arrays(b)
    out: list[tuple[int, int]] = []
    for r in p.runs:
        i0, j0 = bisect.bisect_left(ta.starts, r[0]), bisect.bisect_left(tb.starts, r[2])
        i1 = bisect.bisect_left(ta.ends, r[1])
        j1 = j0 + i1 - i0
        xa, xb = max(0, ta.starts[i0] - 1), max(0, tb.starts[j0] - 1)
        ya = ta.starts[i1 + 1] if i1 + 1 < len(ta.starts) else len(a)
        yb = tb.starts[j1 + 1] if j1 + 1 < len(tb.starts) else len(b)
        if a[xa:ya] == b[xb:yb]:  # the common case: the whole run alike, one comparison
            _extend(out, *((xa, ya) if side == "a" else (xb, yb)))
            continue
        for k in range(i1 - i0 + 1):
            i, j = i0 + k, j0 + k
            xa = ta.ends[i - 1] if k else max(0, ta.starts[i] - 1)
            xb = tb.ends[j - 1] if k else max(0, tb.starts[j] - 1)
            ya = ta.starts[i + 1] if i + 1 < len(ta.starts) else len(a)
            yb = tb.starts[j + 1] if j + 1 < len(tb.starts) else len(b)
            if a[xa:ya] == b[xb:yb]:
                _extend(out, *((xa, ya) if side == "a" else (xb, yb)))
    return out


def _glue(a: str, b: str, x: int, y: int, step: int) -> tuple[int, int]:
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


def _extend_words(spans: list[tuple[int, int]], starts: array, ends: array, first: int,
                  count: int) -> None:
    """:func:`_extend` for ``count`` consecutive words from ``first``: the same
    spans, split only where words are more than one character apart."""
    pos = starts[first]
    for k in range(first + 1, first + count):
        if starts[k] - ends[k - 1] > 1:
            _extend(spans, pos, ends[k - 1])
            pos = starts[k]
    _extend(spans, pos, ends[first + count - 1])


def _extend(spans: list[tuple[int, int]], start: int, end: int) -> None:
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
    sa = _free_sentences(a, [(p.a_start, p.a_end) for p in found], opts.min_sentence_chars)
    sb = _free_sentences(b, [(p.b_start, p.b_end) for p in found], opts.min_sentence_chars)
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
    text: str, taken: list[tuple[int, int]], min_chars: int
) -> list[tuple[int, int]]:
    """Sentences of at least ``min_chars`` of which under half is already aligned."""
    out = []
    for s, e in sentences(text):
        if e - s < min_chars:
            continue
        used = sum(max(0, min(e, te) - max(s, ts)) for ts, te in taken)
        if used * 2 < e - s:
            out.append((s, e))
    return out
