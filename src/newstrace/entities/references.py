"""Pronouns and role nouns that refer back to a resolved entity.

After names are clustered, two kinds of reference are linked to them, both
within one article and only where the evidence is local and strong:

* a personal pronoun ("he", "she", "him", "her", "his") joins the person
  named last before it, when that name is in the same or the previous
  sentence and no other person is named between (a hand-written recency
  rule: the small spaCy pipeline has no coreference component);
* a definite role noun ("the actress", "the company", "the agency") joins the
  one entity of the article whose roles (appositions, titles) or name end in
  that noun, or, for organisations, whose name contains it.

References are kept as mentions with label ``PRON`` or ``NOM``; they add no
surface form and never change a name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from newstrace.entities.names import plain
from newstrace.model import Entity, Mention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PERSONAL = frozenset({"he", "she", "him", "her", "his", "himself", "herself"})
_ROLE_STOP = frozenset({"the", "a", "an", "of", "for", "with", "at", "in", "and", "on", "to",
                        "its", "his", "her", "their", "who", "which", "that", "former"})


def _by_article(ents: list[Entity]) -> dict[str, list[tuple[int, int, Entity]]]:
    """Each article's mentions as (start, end, entity), in text order (one pass over all)."""
    out: dict[str, list[tuple[int, int, Entity]]] = defaultdict(list)
    for e in ents:
        for m in e.mentions:
            out[m.span.article_id].append((m.span.start, m.span.end, e))
    for spans in out.values():
        spans.sort(key=lambda x: (x[0], x[1]))
    return out


def _pronoun_target(tok: Token, people: list[tuple[int, int, str]]) -> str | None:
    """The person named last before ``tok`` in this or the previous sentence, if unambiguous."""
    sent = tok.sent
    doc = tok.doc
    prev_start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    floor = doc[prev_start].idx
    before = [p for p in people if floor <= p[0] and p[1] <= tok.idx]
    if not before:
        return None
    last = before[-1][2]
    # Another person named in the same window makes "he"/"she" ambiguous.
    if any(p[2] != last for p in before):
        return None
    return last


def _role_nouns(present: Iterable[Entity]) -> dict[str, set[str]]:
    """Head nouns naming each entity of one article: role heads and the name's last word."""
    out: dict[str, set[str]] = defaultdict(set)
    for e in present:
        for role in e.roles:
            words = [w for w in plain(role).split() if w.isalpha() and w not in _ROLE_STOP]
            if words:
                out[words[-1]].add(e.id)
        if e.label in ("ORG", "FAC"):
            for form in e.forms:
                words = plain(form).split()
                if len(words) > 1:
                    out[words[-1]].add(e.id)
    return out


def _bare_definite(tok: Token) -> bool:
    """'the <noun>' and nothing more: not 'the secretary general of X', not 'the agency
    chief' (there the noun names someone else or is not the head)."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.i == 0 or tok.doc[tok.i - 1].lower_ != "the":
        return False
    if tok.dep_ in ("compound", "amod", "nmod"):
        return False
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and (nxt.lower_ == "of" or nxt.pos_ in ("NOUN", "PROPN", "ADJ")):
        return False
    return not any(c.dep_ in ("prep", "amod", "compound", "appos") for c in tok.rights)


def link_references(ents: list[Entity], docs: dict[str, Doc], *, pronouns: bool = True,
                    role_nouns: bool = True) -> None:
    """Add pronoun and role-noun mentions to ``ents`` (in place)."""
    by_id = {e.id: e for e in ents}
    spans = _by_article(ents)
    for aid, doc in docs.items():
        here = spans.get(aid, [])
        people = [(a, b, e.id) for a, b, e in here if e.label == "PERSON"]
        nouns = _role_nouns({e.id: e for _, _, e in here}.values()) if role_nouns else {}
        taken = {a for a, _, _ in here}
        for tok in doc:
            target, label = None, ""
            low = tok.lower_
            if pronouns and tok.pos_ == "PRON" and low in _PERSONAL and people:
                target, label = _pronoun_target(tok, people), "PRON"
            elif role_nouns and _bare_definite(tok) and len(nouns.get(low, ())) == 1:
                target, label = next(iter(nouns[low])), "NOM"
            if target is None or tok.idx in taken:
                continue
            m = Mention(Span(aid, tok.idx, tok.idx + len(tok.text)), tok.text, label,
                        entity_id=target)
            by_id[target].mentions.append(m)
