"""Claims: the sentences of each article with what they assert about, aligned across an event.

A claim is one sentence (split again at line breaks) with its entity
mentions, dates, numbers and places.  Claims of a derived article are aligned
with the claims of its origin in two ways: where provenance found copied or
edited passages, those passages align the sentences they cover; elsewhere a
semantic score (wordllama embeddings, plus rapidfuzz word overlap for
near-copies) measures how well a rewritten sentence carries an origin one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from newstrace.compare.text import dateline_end, embed, words
from newstrace.model import Mention, Passage, Span

if TYPE_CHECKING:
    from numpy.typing import NDArray
    from spacy.tokens import Doc

    from newstrace.model import Article

NUMBER_LABELS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass
class Claim:
    """One sentence of an article and the facts it carries."""

    article_id: str
    index: int
    span: Span
    text: str
    mentions: list[Mention] = field(default_factory=list)
    dates: list[Mention] = field(default_factory=list)
    numbers: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    tok_start: int = 0  # token range in the article's Doc
    tok_end: int = 0


def _sentence_pieces(doc: Doc, skip_before: int) -> list[tuple[int, int]]:
    """Character ranges of sentences, split again where a sentence spans a line break."""
    pieces: list[tuple[int, int]] = []
    text = doc.text
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        if end <= skip_before:
            continue
        start = max(start, skip_before)
        cut = start
        for i in range(start, end):
            if text[i] == "\n":
                pieces.append((cut, i))
                cut = i + 1
        pieces.append((cut, end))
    out = []
    for s, e in pieces:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def extract_claims(article: Article, doc: Doc, mentions: list[Mention],
                   min_words: int = 3) -> list[Claim]:
    """Claims of one article: verb-bearing sentences of at least ``min_words`` words."""
    claims: list[Claim] = []
    skip = dateline_end(article.body)
    for s, e in _sentence_pieces(doc, skip):
        text = article.body[s:e]
        span = doc.char_span(s, e, alignment_mode="expand")
        if len(words(text)) < min_words or span is None:
            continue
        if not any(t.pos_ in ("VERB", "AUX") for t in span):
            continue  # headings, bylines, link furniture
        claim = Claim(article.id, len(claims), Span(article.id, s, e), text,
                      tok_start=span.start, tok_end=span.end)
        claim.mentions = [m for m in mentions if s <= m.span.start and m.span.end <= e]
        for ent in span.ents:
            m = Mention(Span(article.id, ent.start_char, ent.end_char), ent.text, ent.label_)
            if ent.label_ == "DATE":
                claim.dates.append(m)
            elif ent.label_ in NUMBER_LABELS:
                after = article.body[ent.end_char:ent.end_char + 2].strip()
                if not after.startswith(":") and ":" not in ent.text:  # a clock time
                    claim.numbers.append(m)
            elif ent.label_ in PLACE_LABELS:
                claim.places.append(m)
        claims.append(claim)
    return claims


@dataclass
class Alignment:
    """Scores between a derived article's claims (rows) and its origin's claims (columns)."""

    origin_id: str
    derived_id: str
    scores: NDArray[np.float32]
    kinds: dict[tuple[int, int], str] = field(default_factory=dict)

    def best_origin(self, d: int) -> tuple[int, float]:
        """The origin claim that best matches derived claim ``d``, and its score."""
        if self.scores.shape[1] == 0:
            return -1, 0.0
        o = int(np.argmax(self.scores[d]))
        return o, float(self.scores[d, o])

    def best_derived(self, o: int) -> tuple[int, float]:
        """The derived claim that best carries origin claim ``o``, and its score."""
        if self.scores.shape[0] == 0:
            return -1, 0.0
        d = int(np.argmax(self.scores[:, o]))
        return d, float(self.scores[d, o])

    def kind(self, d: int, o: int) -> str:
        """``verbatim``/``edited``/``paraphrase`` from provenance, else ``semantic``."""
        return self.kinds.get((d, o), "semantic")


def _overlapping(claims: list[Claim], span: Span) -> list[int]:
    return [c.index for c in claims if c.span.overlaps(span)]


def claim_vectors(claims: list[Claim]) -> NDArray[np.float32]:
    """Embeddings of the claims' texts (one row each)."""
    return embed([c.text for c in claims])


def align(origin: list[Claim], derived: list[Claim], passages: list[Passage],
          origin_vecs: NDArray[np.float32] | None = None,
          derived_vecs: NDArray[np.float32] | None = None) -> Alignment:
    """Score every (derived, origin) claim pair; provenance passages raise covered pairs."""
    oid = origin[0].article_id if origin else ""
    did = derived[0].article_id if derived else ""
    if not origin or not derived:
        return Alignment(oid, did, np.zeros((len(derived), len(origin)), dtype=np.float32))
    ov = claim_vectors(origin) if origin_vecs is None else origin_vecs
    dv = claim_vectors(derived) if derived_vecs is None else derived_vecs
    semantic = np.clip(dv @ ov.T, 0.0, 1.0)
    # word-order-insensitive overlap catches near-copies the embedding underrates
    lexical = cdist([c.text for c in derived], [c.text for c in origin],
                    scorer=fuzz.token_sort_ratio, workers=1) / 100.0
    scores = np.maximum(semantic, lexical).astype(np.float32)
    kinds: dict[tuple[int, int], str] = {}
    for p in passages:
        if p.source.article_id != oid or p.target.article_id != did:
            continue
        for d in _overlapping(derived, p.target):
            for o in _overlapping(origin, p.source):
                boost = 1.0 if p.kind == "verbatim" else max(p.score, float(scores[d, o]))
                scores[d, o] = max(float(scores[d, o]), boost)
                kinds[(d, o)] = p.kind
    return Alignment(oid, did, scores, kinds)
