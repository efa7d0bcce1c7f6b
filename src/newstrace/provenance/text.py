"""Token, sentence and quotation helpers shared by the provenance kernels.

Everything here is a pure function of a string, returning character offsets
into that string, so the kernels can run anywhere (a worker process, a Spark
executor) without the data model.

Normalisation folds the differences house styles introduce when one outlet
rewrites another: letter case, accents, quote styles and punctuation, dotted
acronyms ("U.S." = "US"), hyphenated transliterations ("Min-jun" = "Minjun")
and cheap British/American spelling pairs ("-our"/"-or", "-ise"/"-ize",
"-ence"/"-ense", "per cent"/"percent").
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from array import array
from typing import NamedTuple

ALGORITHM = "text.v3"

# A token is a dotted acronym ("U.S.", "U.K."), British "per cent" (one word, as
# "percent" is), or a run of word characters joined by inner hyphens/apostrophes
# ("Min-jun", "Japan's").
_TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[Pp]er[ \u00a0]cent\b|\w+(?:[-'’]\w+)*",
                       re.UNICODE)
_SENT_END_RE = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[A-Z0-9])|\n\s*\n")
_OPEN_QUOTES = {'"': '"', "“": "”", "«": "»", "„": "“"}
# British -> American endings; only the unambiguous long forms, applied to tokens
# of at least six letters so short words ("our", "rise") are untouched.
_SPELLING = (
    (re.compile(r"our(s?)$"), r"or\1"),
    (re.compile(r"is(e|es|ed|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"tre(s?)$"), r"ter\1"),
    (re.compile(r"ogue(s?)$"), r"og\1"),
    (re.compile(r"([fc])ence(s?)$"), r"\1ense\2"),  # defence, licence, offences
    (re.compile(r"lled$"), "led"),
    (re.compile(r"lling$"), "ling"),
)


class Token(NamedTuple):
    """One word: its normalised form and ``[start, end)`` offsets in the text.

    A named tuple rather than a dataclass: millions are made, and tuples are cheap.
    """

    norm: str
    start: int
    end: int


@functools.lru_cache(maxsize=262144)
def fold(word: str) -> str:
    """Normalise one word: case, accents, hyphens, apostrophes, dots, spelling.

    Cached: news vocabulary repeats, and every pair re-reads the same words.
    """
    word = word.casefold()
    if not (word.isascii() and word.isalnum()):
        word = unicodedata.normalize("NFKD", word)
        word = "".join(c for c in word if c.isalnum())
    if len(word) >= 6 and word.isalpha():
        for pattern, repl in _SPELLING:
            new = pattern.sub(repl, word)
            if new != word:
                return new
    return word


class Tokens(NamedTuple):
    """A text's words as parallel arrays (compact enough to cache thousands).

    ``grams`` holds, for each position, an integer key of the word trigram
    starting there (a polynomial hash of the ids of three normalised words).
    """

    norms: tuple[str, ...]
    starts: array
    ends: array
    grams: array


_IDS: dict[str, int] = {}


def tokens(text: str) -> list[Token]:
    """Word tokens of ``text`` with normalised forms; possessive "'s" is dropped."""
    arr = token_arrays(text)
    return [Token(n, s, e) for n, s, e in zip(arr.norms, arr.starts, arr.ends, strict=True)]


@functools.lru_cache(maxsize=262144)
def _norm_of(raw: str) -> str:
    """:func:`fold` of a raw token, its possessive "'s" dropped (cached: words repeat)."""
    if len(raw) > 2 and raw[-2] in "'’" and raw[-1] in "sS":
        raw = raw[:-2]
    return fold(raw)


def norms(text: str) -> list[str]:
    """The normalised words of ``text``, as :func:`token_arrays` has them, without
    offsets: the candidate index needs only these, and ``findall`` makes no match
    objects, so this is several times cheaper than a full tokenisation."""
    return [n for n in map(_norm_of, _TOKEN_RE.findall(text)) if n]


@functools.lru_cache(maxsize=2048)
def token_arrays(text: str) -> Tokens:
    """Cached tokenisation: one article is aligned against several others."""
    words: list[str] = []
    starts = array("l")
    ends = array("l")
    add_word, add_start, add_end = words.append, starts.append, ends.append
    for m in _TOKEN_RE.finditer(text):
        norm = _norm_of(m.group())
        if norm:
            add_word(norm)
            start, end = m.span()
            add_start(start)
            add_end(end)
    ids = [_IDS.setdefault(n, len(_IDS)) for n in words]
    mult, mask = 0x1F3D5B79, 0x7FFFFFFFFFFFFFFF  # polynomial key, kept within int64
    grams = array("q", [((x * mult + y) * mult + z) & mask
                        for x, y, z in zip(ids, ids[1:], ids[2:], strict=False)])
    return Tokens(tuple(words), starts, ends, grams)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split after ., ! or ? before a capital, and at blank lines.

    A regular expression rather than spaCy: it must be cheap enough to run on
    every candidate pair and stay a pure function of the text; abbreviations
    that end a split too early only make a paraphrase unit shorter.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END_RE.finditer(text):
        _add_trimmed(text, pos, m.start(), spans)
        pos = m.end()
    _add_trimmed(text, pos, len(text), spans)
    return spans


def _add_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


_QUOTE_MARK_RE = re.compile("''|[\"“«„]")


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Spans inside double quotation marks (straight, typographic or two apostrophes
    as some newspapers print them), marks excluded.

    A straight quote opens when it follows whitespace or an opening bracket and
    closes at the next straight quote; a typographic one closes at its matching
    mark, past any quotation nested inside; a quotation left open runs to the
    end of its paragraph (news style repeats the opening mark on each paragraph).
    Candidate opening marks are found by a regular expression, not a scan of
    every character: this runs once per article on large collections.
    """
    regions: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while True:
        m = _QUOTE_MARK_RE.search(text, i)
        if m is None:
            return regions
        mark, i = m.group(), m.start()
        if mark in ('"', "''") and i > 0 and text[i - 1].isalnum():
            i += 1  # a closing or inch mark after a word opens nothing
            continue
        para_end = text.find("\n\n", i)
        para_end = n if para_end < 0 else para_end
        j = _closing(text, i + len(mark), para_end, mark)
        end = para_end if j < 0 else j
        if end > i + len(mark):
            regions.append((i + len(mark), end))
        i = max(i + 1, end + (len(_OPEN_QUOTES.get(mark, mark)) if j >= 0 else 0))


def _closing(text: str, start: int, stop: int, mark: str) -> int:
    """Where the quotation opened by ``mark`` closes before ``stop`` (-1 if not)."""
    close = _OPEN_QUOTES.get(mark, mark)
    if close == mark:  # straight marks do not nest
        return text.find(close, start, stop)
    depth, k = 0, start
    while k < stop:
        if text[k] == mark:
            depth += 1
        elif text[k] == close:
            if depth == 0:
                return k
            depth -= 1
        k += 1
    return -1


def coverage(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of half-open spans as sorted, disjoint spans."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def covered_chars(spans: list[tuple[int, int]]) -> int:
    """Number of characters in the union of ``spans``."""
    return sum(e - s for s, e in coverage(spans))


def intersect_chars(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    """Characters in both unions (two-pointer sweep over the merged spans)."""
    ma, mb = coverage(a), coverage(b)
    i = j = total = 0
    while i < len(ma) and j < len(mb):
        lo = max(ma[i][0], mb[j][0])
        hi = min(ma[i][1], mb[j][1])
        if hi > lo:
            total += hi - lo
        if ma[i][1] < mb[j][1]:
            i += 1
        else:
            j += 1
    return total


def overlap(start: int, end: int, merged: list[tuple[int, int]]) -> int:
    """Characters of ``[start, end)`` inside ``merged`` (sorted, disjoint spans, as
    :func:`coverage` returns): a binary search, for one span against many."""
    k = bisect.bisect_right(merged, (start, float("inf"))) - 1
    total = 0
    for s, e in merged[max(0, k):]:
        if s >= end:
            break
        total += max(0, min(e, end) - max(s, start))
    return total


def subtract(spans: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of ``spans`` minus the union of ``holes``, as disjoint spans.

    One sweep over both sorted unions (linear: both can hold thousands of word
    ranges when an edited copy is compared letter for letter)."""
    out: list[tuple[int, int]] = []
    cut = coverage(holes)
    k = 0
    for s, e in coverage(spans):
        while k < len(cut) and cut[k][1] <= s:
            k += 1  # holes wholly before this span
        pos, j = s, k
        while j < len(cut) and cut[j][0] < e:
            hs, he = cut[j]
            if hs > pos:
                out.append((pos, hs))
            pos = max(pos, he)
            j += 1
        if pos < e:
            out.append((pos, e))
    return out
