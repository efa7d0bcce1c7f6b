"""What entity resolution reads from a parse, computed per article where the parse is.

Resolution runs over the whole collection, but every fact it needs from a
dependency parse is local to one article: the roles of a name (appositions,
titles) and the words that may refer back to a name (pronouns, "the agency").
:func:`cues_of` computes them while the article's parse is at hand (in the
per-article stage, on any worker), so resolution itself never parses.

Resolution also finds names the tagger did not propose (a run-together
headline mention cut into names, a known name the tagger missed), whose
spans are only known once the whole collection is seen.  Such a name is
always name-shaped (a capitalised word, then capitalised words or name
connectors, not followed by another capitalised word), so the roles of every
name-shaped span of the article are computed here; only spans with roles are
kept, which are few.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from newstrace.config import Config
from newstrace.entities.mentions import roles_of
from newstrace.entities.names import CONNECTORS
from newstrace.entities.segment import free_name_end
from newstrace.model import (
    PRONOUN,
    ROLE_NOUN,
    Article,
    EntityCues,
    Mention,
    NameRoles,
    Reference,
    Span,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Most words a name-shaped span may have (longer runs are headlines, not names).
MAX_NAME_WORDS = 10
# Words for this purpose: dashes and slashes without spaces separate names too.
_WORD = re.compile(r"[^\s—–/]+")
_EDGE = "\"'“”‘’()[]{},.;:!?"
PERSONAL = frozenset({"he", "she", "him", "her", "his", "himself", "herself"})


def _starts(body: str, a: int, b: int) -> list[int]:
    """Where a name may start inside the word ``[a, b)``: a capital after no word character."""
    return [q for q in range(a, b) if body[q].isupper()
            and (q == a or not (body[q - 1].isalnum() or body[q - 1] in "_'’-"))][:2]


def _ends(body: str, a: int, b: int) -> list[int]:
    """Where a name may end inside the word ``[a, b)``: after a letter, digit or period,
    before no word character or hyphen ('Korea' of "Korea's", 'U.S.' of 'U.S.,')."""
    return [p for p in range(a + 1, b + 1)
            if (body[p - 1].isalnum() or body[p - 1] == ".")
            and (p == b or not (body[p].isalnum() or body[p] in "_-"))]


def _name_word(word: str) -> bool:
    """A word that may continue a name: not lower-case, or a connector ('of', 'van')."""
    bare = word.strip(_EDGE)
    return bool(bare) and (not bare[:1].islower() or bare.lower() in CONNECTORS)


def name_shaped_spans(body: str) -> set[tuple[int, int]]:
    """Every span a name finder may later take as a name the tagger missed.

    It starts at a capital, runs over name words of one line (at most
    :data:`MAX_NAME_WORDS`), ends in a word that is not a connector and is not
    followed by a further capitalised word.
    """
    out: set[tuple[int, int]] = set()
    for line in re.finditer(r"[^\n]+", body):
        words = [(m.start() + line.start(), m.end() + line.start())
                 for m in _WORD.finditer(line.group())]
        for i, (a, b) in enumerate(words):
            starts = _starts(body, a, b)
            if not starts:
                continue
            for j in range(i, min(len(words), i + MAX_NAME_WORDS)):
                word = body[words[j][0]:words[j][1]]
                if j > i and not _name_word(word):
                    break
                if word.strip(_EDGE).lower() in CONNECTORS:
                    continue
                for q in starts:
                    out |= {(q, p) for p in _ends(body, *words[j])
                            if p > q and free_name_end(body, p)}
    return out


def _part_spans(mentions: Iterable[Mention]) -> set[tuple[int, int]]:
    """Word runs inside multi-word mentions (a run-together mention may be cut into them)."""
    out: set[tuple[int, int]] = set()
    for m in mentions:
        offs = [(w.start(), w.end()) for w in re.finditer(r"\S+", m.text)]
        for i in range(len(offs)):
            for j in range(i + 1, len(offs) + 1):
                start = m.span.start + offs[i][0]
                text = m.text[offs[i][0]:offs[j - 1][1]].rstrip(",:;")
                out.add((start, start + len(text)))
    return out


def _previous_sentence_start(tok: Token) -> int:
    """Character offset where the sentence before ``tok``'s sentence starts (or its own)."""
    sent, doc = tok.sent, tok.doc
    first = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    return int(doc[first].idx)


# Words that may stand between 'the' and its noun: 'the 26-year-old actress'.
_DESCRIBING = frozenset({"amod", "nummod", "advmod", "npadvmod", "quantmod"})


def bare_definite(tok: Token) -> bool:
    """'the <noun>', adjectives between allowed ('the troubled actress'), and nothing
    more: not 'the secretary general of X', not 'the agency chief' (there the noun
    names someone else or is not the head)."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.dep_ in ("compound", "amod", "nmod"):
        return False
    lefts = list(tok.lefts)
    if not lefts or lefts[0].lower_ != "the" or lefts[0].dep_ != "det" \
            or any(c.dep_ not in _DESCRIBING for c in lefts[1:]):
        return False
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and (nxt.lower_ == "of" or nxt.pos_ in ("NOUN", "PROPN", "ADJ")):
        return False
    return not any(c.dep_ in ("prep", "amod", "compound", "appos") for c in tok.rights)


_ARGUMENT = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr", "conj", "ROOT"})


def national_noun(tok: Token) -> bool:
    """A nationality word that names one person ('the 40-year-old American never
    recovered', 'One Australian died'): a one-word NORP name heading its noun phrase,
    singular, with a determiner, number or adjective of its own."""
    doc = tok.doc
    if tok.ent_type_ != "NORP" or tok.ent_iob_ != "B" or tok.text.endswith("s"):
        return False
    if tok.i + 1 < len(doc) and doc[tok.i + 1].ent_iob_ == "I":
        return False
    return tok.tag_ not in ("NNS", "NNPS") and tok.dep_ in _ARGUMENT and any(
        c.dep_ in ("det", "nummod", "amod") for c in tok.children)


def references_of(article_id: str, doc: Doc, *, pronouns: bool,
                  role_nouns: bool) -> list[Reference]:
    """Personal pronouns, bare definite nouns and nationality words naming a person
    (:func:`national_noun`, also ``ROLE_NOUN``) of a parsed article, in text order."""
    out: list[Reference] = []
    for tok in doc:
        span = Span(article_id, tok.idx, tok.idx + len(tok.text))
        if pronouns and tok.pos_ == "PRON" and tok.lower_ in PERSONAL:
            out.append(Reference(span, tok.text, PRONOUN, _previous_sentence_start(tok)))
        elif role_nouns and (bare_definite(tok) or national_noun(tok)):
            out.append(Reference(span, tok.text, ROLE_NOUN))
    return out


def cues_of(article: Article, doc: Doc, mentions: list[Mention], config: Config) -> EntityCues:
    """The roles of the article's names and its referring words (see the module doc)."""
    sec = config.section("entities")
    spans = {(m.span.start, m.span.end) for m in mentions}
    spans |= _part_spans(mentions) | name_shaped_spans(article.body)
    roles = [NameRoles(s, e, found) for s, e in sorted(spans) if (found := roles_of(doc, s, e))]
    refs = references_of(article.id, doc, pronouns=sec.bool("pronouns"),
                         role_nouns=sec.bool("role_nouns"))
    return EntityCues(article.id, roles, refs)


def extract_cues(articles: Iterable[Article], mentions: dict[str, list[Mention]],
                 config: Config) -> dict[str, EntityCues]:
    """``{article id: EntityCues}`` (one batched parse, shared with the mentions' through
    the parse cache)."""
    from newstrace.nlp import parse

    arts = list(articles)
    docs = parse(arts)
    return {a.id: cues_of(a, docs[a.id], mentions.get(a.id, []), config) for a in arts}
