"""People across the articles of an event: names, roles, affiliations, pronouns, speakers.

Uses the entity resolver's clusters when it has them (``Entity.mentions``);
otherwise spaCy PERSON names are clustered here by fuzzy spelling
(rapidfuzz), so the stage still works on its own.  Roles come from
appositions ("X, a researcher of Y"; "an official with Z, X") found with
spaCy's dependency parse, and from later definite references ("the
official") that are linked to the last named person, the way a reader
resolves them.  No coreference model ships offline, hence these rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from newstrace.model import REFERENCE_KINDS, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newstrace.model import Article, Entity

PRONOUN_GENDER = {"he": "male", "she": "female", "him": "male", "her": "female"}
OTHER_GENDER_WORDS = {"male": {"she", "her", "hers", "herself"},
                      "female": {"he", "him", "his", "himself"}}
_PREPS = {"of", "at", "with", "in", "for", "from"}


def _subject_like(tok: Token) -> bool:
    """Subject of a clause, or the source in "according to the expert"."""
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return True
    return tok.dep_ == "pobj" and tok.head.head.lower_ == "according"


@dataclass
class Ref:
    """One reference to a person in one article."""

    article_id: str
    span: Span
    text: str
    kind: str  # "name" | "role" | "reference" | "pronoun"
    token: int  # index of the head token in the article's Doc
    value: str = ""  # the role noun, or the gender for pronouns
    affiliation: str = ""
    affiliation_span: Span | None = None


@dataclass
class Person:
    key: str
    refs: list[Ref] = field(default_factory=list)

    def of(self, article_id: str, kind: str) -> list[Ref]:
        return [r for r in self.refs if r.article_id == article_id and r.kind == kind]

    def name_in(self, article_id: str) -> Ref | None:
        """The fullest name form the article uses for this person."""
        names = self.of(article_id, "name")
        return max(names, key=lambda r: (len(r.text.split()), len(r.text))) if names else None

    def display_for(self, article_id: str | None) -> str:
        """The name as ``article_id`` (typically the origin) spells it, else the fullest."""
        ref = self.name_in(article_id) if article_id else None
        return ref.text if ref is not None else self.display

    @property
    def display(self) -> str:
        names = [r for r in self.refs if r.kind == "name"]
        return max(names, key=lambda r: len(r.text)).text if names else self.key


def squash(name: str) -> str:
    """Lower-case letters only: spelling variants differing in spaces/hyphens compare equal."""
    return "".join(ch for ch in name.lower() if ch.isalpha())


def _name_mentions(art: Article, doc: Doc,
                   entities: list[Entity]) -> list[tuple[str | None, int, int]]:
    """(entity id or None, start, end) of PERSON names in the article (not the role
    nouns and pronouns resolution linked to a person: "the official", "she")."""
    out: list[tuple[str | None, int, int]] = [
        (e.id, m.span.start, m.span.end) for e in entities if e.label == "PERSON"
           for m in e.mentions
           if m.span.article_id == art.id and m.label not in REFERENCE_KINDS]
    if out:
        return out
    return [(None, ent.start_char, ent.end_char) for ent in doc.ents
            if ent.label_ == "PERSON" and not any(ch.isdigit() for ch in ent.text)]


class _Keys:
    """Fallback clustering of person names across articles by spelling similarity."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.full: dict[str, str] = {}  # squashed full name -> key

    def key(self, name: str, article_names: list[str]) -> str:
        toks = [t for t in name.replace("-", " ").split() if t]
        if len(toks) == 1:  # a surname alone: the article's full name containing it
            for full in article_names:
                if toks[0].lower() in full.lower().replace("-", " ").split():
                    return self.key(full, [])
        sq = squash(name)
        for known, key in self.full.items():
            if known == sq or fuzz.ratio(known, sq) >= self.threshold:
                return key
        self.full[sq] = f"person:{sq}"
        return self.full[sq]


def _role_of(tok: Token, person_toks: set[int], roles: set[str]) -> Token | None:
    """The common noun an apposition gives a person (either attachment direction).

    "X, a researcher of Y": the role is an appos child of the name.  "an
    official with Y, X": the name hangs (as appos) under the role's phrase, so
    walk up; that direction only accepts known role nouns, since a name can
    also be the apposition of an unrelated phrase.
    """
    for child in tok.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.text.isalpha():
            return child
    if tok.dep_ != "appos":
        return None
    cur = tok
    for _ in range(4):
        if cur.head is cur:
            break
        cur = cur.head
        if cur.pos_ == "NOUN" and cur.i not in person_toks:
            return cur if cur.lower_ in roles else None
        if cur.dep_ not in ("appos", "pobj", "prep", "compound"):
            break
    return None


def _affiliation(role: Token, person_toks: set[int], art_id: str) -> tuple[str, Span | None]:
    """The organisation in the role's prepositional phrase ("of the Institute ...")."""
    for prep in role.children:
        if prep.dep_ != "prep" or prep.lower_ not in _PREPS:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            toks = [t for t in pobj.subtree if t.i not in person_toks]
            cut = min((t.i for t in pobj.subtree if t.i in person_toks), default=None)
            if cut is not None:
                toks = [t for t in toks if t.i < cut]
            while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
                toks.pop()
            if toks:
                doc = role.doc
                s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
                return doc.text[s:e], Span(art_id, s, e)
    return "", None


def _add_names(art: Article, doc: Doc, entities: list[Entity], keys: _Keys,
               people: dict[str, Person], roles: set[str]) -> None:
    found = _name_mentions(art, doc, entities)
    texts = [art.body[s:e] for _, s, e in found if len(art.body[s:e].split()) > 1]
    for ent_id, s, e in sorted(found, key=lambda x: x[1]):
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        key = ent_id or keys.key(art.body[s:e], texts)
        person = people.setdefault(key, Person(key))
        person.refs.append(Ref(art.id, Span(art.id, s, e), art.body[s:e], "name", span.root.i))
        role = _role_of(span.root, {t.i for t in span}, roles)
        if role is None:
            continue
        aff, aff_span = _affiliation(role, {t.i for t in span}, art.id)
        person.refs.append(Ref(art.id, Span(art.id, role.idx, role.idx + len(role.text)),
                               role.text, "role", role.i, role.lower_, aff, aff_span))
        roles.add(role.lower_)


def speech_verb(word: str) -> bool:
    """Whether ``word`` is a form of a reporting verb of the lexicon."""
    from newstrace.compare.lexicon import load

    return load().verb_stance(word) is not None


def _pronoun_target(tok: Token, anchors: list[tuple[int, str]], named: set[int]) -> str | None:
    """The one person a he/she can refer to, or None when that is not clear.

    Clear means: exactly one known person is referred to between the start of
    the previous sentence and the pronoun, and no other proper-noun speaker
    (a name the NER missed, "X said") stands before it in its own sentence.
    """
    doc = tok.doc
    prev_start = doc[tok.sent.start - 1].sent.start if tok.sent.start > 0 else tok.sent.start
    keys = {k for i, k in anchors if prev_start <= i < tok.i}
    if len(keys) != 1:
        return None
    gender = PRONOUN_GENDER[tok.lower_]
    for t in doc[prev_start:tok.sent.end]:
        if t.i != tok.i and t.lower_ in OTHER_GENDER_WORDS[gender]:
            return None  # someone of the other gender is in play ("his wife ... she")
    for t in doc[tok.sent.start:tok.i]:
        if (t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN" and t.i not in named
                and speech_verb(t.head.text)):
            return None
    return keys.pop()


def _later_refs(art: Article, doc: Doc, people: dict[str, Person], roles: set[str]) -> None:
    """Definite role nouns ("the official") and he/she, linked to the last named person."""
    anchors = sorted((r.token, p.key) for p in people.values() for r in p.refs
                     if r.article_id == art.id and r.kind in ("name", "role"))
    named = {t.i for p in people.values() for r in p.refs if r.article_id == art.id
             for t in doc.char_span(r.span.start, r.span.end, alignment_mode="expand") or []}
    taken = {r.token for p in people.values() for r in p.refs if r.article_id == art.id}
    for tok in doc:
        if tok.i in taken:
            continue
        target: str | None = None
        if (tok.pos_ == "NOUN" and tok.lower_ in roles and _subject_like(tok)
                and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children)
                and not any(c.dep_ in ("prep", "appos") for c in tok.children)):
            kind, value = "reference", tok.lower_
            before = [k for i, k in anchors if i < tok.i]
            target = before[-1] if before else None
        elif tok.lower_ in PRONOUN_GENDER and tok.dep_ in ("nsubj", "nsubjpass"):
            kind, value = "pronoun", PRONOUN_GENDER[tok.lower_]
            target = _pronoun_target(tok, anchors, named)
        if target is None:
            continue
        start = min(t.idx for t in tok.subtree) if kind == "reference" else tok.idx
        end = tok.idx + len(tok.text)
        people[target].refs.append(Ref(art.id, Span(art.id, start, end), art.body[start:end],
                                       kind, tok.i, value))
        anchors.append((tok.i, target))
        anchors.sort()


def find_people(articles: list[Article], docs: dict[str, Doc], entities: list[Entity],
                role_nouns: frozenset[str], name_threshold: float = 85.0) -> list[Person]:
    """Every person named in the articles, with names, roles, references and pronouns."""
    keys = _Keys(name_threshold)
    people: dict[str, Person] = {}
    roles = set(role_nouns)
    for art in articles:
        _add_names(art, docs[art.id], entities, keys, people, roles)
    for art in articles:
        _later_refs(art, docs[art.id], people, roles)
    for p in people.values():
        p.refs.sort(key=lambda r: (r.article_id, r.span.start))
    return list(people.values())


def person_at(people: list[Person], article_id: str, token: int) -> Person | None:
    """The person whose reference has head token ``token`` in the article."""
    for p in people:
        for r in p.refs:
            if r.token == token and r.article_id == article_id:
                return p
    return None
