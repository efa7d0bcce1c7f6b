"""The stretches of a passage actually copied: what a reader is shown as travelled text.

An aligned passage (see :mod:`newstrace.provenance.align`) spans everything from
its first to its last exact run, including words an editor substituted or
inserted.  :func:`copied_pieces` cuts it into the words that really came from
the source, and :func:`typographic_spans` lists the characters whose typography
(quotes, dashes, accents) differs inside copied text, which direction reads as
evidence.  Pure functions of two strings and a kernel passage, like the kernel.
"""

from __future__ import annotations

import bisect
import dataclasses
import difflib

from newstrace.provenance.align import PUNCT_RE, RawPassage, extend_span, extend_words, glue
from newstrace.provenance.text import Tokens, token_arrays

#: Share of a paraphrase-matched sentence's words kept in order from its source above
#: which it is reported as edited text, cut to the words kept (see copied_pieces).
EDITED_SHARE = 0.5
_MATCH = 2  # score of a matched word in the extension (each edit scores -1)
_EXTEND_WORDS = 12  # words searched beyond a passage's edge for matches between edits


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
    a0, b0 = glue(a, b, ta.starts[i0], tb.starts[j0], -1)
    a1, b1 = glue(a, b, ta.ends[i1], tb.ends[j1], 1)
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
            extend_words(lit_a, ta.starts, ta.ends, i, m - k)
            extend_words(lit_b, tb.starts, tb.ends, j, m - k)
            k = m
            continue
        for i, j in words[k:m]:
            wa, wb = a[ta.starts[i] : ta.ends[i]], b[tb.starts[j] : tb.ends[j]]
            if wa == wb or PUNCT_RE.sub("", wa) == PUNCT_RE.sub("", wb):
                extend_span(lit_a, ta.starts[i], ta.ends[i])
                extend_span(lit_b, tb.starts[j], tb.ends[j])
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
            extend_span(out, *((xa, ya) if side == "a" else (xb, yb)))
            continue
        for k in range(i1 - i0 + 1):
            i, j = i0 + k, j0 + k
            xa = ta.ends[i - 1] if k else max(0, ta.starts[i] - 1)
            xb = tb.ends[j - 1] if k else max(0, tb.starts[j] - 1)
            ya = ta.starts[i + 1] if i + 1 < len(ta.starts) else len(a)
            yb = tb.starts[j + 1] if j + 1 < len(tb.starts) else len(b)
            if a[xa:ya] == b[xb:yb]:
                extend_span(out, *((xa, ya) if side == "a" else (xb, yb)))
    return out
