"""Article features for grouping: TF-IDF text vectors, name vectors and dates.

Two sparse views of each article, both L2-normalised and fitted over the
collection being grouped (so rarity is judged against the articles at hand):

* ``words`` — TF-IDF over content words (sublinear tf, English stop words);
  says what the article is about;
* ``names`` — TF-IDF over capitalised words not at a sentence start and over
  numbers; says *who, where and how many*, which is what tells two happenings
  of the same kind apart (two storms, two trials of different people).

The names view is a cheap regular-expression stand-in for named-entity
recognition: it runs at corpus scale without a parser, and measured as well
as spaCy entities on ECB+ (see ``bench/events.py`` and the eval gate).

``combined`` stacks both views with weights whose squares sum to 1, so the dot
product of two rows is the weighted mean of the two cosines.

``[events] collection_share`` (off by default) adds the same views weighted by
the collection's own IDF.  Measured 2026-11-23 on the odd ECB+ dev topics
(pair ranking inside one-topic collections, AUC of the edge weight: 0.940 with
the blend alone, 0.959 with the collection's IDF alone; handfuls 0.878 and
0.909), with share 0.4 and the cut lowered to 0.19 for every size: one topic
alone mean B-cubed F1 0.917 -> 0.931, handfuls of one event 0.855 -> 0.950,
two topics 0.916 -> 0.953, but handfuls of two events merged 0.148 -> 0.169
and, decisively, the seed reports of one statement no longer stood apart from
the later statement (a looser rewrite among them split off or the later one
joined): the own IDF is harsh on two to five articles.  Kept as an option.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from newstrace.config import Config
from newstrace.group import background
from newstrace.group.rejoin import article_years as text_years
from newstrace.model import Article, iso_date

ALGORITHM = "features.v3"

_SENT_SPLIT = re.compile(r"(?<=[.!?\"”])\s+|\n+")
_NAME_TOKEN = re.compile(r"\b(?:[A-Z][\w'’-]*[\w]|[A-Z])\b|\b\d+(?:[.,]\d+)*\b")
_MONTHS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
)
_DATE_IN_TEXT = re.compile(
    r"\b(?:(?P<d1>\d{1,2})\s+)?(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
    r"[a-z]*\.?\s+(?:(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+)?(?P<year>(?:19|20)\d\d)\b"
)


@dataclass
class Features:
    """Row ``i`` of each matrix belongs to ``ids[i]``."""

    ids: list[str]
    words: sp.csr_matrix
    names: sp.csr_matrix
    combined: sp.csr_matrix
    dates: list[date | None]
    name_vocab: list[str]
    word_vocab: list[str]
    texts: list[str]
    # Years each article is about: those its text names, and its own date's year.
    years: list[set[str]] = field(default_factory=list)


def name_tokens(text: str) -> list[str]:
    """Capitalised words (not sentence-initial) and numbers, lower-cased.

    Sentence-initial words are skipped because capitalisation there says
    nothing; numbers are kept because counts and scores identify a happening.
    """
    out: list[str] = []
    for sent in _SENT_SPLIT.split(text):
        for m in _NAME_TOKEN.finditer(sent):
            if m.start() == 0:
                continue
            out.append(m.group().lower())
    return out


def article_date(art: Article, head_chars: int = 400) -> date | None:
    """Publication date, else the first full date written near the top of the body."""
    published = iso_date(art.published)
    if published:
        return published
    m = _DATE_IN_TEXT.search(art.body[:head_chars])
    if not m:
        return None
    month = _MONTHS.index(m.group("mon")[:3].lower()) + 1
    day = int(m.group("d1") or m.group("d2") or 1)
    try:
        return date(int(m.group("year")), month, day)
    except ValueError:  # "31 Feb": keep the month, which is what grouping needs
        return date(int(m.group("year")), month, 1)


def article_years(text: str, dated: date | None = None) -> set[str]:
    """The four-digit years (1950-2099) ``text`` names, plus the year of ``dated``.

    An article dated 2023 is about 2023 even when its text never writes the
    year (news rarely names the current one), so the date's year counts too.
    """
    years = text_years(text)
    if dated is not None:
        years.add(str(dated.year))
    return years


def _text(art: Article) -> str:
    return f"{art.title}\n{art.body}" if art.title else art.body


def weigh(
    tf: sp.csr_matrix, offset: float, background_idf: np.ndarray | None = None,
    background_docs: float = 0.0,
) -> sp.csr_matrix:
    """IDF-weight and L2-normalise a (sublinear) term-frequency matrix.

    ``idf = ln((1 + n) / (1 + df)) + offset``.  scikit-learn fixes the offset
    at 1, so a term every article carries still weighs as much as a common
    word elsewhere; in a small collection (five reports of one story) those
    shared topic words then swamp what tells the reports apart.  A lower
    offset lets a term found in every article count (almost) nothing.

    With ``background_idf`` (per column, see :mod:`.background`), the IDF is
    ``b * background + (1 - b) * collection`` with ``b = m / (m + n)``,
    ``m = background_docs``: a handful of articles leans on rarity in news
    at large, a large collection on its own counts.
    """
    n = tf.shape[0]
    df = np.bincount(tf.indices, minlength=tf.shape[1])
    idf = np.log((1.0 + n) / (1.0 + df)) + offset
    if background_idf is not None and background_docs > 0:
        share = background_docs / (background_docs + n)
        idf = share * background_idf + (1.0 - share) * idf
    out = (tf @ sp.diags(idf.astype(np.float32))).tocsr()
    return normalize(out, copy=False).astype(np.float32)


def background_idf(vocab: list[str], view: str, offset: float) -> np.ndarray | None:
    """IDF of each ``vocab`` term in the shipped background table (None without one)."""
    bg = background.load()
    if bg.n == 0:
        return None
    table = bg.df[view]
    df = np.fromiter((table.get(t, 0) for t in vocab), dtype=np.float64, count=len(vocab))
    return np.log((1.0 + bg.n) / (1.0 + df)) + offset


def _vectorise(
    texts: list[str], offset: float, view: str, background_docs: float, **kwargs: Any
) -> tuple[sp.csr_matrix, sp.csr_matrix | None, list[str]]:
    """Sublinear term frequencies (scikit-learn), weighted by :func:`weigh`.

    Returns the view weighted with the background blend, the same view
    weighted by the collection's IDF alone (None when the background's share
    is under 1%: the two then coincide), and the vocabulary.
    """
    vec = TfidfVectorizer(
        use_idf=False, norm=None, sublinear_tf=True, dtype=np.float32, **kwargs
    )
    try:
        tf = vec.fit_transform(texts).tocsr()
    except ValueError:  # empty vocabulary: nothing of this kind in the collection
        return sp.csr_matrix((len(texts), 1), dtype=np.float32), None, [""]
    vocab = list(vec.get_feature_names_out())
    bg = background_idf(vocab, view, offset) if background_docs > 0 else None
    if bg is None or background_docs / (background_docs + len(texts)) < 0.01:
        return weigh(tf, offset, bg, background_docs), None, vocab
    return weigh(tf, offset, bg, background_docs), weigh(tf, offset), vocab


def build(articles: list[Article], config: Config) -> Features:
    """Fit both TF-IDF views over ``articles`` and stack them.

    ``combined`` holds the background-blended views and, with weight
    ``collection_share``, the same views under the collection's own IDF, so
    the dot product of two rows is ``(1 - s) * blended + s * own`` cosine.
    The blend judges words by news at large (a handful of reports of one
    happening stays together); the collection's own IDF discounts what every
    article at hand shares (the topic words of two happenings of one kind).
    """
    sec = config.section("events")
    texts = [_text(a) for a in articles]
    offset = sec.float("idf_offset")
    m = sec.float("background_docs")
    words, own_words, word_vocab = _vectorise(texts, offset, "words", m, stop_words="english")
    names, own_names, name_vocab = _vectorise(texts, offset, "names", m, analyzer=name_tokens)
    w = sec.float("name_weight")
    share = sec.float("collection_share")
    blocks = [words * np.sqrt(1.0 - w), names * np.sqrt(w)]
    if share > 0:
        blocks = [
            b * np.sqrt(1.0 - share) for b in blocks
        ] + [
            (own if own is not None else plain) * np.sqrt(share * part)
            for own, plain, part in ((own_words, words, 1.0 - w), (own_names, names, w))
        ]
    combined = sp.hstack(blocks).tocsr()
    dates = [article_date(a) for a in articles]
    return Features(
        ids=[a.id for a in articles],
        words=words,
        names=names,
        combined=combined,
        dates=dates,
        name_vocab=name_vocab,
        word_vocab=word_vocab,
        texts=texts,
        years=[article_years(t, d) for t, d in zip(texts, dates, strict=True)],
    )
