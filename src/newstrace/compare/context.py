"""Everything the compare modules share about one event, computed once.

Which origin each article is compared with (its root in the provenance
graph), each article's claims and parse, claim alignments with the origin,
and the people of the event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newstrace.compare.claims import Alignment, Claim, align, claim_vectors, extract_claims
from newstrace.compare.lexicon import Lexicon
from newstrace.compare.lexicon import load as load_lexicon
from newstrace.compare.persons import Person, find_people
from newstrace.model import Mention, Passage, Span, iso_date

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newstrace.config import Section
    from newstrace.model import Article, Entity, Event, Provenance, Quote, QuoteCheck


@dataclass
class EventContext:
    event: Event
    articles: dict[str, Article]
    docs: dict[str, Doc]
    origin_of: dict[str, str]  # derived article id -> the origin it is compared with
    claims: dict[str, list[Claim]]
    alignments: dict[str, Alignment]  # derived article id -> alignment with its origin
    people: list[Person]
    lexicon: Lexicon
    cfg: Section
    quotes: dict[str, list[Quote]] = field(default_factory=dict)
    checks: list[QuoteCheck] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)

    def __post_init__(self) -> None:
        # indexes over the people, so per-article look-ups stay linear in event size
        self.memo: dict[tuple[str, ...], object] = {}  # per-event caches of the modules
        self.person_refs: dict[str, list[tuple[str, Span]]] = {}
        self.person_articles: dict[str, set[str]] = {}
        for p in self.people:
            for r in p.refs:
                self.person_refs.setdefault(r.article_id, []).append((p.key, r.span))
                self.person_articles.setdefault(p.key, set()).add(r.article_id)

    def label(self, article_id: str) -> str:
        return self.articles[article_id].label

    def base_date(self, article_id: str) -> dt.date | None:
        """The article's own date, else its origin's (to resolve "Monday", "May 14")."""
        own = iso_date(self.articles[article_id].published)
        if own is None and article_id in self.origin_of:
            own = iso_date(self.articles[self.origin_of[article_id]].published)
        return own

    @property
    def derived(self) -> list[str]:
        return [a for a in self.event.article_ids if a in self.origin_of]

    def quote(self, text: str, limit: int = 90) -> str:
        """Text shortened for a readable statement."""
        text = " ".join(text.split())
        return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def origins_by_article(event: Event, provenance: Provenance) -> dict[str, str]:
    """For each non-origin article of the event, the origin it descends from."""
    origins = [o for o in provenance.origins if o in event.article_ids]
    if not origins:
        return {}
    parents: dict[str, list[str]] = {}
    for edge in provenance.edges:
        parents.setdefault(edge.target, []).append(edge.source)
    out: dict[str, str] = {}
    for aid in event.article_ids:
        if aid in origins:
            continue
        seen, todo, root = {aid}, [aid], origins[0]
        while todo:
            cur = todo.pop()
            if cur in origins:
                root = cur
                break
            for p in parents.get(cur, []):
                if p not in seen:
                    seen.add(p)
                    todo.append(p)
        out[aid] = root
    return out


def _mentions(entities: list[Entity]) -> dict[str, list[Mention]]:
    by_article: dict[str, list[Mention]] = {}
    for ent in entities:
        for m in ent.mentions:
            by_article.setdefault(m.span.article_id, []).append(m)
    return by_article


def build(event: Event, provenance: Provenance, quotes: dict[str, list[Quote]],
          checks: list[QuoteCheck], entities: list[Entity],
          articles_by_id: dict[str, Article], cfg: Section) -> EventContext:
    """Parse, split into claims and align every article of the event with its origin."""
    from newstrace.nlp import parse

    arts = [articles_by_id[a] for a in event.article_ids if a in articles_by_id]
    # In an event task these are the per-article stage's parses, restored (nlp.restored).
    docs = parse(arts)
    lex = load_lexicon()
    mentions = _mentions(entities)
    claims = {a.id: extract_claims(a, docs[a.id], mentions.get(a.id, []),
                                   cfg.int("claim_min_words")) for a in arts}
    origin_of = {d: o for d, o in origins_by_article(event, provenance).items()
                 if d in claims and o in claims}
    passages: dict[tuple[str, str], list[Passage]] = {}
    for edge in provenance.edges:
        passages.setdefault((edge.source, edge.target), []).extend(edge.passages)
    vecs = {aid: claim_vectors(cl) for aid, cl in claims.items() if cl}
    alignments = {d: align(claims[o], claims[d], passages.get((o, d), []),
                           vecs.get(o), vecs.get(d)) for d, o in origin_of.items()}
    people = find_people(arts, docs, entities, lex.roles, cfg.float("name_variant_ratio"))
    return EventContext(event, {a.id: a for a in arts}, docs, origin_of, claims, alignments,
                        people, lex, cfg, quotes, checks, entities)
