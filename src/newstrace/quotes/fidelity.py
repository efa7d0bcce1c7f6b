"""Each quote of a derived article checked against the event's origin.

Labels:

* ``verbatim``  -- the quote's words appear in the origin in one run, modulo
  case, punctuation, quotation-mark style and spelling variants;
* ``trimmed``   -- each piece (content spans, pieces cut at an ellipsis)
  appears verbatim, but not as one run (a cut or spliced quotation);
* ``paraphrase`` -- no verbatim run, but an origin sentence (or two) says the
  same: rapidfuzz token-sort ratio and wordllama sentence similarity;
* ``absent``    -- nothing in the origin comes close.

``quoted_but_absent`` flags words the derived article puts inside quotation
marks that the origin does not contain in that form.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from newstrace.config import Config
from newstrace.model import Article, Event, Provenance, Quote, QuoteCheck, Span
from newstrace.quotes.marks import find_quotes

if TYPE_CHECKING:
    from newstrace.model import FidelityLabel

ALGORITHM = "fidelity.v1"

_TOKEN = re.compile(r"\w+(?:[.'’\-]\w+)*")
_ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…|\[\.\.\.\]")
# British/American spelling pairs folded to one form (hand-written: a handful of
# suffix rules covers the regular cases; no library ships them).
_SPELLING = [(re.compile(r"is(e|ed|es|ing|ation)$"), r"iz\1"), (re.compile(r"our$"), "or"),
             (re.compile(r"yse$"), "yze"), (re.compile(r"tre$"), "ter"),
             (re.compile(r"ll(ed|ing)$"), r"l\1")]


def _norm(token: str) -> str:
    t = unicodedata.normalize("NFKC", token).lower()
    t = "".join(c for c in t if c.isalnum())
    for pattern, repl in _SPELLING:
        t = pattern.sub(repl, t)
    return t


@dataclass
class _Text:
    """Normalised word tokens of a text with their character offsets."""

    words: list[str]
    starts: list[int]
    ends: list[int]
    joined: str

    @classmethod
    def of(cls, text: str, offset: int = 0) -> _Text:
        words, starts, ends = [], [], []
        for m in _TOKEN.finditer(text):
            w = _norm(m.group())
            if w:
                words.append(w)
                starts.append(offset + m.start())
                ends.append(offset + m.end())
        return cls(words, starts, ends, " " + " ".join(words) + " ")

    def find(self, words: list[str]) -> tuple[int, int] | None:
        """Token range ``[i, j)`` where ``words`` occur in one run, if they do."""
        if not words:
            return None
        pos = self.joined.find(" " + " ".join(words) + " ")
        if pos < 0:
            return None
        i = self.joined.count(" ", 0, pos + 1) - 1
        return i, i + len(words)


def _pieces(article: Article, quote: Quote) -> list[list[str]]:
    """Normalised words of each content piece (spans, cut again at ellipses)."""
    out = []
    for span in quote.content:
        for part in _ELLIPSIS.split(article.text(span)):
            words = _Text.of(part).words
            if words:
                out.append(words)
    return out


def _quoted_segments(article: Article, quote: Quote) -> list[list[str]]:
    """Words the derived article itself puts inside quotation marks."""
    if quote.kind == "direct":
        return _pieces(article, quote)
    out = []
    for span in quote.content:
        text = article.text(span)
        for m in find_quotes(text):
            if m.nested:
                continue
            for part in _ELLIPSIS.split(text[m.start:m.end]):
                words = _Text.of(part).words
                if words:
                    out.append(words)
    return out


@functools.lru_cache(maxsize=1)
def _wordllama() -> Any:
    import pathlib

    import wordllama
    from wordllama import WordLlama

    return WordLlama.load(cache_dir=pathlib.Path(wordllama.__file__).parent,
                          disable_download=True)


@dataclass
class _Origin:
    article: Article
    text: _Text
    windows: list[tuple[int, int]]  # sentence windows (char ranges) for paraphrase search
    vectors: Any = None  # wordllama embeddings of the windows, computed once

    def window_vectors(self) -> Any:
        if self.vectors is None:
            import numpy as np

            texts = [self.article.body[a:b] for a, b in self.windows]
            self.vectors = np.asarray(_wordllama().embed(texts, norm=True), dtype=np.float32)
        return self.vectors


def _origin(article: Article) -> _Origin:
    from newstrace.nlp import parse

    # In an event task, the per-article stage's parse, restored (nlp.restored): not parsed again.
    doc = parse([article])[article.id]
    sents = [(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]
    windows = sents + [(a[0], b[1]) for a, b in itertools.pairwise(sents)]
    return _Origin(article, _Text.of(article.body), windows)


def _verbatim(pieces: list[list[str]], origin: _Origin) -> tuple[str, float, Span] | None:
    aid = origin.article.id
    whole = origin.text.find([w for p in pieces for w in p])
    if whole is not None:
        i, j = whole
        return "verbatim", 1.0, Span(aid, origin.text.starts[i], origin.text.ends[j - 1])
    found = [origin.text.find(p) for p in pieces]
    if len(pieces) > 1 and all(f is not None for f in found):
        lo = min(f[0] for f in found if f)
        hi = max(f[1] for f in found if f)
        return "trimmed", 1.0, Span(aid, origin.text.starts[lo], origin.text.ends[hi - 1])
    return None


def _similar(text: str, origin: _Origin, weight: float) -> tuple[float, Span]:
    """Best origin sentence window by rapidfuzz overlap and wordllama similarity."""
    body = origin.article.body
    cands = [body[a:b] for a, b in origin.windows]
    lexical = [fuzz.token_sort_ratio(text, c) / 100.0 for c in cands]
    semantic = _semantic(text, origin)
    scores = [weight * s + (1 - weight) * lx for s, lx in zip(semantic, lexical, strict=True)]
    best = max(range(len(cands)), key=scores.__getitem__)
    a, b = origin.windows[best]
    return scores[best], Span(origin.article.id, a, b)


def _semantic(text: str, origin: _Origin) -> list[float]:
    """Cosine of the quote's wordllama embedding with each origin window's."""
    import numpy as np

    vec = np.asarray(_wordllama().embed([text], norm=True), dtype=np.float32)[0]
    return [float(x) for x in origin.window_vectors() @ vec]


def check_quote(quote: Quote, article: Article, origins: Iterable[_Origin],
                config: Config) -> QuoteCheck | None:
    """The best label of one quote across the origins."""
    sec = config.section("quotes")
    threshold = sec.float("paraphrase_threshold")
    weight = sec.float("semantic_weight")
    pieces = _pieces(article, quote)
    if not pieces:
        return None
    text = " ".join(article.text(s) for s in quote.content)
    best: QuoteCheck | None = None
    for origin in origins:
        hit = _verbatim(pieces, origin)
        if hit is not None:
            label, score, span = hit
        elif not origin.windows:
            continue
        else:
            score, span = _similar(text, origin, weight)
            label = "paraphrase" if score >= threshold else "absent"
        segs = _quoted_segments(article, quote)
        absent = any(origin.text.find(s) is None for s in segs)
        check = QuoteCheck(quote.id, origin.article.id, _label(label), round(score, 3),
                           span if label != "absent" else None, absent)
        if best is None or _rank(check) > _rank(best):
            best = check
    return best


def _label(label: str) -> FidelityLabel:
    return "verbatim" if label == "verbatim" else "trimmed" if label == "trimmed" else \
        "paraphrase" if label == "paraphrase" else "absent"


_ORDER = {"verbatim": 3, "trimmed": 2, "paraphrase": 1, "absent": 0}


def _rank(check: QuoteCheck) -> tuple[int, float]:
    return _ORDER[check.label], check.score


def check_event(event: Event, provenance: Provenance, quotes: dict[str, list[Quote]],
                articles_by_id: dict[str, Article], config: Config) -> list[QuoteCheck]:
    """QuoteChecks for every quote of the event's non-origin articles."""
    origin_ids = [o for o in provenance.origins if o in articles_by_id]
    if not origin_ids:
        return []
    origins = [_origin(articles_by_id[o]) for o in origin_ids]
    out = []
    for aid in event.article_ids:
        if aid in origin_ids or aid not in articles_by_id:
            continue
        for quote in quotes.get(aid, []):
            check = check_quote(quote, articles_by_id[aid], origins, config)
            if check is not None:
                out.append(check)
    return out
