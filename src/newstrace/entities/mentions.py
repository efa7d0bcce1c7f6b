"""Named mentions (spaCy NER) and the roles appositions give them.

A mention's span is the entity's words without a leading article or a
possessive ending, so "the North's" is the mention "North".  Roles are read
from the dependency parse: an apposition ("X, a researcher of ..."), a noun
the name is in apposition to ("an official with ..., X"), and title words
before the name ("Foreign Minister X").
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

from newstrace.config import Config
from newstrace.entities.names import clean_surface, trim_name
from newstrace.model import Article, Mention, Span

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan


def _mention(article_id: str, ent: SpacySpan) -> Mention | None:
    surface = trim_name(clean_surface(ent.text))
    if not surface or not any(c.isalpha() for c in surface):
        return None
    offset = ent.text.find(surface)
    start = ent.start_char + max(0, offset)
    return Mention(Span(article_id, start, start + len(surface)), surface, ent.label_)


def mentions_of(article: Article, doc: Doc, labels: Iterable[str],
                aliases_file: str = "") -> list[Mention]:
    """Mentions of one parsed article, in text order.

    Names listed in the alias files that the statistical NER missed ("the
    DPRK Foreign Ministry" tagged as one ORG, "the North's") are added as
    mentions of their own, matched case-sensitively where no kept mention is.
    """
    wanted = set(labels)
    out = []
    for ent in doc.ents:
        if ent.label_ in wanted:
            m = _mention(article.id, ent)
            if m is not None:
                out.append(m)
    taken = [(m.span.start, m.span.end) for m in out]
    for start, end, label in _alias_hits(doc, aliases_file):
        surface = clean_surface(doc.text[start:end])
        start = doc.text.find(surface, start)
        end = start + len(surface)
        if not any(a < end and start < b for a, b in taken):
            out.append(Mention(Span(article.id, start, end), surface, label))
            taken.append((start, end))
    return sorted(out, key=lambda m: m.span.start)


@functools.lru_cache(maxsize=4)
def _alias_matcher(aliases_file: str) -> tuple[PhraseMatcher, dict[str, str]]:
    from spacy.matcher import PhraseMatcher

    from newstrace.entities.aliases import alias_phrases
    from newstrace.nlp import load_nlp

    nlp = load_nlp()
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    labels: dict[str, str] = {}
    for phrase, label in alias_phrases(aliases_file):
        if phrase[:1].isupper() or phrase.startswith("the "):
            labels[phrase] = label
            matcher.add(phrase, [nlp.make_doc(phrase)])
    return matcher, labels


def _alias_hits(doc: Doc, aliases_file: str) -> list[tuple[int, int, str]]:
    matcher, labels = _alias_matcher(aliases_file)
    out = []
    for match_id, start, end in matcher(doc):
        key = doc.vocab.strings[match_id]
        span = doc[start:end]
        before = doc.text[span.start_char - 1: span.start_char]
        after = doc.text[span.end_char: span.end_char + 1]
        if (before and (before.isalnum() or before == "-")) or (after and (after.isalnum()
                                                                           or after == "-")):
            continue  # part of a longer word: "Asia" of "Asia-Pacific"
        out.append((span.start_char, span.end_char, labels.get(key, "GPE")))
    # Longest first, so "North Korea" wins over "the North" at the same place.
    out.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    return out


def extract_mentions(articles: Iterable[Article], config: Config) -> dict[str, list[Mention]]:
    """``{article id: [Mention]}`` for the configured NER labels (one batched parse)."""
    from newstrace.nlp import parse

    arts = list(articles)
    labels = config.section("entities").list("labels")
    docs = parse(arts)
    aliases = config.section("entities").str("aliases_file")
    return {a.id: mentions_of(a, docs[a.id], labels, aliases) for a in arts}


def _trim_role(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:—–-")


def roles_of(doc: Doc, start: int, end: int) -> list[str]:
    """Role descriptions attached to the name at ``[start, end)`` (appositions, titles)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    root = span.root
    out: list[str] = []
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end:
            sub = list(child.subtree)
            out.append(doc[sub[0].i: sub[-1].i + 1].text)
    if root.dep_ == "appos" and root.head.i < span.start:
        head = root.head
        while head.dep_ in ("pobj", "prep") and head.head.i < head.i:
            head = head.head
        left = head.left_edge.i
        right = max(t.i for t in head.subtree if t.i < span.start)
        out.append(doc[left: right + 1].text)
    titles = [t for t in doc[max(0, span.start - 5): span.start]
              if t.head.i in range(span.start, span.end) and t.dep_ in ("compound", "amod")]
    if titles:
        out.append(doc[min(t.left_edge.i for t in titles): span.start].text)
    return [r for r in (_trim_role(x) for x in out) if _is_role(r)]


def _is_role(text: str) -> bool:
    """A description, not a photo-caption position marker like '(C)' or '(2nd from L)'."""
    return not text.startswith("(") and any(len(w) > 2 and w.isalpha() for w in text.split())
